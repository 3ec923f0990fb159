//! The frame decisions and the negation handling, scored against the seed
//! gold of an independent coder (`tests/data/seeds_gold/`: generic_frames.csv,
//! event_frames.csv, conflict_cues.csv; see its README). The rules were fixed
//! before the gold was read; the floors below are the levels they reached,
//! so a change that loses agreement fails here. `VALIDATION.md` reports the
//! figures.

use std::collections::BTreeMap;

use newsframe::framing::frames::frame_decisions;
use newsframe::Corpus;

const GOLD: &str = "tests/data/seeds_gold";

fn gold_rows(file: &str) -> Vec<BTreeMap<String, String>> {
    let path = format!("{GOLD}/{file}");
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let header = r.headers().unwrap().clone();
    r.records().map(|rec| header.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()).collect()
}

/// `(doc, frame) -> (present, rule, n_matches)` from `frame_decisions`.
fn decisions(corpus: &Corpus, dictionary: &str) -> BTreeMap<(String, String), (bool, String, u64)> {
    let d = newsframe::framing::shipped(dictionary).unwrap();
    let t = frame_decisions(corpus, &d).unwrap();
    let (id, frame, rule) = (t.column("doc_id").unwrap().str().unwrap(), t.column("frame").unwrap().str().unwrap(), t.column("rule").unwrap().str().unwrap());
    let (present, n) = (t.column("present").unwrap().bool().unwrap(), t.column("n_matches").unwrap().u64().unwrap());
    (0..t.height())
        .map(|i| ((id.get(i).unwrap().to_string(), frame.get(i).unwrap().to_string()), (present.get(i).unwrap(), rule.get(i).unwrap().to_string(), n.get(i).unwrap())))
        .collect()
}

/// `(tp, fp, fn, tn)`.
fn confusion(pairs: &[(bool, bool)]) -> (usize, usize, usize, usize) {
    let c = |p: bool, g: bool| pairs.iter().filter(|&&(a, b)| a == p && b == g).count();
    (c(true, true), c(true, false), c(false, true), c(false, false))
}

fn f1((tp, fp, fne, _): (usize, usize, usize, usize)) -> f64 {
    if tp == 0 { 0.0 } else { 2.0 * tp as f64 / (2 * tp + fp + fne) as f64 }
}

#[test]
fn generic_frame_decisions_against_the_seed_gold() {
    let corpus = Corpus::open("seeds").unwrap();
    let ours = decisions(&corpus, "generic_frames");
    let (mut calibrated, mut once, mut model_only, mut model_only_once) = (vec![], vec![], vec![], vec![]);
    for r in gold_rows("generic_frames.csv") {
        let frame = if r["frame"] == "economic" { "economic_consequences".to_string() } else { r["frame"].clone() };
        let gold = r["present"] == "yes";
        let (present, rule, n) = ours.get(&(r["doc_id"].clone(), frame.clone())).unwrap_or_else(|| panic!("no decision for {} {frame}", r["doc_id"]));
        calibrated.push((*present, gold));
        once.push((*n > 0, gold));
        if rule == "calibrated" {
            model_only.push((*present, gold));
            model_only_once.push((*n > 0, gold));
        }
    }
    assert_eq!(calibrated.len(), 30);
    assert_eq!(model_only.len(), 25);
    let (c, o, m, mo) = (confusion(&calibrated), confusion(&once), confusion(&model_only), confusion(&model_only_once));
    eprintln!("generic, 30 doc-frame pairs: decide (tp, fp, fn, tn) {c:?} F1 {:.2}; matches once {o:?} F1 {:.2}", f1(c), f1(o));
    eprintln!("generic, the 25 calibrated pairs: decide {m:?} F1 {:.2} accuracy {}/25; matches once {mo:?} F1 {:.2} accuracy {}/25", f1(m), m.0 + m.3, f1(mo), mo.0 + mo.3);
    // Levels reached when the gold was first read (rules fixed before).
    // On these five articles (not climate news) the calibrated rule agrees
    // with the coder less often than "matches once" (16 vs 17 of 25): its
    // thresholds were set on climate coverage. VALIDATION.md says so.
    assert!(m.0 + m.3 >= 16, "calibrated decisions agree with the coder on {} of 25 pairs", m.0 + m.3);
    assert!(m.0 >= 11 && f1(m) >= 0.70, "calibrated: {m:?}, F1 {:.2}", f1(m));
}

