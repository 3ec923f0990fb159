//! Claims: the numbers each text states, and where sources disagree.
//!
//! [`claims`] finds numeric expressions in every sentence, by kind:
//!
//! - `money`: `$28 billion`, `160.7 billion tenge`, `34.8 billion rubles`;
//! - `percent`: `30%`, `7.1 percent`;
//! - `distance`: `7 thousand kilometers`, `7,600 kilometers`, `20 km`;
//! - `multiplier`: `2.5 times`, `tripled`;
//! - `ordinal`: `35th`, `78th`, and the words `first` to `twentieth`;
//! - `date`: a month with a day or a year (`November 27-28`, `June
//!   2024`), or a year alone (`in 2023`);
//! - `count`: any other number, in digits or words (`19 more documents`,
//!   `three as Prime Minister`).
//!
//! Each claim has its `value` (as a number: `7 thousand` is 7000, `$28
//! billion` is 2.8e10), its `unit`, the `object`: the words after it up to
//! a function word or punctuation (`documents`, `visit to Kazakhstan`), and
//! `approx` when a word like "about", "nearly", "over" or "more than" comes
//! before it.
//!
//! [`compare`] then sorts claims into the quantities of a topic
//! dictionary (`dictionaries/claims.toml`: visits, documents signed, border
//! length, trade turnover, trade trend), matched within [`NEAR`] bytes of
//! the claim in its sentence,
//! each topic taking only the kinds of claim that can measure it, and
//! lists them side by side per source. The table shows what each source
//! says; whether two figures are about the same thing is for the reader to
//! judge from the sentences.

use std::collections::BTreeMap;

use polars::prelude::*;
use regex::Regex;

use crate::corpus::{columns, Corpus};
use crate::dictionary::Dictionary;
use crate::error::Result;

/// One numeric claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Index of the document.
    pub doc: usize,
    /// 0-based sentence.
    pub sentence: usize,
    /// `money`, `percent`, `distance`, `multiplier`, `ordinal`, `date` or
    /// `count`.
    pub kind: &'static str,
    /// The expression as written.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// Its unit (`USD`, `%`, `km`, `tenge`...), if any.
    pub unit: Option<String>,
    /// The words it qualifies.
    pub object: Option<String>,
    /// Hedged: "about", "nearly", "over", "more than"...
    pub approx: bool,
    /// Byte offsets in the document.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0), ("eight", 8.0),
    ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0), ("fifteen", 15.0), ("twenty", 20.0), ("thirty", 30.0),
    ("hundred", 100.0), ("dozen", 12.0),
];

const ORDINAL_WORDS: &[(&str, f64)] = &[
    ("first", 1.0), ("second", 2.0), ("third", 3.0), ("fourth", 4.0), ("fifth", 5.0), ("sixth", 6.0), ("seventh", 7.0),
    ("eighth", 8.0), ("ninth", 9.0), ("tenth", 10.0), ("eleventh", 11.0), ("twelfth", 12.0), ("twentieth", 20.0),
];

const APPROX: &[&str] = &["about", "nearly", "almost", "over", "around", "approximately", "roughly", "some", "more than", "less than", "up to", "exceed", "at least", "than"];

const STOP: &[&str] = &[
    "of", "in", "at", "on", "to", "for", "from", "with", "by", "and", "or", "but", "that", "which", "who", "as", "is", "are", "was",
    "were", "has", "have", "had", "will", "would", "the", "a", "an", "this", "than", "per", "between", "since", "during", "after", "before",
];

