//! Frames per document: a decision calibrated on human coding, the
//! evidence behind each pattern, and rates with intervals.
//!
//! A dictionary count says how often a frame's cue words occur; it does not
//! say whether a human coder would call the article framed that way. This
//! module turns counts into per-document decisions and says how well those
//! decisions agree with trained coders:
//!
//! - [`frame_decisions`]: one row per document and frame, `doc_id, frame,
//!   rule, n_matches, per_1000_words, score, threshold, present`. For the
//!   five frames of the shipped [`FrameModel`] (conflict, human interest,
//!   economic consequences, morality, resolution) `present` comes from an
//!   L2-regularised logistic regression over the dictionary counts and a
//!   vocabulary of 300 words, trained on the Narrative Frames Corpus
//!   (Frermann et al., ACL 2023: 285 US climate-change articles, each coded
//!   for the five frames) with a decision threshold chosen by
//!   cross-validation (`rule = "calibrated"`). For any other category the
//!   rule is "present when the dictionary matches at least once"
//!   (`rule = "matches_once"`, uncalibrated: `score` and `threshold` are
//!   null). The cross-validated precision, recall and F1 of both rules are
//!   in the model file and in `VALIDATION.md`. The coding is of climate
//!   coverage: on other topics (the seed articles are about a state visit)
//!   the figures are an expectation, not a measurement.
//! - [`pattern_evidence`]: per pattern, how many documents and matches
//!   support it, flagging the patterns whose only evidence is one article,
//!   and the share of each category's matches that come from such patterns.
//! - [`frame_rates`]: per group and category, `n`, `n_words`,
//!   `per_1000_words` and its exact 95% Poisson interval.
//!
//! Training ([`train`], [`cross_validate`]) is deterministic: folds come from
//! a fixed seed, the optimiser runs a fixed number of steps, and the
//! transcendental functions come from `libm`, so `scripts/train_frames.sh`
//! regenerates `dictionaries/generic_frames_model.json` byte for byte.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{columns, Corpus};
use crate::dictionary::{Dictionary, Lookup, CATEGORY};
use crate::error::{Error, Result};
use crate::tokens::Tokenizer;

/// The shipped model, trained by `scripts/train_frames.sh`.
const SHIPPED_MODEL: &str = include_str!("../../dictionaries/generic_frames_model.json");

/// The rule of a calibrated decision.
pub const CALIBRATED: &str = "calibrated";
/// The rule "present when the dictionary matches at least once".
pub const MATCHES_ONCE: &str = "matches_once";

/// A dictionary category the model reads, as it was when it was trained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCues {
    /// The category name.
    pub name: String,
    /// Its patterns, as written.
    pub patterns: Vec<String>,
    /// Whether its cues after a negator were left out.
    pub negation: bool,
}

/// Cross-validated agreement with the human coders, for one frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Documents scored.
    pub n: usize,
    /// Documents the coders marked as having the frame.
    pub positives: usize,
    /// The calibrated rule: precision, recall and F1.
    pub precision: f64,
    /// See `precision`.
    pub recall: f64,
    /// See `precision`.
    pub f1: f64,
    /// The rule "present when the dictionary matches once": precision.
    pub baseline_precision: f64,
    /// Its recall.
    pub baseline_recall: f64,
    /// Its F1.
    pub baseline_f1: f64,
}

/// One frame's classifier: `score = sigmoid(bias + weights · features)`,
/// `present = score >= threshold`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameWeights {
    /// The frame (a category of the dictionary).
    pub frame: String,
    /// The label column it was trained on (`CO`, `HI`, ...).
    pub label: String,
    /// The intercept.
    pub bias: f64,
    /// One weight a feature (see [`FrameModel`] for the layout).
    pub weights: Vec<f64>,
    /// The decision threshold on the score.
    pub threshold: f64,
    /// Cross-validated agreement with the coders, when measured.
    pub agreement: Option<Agreement>,
}

/// How a model was trained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Cross-validation folds (outer, and inner for the threshold).
    pub folds: usize,
    /// The seed of the fold assignment.
    pub seed: u64,
    /// Vocabulary size: the words in most training documents.
    pub vocabulary: usize,
    /// A vocabulary word is in at least this many training documents...
    pub min_docs: usize,
    /// ... and in at most this share of them.
    pub max_doc_share: f64,
    /// The L2 penalty (on standardised features; the intercept is free).
    pub lambda: f64,
    /// Optimiser steps (Nesterov-accelerated gradient descent).
    pub steps: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig { folds: 5, seed: 20_241_127, vocabulary: 300, min_docs: 5, max_doc_share: 0.5, lambda: 3.0, steps: 400 }
    }
}

/// A calibrated frame model.
///
/// Features, in order: for each of `categories`, `ln(1 + n)` and
/// `ln(1 + n per 1,000 words)`; then for each word of `vocabulary`,
/// `ln(1 + count)`. Words are [`Tokenizer::words`] terms with the English
/// stopwords removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameModel {
    /// What it is and what it was trained on.
    pub description: String,
    /// The dictionary it reads (its `name`).
    pub dictionary: String,
    /// The categories it reads, as they were at training time.
    pub categories: Vec<CategoryCues>,
    /// The vocabulary.
    pub vocabulary: Vec<String>,
    /// How it was trained.
    pub config: TrainConfig,
    /// The frames.
    pub frames: Vec<FrameWeights>,
}

impl FrameModel {
    /// The model shipped in `dictionaries/generic_frames_model.json`.
    pub fn shipped() -> Result<FrameModel> {
        FrameModel::from_json_str("dictionaries/generic_frames_model.json", SHIPPED_MODEL)
    }

