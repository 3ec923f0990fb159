//! Entity discovery against the hand coding of the five seed articles
//! (`tests/data/seeds_gold/entities.csv`, coded by an independent coder who
//! did not see the tool; its README gives the codebook).
//!
//! Each gold row names a mention by its n-th occurrence in the raw file; it
//! is mapped to the document text (which leaves out the headline and the
//! page chrome) through its line. Rows in the headline or in chrome lines
//! cannot be found by a tool that reads the prose, and are left out (the
//! test counts them). Matching is one-to-one, best overlap first, at 50%
//! overlap: the shared bytes are at least half of the longer span.
//!
//! The floors are the level reached when the test was written, rounded down
//! to 0.05; VALIDATION.md reports the figures.

use std::collections::{BTreeMap, BTreeSet};

use newsframe::prelude::*;

struct Gold {
    doc: usize,
    start: usize,
    end: usize,
    kind: String,
    canonical: String,
}

fn nth_find(hay: &str, needle: &str, n: usize) -> Option<usize> {
    let mut from = 0;
    let mut at = None;
    for _ in 0..n {
        let k = hay[from..].find(needle)? + from;
        at = Some(k);
        from = k + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    at
}

/// The gold mentions mapped to document offsets, and the number of rows in
/// the headline or chrome.
fn gold(corpus: &Corpus) -> (Vec<Gold>, usize) {
    let mut rdr = csv::Reader::from_path("tests/data/seeds_gold/entities.csv").unwrap();
    let mut out = vec![];
    let mut outside = 0;
    let mut raws: BTreeMap<usize, String> = BTreeMap::new();
    for row in rdr.records() {
        let row = row.unwrap();
        let (id, mention, occ, kind, canonical) = (&row[0], &row[1], row[2].parse::<usize>().unwrap(), &row[3], &row[4]);
        let d = corpus.docs().iter().position(|d| d.id == id).unwrap_or_else(|| panic!("no document {id}"));
        let doc = &corpus.docs()[d];
        let raw = raws.entry(d).or_insert_with(|| std::fs::read_to_string(&doc.source).unwrap());
        let at = nth_find(raw, mention, occ).unwrap_or_else(|| panic!("{id}: `{mention}` #{occ} not in the raw file"));
        let line_start = raw[..at].rfind('\n').map_or(0, |k| k + 1);
        let line_end = raw[at..].find('\n').map_or(raw.len(), |k| at + k);
        let line = raw[line_start..line_end].trim_end_matches('\r');
        let suffix = &raw[at..line_end].trim_end_matches('\r');
        // The whole line in the prose, or (a chrome prefix cut off) the
        // line from the mention on.
        let found = doc.text.find(line).map(|k| k + (at - line_start)).or_else(|| {
            (!row[5].contains("headline") && suffix.len() > mention.len() + 20).then(|| doc.text.find(suffix)).flatten()
        });
        match found {
            Some(start) if !row[5].contains("headline") => {
                out.push(Gold { doc: d, start, end: start + mention.len(), kind: kind.to_string(), canonical: canonical.to_string() })
            }
            _ => outside += 1,
        }
    }
    (out, outside)
}

/// One-to-one matches (gold index, mention index), best overlap first.
fn matches(gold: &[Gold], found: &[EntityMention], typed: bool) -> Vec<(usize, usize)> {
    let mut pairs = vec![];
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in found.iter().enumerate() {
            if p.doc != g.doc || (typed && p.kind.as_str() != g.kind) {
                continue;
            }
            let shared = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            let longer = (g.end - g.start).max(p.end - p.start);
            if shared * 2 >= longer && shared > 0 {
                pairs.push((shared as f64 / longer as f64, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut ug, mut up) = (BTreeSet::new(), BTreeSet::new());
    let mut out = vec![];
    for (_, gi, pi) in pairs {
        if !ug.contains(&gi) && !up.contains(&pi) {
            ug.insert(gi);
            up.insert(pi);
            out.push((gi, pi));
        }
    }
    out
}

fn f1(tp: usize, n_found: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = tp as f64 / n_found as f64;
    let r = tp as f64 / n_gold as f64;
    (p, r, 2.0 * p * r / (p + r))
}

#[test]
fn seed_entities_against_the_hand_coding() {
    let corpus = Corpus::open("seeds").unwrap();
    let (gold, outside) = gold(&corpus);
    let found = discover(&corpus).mentions;
    assert!(gold.len() > 400, "{} gold mentions mapped", gold.len());
    let untyped = f1(matches(&gold, &found, false).len(), found.len(), gold.len());
    let typed = f1(matches(&gold, &found, true).len(), found.len(), gold.len());
    eprintln!(
        "seeds: {} gold mentions in the prose ({outside} in headlines or chrome left out), {} found\n\
         untyped P {:.3} R {:.3} F1 {:.3}\ntyped   P {:.3} R {:.3} F1 {:.3}",
        gold.len(),
        found.len(),
        untyped.0,
        untyped.1,
        untyped.2,
        typed.0,
        typed.1,
        typed.2
    );
    for kind in ["person", "organization", "place"] {
        let g: Vec<Gold> = gold.iter().filter(|g| g.kind == kind).map(|g| Gold { canonical: g.canonical.clone(), kind: g.kind.clone(), ..*g }).collect();
        let f: Vec<EntityMention> = found.iter().filter(|m| m.kind.as_str() == kind).cloned().collect();
        let s = f1(matches(&g, &f, true).len(), f.len(), g.len());
        eprintln!("  {kind}: P {:.3} R {:.3} F1 {:.3} ({} gold, {} found)", s.0, s.1, s.2, g.len(), f.len());
    }
    assert!(untyped.2 >= FLOOR_UNTYPED, "untyped F1 {:.3} fell below {FLOOR_UNTYPED}", untyped.2);
    assert!(typed.2 >= FLOOR_TYPED, "typed F1 {:.3} fell below {FLOOR_TYPED}", typed.2);
}

const FLOOR_UNTYPED: f64 = 0.95;
const FLOOR_TYPED: f64 = 0.90;

#[test]
fn seed_spellings_of_one_person_share_one_canonical_name() {
    let corpus = Corpus::open("seeds").unwrap();
    let (gold, _) = gold(&corpus);
    let found = discover(&corpus).mentions;
    let m = matches(&gold, &found, false);
    for person in ["Kassym-Jomart Tokayev", "Vladimir Putin"] {
        let rows: Vec<usize> = (0..gold.len()).filter(|&g| gold[g].canonical == person).collect();
        let hits: Vec<usize> = m.iter().filter(|(g, _)| rows.contains(g)).map(|(_, p)| *p).collect();
        let names: BTreeSet<&str> = hits.iter().map(|&p| found[p].canonical.as_str()).collect();
        let spellings: BTreeSet<&str> = hits.iter().map(|&p| found[p].text.as_str()).collect();
        eprintln!("{person}: {} of {} gold mentions found, canonical {names:?}, spellings {spellings:?}", hits.len(), rows.len());
        assert_eq!(names.len(), 1, "{person}: {names:?}");
        assert!(hits.len() * 10 >= rows.len() * 9, "{person}: {} of {}", hits.len(), rows.len());
    }
}
