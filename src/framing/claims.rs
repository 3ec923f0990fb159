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
//! Not claims: a cardinal word after "the", "these", "those" or "both"
//! ("the two countries" refers back to a set already named); the word
//! "one" without a scale (a pronoun or determiner: "one of", "on the one
//! hand"); the ordinal "first" and capitalised ordinal words ("First of
//! all", "First Deputy Chairman"); a number glued to a code ("G5+1"); and a
//! date without a day within [`PERIOD_NEAR`] bytes of a money, percent or
//! multiplier claim, which is that amount's period ("7.1% in 2022"). Vague
//! plurals ("thousands of students") are approximate lower bounds.
//!
//! [`score_against_gold`] measures the extractor against hand coding
//! ([`read_gold`]); on the seed gold (`tests/data/seeds_gold/claims.csv`)
//! see `tests/claims_gold.rs` and VALIDATION.md.
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
    ("hundred", 100.0), ("dozen", 12.0), ("hundreds", 100.0), ("thousands", 1000.0), ("millions", 1e6), ("dozens", 12.0),
];

/// Vague plurals ("thousands of students"): a lower bound, so the claim is
/// approximate.
const VAGUE: &[&str] = &["hundreds", "thousands", "millions", "dozens"];

/// Before a cardinal number word, these make it a reference to a set the
/// text already named ("the two countries", "both"), not a count it states.
const DEFINITE: &[&str] = &["the", "these", "those", "both"];

/// How close (in bytes) a date without a day must be to a measured amount
/// (money, percent, multiplier) of its sentence to count as that amount's
/// period ("7.1% in 2022", "tripled between 2015 and 2021") rather than a
/// claim of its own.
pub const PERIOD_NEAR: usize = 40;

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
    day: Regex,
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
        date: p(format!(r"\b(?:(?:{months})\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?|(?:{months})\s+\d{{4}}|(?i:between)\s+(?:19|20)\d{{2}}\s+and\s+(?:19|20)\d{{2}}|(?i:in|since|of|by|until|from|between)\s+(?:19|20)\d{{2}}(?:\s*[-–]\s*(?:19|20)\d{{2}})?|(?:19|20)\d{{2}}\s*[-–]\s*(?:19|20)\d{{2}})\b")),
        count: p(format!(r"(?i)\b(?P<n>{num}|{words})\b(?:\s+(?P<s>thousand|million|billion))?")),
        day: p(format!(r"^(?:{months})\s+\d{{1,2}}\b")),
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
                if let Some(w) = c.name("w") {
                    // "First of all", "Second,", "First Deputy Chairman":
                    // a capitalised ordinal word enumerates or names; and
                    // "first" says what came earliest, not how many.
                    if w.as_str().starts_with(char::is_uppercase) || w.as_str().eq_ignore_ascii_case("first") {
                        continue;
                    }
                }
                let v = c.name("n").or(c.name("w")).and_then(|x| parse_number(x.as_str()).or_else(|| x.as_str().parse().ok())).unwrap_or(f64::NAN);
                add("ordinal", m.start(), m.end(), v, None, &mut taken);
            }
            for c in p.count.captures_iter(s) {
                let m = c.get(0).expect("match");
                let n = &c["n"];
                if n.starts_with(|ch: char| ch.is_alphabetic()) {
                    let word = n.to_lowercase();
                    let prev = s[..m.start()].trim_end().rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("").to_lowercase();
                    // "one" is far more often a pronoun or determiner ("one
                    // of", "on the one hand", "one key player") than a
                    // count; it counts only with a scale ("one billion").
                    if (word == "one" && c.name("s").is_none()) || DEFINITE.contains(&prev.as_str()) {
                        continue;
                    }
                } else {
                    // A number glued to a code ("G5+1", "COVID-19") is part of a name.
                    let mut back = s[..m.start()].chars().rev();
                    if matches!(back.next(), Some('+' | '-' | '/')) && back.next().is_some_and(char::is_alphanumeric) {
                        continue;
                    }
                }
                let v = parse_number(&c["n"]).unwrap_or(f64::NAN) * c.name("s").map_or(1.0, |x| scale(x.as_str()));
                add("count", m.start(), m.end(), v, None, &mut taken);
            }
            let amounts: Vec<(usize, usize)> = found.iter().filter(|c| matches!(c.kind, "money" | "percent" | "multiplier")).map(|c| (c.start, c.end)).collect();
            // A date that names a day ("November 27") dates an event, never an amount's period.
            found.retain(|c| c.kind != "date" || p.day.is_match(&c.text) || amounts.iter().all(|&(a, b)| c.start > b + PERIOD_NEAR || c.end + PERIOD_NEAR < a));
            for c in found.iter_mut() {
                if VAGUE.iter().any(|v| c.text.to_lowercase().starts_with(v)) {
                    c.approx = true;
                }
            }
            found.sort_by_key(|c| c.start);
            out.extend(found);
        }
    }
    out
}