    /// Reads a model file.
    pub fn open(path: impl AsRef<Path>) -> Result<FrameModel> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        FrameModel::from_json_str(path, &text)
    }

    /// Parses a model; `path` names the source in errors.
    pub fn from_json_str(path: impl AsRef<Path>, text: &str) -> Result<FrameModel> {
        let path = path.as_ref();
        let m: FrameModel = serde_json::from_str(text).map_err(|e| Error::syntax(path, "JSON frame model", Some(e.line() as u64), e.to_string()))?;
        let width = 2 * m.categories.len() + m.vocabulary.len();
        for f in &m.frames {
            if f.weights.len() != width {
                return Err(Error::field(path, None, format!("frames `{}`.weights", f.frame), format!("{} weights for {width} features", f.weights.len())));
            }
            if !m.categories.iter().any(|c| c.name == f.frame) {
                return Err(Error::field(path, None, format!("frames `{}`", f.frame), "not one of the model's categories"));
            }
        }
        Ok(m)
    }

    /// The model as pretty JSON, with a final newline (what the training
    /// script writes).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a model serialises");
        s.push('\n');
        s
    }

    /// Whether the model can read this dictionary: `Ok(true)` when the
    /// dictionary has every category the model reads, with the same
    /// patterns and negation setting; `Ok(false)` when it has none of them
    /// under the model's dictionary name; an error when it is an edited copy
    /// of the model's dictionary (the calibration would no longer hold).
    fn reads(&self, dictionary: &Dictionary) -> Result<bool> {
        let mut differ = vec![];
        for c in &self.categories {
            match dictionary.categories.iter().find(|k| k.name == c.name) {
                Some(k) if k.entries.iter().map(|e| e.pattern.as_str()).eq(c.patterns.iter().map(String::as_str)) && k.negation == c.negation => {}
                Some(_) => differ.push(format!("`{}` has other cues", c.name)),
                None => differ.push(format!("`{}` is missing", c.name)),
            }
        }
        if differ.is_empty() {
            return Ok(true);
        }
        if dictionary.name == self.dictionary {
            return Err(Error::argument(format!(
                "dictionary `{}` differs from the one the frame model was calibrated on ({}); retrain it with scripts/train_frames.sh, or rename the dictionary to get the uncalibrated `matches_once` rule",
                dictionary.name,
                differ.join(", ")
            )));
        }
        Ok(false)
    }
}

/// What the features of one document are made of.
#[derive(Clone, Debug)]
struct DocCounts {
    /// Matches per dictionary category (dictionary order).
    n: Vec<u64>,
    /// Words looked at.
    n_words: u64,
    /// Word counts (stopwords removed).
    terms: HashMap<String, u32>,
}

fn doc_counts(corpus: &Corpus, lookup: &Lookup) -> Result<Vec<DocCounts>> {
    let ncat = lookup.dictionary().categories.len();
    let mut out: Vec<DocCounts> = lookup.n_words().iter().map(|&w| DocCounts { n: vec![0; ncat], n_words: w, terms: HashMap::new() }).collect();
    for m in lookup.matches() {
        out[m.doc].n[m.category] += 1;
    }
    let tokenizer = Tokenizer::words().remove_stopwords("en")?;
    for (d, doc) in corpus.docs().iter().enumerate() {
        tokenizer.for_each_term(&doc.text, |_, _, _, term| {
            if is_word(term) {
                *out[d].terms.entry(term.to_owned()).or_default() += 1;
            }
        });
    }
    Ok(out)
}

/// A vocabulary word: two letters or more, letters, hyphens and apostrophes
/// only.
fn is_word(term: &str) -> bool {
    term.chars().filter(|c| c.is_alphabetic()).count() >= 2 && term.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

fn per_1000(n: u64, words: u64) -> f64 {
    if words == 0 { 0.0 } else { 1000.0 * n as f64 / words as f64 }
}

/// The feature vector of a document (see [`FrameModel`]); `cats` are the
/// dictionary indices of the model's categories.
fn features(d: &DocCounts, cats: &[usize], vocabulary: &[String]) -> Vec<f64> {
    let mut x = Vec::with_capacity(2 * cats.len() + vocabulary.len());
    for &c in cats {
        x.push(libm::log1p(d.n[c] as f64));
        x.push(libm::log1p(per_1000(d.n[c], d.n_words)));
    }
    for w in vocabulary {
        x.push(libm::log1p(d.terms.get(w).copied().unwrap_or(0) as f64));
    }
    x
}

fn sigmoid(s: f64) -> f64 {
    if s >= 0.0 { 1.0 / (1.0 + libm::exp(-s)) } else { let e = libm::exp(s); e / (1.0 + e) }
}

fn score(bias: f64, w: &[f64], x: &[f64]) -> f64 {
    sigmoid(bias + w.iter().zip(x).map(|(a, b)| a * b).sum::<f64>())
}

/// L2-regularised logistic regression with class-balanced weights, on
/// standardised features; returns `(bias, weights)` on the raw features.
fn fit(x: &[Vec<f64>], y: &[bool], lambda: f64, steps: usize) -> (f64, Vec<f64>) {
    let n = x.len();
    let p = x.first().map_or(0, Vec::len);
    let nf = n as f64;
    let mut mean = vec![0.0; p];
    for row in x {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v / nf;
        }
    }
    let mut sd = vec![0.0; p];
    for row in x {
        for ((s, v), m) in sd.iter_mut().zip(row).zip(&mean) {
            *s += (v - m) * (v - m) / nf;
        }
    }
    let sd: Vec<f64> = sd.into_iter().map(|s| if s > 1e-12 { libm::sqrt(s) } else { 1.0 }).collect();
    let z: Vec<Vec<f64>> = x.iter().map(|row| row.iter().zip(&mean).zip(&sd).map(|((v, m), s)| (v - m) / s).collect()).collect();
    let pos = y.iter().filter(|&&b| b).count();
    let (wp, wn) = if pos == 0 || pos == n { (1.0, 1.0) } else { (nf / (2.0 * pos as f64), nf / (2.0 * (n - pos) as f64)) };
    let c: Vec<f64> = y.iter().map(|&b| if b { wp } else { wn }).collect();
    // Lipschitz constant of the gradient: a quarter of the largest
    // eigenvalue of [1 z]' C [1 z] / n (power iteration), plus lambda.
    let mut v = vec![1.0; p + 1];
    let mut eig = 1.0;
    for _ in 0..100 {
        let mut out = vec![0.0; p + 1];
        for (row, ci) in z.iter().zip(&c) {
            let s = v[0] + row.iter().zip(&v[1..]).map(|(a, b)| a * b).sum::<f64>();
            out[0] += ci * s / nf;
            for (o, a) in out[1..].iter_mut().zip(row) {
                *o += ci * s * a / nf;
            }
        }
        let norm = libm::sqrt(out.iter().map(|a| a * a).sum::<f64>());
        if norm == 0.0 {
            break;
        }
        eig = norm / libm::sqrt(v.iter().map(|a| a * a).sum::<f64>());
        v = out.into_iter().map(|a| a / norm).collect();
    }
    let step = 1.0 / (0.25 * eig + lambda);
    let mut w = vec![0.0; p + 1];
    let mut look = w.clone();
    for t in 0..steps {
        let mut g = vec![0.0; p + 1];
        for ((row, &yi), ci) in z.iter().zip(y).zip(&c) {
            let r = ci * (sigmoid(look[0] + row.iter().zip(&look[1..]).map(|(a, b)| a * b).sum::<f64>()) - if yi { 1.0 } else { 0.0 }) / nf;
            g[0] += r;
            for (gj, a) in g[1..].iter_mut().zip(row) {
                *gj += r * a;
            }
        }
        for (gj, wj) in g[1..].iter_mut().zip(&look[1..]) {
            *gj += lambda * wj;
        }
        let next: Vec<f64> = look.iter().zip(&g).map(|(a, b)| a - step * b).collect();
        let mom = t as f64 / (t as f64 + 3.0);
        look = next.iter().zip(&w).map(|(a, b)| a + mom * (a - b)).collect();
        w = next;
    }
    let weights: Vec<f64> = w[1..].iter().zip(&sd).map(|(a, s)| a / s).collect();
    let bias = w[0] - weights.iter().zip(&mean).map(|(a, m)| a * m).sum::<f64>();
    (bias, weights)
}