fn scale(word: &str) -> f64 {
    match word.to_lowercase().as_str() {
        "thousand" => 1e3,
        "million" | "m" | "mln" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => 1.0,
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().chain(ORDINAL_WORDS).find(|(w, _)| w.eq_ignore_ascii_case(s)) {
        return Some(v);
    }
    s.replace(',', "").parse().ok()
}

struct Patterns {
    money: Regex,
    money_after: Regex,
    percent: Regex,
    distance: Regex,
    multiplier: Regex,
    ordinal: Regex,
    date: Regex,
    count: Regex,
}

fn patterns() -> Patterns {
    let num = r"\d+(?:[.,]\d+)*";
    let scale = r"(?:thousand|million|billion|trillion|bn|mln)";
    let months = "January|February|March|April|May|June|July|August|September|October|November|December";
    let words = NUMBER_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|");
    let ords = ORDINAL_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|");
    let p = |s: String| Regex::new(&s).expect("static regex");
    Patterns {
        money: p(format!(r"(?i)(?:US)?\$\s?(?P<n>{num})(?:\s+(?P<s>{scale}))?")),
        money_after: p(format!(r"(?i)\b(?P<n>{num})(?:\s+(?P<s>{scale}))?\s+(?P<u>tenge|rubles|roubles|dollars|euros|yuan)\b")),
        percent: p(format!(r"(?i)\b(?P<n>{num})\s?(?:%|percent\b|per cent\b)")),
        distance: p(format!(r"(?i)\b(?P<n>{num})(?:\s+(?P<s>thousand))?\s*(?P<u>kilometers|kilometres|km|miles)\b")),
        multiplier: p(format!(r"(?i)\b(?P<n>{num})\s+times\b|\b(?P<w>doubled|tripled|quadrupled)\b")),
        ordinal: p(format!(r"(?i)\b(?P<n>\d+)(?:st|nd|rd|th)\b|\b(?P<w>{ords})\b")),
        date: p(format!(r"\b(?:(?:{months})\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?|(?:{months})\s+\d{{4}}|(?:in|since|of|by|until|from|between)\s+(?:19|20)\d{{2}}(?:\s*[-–]\s*(?:19|20)\d{{2}})?|(?:19|20)\d{{2}}\s*[-–]\s*(?:19|20)\d{{2}})\b")),
        count: p(format!(r"(?i)\b(?P<n>{num}|{words})\b(?:\s+(?P<s>thousand|million|billion))?")),
    }
}

/// Finds the numeric claims of every sentence.
pub fn claims(corpus: &Corpus) -> Vec<Claim> {
    let p = patterns();
    let mut out = vec![];
    for (d, doc) in corpus.docs().iter().enumerate() {
        for (k, span) in doc.sentences().iter().enumerate() {
            let s = &doc.text[span.start..span.end];
            let mut taken: Vec<(usize, usize)> = vec![];
            let mut found: Vec<Claim> = vec![];
            let free = |taken: &[(usize, usize)], a: usize, b: usize| taken.iter().all(|&(x, y)| b <= x || a >= y);
            let mut add = |kind: &'static str, a: usize, b: usize, value: f64, unit: Option<String>, taken: &mut Vec<(usize, usize)>| {
                if !free(taken, a, b) {
                    return;
                }
                taken.push((a, b));
                let before = s[..a].trim_end().to_lowercase();
                let approx = APPROX.iter().any(|w| before.ends_with(w) && before[..before.len() - w.len()].chars().last().is_none_or(|c| !c.is_alphanumeric()));
                let rest: Vec<&str> = s[b..].split(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '“' | '”' | '"' | '–')).next().unwrap_or("").split_whitespace().collect();
                let object: Vec<&str> = rest.iter().copied().skip_while(|w| *w == "more").take_while(|w| !STOP.contains(&w.to_lowercase().as_str()) && w.chars().any(char::is_alphanumeric)).take(3).collect();
                found.push(Claim {
                    doc: d,
                    sentence: k,
                    kind,
                    text: s[a..b].to_string(),
                    value,
                    unit,
                    object: (!object.is_empty()).then(|| object.join(" ")),
                    approx,
                    start: span.start + a,
                    end: span.start + b,
                });
            };
            for c in p.money.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = parse_number(&c["n"]).unwrap_or(f64::NAN) * c.name("s").map_or(1.0, |x| scale(x.as_str()));
                add("money", m.start(), m.end(), v, Some("USD".into()), &mut taken);
            }
            for c in p.money_after.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = parse_number(&c["n"]).unwrap_or(f64::NAN) * c.name("s").map_or(1.0, |x| scale(x.as_str()));
                add("money", m.start(), m.end(), v, Some(c["u"].to_lowercase()), &mut taken);
            }
            for c in p.percent.captures_iter(s) {
                let m = c.get(0).expect("match");
                add("percent", m.start(), m.end(), parse_number(&c["n"]).unwrap_or(f64::NAN), Some("%".into()), &mut taken);
            }
            for c in p.distance.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = parse_number(&c["n"]).unwrap_or(f64::NAN) * c.name("s").map_or(1.0, |x| scale(x.as_str()));
                let unit = if c["u"].eq_ignore_ascii_case("miles") { "miles" } else { "km" };
                add("distance", m.start(), m.end(), v, Some(unit.into()), &mut taken);
            }
            for c in p.date.find_iter(s) {
                add("date", c.start(), c.end(), f64::NAN, None, &mut taken);
            }
            for c in p.multiplier.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = match c.name("w").map(|w| w.as_str().to_lowercase()) {
                    Some(w) if w == "doubled" => 2.0,
                    Some(w) if w == "tripled" => 3.0,
                    Some(_) => 4.0,
                    None => parse_number(&c["n"]).unwrap_or(f64::NAN),
                };
                add("multiplier", m.start(), m.end(), v, Some("times".into()), &mut taken);
            }
            for c in p.ordinal.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = c.name("n").or(c.name("w")).and_then(|x| parse_number(x.as_str()).or_else(|| x.as_str().parse().ok())).unwrap_or(f64::NAN);
                add("ordinal", m.start(), m.end(), v, None, &mut taken);
            }
            for c in p.count.captures_iter(s) {
                let m = c.get(0).expect("match");
                let v = parse_number(&c["n"]).unwrap_or(f64::NAN) * c.name("s").map_or(1.0, |x| scale(x.as_str()));
                add("count", m.start(), m.end(), v, None, &mut taken);
            }
            found.sort_by_key(|c| c.start);
            out.extend(found);
        }
    }
    out
}