/// The claims as a table: `doc_id`, `sentence_id`, `kind`, `text`,
/// `value` (null for a date), `unit`, `object`, `approx`, `sentence`,
/// `start`, `end`.
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
        // A claim with no numeric value (a date) has a null value, never NaN.
        Column::new(columns::VALUE.into(), c.iter().map(|c| (!c.value.is_nan()).then_some(c.value)).collect::<Vec<_>>()),
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

/// One hand-coded claim of a gold file: the columns `doc_id`, `quantity`,
/// `value`, `unit`, `hedged` (`yes`/`no`) and `evidence` (a verbatim
/// passage of the document's prose that holds the figure), as in
/// `tests/data/seeds_gold/claims.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldClaim {
    /// Index of the document.
    pub doc: usize,
    /// The coder's name for the quantity.
    pub quantity: String,
    /// The value as coded, scaled by the unit's `thousand`, `million` or
    /// `billion` (`28` `billion USD` is 2.8e10).
    pub value: f64,
    /// The unit as coded.
    pub unit: String,
    /// The coder marked the figure as hedged.
    pub hedged: bool,
    /// The evidence's byte offsets in the document's prose.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The evidence.
    pub evidence: String,
}

/// Reads a gold file of claims (see [`GoldClaim`]). An unknown document, a
/// value that is not a number, a `hedged` other than yes/no, or evidence that
/// is not in the document's prose is an error naming the file, line and
/// field.
pub fn read_gold(path: impl AsRef<std::path::Path>, corpus: &Corpus) -> Result<Vec<GoldClaim>> {
    use crate::error::Error;
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut rdr = csv::Reader::from_reader(file);
    let syntax = |e: csv::Error| Error::syntax(path, "CSV claims gold", e.position().map(|p| p.line()), e.to_string());
    let headers: Vec<String> = rdr.headers().map_err(syntax)?.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| Error::field(path, Some(1), name, format!("no such column; the columns are: {}", headers.join(", "))));
    let (c_doc, c_q, c_v, c_u, c_h, c_e) = (col("doc_id")?, col("quantity")?, col("value")?, col("unit")?, col("hedged")?, col("evidence")?);
    let mut out = vec![];
    for record in rdr.records() {
        let record = record.map_err(syntax)?;
        let line = record.position().map(|p| p.line());
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let doc = corpus.docs().iter().position(|d| d.id == get(c_doc)).ok_or_else(|| Error::field(path, line, "doc_id", format!("no document `{}` in the corpus", get(c_doc))))?;
        let raw: f64 = get(c_v).replace(',', "").parse().map_err(|_| Error::field(path, line, "value", format!("`{}` is not a number", get(c_v))))?;
        let unit = get(c_u).to_string();
        let lower = unit.to_lowercase();
        let scale = if lower.starts_with("billion") { 1e9 } else if lower.starts_with("million") { 1e6 } else { 1.0 };
        let hedged = match get(c_h) {
            "yes" => true,
            "no" => false,
            other => return Err(Error::field(path, line, "hedged", format!("`{other}` is not yes or no"))),
        };
        let evidence = record.get(c_e).unwrap_or("").to_string();
        let text = &corpus.docs()[doc].text;
        let start = text.find(&evidence).filter(|_| !evidence.is_empty()).ok_or_else(|| Error::field(path, line, "evidence", format!("not found in the prose of `{}`: {evidence}", get(c_doc))))?;
        out.push(GoldClaim { doc, quantity: get(c_q).to_string(), value: raw * scale, unit, hedged, start, end: start + evidence.len(), evidence });
    }
    Ok(out)
}

