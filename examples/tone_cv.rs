//! k-fold cross-validation of the tone model on NewsMTSC's train.jsonl, by
//! sentence (the targets of one sentence fall in one fold): for each
//! learning rate and L2 penalty of `scripts/train_tone.sh`'s grid, the mean
//! macro F1 over the folds, then the mean over the grid. This is how the
//! number of averaged SGD runs and the hash size of the shipped model were
//! chosen (VALIDATION.md, "Tone toward a target"); no test set is read.
//!
//! ```text
//! cargo run --example tone_cv -- ../shared/corpora/newsmtsc/train.jsonl [FOLDS [BITS [RUNS [EPOCHS]]]]
//! ```

use std::collections::HashSet;

use newsframe::framing::sentiment::Vader;
use newsframe::framing::tone::{Polarity, ToneModel};
use newsframe::framing::tone_train::{contexts, macro_f1, predict, read_newsmtsc, train, Example, SplitMix, TrainConfig, SEED};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        return Err("usage: tone_cv TRAIN.jsonl [FOLDS [BITS [RUNS [EPOCHS]]]]".into());
    };
    let arg = |k: usize, default: u64| -> Result<u64, Box<dyn std::error::Error>> {
        Ok(match args.get(k) {
            Some(s) => s.parse().map_err(|_| format!("argument {k}: `{s}` is not a whole number"))?,
            None => default,
        })
    };
    let (folds, bits, runs, epochs) = (arg(1, 5)? as usize, arg(2, 16)? as u32, arg(3, 1)?, arg(4, 15)? as usize);
    if folds < 2 || !(4..=24).contains(&bits) || runs == 0 || epochs == 0 {
        return Err("FOLDS must be 2 or more, BITS 4 to 24, RUNS and EPOCHS 1 or more".into());
    }
    let all = read_newsmtsc(std::path::Path::new(input))?;
    let vader = Vader::new();
    let gold = |v: &[Example]| v.iter().map(|e| e.polarity).collect::<Vec<Polarity>>();
    let mut groups: Vec<usize> = all.iter().map(|e| e.group).collect();
    groups.sort_unstable();
    groups.dedup();
    SplitMix::new(SEED + 1).shuffle(&mut groups);
    let grid: Vec<(f64, f64)> = [0.1, 0.5].iter().flat_map(|&e| [1e-5, 3e-5, 1e-4].map(|l| (e, l))).collect();
    let mut sums = vec![0.0; grid.len()];
    for fold in 0..folds {
        let n = groups.len();
        let held: HashSet<usize> = groups[fold * n / folds..(fold + 1) * n / folds].iter().copied().collect();
        let (fit, tune): (Vec<Example>, Vec<Example>) = all.iter().cloned().partition(|e| !held.contains(&e.group));
        let (c_fit, c_tune) = (contexts(&vader, &fit), contexts(&vader, &tune));
        let (g_fit, g_tune) = (gold(&fit), gold(&tune));
        let mut row = vec![];
        for (k, &(eta0, lambda)) in grid.iter().enumerate() {
            let cfg = TrainConfig { bits, epochs, eta0, lambda, seed: SEED, runs };
            let m = ToneModel::from_bytes(&train(&c_fit, &g_fit, &cfg).to_bytes())?;
            let f1 = macro_f1(&g_tune, &predict(&m, &c_tune)).0;
            sums[k] += f1;
            row.push(format!("{f1:.3}"));
        }
        eprintln!("fold {}: {}", fold + 1, row.join(" "));
    }
    println!("{folds}-fold CV, bits {bits}, runs {runs}, epochs {epochs}: macro F1 per (eta0, lambda)");
    for (&(eta0, lambda), s) in grid.iter().zip(&sums) {
        println!("  eta0 {eta0} lambda {lambda:e}: {:.4}", s / folds as f64);
    }
    println!("  mean over the grid: {:.4}", sums.iter().sum::<f64>() / (folds * grid.len()) as f64);
    Ok(())
}
