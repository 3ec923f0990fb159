//! The claims extractor against the hand coding of the five seeds
//! (`tests/data/seeds_gold/claims.csv`: 59 numeric claims coded from the raw
//! texts before any tool output was seen; see its README).
//!
//! A gold figure is recovered when an extracted claim overlaps its evidence
//! passage and has its value (`claims::same_claim`); an extracted claim is
//! correct when it is some gold figure. The test prints precision, recall
//! and F1 per document, the disagreements, and fails below the floor
//! measured when it was written.

use newsframe::framing::claims;
use newsframe::statistics::value_where;
use newsframe::Corpus;

#[test]
fn claims_agree_with_the_hand_coding_of_the_seeds() {
    let corpus = Corpus::open("seeds").unwrap();
    let gold = claims::read_gold("tests/data/seeds_gold/claims.csv", &corpus).unwrap();
    assert_eq!(gold.len(), 59, "the gold has 59 claims");
    let score = claims::score_against_gold(&corpus, &gold).unwrap();
    eprintln!("{score}");
    let d = claims::gold_disagreements(&corpus, &gold).unwrap();
    for i in 0..d.height() {
        let r = d.get_row(i).unwrap().0;
        eprintln!("{} {} {} :: {}", r[0], r[1], r[2], r[3]);
    }
    let v = |c: &str| value_where(&score, &[("doc_id", "all")], c).unwrap();
    assert_eq!(v("n_gold"), 59.0);
    let (p, r) = (v("precision"), v("recall"));
    eprintln!("claims: precision {p:.3}, recall {r:.3}, F1 {:.3}, hedge agreement {:.3}", v("f1"), v("hedge_agree"));
    // Floors: what the extractor reached when this test was written
    // (2026-11-29), rounded down to 0.05.
    assert!(p >= FLOOR_P && r >= FLOOR_R, "claims: precision {p:.3} (floor {FLOOR_P}), recall {r:.3} (floor {FLOOR_R})");
}

const FLOOR_P: f64 = 0.90;
const FLOOR_R: f64 = 0.95;

#[test]
fn bad_gold_is_an_error_naming_the_file_line_and_field() {
    let corpus = Corpus::open("seeds").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.csv");
    let head = "doc_id,quantity,value,unit,hedged,evidence,note\n";
    for (row, field) in [
        ("nowhere,x,1,,no,abc,\n", "doc_id"),
        ("rt,x,many,,no,This marks Putin’s 35th visit to Kazakhstan,\n", "value"),
        ("rt,x,35,,maybe,This marks Putin’s 35th visit to Kazakhstan,\n", "hedged"),
        ("rt,x,35,,no,words that are not in the article at all,\n", "evidence"),
    ] {
        std::fs::write(&p, format!("{head}{row}")).unwrap();
        let e = claims::read_gold(&p, &corpus).unwrap_err().to_string();
        assert!(e.contains("g.csv") && e.contains(field) && e.contains('2'), "{field}: {e}");
    }
}