/// Gold claims as a table: `doc_id`, `quantity`, `value` (scaled as in
/// [`GoldClaim`]), `unit`, `hedged`, `evidence`, in file order.
pub fn gold_table(corpus: &Corpus, gold: &[GoldClaim]) -> Result<DataFrame> {
    let docs = corpus.docs();
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), gold.iter().map(|g| docs[g.doc].id.as_str()).collect::<Vec<_>>()),
        Column::new("quantity".into(), gold.iter().map(|g| g.quantity.as_str()).collect::<Vec<_>>()),
        Column::new(columns::VALUE.into(), gold.iter().map(|g| g.value).collect::<Vec<_>>()),
        Column::new("unit".into(), gold.iter().map(|g| g.unit.as_str()).collect::<Vec<_>>()),
        Column::new("hedged".into(), gold.iter().map(|g| g.hedged).collect::<Vec<_>>()),
        Column::new("evidence".into(), gold.iter().map(|g| g.evidence.as_str()).collect::<Vec<_>>()),
    ])?)
}

/// Whether an extracted claim and a gold claim are the same figure: the
/// claim lies in (or overlaps) the gold evidence, and its value equals the
/// gold value (to 1e-9, relative), or, for a claim with no numeric value (a
/// date), its text holds the gold value as a whole number (`June 2024` for
/// 2024, `November 27-28` for 27).
pub fn same_claim(c: &Claim, g: &GoldClaim) -> bool {
    if c.doc != g.doc || c.end <= g.start || g.end <= c.start {
        return false;
    }
    if c.value.is_finite() {
        return (c.value - g.value).abs() <= 1e-9 * g.value.abs().max(1.0);
    }
    g.value.fract() == 0.0 && {
        let v = format!("{}", g.value as i64);
        let t = c.text.as_str();
        t.match_indices(&v).any(|(i, _)| {
            let before = t[..i].chars().next_back();
            let after = t[i + v.len()..].chars().next();
            !before.is_some_and(|x| x.is_ascii_digit()) && !after.is_some_and(|x| x.is_ascii_digit())
        })
    }
}

/// The claims extractor scored against a gold file ([`read_gold`]): one row
/// a document, then `all`, with `n_gold`, `n_found` (claims extracted),
/// `found_correct` (extracted claims that are a gold figure, [`same_claim`]),
/// `gold_found` (gold figures that some extracted claim recovers),
/// `precision` = found_correct / n_found, `recall` = gold_found / n_gold,
/// `f1`, and `hedge_agree`: of the matched pairs, the share where
/// the claim's `approx` equals the coder's `hedged`.
pub fn score_against_gold(corpus: &Corpus, gold: &[GoldClaim]) -> Result<DataFrame> {
    let found = claims(corpus);
    let ids: Vec<&str> = corpus.docs().iter().map(|d| d.id.as_str()).collect();
    let mut cols: (Vec<String>, Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) = Default::default();
    for d in (0..ids.len()).map(Some).chain([None]) {
        let f: Vec<&Claim> = found.iter().filter(|c| d.is_none_or(|d| c.doc == d)).collect();
        let g: Vec<&GoldClaim> = gold.iter().filter(|g| d.is_none_or(|d| g.doc == d)).collect();
        let fc = f.iter().filter(|c| g.iter().any(|g| same_claim(c, g))).count();
        let gf = g.iter().filter(|g| f.iter().any(|c| same_claim(c, g))).count();
        let pairs: Vec<(bool, bool)> = g.iter().filter_map(|g| f.iter().find(|c| same_claim(c, g)).map(|c| (c.approx, g.hedged))).collect();
        let p = fc as f64 / f.len() as f64;
        let r = gf as f64 / g.len() as f64;
        cols.0.push(d.map_or("all".to_string(), |d| ids[d].to_string()));
        cols.1.push(g.len() as u32);
        cols.2.push(f.len() as u32);
        cols.3.push(fc as u32);
        cols.4.push(gf as u32);
        cols.5.push(p);
        cols.6.push(r);
        cols.7.push(if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 });
        cols.8.push(pairs.iter().filter(|(a, b)| a == b).count() as f64 / pairs.len() as f64);
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), cols.0),
        Column::new("n_gold".into(), cols.1),
        Column::new("n_found".into(), cols.2),
        Column::new("found_correct".into(), cols.3),
        Column::new("gold_found".into(), cols.4),
        Column::new("precision".into(), cols.5),
        Column::new("recall".into(), cols.6),
        Column::new("f1".into(), cols.7),
        Column::new("hedge_agree".into(), cols.8),
    ])?)
}

