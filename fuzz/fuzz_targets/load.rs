//! Any bytes as a text file, a CSV and a JSON Lines file: loading returns a
//! corpus or an error, never a panic, and every table builds.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsframe::Corpus;

fuzz_target!(|data: &[u8]| {
    let dir = tempdir();
    for name in ["doc.txt", "corpus.csv", "corpus.jsonl"] {
        let sub = dir.join(name.replace('.', "_"));
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(name);
        std::fs::write(&path, data).unwrap();
        let target = if name == "doc.txt" { sub.clone() } else { path.clone() };
        if let Ok(c) = Corpus::open(&target) {
            c.documents().unwrap();
            c.sentences().unwrap();
            c.paragraphs().unwrap();
        }
    }
});

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("newsframe-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
