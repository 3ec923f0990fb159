//! Trains the tone model on NewsMTSC's train.jsonl and writes its weights
//! (run by `scripts/train_tone.sh`; the procedure is
//! `newsframe::framing::tone_train::train_newsmtsc`).
//!
//! ```text
//! cargo run --example train_tone -- ../shared/corpora/newsmtsc/train.jsonl src/framing/tone_model.bin
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = &args[..] else {
        return Err("usage: train_tone TRAIN.jsonl OUT.bin".into());
    };
    let bytes = newsframe::framing::tone_train::train_newsmtsc(std::path::Path::new(input), &mut std::io::stderr())?;
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output} ({} bytes)", bytes.len());
    Ok(())
}