/// The claims as a table: `doc_id`, `sentence_id`, `kind`, `text`,
/// `value`, `unit`, `object`, `approx`, `sentence`, `start`, `end`.
pub fn claims_table(corpus: &Corpus) -> Result<DataFrame> {
    to_table(corpus, &claims(corpus), None)
}

fn to_table(corpus: &Corpus, c: &[Claim], topics: Option<&[&str]>) -> Result<DataFrame> {
    let docs = corpus.docs();
    let sentences: Vec<_> = docs.iter().map(|d| d.sentences()).collect();
    let mut cols = vec![];
    if let Some(t) = topics {
        cols.push(Column::new("quantity".into(), t.to_vec()));
    }
    cols.extend([
        Column::new(columns::DOC_ID.into(), c.iter().map(|c| docs[c.doc].id.as_str()).collect::<Vec<_>>()),
        Column::new(columns::SENTENCE_ID.into(), c.iter().map(|c| c.sentence as u32 + 1).collect::<Vec<_>>()),
        Column::new(columns::KIND.into(), c.iter().map(|c| c.kind).collect::<Vec<_>>()),
        Column::new(columns::TEXT.into(), c.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()),
        Column::new(columns::VALUE.into(), c.iter().map(|c| c.value).collect::<Vec<_>>()),
        Column::new("unit".into(), c.iter().map(|c| c.unit.as_deref()).collect::<Vec<_>>()),
        Column::new("object".into(), c.iter().map(|c| c.object.as_deref()).collect::<Vec<_>>()),
        Column::new("approx".into(), c.iter().map(|c| c.approx).collect::<Vec<_>>()),
        Column::new(
            "sentence".into(),
            c.iter()
                .map(|c| {
                    let s = &sentences[c.doc][c.sentence];
                    &docs[c.doc].text[s.start..s.end]
                })
                .collect::<Vec<_>>(),
        ),
        Column::new(columns::START.into(), c.iter().map(|c| c.start as u64).collect::<Vec<_>>()),
        Column::new(columns::END.into(), c.iter().map(|c| c.end as u64).collect::<Vec<_>>()),
    ]);
    Ok(DataFrame::new_infer_height(cols)?)
}

/// How close (in bytes) a claim must be to a cue of a quantity.
pub const NEAR: usize = 60;

/// The kinds of claim that can measure a quantity of the topic dictionary
/// (a category's `group`, a comma-separated list of kinds; any kind when
/// the group is empty).
fn kinds_of(group: Option<&str>) -> Vec<String> {
    group.map(|g| g.split(',').map(|k| k.trim().to_string()).collect()).unwrap_or_default()
}