/// Precision, recall and F1 of `pred` against `gold`; 0 where undefined.
pub fn prf(pred: &[bool], gold: &[bool]) -> (f64, f64, f64) {
    let tp = pred.iter().zip(gold).filter(|(p, g)| **p && **g).count() as f64;
    let pp = pred.iter().filter(|&&p| p).count() as f64;
    let gp = gold.iter().filter(|&&g| g).count() as f64;
    let p = if pp > 0.0 { tp / pp } else { 0.0 };
    let r = if gp > 0.0 { tp / gp } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// The thresholds tried: 0.05, 0.10, ..., 0.95.
fn thresholds() -> impl Iterator<Item = f64> {
    (1..20).map(|i| i as f64 / 20.0)
}

/// The threshold with the best F1 (the lowest of ties).
fn best_threshold(scores: &[f64], gold: &[bool]) -> f64 {
    let mut best = (f64::NEG_INFINITY, 0.5);
    for t in thresholds() {
        let pred: Vec<bool> = scores.iter().map(|&s| s >= t).collect();
        let f = prf(&pred, gold).2;
        if f > best.0 {
            best = (f, t);
        }
    }
    best.1
}

/// A splitmix64 stream: the fold assignment's random numbers.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Assigns `items` to `k` folds: a seeded Fisher–Yates shuffle, then
/// round-robin.
fn folds(items: &[usize], k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut v = items.to_vec();
    let mut s = seed;
    for i in (1..v.len()).rev() {
        let j = (splitmix(&mut s) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    let mut out = vec![vec![]; k];
    for (i, d) in v.into_iter().enumerate() {
        out[i % k].push(d);
    }
    for f in &mut out {
        f.sort_unstable();
    }
    out
}

/// Documents with human frame codes: the corpus, and for each frame the
/// label column it was read from and one code per document.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// The documents.
    pub corpus: Corpus,
    /// `(frame, label column, codes in corpus order)`.
    pub frames: Vec<(String, String, Vec<bool>)>,
}

/// What [`read_labelled_tsv`] left out, and why.
#[derive(Clone, Debug, Default)]
pub struct Skipped {
    /// `(line, id, reason)`.
    pub rows: Vec<(u64, String, String)>,
}

/// Reads a tab-separated file of coded documents (a header row; an id
/// column, a text column, and `True`/`False` columns named in `frames` as
/// `(frame, column)` pairs), such as the Narrative Frames Corpus'
/// `articles.tsv`. Rows with a missing or unreadable code are not guessed
/// at: they are left out and listed in the returned [`Skipped`].
pub fn read_labelled_tsv(path: impl AsRef<Path>, id_column: &str, text_column: &str, frames: &[(&str, &str)]) -> Result<(Labelled, Skipped)> {
    let path = path.as_ref();
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).from_path(path).map_err(|e| Error::syntax(path, "TSV", None, e.to_string()))?;
    let header = reader.headers().map_err(|e| Error::syntax(path, "TSV", Some(1), e.to_string()))?.clone();
    let col = |name: &str| header.iter().position(|h| h == name).ok_or_else(|| Error::field(path, Some(1), name, "no such column in the header"));
    let (id_i, text_i) = (col(id_column)?, col(text_column)?);
    let label_i = frames.iter().map(|(_, c)| col(c)).collect::<Result<Vec<_>>>()?;
    let mut jsonl = String::new();
    let mut codes: Vec<Vec<bool>> = vec![vec![]; frames.len()];
    let mut skipped = Skipped::default();
    let mut seen = std::collections::HashSet::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::syntax(path, "TSV", e.position().map(|p| p.line()), e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line());
        let id = rec.get(id_i).unwrap_or("").to_string();
        let mut row = vec![];
        let mut bad = None;
        for (k, &i) in label_i.iter().enumerate() {
            match rec.get(i).map(str::trim) {
                Some(v) if v.eq_ignore_ascii_case("true") => row.push(true),
                Some(v) if v.eq_ignore_ascii_case("false") => row.push(false),
                Some(v) => {
                    bad = Some(format!("column `{}` holds `{v}`, not True or False", frames[k].1));
                    break;
                }
                None => {
                    bad = Some(format!("no column `{}` (the row has {} fields)", frames[k].1, rec.len()));
                    break;
                }
            }
        }
        if let Some(reason) = bad {
            skipped.rows.push((line, id, reason));
            continue;
        }
        if !seen.insert(id.clone()) {
            return Err(Error::field(path, Some(line), id_column, format!("id `{id}` occurs twice")));
        }
        let text = rec.get(text_i).unwrap_or("");
        jsonl.push_str(&serde_json::json!({ "doc_id": id, "text": text }).to_string());
        jsonl.push('\n');
        for (k, v) in row.into_iter().enumerate() {
            codes[k].push(v);
        }
    }
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("newsframe-labelled-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let tmp = dir.join("labelled.jsonl");
    std::fs::write(&tmp, jsonl).map_err(|e| Error::io(&tmp, e))?;
    let corpus = Corpus::open(&tmp);
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = corpus?;
    let n_coded = codes.first().map_or(0, Vec::len);
    if corpus.len() != n_coded {
        return Err(Error::argument(format!("{}: {n_coded} coded rows but {} documents loaded", path.display(), corpus.len())));
    }
    let frames = frames.iter().zip(codes).map(|((f, c), v)| (f.to_string(), c.to_string(), v)).collect();
    Ok((Labelled { corpus, frames }, skipped))
}

/// The per-document counts of a labelled set, and which dictionary
/// categories the frames are.
struct Prepared {
    docs: Vec<DocCounts>,
    /// Dictionary index of each frame.
    frame_cat: Vec<usize>,
    /// Codes per frame.
    gold: Vec<Vec<bool>>,
}

fn prepare(set: &Labelled, dictionary: &Dictionary) -> Result<Prepared> {
    let lookup = dictionary.lookup(&set.corpus);
    let docs = doc_counts(&set.corpus, &lookup)?;
    let frame_cat = set
        .frames
        .iter()
        .map(|(f, _, _)| {
            dictionary.categories.iter().position(|c| &c.name == f).ok_or_else(|| Error::argument(format!("dictionary `{}` has no category `{f}`", dictionary.name)))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Prepared { docs, frame_cat, gold: set.frames.iter().map(|f| f.2.clone()).collect() })
}

/// The vocabulary of a training set: words in at least `min_docs` and at
/// most `max_doc_share` of its documents, the `vocabulary` most widespread
/// (ties alphabetical).
fn select_vocabulary(prep: &Prepared, docs: &[usize], cfg: &TrainConfig) -> Vec<String> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for &d in docs {
        for t in prep.docs[d].terms.keys() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let max = cfg.max_doc_share * docs.len() as f64;
    let mut v: Vec<(&str, usize)> = df.into_iter().filter(|&(_, n)| n >= cfg.min_docs && n as f64 <= max).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(cfg.vocabulary).map(|(t, _)| t.to_string()).collect()
}

/// Per frame: `(bias, weights, threshold)`.
struct Trained {
    vocabulary: Vec<String>,
    frames: Vec<(f64, Vec<f64>, f64)>,
}

fn model_cats(dictionary_len: usize) -> Vec<usize> {
    (0..dictionary_len).collect()
}

/// Trains on `docs`: the vocabulary, then per frame the threshold from an
/// inner cross-validation and the weights from all of `docs`.
fn train_on(prep: &Prepared, cats: &[usize], docs: &[usize], cfg: &TrainConfig, seed: u64) -> Trained {
    let vocabulary = select_vocabulary(prep, docs, cfg);
    let x: HashMap<usize, Vec<f64>> = docs.iter().map(|&d| (d, features(&prep.docs[d], cats, &vocabulary))).collect();
    let inner = folds(docs, cfg.folds, seed);
    let mut frames = vec![];
    for gold in &prep.gold {
        let mut oof: HashMap<usize, f64> = HashMap::new();
        for k in 0..cfg.folds {
            let train: Vec<usize> = docs.iter().copied().filter(|d| inner[k].binary_search(d).is_err()).collect();
            let (b, w) = fit(&train.iter().map(|d| x[d].clone()).collect::<Vec<_>>(), &train.iter().map(|&d| gold[d]).collect::<Vec<_>>(), cfg.lambda, cfg.steps);
            for &d in &inner[k] {
                oof.insert(d, score(b, &w, &x[&d]));
            }
        }
        let t = best_threshold(&docs.iter().map(|d| oof[d]).collect::<Vec<_>>(), &docs.iter().map(|&d| gold[d]).collect::<Vec<_>>());
        let (b, w) = fit(&docs.iter().map(|d| x[d].clone()).collect::<Vec<_>>(), &docs.iter().map(|&d| gold[d]).collect::<Vec<_>>(), cfg.lambda, cfg.steps);
        frames.push((b, w, t));
    }
    Trained { vocabulary, frames }
}

/// Cross-validated decisions: for each frame, the calibrated and the
/// matches-once decision of every document, each made by a model that did
/// not see the document.
pub struct CrossValidation {
    /// `(frame, label)`.
    pub frames: Vec<(String, String)>,
    /// Per frame, the calibrated decision per document.
    pub calibrated: Vec<Vec<bool>>,
    /// Per frame, the matches-once decision per document.
    pub matches_once: Vec<Vec<bool>>,
    /// Per frame, the codes.
    pub gold: Vec<Vec<bool>>,
}

impl CrossValidation {
    /// Agreement per frame.
    pub fn agreement(&self) -> Vec<Agreement> {
        (0..self.frames.len())
            .map(|f| {
                let (p, r, f1) = prf(&self.calibrated[f], &self.gold[f]);
                let (bp, br, bf) = prf(&self.matches_once[f], &self.gold[f]);
                Agreement { n: self.gold[f].len(), positives: self.gold[f].iter().filter(|&&g| g).count(), precision: p, recall: r, f1, baseline_precision: bp, baseline_recall: br, baseline_f1: bf }
            })
            .collect()
    }

    /// The table: `frame, label, n, positives, precision, recall, f1,
    /// baseline_precision, baseline_recall, baseline_f1`, then a `macro`
    /// row (unweighted means).
    pub fn table(&self) -> Result<DataFrame> {
        let a = self.agreement();
        let k = a.len().max(1) as f64;
        let mean = |g: &dyn Fn(&Agreement) -> f64| a.iter().map(g).sum::<f64>() / k;
        let mut frame: Vec<String> = self.frames.iter().map(|f| f.0.clone()).collect();
        let mut label: Vec<String> = self.frames.iter().map(|f| f.1.clone()).collect();
        frame.push("macro".into());
        label.push(String::new());
        let col = |g: &dyn Fn(&Agreement) -> f64| {
            let mut v: Vec<f64> = a.iter().map(g).collect();
            v.push(mean(g));
            v
        };
        let mut n: Vec<u64> = a.iter().map(|x| x.n as u64).collect();
        n.push(a.first().map_or(0, |x| x.n as u64));
        let mut pos: Vec<u64> = a.iter().map(|x| x.positives as u64).collect();
        pos.push(a.iter().map(|x| x.positives as u64).sum());
        Ok(DataFrame::new_infer_height(vec![
            Column::new("frame".into(), frame),
            Column::new("label".into(), label),
            Column::new("n".into(), n),
            Column::new("positives".into(), pos),
            Column::new("precision".into(), col(&|x| x.precision)),
            Column::new("recall".into(), col(&|x| x.recall)),
            Column::new("f1".into(), col(&|x| x.f1)),
            Column::new("baseline_precision".into(), col(&|x| x.baseline_precision)),
            Column::new("baseline_recall".into(), col(&|x| x.baseline_recall)),
            Column::new("baseline_f1".into(), col(&|x| x.baseline_f1)),
        ])?)
    }
}

/// Cross-validates the calibrated rule on a labelled set: `cfg.folds`
/// outer folds (seed `cfg.seed`); in each, the vocabulary, the weights and
/// (by an inner cross-validation) the threshold are fitted on the other
/// folds only.
pub fn cross_validate(set: &Labelled, dictionary: &Dictionary, cfg: &TrainConfig) -> Result<CrossValidation> {
    check_config(cfg, set.corpus.len())?;
    let prep = prepare(set, dictionary)?;
    let cats = model_cats(dictionary.categories.len());
    let all: Vec<usize> = (0..prep.docs.len()).collect();
    let outer = folds(&all, cfg.folds, cfg.seed);
    let nf = prep.gold.len();
    let mut calibrated = vec![vec![false; all.len()]; nf];
    for (k, test) in outer.iter().enumerate() {
        let train: Vec<usize> = all.iter().copied().filter(|d| test.binary_search(d).is_err()).collect();
        let t = train_on(&prep, &cats, &train, cfg, cfg.seed.wrapping_add(1 + k as u64));
        for &d in test {
            let x = features(&prep.docs[d], &cats, &t.vocabulary);
            for (f, (b, w, th)) in t.frames.iter().enumerate() {
                calibrated[f][d] = score(*b, w, &x) >= *th;
            }
        }
    }
    let matches_once = prep.frame_cat.iter().map(|&c| prep.docs.iter().map(|d| d.n[c] > 0).collect()).collect();
    Ok(CrossValidation { frames: set.frames.iter().map(|f| (f.0.clone(), f.1.clone())).collect(), calibrated, matches_once, gold: prep.gold })
}

fn check_config(cfg: &TrainConfig, n: usize) -> Result<()> {
    if cfg.folds < 2 || n < 2 * cfg.folds {
        return Err(Error::argument(format!("cross-validation needs at least 2 folds and 2 documents a fold ({} folds, {n} documents)", cfg.folds)));
    }
    Ok(())
}

/// Trains the model on every document of `set` (threshold by
/// cross-validation), and records the cross-validated agreement of
/// [`cross_validate`] in it.
pub fn train(set: &Labelled, dictionary: &Dictionary, cfg: &TrainConfig, description: &str) -> Result<FrameModel> {
    let cv = cross_validate(set, dictionary, cfg)?;
    let prep = prepare(set, dictionary)?;
    let cats = model_cats(dictionary.categories.len());
    let all: Vec<usize> = (0..prep.docs.len()).collect();
    let t = train_on(&prep, &cats, &all, cfg, cfg.seed);
    let agreement = cv.agreement();
    Ok(FrameModel {
        description: description.to_string(),
        dictionary: dictionary.name.clone(),
        categories: dictionary
            .categories
            .iter()
            .map(|c| CategoryCues { name: c.name.clone(), patterns: c.entries.iter().map(|e| e.pattern.clone()).collect(), negation: c.negation })
            .collect(),
        vocabulary: t.vocabulary,
        config: cfg.clone(),
        frames: t
            .frames
            .into_iter()
            .zip(&set.frames)
            .zip(agreement)
            .map(|(((bias, weights, threshold), (frame, label, _)), a)| FrameWeights { frame: frame.clone(), label: label.clone(), bias, weights, threshold, agreement: Some(a) })
            .collect(),
    })
}

/// Per-document frame decisions with the shipped model (see the module
/// docs): `doc_id, frame, rule, n_matches, per_1000_words, score,
/// threshold, present`, documents in corpus order, frames in dictionary
/// order.
pub fn frame_decisions(corpus: &Corpus, dictionary: &Dictionary) -> Result<DataFrame> {
    frame_decisions_with(corpus, dictionary, &FrameModel::shipped()?)
}

/// [`frame_decisions`] with a given model. The model is used when the
/// dictionary has the categories it was trained on, unchanged; a
/// dictionary with none of them gets the `matches_once` rule; an edited
/// copy of the model's dictionary is an error.
pub fn frame_decisions_with(corpus: &Corpus, dictionary: &Dictionary, model: &FrameModel) -> Result<DataFrame> {
    let lookup = dictionary.lookup(corpus);
    let calibrated = model.reads(dictionary)?;
    let docs = doc_counts(corpus, &lookup)?;
    let cats: Vec<usize> = if calibrated {
        model.categories.iter().map(|c| dictionary.categories.iter().position(|k| k.name == c.name).expect("checked by reads")).collect()
    } else {
        vec![]
    };
    let (mut id, mut frame, mut rule, mut n, mut rate, mut sc, mut th, mut present) = (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for (d, doc) in corpus.docs().iter().enumerate() {
        let x = if calibrated { features(&docs[d], &cats, &model.vocabulary) } else { vec![] };
        for (c, cat) in dictionary.categories.iter().enumerate() {
            id.push(doc.id.clone());
            frame.push(cat.name.clone());
            let k = docs[d].n[c];
            n.push(k);
            rate.push(per_1000(k, docs[d].n_words));
            match model.frames.iter().find(|f| calibrated && f.frame == cat.name) {
                Some(f) => {
                    let s = score(f.bias, &f.weights, &x);
                    rule.push(CALIBRATED);
                    sc.push(Some(s));
                    th.push(Some(f.threshold));
                    present.push(s >= f.threshold);
                }
                None => {
                    rule.push(MATCHES_ONCE);
                    sc.push(None);
                    th.push(None);
                    present.push(k > 0);
                }
            }
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), id),
        Column::new("frame".into(), frame),
        Column::new("rule".into(), rule),
        Column::new("n_matches".into(), n),
        Column::new("per_1000_words".into(), rate),
        Column::new("score".into(), sc),
        Column::new("threshold".into(), th),
        Column::new("present".into(), present),
    ])?)
}

