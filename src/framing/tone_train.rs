//! Training and scoring the tone scorers on human-coded targets.
//!
//! `scripts/train_tone.sh` runs `examples/train_tone.rs`, which uses this
//! module to read NewsMTSC's `train.jsonl`, choose the lexicon scorer's
//! settings and the model's regularisation on a fixed 80/20 split of it (by
//! sentence, so that the targets of one sentence fall on one side), then
//! train the model on all of it and write `src/framing/tone_model.bin`.
//! Everything is deterministic: a fixed seed for the split and for the order
//! of the examples, plain stochastic gradient descent in `f64`, and one
//! thread, so the script regenerates the shipped file byte for byte.

use std::path::Path;

use super::sentiment::Vader;
use super::tone::{cut, Context, Lexicon, Polarity, ToneModel, DENSE};
use crate::error::{Error, Result};

/// One coded target: a sentence, the byte span of the target in it, and
/// its polarity.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The sentence.
    pub sentence: String,
    /// First byte of the target.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The coded polarity.
    pub polarity: Polarity,
    /// The sentence's 0-based line in its file (targets of one sentence
    /// share it).
    pub group: usize,
}

/// Reads a NewsMTSC file (`sentence_normalized`, and `targets` with
/// `from`/`to` character offsets and `polarity` 2, 4 or 6); the offsets are
/// turned into byte offsets.
pub fn read_newsmtsc(path: &Path) -> Result<Vec<Example>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i as u64 + 1;
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::syntax(path, "JSON Lines", Some(n), e.to_string()))?;
        let sentence = v["sentence_normalized"].as_str().ok_or_else(|| Error::field(path, Some(n), "sentence_normalized", "missing or not a string"))?;
        // Byte offset of each character index, and of the end.
        let bytes: Vec<usize> = sentence.char_indices().map(|(b, _)| b).chain([sentence.len()]).collect();
        let targets = v["targets"].as_array().ok_or_else(|| Error::field(path, Some(n), "targets", "missing or not a list"))?;
        for (k, t) in targets.iter().enumerate() {
            let field = |f: &str| format!("targets[{k}].{f}");
            let get = |f: &str| t[f].as_u64().map(|x| x as usize).ok_or_else(|| Error::field(path, Some(n), field(f), "missing or not a whole number"));
            let (from, to) = (get("from")?, get("to")?);
            if from >= to || to >= bytes.len() {
                return Err(Error::field(path, Some(n), field("to"), format!("{from}..{to} is not a span of the {}-character sentence", bytes.len() - 1)));
            }
            let polarity = match t["polarity"].as_f64() {
                Some(p) if p == 2.0 => Polarity::Negative,
                Some(p) if p == 4.0 => Polarity::Neutral,
                Some(p) if p == 6.0 => Polarity::Positive,
                _ => return Err(Error::field(path, Some(n), field("polarity"), "not 2, 4 or 6")),
            };
            out.push(Example { sentence: sentence.to_string(), start: bytes[from], end: bytes[to], polarity, group: i });
        }
    }
    Ok(out)
}

/// SplitMix64: a small, fixed pseudo-random sequence.
#[derive(Clone, Debug)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A sequence from a seed.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }

    /// Shuffles a slice (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Splits examples by sentence: `share` of the sentences (shuffled with
/// `seed`) in the first part, the rest in the second.
pub fn split(examples: &[Example], share: f64, seed: u64) -> (Vec<Example>, Vec<Example>) {
    let mut groups: Vec<usize> = examples.iter().map(|e| e.group).collect();
    groups.dedup();
    groups.sort_unstable();
    groups.dedup();
    SplitMix::new(seed).shuffle(&mut groups);
    let cut = (groups.len() as f64 * share).round() as usize;
    let first: std::collections::HashSet<usize> = groups[..cut].iter().copied().collect();
    examples.iter().cloned().partition(|e| first.contains(&e.group))
}

/// Macro F1 over the three classes (a class with no gold and no predicted
/// item counts F1 0, as scikit-learn does), and accuracy.
pub fn macro_f1(gold: &[Polarity], pred: &[Polarity]) -> (f64, f64) {
    assert_eq!(gold.len(), pred.len(), "one prediction per gold label");
    let mut f1 = 0.0;
    for c in Polarity::ALL {
        let tp = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p == c).count() as f64;
        let ng = gold.iter().filter(|g| **g == c).count() as f64;
        let np = pred.iter().filter(|p| **p == c).count() as f64;
        if ng + np > 0.0 {
            f1 += 2.0 * tp / (ng + np);
        }
    }
    let acc = gold.iter().zip(pred).filter(|(g, p)| g == p).count() as f64 / gold.len().max(1) as f64;
    (f1 / 3.0, acc)
}