/// The cross-source table: the claims within [`NEAR`] bytes of a cue of a
/// quantity of `topics` (e.g. [`crate::framing::shipped`]`("claims")`), in
/// the same sentence, and whose kind can measure it, as rows `quantity, doc_id, sentence_id, kind, text,
/// value, unit, object, approx, sentence, start, end`, sorted by quantity
/// (dictionary order), document (corpus order) and position.
pub fn compare(corpus: &Corpus, topics: &Dictionary) -> Result<DataFrame> {
    let all = claims(corpus);
    let lookup = topics.lookup(corpus);
    let mut hits: BTreeMap<(usize, usize), Vec<(usize, usize, usize)>> = BTreeMap::new();
    for m in lookup.matches() {
        hits.entry((m.doc, m.sentence)).or_default().push((m.category, m.start, m.end));
    }
    let mut rows: Vec<(usize, &Claim)> = vec![];
    for c in &all {
        let mut topics_here: Vec<usize> = vec![];
        for &(t, a, b) in hits.get(&(c.doc, c.sentence)).map(Vec::as_slice).unwrap_or(&[]) {
            let gap = if b <= c.start { c.start - b } else if c.end <= a { a - c.end } else { 0 };
            let kinds = kinds_of(topics.categories[t].group.as_deref());
            if gap <= NEAR && (kinds.is_empty() || kinds.iter().any(|k| k == c.kind)) && !topics_here.contains(&t) {
                topics_here.push(t);
                rows.push((t, c));
            }
        }
    }
    rows.sort_by_key(|(t, c)| (*t, c.doc, c.start));
    let names: Vec<&str> = rows.iter().map(|(t, _)| topics.categories[*t].name.as_str()).collect();
    let claims: Vec<Claim> = rows.iter().map(|(_, c)| (*c).clone()).collect();
    to_table(corpus, &claims, Some(&names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, String, f64, Option<String>, bool)> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, format!("doc_id,text\na,\"{}\"\n", text.replace('"', "\"\""))).unwrap();
        let c = Corpus::open(&p).unwrap();
        claims(&c).into_iter().map(|c| (c.kind, c.text, c.value, c.object, c.approx)).collect()
    }

    #[test]
    fn kinds_values_objects() {
        let got = found("Trade reached $28 billion, and about 20 documents were signed on November 27-28. The border is 7 thousand kilometers; it grew by 7.1% in 2022, tripled since 2015, 2.5 times. This is his 35th visit and the fifth meeting.");
        let kinds: Vec<(&str, &str)> = got.iter().map(|g| (g.0, g.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("money", "$28 billion"),
                ("count", "20"),
                ("date", "November 27-28"),
                ("distance", "7 thousand kilometers"),
                ("percent", "7.1%"),
                ("date", "in 2022"),
                ("multiplier", "tripled"),
                ("date", "since 2015"),
                ("multiplier", "2.5 times"),
                ("ordinal", "35th"),
                ("ordinal", "fifth"),
            ]
        );
        assert_eq!(got[0].2, 28e9);
        assert_eq!(got[1].3.as_deref(), Some("documents"));
        assert!(got[1].4, "about 20 is approximate");
        assert_eq!(got[3].2, 7000.0);
        assert_eq!(got[9].3.as_deref(), Some("visit"));
        assert_eq!(got[10].3.as_deref(), Some("meeting"));
    }

    #[test]
    fn seed_cross_source_table() {
        let c = Corpus::open("seeds").unwrap();
        let t = compare(&c, &crate::framing::shipped("claims").unwrap()).unwrap();
        let rows = |q: &str, d: &str| crate::statistics::texts_where(&t, &[("quantity", q), ("doc_id", d)], "text").unwrap();
        assert_eq!(rows("border_length", "world-today-news"), ["7 thousand kilometers"]);
        assert_eq!(rows("border_length", "daryo"), ["7,600 kilometers"]);
        assert!(rows("documents_signed", "moscow-post").contains(&"19".to_string()));
        assert!(rows("documents_signed", "saenko").contains(&"20".to_string()));
        assert!(rows("documents_signed", "daryo").contains(&"20".to_string()));
        assert!(rows("visits", "rt").contains(&"35th".to_string()) && rows("visits", "rt").contains(&"second".to_string()));
        assert!(rows("visits", "saenko").contains(&"35".to_string()));
        assert!(rows("visits", "world-today-news").contains(&"fifth".to_string()));
        assert!(rows("trade_turnover", "saenko").contains(&"$28 billion".to_string()));
        assert!(rows("trade_trend", "saenko").contains(&"10%".to_string()));
        assert!(rows("trade_trend", "rt").contains(&"30%".to_string()));
    }
}