/// The evidence behind each pattern: `category, pattern, n_docs,
/// n_matches, single_article` (the pattern matched in exactly one
/// document), `category_single_share` (the share of the category's
/// matches that come from single-article patterns; 0 when it has none).
/// Every pattern of the dictionary has a row, unmatched ones with zeros;
/// categories in dictionary order, patterns in file order.
pub fn pattern_evidence(lookup: &Lookup) -> Result<DataFrame> {
    let dict = lookup.dictionary();
    let mut docs: HashMap<(usize, usize), std::collections::BTreeSet<usize>> = HashMap::new();
    let mut n: HashMap<(usize, usize), u64> = HashMap::new();
    for m in lookup.matches() {
        docs.entry((m.category, m.entry)).or_default().insert(m.doc);
        *n.entry((m.category, m.entry)).or_default() += 1;
    }
    let (mut cat, mut pat, mut nd, mut nm, mut single, mut share) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (c, category) in dict.categories.iter().enumerate() {
        let total: u64 = (0..category.entries.len()).map(|e| n.get(&(c, e)).copied().unwrap_or(0)).sum();
        let from_single: u64 = (0..category.entries.len()).filter(|e| docs.get(&(c, *e)).is_some_and(|s| s.len() == 1)).map(|e| n[&(c, e)]).sum();
        for (e, entry) in category.entries.iter().enumerate() {
            let k = docs.get(&(c, e)).map_or(0, |s| s.len() as u64);
            cat.push(category.name.as_str());
            pat.push(entry.pattern.as_str());
            nd.push(k);
            nm.push(n.get(&(c, e)).copied().unwrap_or(0));
            single.push(k == 1);
            share.push(if total > 0 { from_single as f64 / total as f64 } else { 0.0 });
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(CATEGORY.into(), cat),
        Column::new("pattern".into(), pat),
        Column::new("n_docs".into(), nd),
        Column::new("n_matches".into(), nm),
        Column::new("single_article".into(), single),
        Column::new("category_single_share".into(), share),
    ])?)
}

