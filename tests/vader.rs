//! The VADER port against Python vaderSentiment 3.3.2 on every sentence of
//! the seed corpus (tests/data/vader/seeds.csv, made by
//! scripts/vader_reference.py). The bar: a mean absolute difference
//! of the compound score of at most 0.01.

use newsframe::framing::sentiment::Vader;
use newsframe::Corpus;

#[test]
fn compound_scores_match_python_vader_on_the_seeds() {
    let corpus = Corpus::open("seeds").unwrap();
    let vader = Vader::new();
    let mut reader = csv::Reader::from_path("tests/data/vader/seeds.csv").unwrap();
    let (mut n, mut sum, mut max, mut same) = (0usize, 0.0f64, 0.0f64, 0usize);
    for row in reader.records() {
        let row = row.unwrap();
        let (id, sid, want): (&str, usize, f64) = (&row[0], row[1].parse().unwrap(), row[2].parse().unwrap());
        let doc = corpus.get(id).unwrap();
        let s = &doc.sentences()[sid - 1];
        let got = vader.scores(&doc.text[s.start..s.end]).compound;
        let diff = (got - want).abs();
        sum += diff;
        max = max.max(diff);
        same += usize::from(diff <= 5e-5);
        n += 1;
    }
    let sentences: usize = corpus.docs().iter().map(|d| d.sentences().len()).sum();
    assert_eq!(n, sentences, "the reference covers every sentence");
    let mean = sum / n as f64;
    eprintln!("VADER vs Python vaderSentiment on {n} seed sentences: mean |diff| {mean:.2e}, max {max:.2e}, {same} equal to 4 decimals");
    assert!(mean <= 0.01, "mean absolute difference {mean}");
    // Stronger than the bar: the port reproduces every score to Python's
    // four-decimal rounding.
    assert_eq!(same, n, "max difference {max}");
}
