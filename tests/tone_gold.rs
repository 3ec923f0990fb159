//! Tone toward actors on the seeds, against an independent coder's gold
//! (`tests/data/seeds_gold/tone.csv`: one row per sentence and target, coded
//! negative, neutral or positive toward the target as NewsMTSC codes; its
//! rules are in `tests/data/seeds_gold/README.md`). Nothing was tuned on it.
//!
//! Each gold sentence is found in its document's text; every mention the
//! shipped gazetteer finds of that target in that span is scored on its own
//! (`actor_tone`'s per-mention scores) and compared with the sentence's
//! gold polarity. Gold rows where the gazetteer finds no mention (a
//! description such as "the Russian leader", a target the gazetteer lacks)
//! are counted and reported, not scored: they measure the gazetteer.

use std::collections::BTreeMap;

use newsframe::framing::sentiment::Vader;
use newsframe::framing::tone::{Polarity, Scorer};
use newsframe::framing::tone_train::macro_f1;
use newsframe::Corpus;

/// The gazetteer's actors that make up each gold target.
fn categories(target: &str) -> &'static [&'static str] {
    match target {
        "Putin" => &["Putin"],
        "Tokayev" => &["Tokayev"],
        "Russia" => &["Russia"],
        "Kazakhstan" => &["Kazakhstan"],
        "the West" => &["the West", "United States", "European Union", "NATO", "England", "Blinken"],
        _ => &[],
    }
}

struct Scored {
    gold_rows: usize,
    located: usize,
    covered: usize,
    /// Per scorer: (gold, predicted) for each mention.
    pairs: BTreeMap<&'static str, (Vec<Polarity>, Vec<Polarity>)>,
}

fn score_gold() -> Scored {
    let corpus = Corpus::open("seeds").unwrap();
    let gazetteer = newsframe::framing::shipped("actors").unwrap();
    let lookup = gazetteer.lookup(&corpus);
    let vader = Vader::new();
    let scorers = [Scorer::Sentence, Scorer::lexicon(), Scorer::model()];
    let mut out = Scored { gold_rows: 0, located: 0, covered: 0, pairs: BTreeMap::new() };
    let mut reader = csv::Reader::from_path("tests/data/seeds_gold/tone.csv").unwrap();
    let sentences: Vec<_> = corpus.docs().iter().map(|d| d.sentences()).collect();
    for row in reader.records() {
        let row = row.unwrap();
        let (doc_id, target, sentence, polarity) = (&row[0], &row[1], &row[2], &row[3]);
        out.gold_rows += 1;
        let gold = Polarity::parse(polarity).unwrap_or_else(|| panic!("gold polarity `{polarity}`"));
        let di = corpus.docs().iter().position(|d| d.id == doc_id).unwrap_or_else(|| panic!("gold doc `{doc_id}`"));
        let doc = &corpus.docs()[di];
        let Some(at) = doc.text.find(sentence.trim()) else { continue };
        out.located += 1;
        let (a, b) = (at, at + sentence.trim().len());
        let cats = categories(target);
        let mentions: Vec<_> = lookup
            .matches()
            .iter()
            .filter(|m| m.doc == di && a <= m.start && m.end <= b && cats.contains(&gazetteer.categories[m.category].name.as_str()))
            .collect();
        if mentions.is_empty() {
            continue;
        }
        out.covered += 1;
        for m in mentions {
            // The scorer's context: our sentence around the mention, as
            // actor_tone reads it.
            let s = sentences[di].iter().find(|s| s.start <= m.start && m.end <= s.end).copied().unwrap_or(newsframe::corpus::segment::Span { start: a, end: b });
            for sc in &scorers {
                let (p, _) = sc.score(&vader, &doc.text[s.start..s.end], m.start - s.start, m.end - s.start);
                let e = out.pairs.entry(sc.name()).or_default();
                e.0.push(gold);
                e.1.push(p);
            }
        }
    }
    out
}

#[test]
fn per_mention_tone_against_the_seed_gold() {
    let s = score_gold();
    eprintln!(
        "seed gold: {} rows, {} sentences found in the text, {} with a gazetteer mention of the target",
        s.gold_rows, s.located, s.covered
    );
    let mut f1 = BTreeMap::new();
    for (name, (gold, pred)) in &s.pairs {
        let (f, acc) = macro_f1(gold, pred);
        let count = |v: &Vec<Polarity>, p: Polarity| v.iter().filter(|x| **x == p).count();
        eprintln!(
            "  {name:8} {} mentions: macro F1 {f:.3}, accuracy {acc:.3} (gold neg/neu/pos {}/{}/{}, predicted {}/{}/{})",
            gold.len(),
            count(gold, Polarity::Negative),
            count(gold, Polarity::Neutral),
            count(gold, Polarity::Positive),
            count(pred, Polarity::Negative),
            count(pred, Polarity::Neutral),
            count(pred, Polarity::Positive)
        );
        f1.insert(*name, (f, acc));
    }
    assert!(s.located * 10 >= s.gold_rows * 9, "most gold sentences are found verbatim: {} of {}", s.located, s.gold_rows);
    // The levels reached when the test was written (VALIDATION.md), rounded
    // down to the hundredth: a change that lowers them fails here.
    let (f, acc) = f1["model"];
    assert!(f >= MODEL_F1 && acc >= MODEL_ACC, "model: macro F1 {f:.3}, accuracy {acc:.3}");
    let (f, acc) = f1["lexicon"];
    assert!(f >= LEXICON_F1 && acc >= LEXICON_ACC, "lexicon: macro F1 {f:.3}, accuracy {acc:.3}");
}

const MODEL_F1: f64 = 0.41;
const MODEL_ACC: f64 = 0.47;
const LEXICON_F1: f64 = 0.44;
const LEXICON_ACC: f64 = 0.48;