/// P(X <= k) for X ~ Poisson(mu), summed in log space.
fn poisson_cdf(k: u64, mu: f64) -> f64 {
    if mu <= 0.0 {
        return 1.0;
    }
    let lmu = libm::log(mu);
    let mut s = 0.0;
    for i in 0..=k {
        s += libm::exp(-mu + i as f64 * lmu - libm::lgamma(i as f64 + 1.0));
    }
    s.min(1.0)
}

/// The exact (Garwood) two-sided 95% interval for a Poisson mean, given
/// `k` events: `(lower, upper)`, found by bisection on the Poisson CDF.
pub fn poisson_interval(k: u64) -> (f64, f64) {
    const ALPHA: f64 = 0.05;
    let kf = k as f64;
    let hi_bound = kf + 20.0 * libm::sqrt(kf + 1.0) + 20.0;
    // Upper: P(X <= k; mu) = alpha / 2 (the CDF falls as mu grows).
    let (mut a, mut b) = (kf, hi_bound);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if poisson_cdf(k, m) > ALPHA / 2.0 { a = m } else { b = m }
    }
    let upper = 0.5 * (a + b);
    let lower = if k == 0 {
        0.0
    } else {
        // Lower: P(X >= k; mu) = alpha / 2, i.e. P(X <= k - 1; mu) = 1 - alpha / 2.
        let (mut a, mut b) = (0.0, kf);
        for _ in 0..200 {
            let m = 0.5 * (a + b);
            if poisson_cdf(k - 1, m) > 1.0 - ALPHA / 2.0 { a = m } else { b = m }
        }
        0.5 * (a + b)
    };
    (lower, upper)
}

