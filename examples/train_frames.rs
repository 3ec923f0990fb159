//! Trains the calibrated generic-frame model on the Narrative Frames Corpus
//! and prints its cross-validated agreement with the human coders.
//!
//! ```text
//! cargo run --example train_frames -- ARTICLES_TSV OUT_JSON
//! ```
//!
//! Run through `scripts/train_frames.sh`, which finds the corpus in
//! `../shared` and writes `dictionaries/generic_frames_model.json`. The
//! output is deterministic: the same corpus and dictionary give the same
//! file, byte for byte.

use std::process::ExitCode;

use newsframe::framing::frames::{read_labelled_tsv, train, TrainConfig};

/// The corpus' label columns, and the dictionary categories they code.
const FRAMES: &[(&str, &str)] = &[("conflict", "CO"), ("human_interest", "HI"), ("economic_consequences", "EC"), ("morality", "MO"), ("resolution", "RE")];

const DESCRIPTION: &str = "Per-document frame decisions for the generic_frames dictionary: for each frame, an L2-regularised logistic regression (class-balanced) over the dictionary counts and a 300-word vocabulary, with a decision threshold chosen by inner 5-fold cross-validation. Trained on the Narrative Frames Corpus (Frermann, Li, Khanehzar & Mikolajczak, ACL 2023; 285 US climate-change articles, 2017-2019, five frames coded by trained annotators; MIT licence). The agreement figures are 5-fold cross-validated on those articles: they describe climate coverage, not other topics. Regenerate with scripts/train_frames.sh.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tsv, out] = args.as_slice() else {
        eprintln!("usage: train_frames ARTICLES_TSV OUT_JSON");
        return ExitCode::FAILURE;
    };
    match run(tsv, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_frames: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(tsv: &str, out: &str) -> Result<(), newsframe::Error> {
    let (set, skipped) = read_labelled_tsv(tsv, "ID", "text", FRAMES)?;
    for (line, id, why) in &skipped.rows {
        eprintln!("left out: line {line}, ID {id}: {why}");
    }
    eprintln!("{} coded articles ({} left out)", set.corpus.len(), skipped.rows.len());
    let dictionary = newsframe::framing::shipped("generic_frames")?;
    // TRAIN_FRAMES_VOCABULARY / TRAIN_FRAMES_LAMBDA: try other settings
    // (the shipped model uses the defaults).
    let mut cfg = TrainConfig::default();
    if let Some(v) = std::env::var("TRAIN_FRAMES_VOCABULARY").ok().and_then(|v| v.parse().ok()) {
        cfg.vocabulary = v;
    }
    if let Some(v) = std::env::var("TRAIN_FRAMES_LAMBDA").ok().and_then(|v| v.parse().ok()) {
        cfg.lambda = v;
    }
    let model = train(&set, &dictionary, &cfg, DESCRIPTION)?;
    println!("| frame | label | n | coded present | P | R | F1 | matches once: P | R | F1 |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let (mut f1, mut base) = (0.0, 0.0);
    for f in &model.frames {
        let a = f.agreement.as_ref().expect("train records agreement");
        println!(
            "| {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            f.frame, f.label, a.n, a.positives, a.precision, a.recall, a.f1, a.baseline_precision, a.baseline_recall, a.baseline_f1
        );
        f1 += a.f1;
        base += a.baseline_f1;
    }
    let k = model.frames.len() as f64;
    println!("| macro | | | | | | {:.3} | | | {:.3} |", f1 / k, base / k);
    for f in &model.frames {
        println!("threshold {}: {:.2}", f.frame, f.threshold);
    }
    std::fs::write(out, model.to_json()).map_err(|e| newsframe::Error::io(std::path::Path::new(out), e))
}
