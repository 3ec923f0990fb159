//! BASIL, read from `../shared/corpora/basil` when it is there (it is not
//! part of this repository; see the README for how to obtain it). Skips
//! with a message when absent.

use newsframe::corpus::basil;

fn basil_dir() -> Option<std::path::PathBuf> {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/basil");
    if d.join("articles").is_dir() {
        Some(d)
    } else {
        eprintln!("skipped: BASIL is not at {} (see README: Chapter 8)", d.display());
        None
    }
}

#[test]
fn basil_reads_every_article_and_places_every_span() {
    let Some(dir) = basil_dir() else { return };
    let b = basil::open(&dir).unwrap();
    assert_eq!(b.corpus.len(), 300);
    let events: std::collections::BTreeSet<String> = b.corpus.docs().iter().map(|d| b.corpus.metadata(d, "event").unwrap()).collect();
    assert_eq!(events.len(), 100);
    let located = b.spans.column("located").unwrap().str().unwrap().clone();
    let n = located.len();
    let exact = (0..n).filter(|&i| located.get(i) == Some("exact")).count();
    eprintln!("{n} spans, {exact} located exactly");
    assert_eq!(n, 1726, "BASIL's release has 1,726 spans");
    // Every located span's offsets slice the document to its text.
    let texts = b.spans.column("text").unwrap().str().unwrap().clone();
    let ids = b.spans.column("doc_id").unwrap().str().unwrap().clone();
    let (s, e) = (b.spans.column("start").unwrap().u64().unwrap().clone(), b.spans.column("end").unwrap().u64().unwrap().clone());
    for i in 0..n {
        if let (Some(a), Some(z)) = (s.get(i), e.get(i)) {
            let doc = b.corpus.get(ids.get(i).unwrap()).unwrap();
            assert_eq!(&doc.text[a as usize..z as usize], texts.get(i).unwrap());
        }
    }
    assert!(exact as f64 / n as f64 > 0.95, "only {exact} of {n} spans located exactly");
}