/// The disagreements behind [`score_against_gold`], for reading: `doc_id`,
/// `side` (`missed`: a gold figure no claim recovers, with its evidence;
/// `extra`: an extracted claim that is no gold figure, with its sentence),
/// `text` (the gold quantity and value, or the claim as written), `context`.
/// Sorted by document (corpus order), side, position.
pub fn gold_disagreements(corpus: &Corpus, gold: &[GoldClaim]) -> Result<DataFrame> {
    let found = claims(corpus);
    let docs = corpus.docs();
    let mut rows: Vec<(usize, &str, usize, String, String)> = vec![];
    for g in gold.iter().filter(|g| !found.iter().any(|c| same_claim(c, g))) {
        rows.push((g.doc, "missed", g.start, format!("{} = {}", g.quantity, g.value), g.evidence.clone()));
    }
    for c in found.iter().filter(|c| !gold.iter().any(|g| same_claim(c, g))) {
        let s = &docs[c.doc].sentences()[c.sentence];
        rows.push((c.doc, "extra", c.start, c.text.clone(), docs[c.doc].text[s.start..s.end].to_string()));
    }
    rows.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), rows.iter().map(|r| docs[r.0].id.as_str()).collect::<Vec<_>>()),
        Column::new("side".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new(columns::TEXT.into(), rows.iter().map(|r| r.3.as_str()).collect::<Vec<_>>()),
        Column::new("context".into(), rows.iter().map(|r| r.4.as_str()).collect::<Vec<_>>()),
    ])?)
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
                ("multiplier", "tripled"),
                ("multiplier", "2.5 times"),
                ("ordinal", "35th"),
                ("ordinal", "fifth"),
            ]
        );
        assert_eq!(got[0].2, 28e9);
        assert_eq!(got[1].3.as_deref(), Some("documents"));
        assert!(got[1].4, "about 20 is approximate");
        assert_eq!(got[3].2, 7000.0);
        assert_eq!(got[7].3.as_deref(), Some("visit"));
        assert_eq!(got[8].3.as_deref(), Some("meeting"));
    }

    #[test]
    fn a_date_has_a_null_value_in_the_table_never_nan() {
        let t = claims_table(&Corpus::from_texts([("a", "Trade reached $28 billion on November 27-28.")]).unwrap()).unwrap();
        let v = crate::display::get_column(&t, columns::VALUE).unwrap().f64().unwrap().clone();
        let kinds = crate::display::get_column(&t, columns::KIND).unwrap().str().unwrap().clone();
        assert_eq!(kinds.iter().collect::<Vec<_>>(), [Some("money"), Some("date")]);
        assert_eq!(v.iter().collect::<Vec<_>>(), [Some(28e9), None]);
    }

    #[test]
    fn references_enumerators_and_periods_are_not_claims() {
        let texts = |t: &str| found(t).into_iter().map(|g| g.1).collect::<Vec<_>>();
        // Definite cardinals refer back; "one" is a pronoun; "first" and
        // capitalised ordinals enumerate or name; codes are names.
        assert!(texts("The leaders of the two countries met. On the one hand, it is one of the partners.").is_empty());
        assert!(texts("First of all, the First Deputy spoke at the first session of the G5+1.").is_empty());
        // A date beside an amount is its period; a date alone is a claim.
        assert_eq!(texts("Exports grew by 22.3% in 2022 and more than tripled between 2015 and 2021."), ["22.3%", "tripled"]);
        assert_eq!(texts("In 2023 China took over the top spot."), ["In 2023"]);
        // Counts that stay: a plain cardinal, "one" with a scale, a vague plural (approximate).
        let got = found("Two trains ran, one million tenge was paid, and thousands of students came.");
        let t: Vec<(&str, bool)> = got.iter().map(|g| (g.1.as_str(), g.4)).collect();
        assert_eq!(t, [("Two", false), ("one million", false), ("thousands", true)]);
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
