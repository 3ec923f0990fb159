//! Any bytes: decoded lossily, tokenized under every preset. Offsets must
//! slice the text on character boundaries, in order, and nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsframe::tokens::Tokenizer;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for t in [Tokenizer::quanteda(), Tokenizer::words(), Tokenizer::words().stem("en").unwrap()] {
        let mut last = 0;
        for tok in t.tokenize(&text) {
            assert!(tok.start >= last && tok.start < tok.end && tok.end <= text.len());
            assert!(text.is_char_boundary(tok.start) && text.is_char_boundary(tok.end));
            last = tok.end;
        }
    }
});
