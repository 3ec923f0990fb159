//! Any bytes as a dictionary file of every kind (LIWC .dic, YAML, TOML):
//! opening returns a dictionary or an error, never a panic or a hang, and a
//! dictionary that opens builds its table and matches a small corpus.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsframe::dictionary::Dictionary;
use newsframe::Corpus;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("newsframe-fuzz-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = Corpus::open("../seeds").ok();
    for name in ["d.dic", "d.yml", "d.toml"] {
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        if let Ok(d) = Dictionary::open(&path) {
            d.table().unwrap();
            if let Some(c) = &corpus {
                d.lookup(c).audit().unwrap();
            }
        }
    }
});