/// The contexts of the examples (computed once; they do not depend on any
/// setting), in the sentence newsframe's segmenter puts each target in.
pub fn contexts(vader: &Vader, examples: &[Example]) -> Vec<Context> {
    examples.iter().map(|e| super::tone::context_in(vader, &e.sentence, e.start, e.end)).collect()
}

/// The lexicon settings with the best macro F1 on the examples, from a
/// fixed grid (ties: the first in grid order), and that F1.
pub fn tune_lexicon(contexts: &[Context], gold: &[Polarity]) -> (Lexicon, f64) {
    let mut best = (Lexicon::default(), f64::NEG_INFINITY);
    for decay in [1.0, 2.0, 3.0, 5.0, 8.0, 1000.0] {
        for other_clause in [0.0, 0.25, 0.5, 1.0] {
            let lex = Lexicon { decay, other_clause, threshold: 0.0 };
            let scores: Vec<f64> = contexts.iter().map(|c| lex.score(c)).collect();
            for threshold in [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3] {
                let pred: Vec<Polarity> = scores.iter().map(|&s| cut(s, threshold)).collect();
                let (f1, _) = macro_f1(gold, &pred);
                if f1 > best.1 {
                    best = (Lexicon { decay, other_clause, threshold }, f1);
                }
            }
        }
    }
    best
}

/// The settings of [`train`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    /// Passes over the examples.
    pub epochs: usize,
    /// The initial learning rate.
    pub eta0: f64,
    /// The L2 penalty per example.
    pub lambda: f64,
    /// The seed of the example order.
    pub seed: u64,
    /// Independent runs of SGD, each over its own order of the examples
    /// (seeds `seed`, `seed + 1`, ...), whose final weights are averaged.
    pub runs: u64,
}

/// The features of one example as (index, value) pairs over one class's
/// weights: hashed buckets, then the dense features, then the bias.
fn features(c: &Context, bits: u32) -> Vec<(usize, f64)> {
    let h = 1usize << bits;
    let mut f: Vec<(usize, f64)> = c.hashed(bits).into_iter().map(|(b, x)| (b as usize, x)).collect();
    f.extend(c.dense().iter().enumerate().map(|(j, &x)| (h + j, x)));
    f.push((h + DENSE, 1.0));
    f
}

/// Trains the multinomial logistic regression by stochastic gradient
/// descent (learning rate `eta0 / (1 + eta0 · lambda · t)`, L2 by weight
/// scaling, classes weighted inversely to their frequency), `cfg.runs`
/// times over different orders of the examples, and averages the weights
/// of the runs (an ensemble of SGD runs: the average varies less with the
/// order of the examples than one run's weights do).
pub fn train(contexts: &[Context], gold: &[Polarity], cfg: &TrainConfig) -> ToneModel {
    let dim = (1usize << cfg.bits) + DENSE + 1;
    let feats: Vec<Vec<(usize, f64)>> = contexts.iter().map(|c| features(c, cfg.bits)).collect();
    let runs = cfg.runs.max(1);
    let mut sum = vec![0.0f64; 3 * dim];
    for r in 0..runs {
        for (s, w) in sum.iter_mut().zip(sgd(&feats, gold, dim, &TrainConfig { seed: cfg.seed + r, ..*cfg })) {
            *s += w;
        }
    }
    ToneModel { bits: cfg.bits, weights: sum.iter().map(|w| (w / runs as f64) as f32).collect() }
}