#[test]
fn event_frame_decisions_against_the_seed_gold() {
    let corpus = Corpus::open("seeds").unwrap();
    let ours = decisions(&corpus, "event_frames");
    let (mut any, mut substantial) = (vec![], vec![]);
    for r in gold_rows("event_frames.csv") {
        let (present, rule, _) = &ours[&(r["doc_id"].clone(), r["frame"].clone())];
        assert_eq!(rule, "matches_once", "event frames have no calibrated model");
        any.push((*present, r["present"] == "yes"));
        substantial.push((*present, r["strength"] == "substantial"));
    }
    assert_eq!(any.len(), 45);
    let (a, s) = (confusion(&any), confusion(&substantial));
    eprintln!("event, 45 doc-frame pairs, present (any strength): {a:?} F1 {:.2} accuracy {}/45", f1(a), a.0 + a.3);
    eprintln!("event, against 'substantial' only: {s:?} F1 {:.2} accuracy {}/45", f1(s), s.0 + s.3);
    assert!(a.0 + a.3 >= 41, "matches-once agrees with the coder on {} of 45 pairs", a.0 + a.3);
    // The China sentence no longer makes a Russian threat, and Daryo's
    // russian_threat (the one substantial case) is still found.
    assert!(ours[&("daryo".to_string(), "russian_threat".to_string())].0);
    assert!(!ours[&("rt".to_string(), "russian_threat".to_string())].0 && !ours[&("saenko".to_string(), "russian_threat".to_string())].0);
}

/// For each gold cue that a `negation = true` category of the shipped
/// dictionaries matches, whether we left it out (`Some(true)`), counted it
/// (`Some(false)`); `None` when no such category matches it.
#[test]
fn negation_handling_against_the_conflict_cues() {
    let corpus = Corpus::open("seeds").unwrap();
    let lookups: Vec<_> = ["generic_frames", "event_frames"].iter().map(|n| newsframe::framing::shipped(n).unwrap().lookup(&corpus)).collect();
    let mut scored = vec![];
    let mut uncovered = 0;
    for r in gold_rows("conflict_cues.csv") {
        let doc = corpus.docs().iter().position(|d| d.id == r["doc_id"]).unwrap();
        let text = &corpus.docs()[doc].text;
        // A headline is not part of the document text the lookup reads.
        let Some(at) = text.find(r["context"].as_str()) else {
            assert!(corpus.docs()[doc].title.as_deref().is_some_and(|t| t.contains(r["context"].as_str())), "context not in {}: {}", r["doc_id"], r["context"]);
            uncovered += 1;
            continue;
        };
        let cue_at = at + r["context"].find(r["cue"].as_str()).unwrap_or_else(|| panic!("cue {} not in its context", r["cue"]));
        let covers = |m: &newsframe::dictionary::Match| m.doc == doc && m.start <= cue_at && cue_at < m.end;
        let mut status = None;
        for l in &lookups {
            let neg = |c: usize| l.dictionary().categories[c].negation;
            if l.excluded_matches().iter().any(|(m, why)| covers(m) && neg(m.category) && !why.starts_with("no required context")) {
                status = Some(true);
            } else if status.is_none() && l.matches().iter().any(|m| covers(m) && neg(m.category)) {
                status = Some(false);
            }
        }
        let gold = matches!(r["reading"].as_str(), "negated" | "agreement");
        match status {
            Some(left_out) => scored.push((left_out, gold)),
            None => uncovered += 1,
        }
    }
    let c = confusion(&scored);
    let gold_negated = scored.iter().filter(|p| p.1).count();
    eprintln!(
        "conflict cues: {} of 42 matched by a negation-aware category ({uncovered} not); left out vs coded negated/agreement (tp, fp, fn, tn) {c:?}, {} of {gold_negated} negated/agreement cues caught",
        scored.len(),
        c.0
    );
    assert!(c.0 >= 2, "negated cues caught: {}", c.0);
    assert!(c.1 <= 1, "cues wrongly left out: {}", c.1);
}