/// Rates with intervals, per group (`by`) and category: `group, category,
/// n` (matches), `n_docs` (documents in the group), `n_words` (the words
/// looked at: [`Tokenizer::words`] tokens, stopwords included),
/// `per_1000_words`, `per_1000_words_low`, `per_1000_words_high` (the exact
/// 95% Poisson interval for the count, divided by the words), then
/// `sentences_with`, `n_sentences`, `share_sentences` as in
/// [`Lookup::scores`]. Same row order as `scores`.
///
/// Why Poisson: the count of cues in a fixed number of words is the
/// textbook Poisson setting, the exact interval needs no random numbers
/// (so the table is deterministic) and stays honest at small counts (0 cues
/// in 1,000 words: 0 to 3.7 per 1,000). It assumes cues occur independently;
/// cues cluster in sentences and paragraphs, so the true uncertainty is
/// wider: read the interval as a lower bound on it.
pub fn frame_rates(lookup: &Lookup, by: &str) -> Result<DataFrame> {
    let scores = lookup.scores(by)?;
    let corpus = lookup.corpus();
    let mut docs_in: BTreeMap<String, u64> = BTreeMap::new();
    for d in corpus.docs() {
        *docs_in.entry(corpus.group_of(d, by)).or_default() += 1;
    }
    let get = |c: &str| crate::display::get_column(&scores, c);
    let (g_ca, n_ca, w_ca) = (get(columns::GROUP)?.str()?, get("n")?.u64()?, get("n_words")?.u64()?);
    let rows = 0..scores.height();
    let groups: Vec<String> = rows.clone().map(|i| g_ca.get(i).unwrap_or("").to_string()).collect();
    let n: Vec<u64> = rows.clone().map(|i| n_ca.get(i).unwrap_or(0)).collect();
    let w: Vec<u64> = rows.map(|i| w_ca.get(i).unwrap_or(0)).collect();
    let (mut rate, mut lo, mut hi) = (vec![], vec![], vec![]);
    for (&k, &words) in n.iter().zip(&w) {
        let (a, b) = poisson_interval(k);
        let per = |x: f64| if words > 0 { 1000.0 * x / words as f64 } else { f64::NAN };
        rate.push(per(k as f64));
        lo.push(per(a));
        hi.push(per(b));
    }
    let n_docs: Vec<u64> = groups.iter().map(|g| docs_in.get(g).copied().unwrap_or(0)).collect();
    let s = |c: &str| get(c).cloned();
    Ok(DataFrame::new_infer_height(vec![
        s(columns::GROUP)?,
        s(CATEGORY)?,
        s("n")?,
        Column::new("n_docs".into(), n_docs),
        s("n_words")?,
        Column::new("per_1000_words".into(), rate),
        Column::new("per_1000_words_low".into(), lo),
        Column::new("per_1000_words_high".into(), hi),
        s("sentences_with")?,
        s("n_sentences")?,
        s("share_sentences")?,
    ])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(texts.iter().copied()).unwrap()
    }

    fn bools(t: &DataFrame, c: &str) -> Vec<bool> {
        let ca = t.column(c).unwrap().bool().unwrap();
        (0..t.height()).map(|i| ca.get(i).unwrap()).collect()
    }

    fn strs(t: &DataFrame, c: &str) -> Vec<String> {
        let ca = t.column(c).unwrap().str().unwrap();
        (0..t.height()).map(|i| ca.get(i).unwrap().to_string()).collect()
    }

    fn counted_and_excluded(d: &Dictionary, c: &Corpus) -> (Vec<String>, Vec<(String, String)>) {
        let l = d.lookup(c);
        let kept = l.matches().iter().map(|m| l.text_of(m).to_lowercase()).collect();
        let out = l.excluded_matches().iter().map(|(m, why)| (l.text_of(m).to_lowercase(), why.clone())).collect();
        (kept, out)
    }

    #[test]
    fn negation_leaves_out_negated_averted_and_agreed_cues() {
        let toml = "name = \"t\"\n[[category]]\nname = \"conflict\"\nnegation = true\npatterns = [\"quarrel*\", \"disagree*\", \"condemn*\", \"attack*\", \"confront*\", \"conflict*\", \"tension*\"]\n[[category]]\nname = \"plain\"\npatterns = [\"quarrel*\"]\n";
        let d = Dictionary::from_toml_str("t.toml", toml).unwrap();
        assert!(d.categories[0].negation && !d.categories[1].negation);
        let c = corpus(&[(
            "a",
            "Kazakhstan does not quarrel with the Kremlin. They quarrel often. There are no disagreements. Both sides agreed to condemn the attack. We must avoid confrontation. It doesn't lead to tension. A life without conflict. The conflict goes on.",
        )]);
        let (kept, out) = counted_and_excluded(&d, &c);
        // "plain" has no negation: both of its quarrels count.
        assert_eq!(kept, ["quarrel", "quarrel", "quarrel", "attack", "conflict"]);
        let reasons: Vec<(&str, &str)> = out.iter().map(|(t, r)| (t.as_str(), r.as_str())).collect();
        assert_eq!(
            reasons,
            [
                ("quarrel", "negated (not)"),
                ("disagreements", "negated (no)"),
                ("condemn", "agreement (agreed)"),
                ("confrontation", "averted (avoid)"),
                ("tension", "negated (doesn't)"),
                ("conflict", "negated (without)"),
            ]
        );
        let t = d.lookup(&c).excluded().unwrap();
        assert_eq!(t.height(), 6);
        assert_eq!(t.get_column_names().last().map(|n| n.as_str()), Some("reason"));
    }

    #[test]
    fn negation_window_is_three_words_and_file_level_default_applies() {
        let toml = "name = \"t\"\nnegation = true\n[[category]]\nname = \"a\"\npatterns = [\"war\"]\n[[category]]\nname = \"b\"\nnegation = false\npatterns = [\"war\"]\n";
        let d = Dictionary::from_toml_str("t.toml", toml).unwrap();
        assert!(d.categories[0].negation && !d.categories[1].negation);
        let c = corpus(&[("a", "There is no war. No, this is the old war. Not a word. War.")]);
        let (kept, out) = counted_and_excluded(&d, &c);
        // "No," before the second war is cut off by the comma.
        assert_eq!(kept, ["war", "war", "war", "war", "war"]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn required_context_needs_the_agent_in_the_sentence() {
        let toml = "name = \"t\"\n[[category]]\nname = \"russian_threat\"\nrequires = [\"Russia*\", \"Kremlin\"]\npatterns = [\"invasion\", \"aggress*\"]\n";
        let d = Dictionary::from_toml_str("t.toml", toml).unwrap();
        let c = corpus(&[("a", "A centuries-long fear of invasion from China. The threat of Russian aggression. Russia's invasion of Ukraine. The Kremlin fears aggression.")]);
        let (kept, out) = counted_and_excluded(&d, &c);
        assert_eq!(kept, ["aggression", "invasion", "aggression"]);
        assert_eq!(out, [("invasion".to_string(), "no required context (Russia*, Kremlin)".to_string())]);
        let bad = "name = \"t\"\n[[category]]\nname = \"x\"\nrequires = [\"re:(\"]\npatterns = [\"a\"]\n";
        let e = Dictionary::from_toml_str("bad.toml", bad).unwrap_err().to_string();
        assert!(e.contains("bad.toml") && e.contains("`x`.requires"), "{e}");
    }

    #[test]
    fn poisson_interval_matches_published_values() {
        // Garwood intervals (e.g. R's poisson.test): 0 -> (0, 3.689), 1 ->
        // (0.0253, 5.572), 10 -> (4.795, 18.39).
        let close = |a: f64, b: f64| (a - b).abs() < 1e-3;
        let (l, u) = poisson_interval(0);
        assert!(l == 0.0 && close(u, 3.6889), "{u}");
        let (l, u) = poisson_interval(1);
        assert!(close(l, 0.0253) && close(u, 5.5716), "{l} {u}");
        let (l, u) = poisson_interval(10);
        assert!(close(l, 4.7954) && close(u, 18.3904), "{l} {u}");
    }

    #[test]
    fn logistic_fit_separates_and_folds_are_a_partition() {
        let x: Vec<Vec<f64>> = (0..40).map(|i| vec![i as f64, (i % 3) as f64]).collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20).collect();
        let (b, w) = fit(&x, &y, 0.1, 400);
        let pred: Vec<bool> = x.iter().map(|r| score(b, &w, r) >= 0.5).collect();
        assert_eq!(prf(&pred, &y).2, 1.0);
        assert!(w[0] > 0.0);
        let f = folds(&(0..23).collect::<Vec<_>>(), 5, 7);
        let mut all: Vec<usize> = f.concat();
        all.sort();
        assert_eq!(all, (0..23).collect::<Vec<_>>());
        assert!(f.iter().all(|k| k.len() == 4 || k.len() == 5));
        assert_eq!(f, folds(&(0..23).collect::<Vec<_>>(), 5, 7));
        assert_ne!(f, folds(&(0..23).collect::<Vec<_>>(), 5, 8));
    }

    #[test]
    fn pattern_evidence_flags_single_article_patterns() {
        let c = corpus(&[("a", "A war. Another war and a clash."), ("b", "The war goes on.")]);
        let d = Dictionary::from_pairs("t", [("conflict", vec!["war", "clash*", "feud"])]).unwrap();
        let t = pattern_evidence(&d.lookup(&c)).unwrap();
        let nd: Vec<u64> = t.column("n_docs").unwrap().u64().unwrap().into_no_null_iter().collect();
        let single = bools(&t, "single_article");
        assert_eq!(nd, [2, 1, 0]);
        assert_eq!(single, [false, true, false]);
        let share = t.column("category_single_share").unwrap().f64().unwrap().get(0).unwrap();
        assert!((share - 0.25).abs() < 1e-12, "{share}");
    }

    #[test]
    fn decisions_fall_back_to_matches_once_and_refuse_edited_copies() {
        let c = corpus(&[("a", "A war broke out."), ("b", "Peace and quiet.")]);
        let d = Dictionary::from_pairs("mine", [("conflict", vec!["war"])]).unwrap();
        let t = frame_decisions(&c, &d).unwrap();
        let rule = strs(&t, "rule");
        let present = bools(&t, "present");
        assert_eq!(rule, [MATCHES_ONCE, MATCHES_ONCE]);
        assert_eq!(present, [true, false]);
        let model = FrameModel::shipped().unwrap();
        let mut g = crate::framing::shipped("generic_frames").unwrap();
        assert!(model.reads(&g).unwrap());
        g.categories[0].entries.pop();
        let e = frame_decisions(&c, &g).unwrap_err().to_string();
        assert!(e.contains("differs from the one the frame model was calibrated on") && e.contains(&format!("`{}` has other cues", g.categories[0].name)), "{e}");
    }

    #[test]
    fn shipped_model_decides_with_its_threshold() {
        let c = corpus(&[
            ("a", "The two parties clashed in a bitter dispute; critics accused the senator of lying and opponents attacked the plan."),
            ("b", "The weather was mild."),
        ]);
        let g = crate::framing::shipped("generic_frames").unwrap();
        let t = frame_decisions(&c, &g).unwrap();
        assert_eq!(t.height(), 2 * g.categories.len());
        let model = FrameModel::shipped().unwrap();
        let sc = t.column("score").unwrap().f64().unwrap();
        let th = t.column("threshold").unwrap().f64().unwrap();
        let pr = t.column("present").unwrap().bool().unwrap();
        let rule = t.column("rule").unwrap().str().unwrap();
        for i in 0..t.height() {
            match (sc.get(i), th.get(i)) {
                (Some(s), Some(h)) => {
                    assert_eq!(rule.get(i), Some(CALIBRATED));
                    assert_eq!(pr.get(i), Some(s >= h));
                }
                _ => assert_eq!(rule.get(i), Some(MATCHES_ONCE)),
            }
        }
        // Every frame of the model is decided by it, and scores conflict
        // higher in the conflict-laden text.
        assert_eq!((0..t.height()).filter(|&i| rule.get(i) == Some(CALIBRATED)).count(), 2 * model.frames.len());
        let ci = g.categories.iter().position(|k| k.name == "conflict").unwrap();
        assert!(sc.get(ci).unwrap() > sc.get(g.categories.len() + ci).unwrap());
    }

    #[test]
    fn labelled_tsv_skips_uncoded_rows_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.tsv");
        std::fs::write(&p, "ID\ttext\tCO\n1\tA war.\tTrue\n2\tCalm.\tFalse)\n3\tCut\n4\tPeace.\tfalse\n").unwrap();
        let (set, skipped) = read_labelled_tsv(&p, "ID", "text", &[("conflict", "CO")]).unwrap();
        assert_eq!(set.corpus.len(), 2);
        assert_eq!(set.frames[0].2, [true, false]);
        assert_eq!(skipped.rows.len(), 2);
        assert!(skipped.rows[0].1 == "2" && skipped.rows[0].2.contains("`False)`"), "{:?}", skipped.rows);
        assert_eq!((skipped.rows[0].0, skipped.rows[1].0), (3, 4), "file lines");
        assert!(skipped.rows[1].1 == "3" && skipped.rows[1].2.contains("no column `CO`"), "{:?}", skipped.rows);
        let e = read_labelled_tsv(&p, "ID", "body", &[("conflict", "CO")]).unwrap_err().to_string();
        assert!(e.contains("a.tsv") && e.contains("body"), "{e}");
    }

    #[test]
    fn rates_carry_n_and_an_interval_around_the_rate() {
        let c = corpus(&[("a", "War and war and war. Nothing else here at all."), ("b", "Quiet words only.")]);
        let d = Dictionary::from_pairs("t", [("conflict", vec!["war"])]).unwrap();
        let t = frame_rates(&d.lookup(&c), "doc_id").unwrap();
        let r = t.column("per_1000_words").unwrap().f64().unwrap();
        let lo = t.column("per_1000_words_low").unwrap().f64().unwrap();
        let hi = t.column("per_1000_words_high").unwrap().f64().unwrap();
        let n_docs: Vec<u64> = t.column("n_docs").unwrap().u64().unwrap().into_no_null_iter().collect();
        assert_eq!(n_docs, [1, 1]);
        assert!((r.get(0).unwrap() - 300.0).abs() < 1e-9);
        assert!(lo.get(0).unwrap() < 300.0 && hi.get(0).unwrap() > 300.0);
        assert_eq!((r.get(1), lo.get(1)), (Some(0.0), Some(0.0)));
        assert!((hi.get(1).unwrap() - 1000.0 * 3.6889 / 3.0).abs() < 0.1);
    }
}