/// One run of SGD over the examples' features; the weights.
fn sgd(feats: &[Vec<(usize, f64)>], gold: &[Polarity], dim: usize, cfg: &TrainConfig) -> Vec<f64> {
    let n = gold.len() as f64;
    let counts = Polarity::ALL.map(|c| gold.iter().filter(|g| **g == c).count().max(1) as f64);
    let class_weight = counts.map(|k| n / (3.0 * k));
    let mut v = vec![0.0f64; 3 * dim];
    let mut scale = 1.0f64;
    let mut order: Vec<usize> = (0..gold.len()).collect();
    let mut rng = SplitMix::new(cfg.seed);
    let mut t = 0.0f64;
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            t += 1.0;
            let eta = cfg.eta0 / (1.0 + cfg.eta0 * cfg.lambda * t);
            scale *= 1.0 - eta * cfg.lambda;
            if scale < 1e-9 {
                for w in &mut v {
                    *w *= scale;
                }
                scale = 1.0;
            }
            let mut z = [0.0; 3];
            for (k, zk) in z.iter_mut().enumerate() {
                *zk = scale * feats[i].iter().map(|&(j, x)| v[k * dim + j] * x).sum::<f64>();
            }
            let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            let e = z.map(|x| (x - m).exp());
            let s: f64 = e.iter().sum();
            let y = gold[i].index();
            for k in 0..3 {
                let g = class_weight[y] * (e[k] / s - if k == y { 1.0 } else { 0.0 });
                for &(j, x) in &feats[i] {
                    v[k * dim + j] -= eta * g * x / scale;
                }
            }
        }
    }
    v.iter().map(|w| w * scale).collect()
}

/// The model's predictions for the contexts.
pub fn predict(model: &ToneModel, contexts: &[Context]) -> Vec<Polarity> {
    contexts
        .iter()
        .map(|c| {
            let p = model.probabilities(c);
            Polarity::ALL[(0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b })]
        })
        .collect()
}

/// The seed of the split and of the example order.
pub const SEED: u64 = 20241127;

/// log2 of the shipped model's hash buckets (chosen by 5-fold
/// cross-validation of train.jsonl, `examples/tone_cv.rs`).
pub const BITS: u32 = 17;

/// SGD runs averaged into the shipped model (chosen likewise).
pub const RUNS: u64 = 5;

/// The whole training run of `scripts/train_tone.sh`: reads NewsMTSC's
/// `train.jsonl`, chooses the lexicon settings and the model's learning
/// rate and penalty on a fixed 80/20 split by sentence, trains on all of
/// it with the chosen settings, and returns the model's bytes. What it
/// chooses and how each choice scored goes to `log`.
pub fn train_newsmtsc(path: &Path, log: &mut dyn std::io::Write) -> Result<Vec<u8>> {
    let all = read_newsmtsc(path)?;
    let (fit, tune) = split(&all, 0.8, SEED);
    let vader = Vader::new();
    let gold = |v: &[Example]| v.iter().map(|e| e.polarity).collect::<Vec<Polarity>>();
    let (c_fit, c_tune) = (contexts(&vader, &fit), contexts(&vader, &tune));
    let (g_fit, g_tune) = (gold(&fit), gold(&tune));
    let _ = writeln!(log, "{} targets: {} to fit, {} to tune (split by sentence, seed {SEED})", all.len(), fit.len(), tune.len());
    let (lex, f1_fit) = tune_lexicon(&c_fit, &g_fit);
    let pred: Vec<Polarity> = c_tune.iter().map(|c| cut(lex.score(c), lex.threshold)).collect();
    let _ = writeln!(log, "lexicon: best on the fitting part {lex:?} (macro F1 {f1_fit:.3}); on the tuning part macro F1 {:.3}", macro_f1(&g_tune, &pred).0);
    let mut best: Option<(TrainConfig, f64)> = None;
    for eta0 in [0.1, 0.5] {
        for lambda in [1e-5, 3e-5, 1e-4] {
            let cfg = TrainConfig { bits: BITS, epochs: 15, eta0, lambda, seed: SEED, runs: RUNS };
            let m = ToneModel::from_bytes(&train(&c_fit, &g_fit, &cfg).to_bytes())?;
            let (f1, acc) = macro_f1(&g_tune, &predict(&m, &c_tune));
            let _ = writeln!(log, "model eta0 {eta0} lambda {lambda:e}: tuning part macro F1 {f1:.3}, accuracy {acc:.3}");
            if best.is_none_or(|b| f1 > b.1) {
                best = Some((cfg, f1));
            }
        }
    }
    let (cfg, f1) = best.expect("the grid is not empty");
    let _ = writeln!(log, "chosen {cfg:?} (tuning part macro F1 {f1:.3}); training on all {} targets", all.len());
    let mut c_all = c_fit;
    c_all.extend(c_tune);
    let mut g_all = g_fit;
    g_all.extend(g_tune);
    Ok(train(&c_all, &g_all, &cfg).to_bytes())
}
