//! Validation: an instrument measured against hand coding.
//!
//! A dictionary's counts are only as good as its decisions. This module
//! scores those decisions against human coding of the same texts, so that a
//! finding can be shown to be true of the text and not only of the tool:
//!
//! - [`Coding::open`] reads a coding sheet (CSV): `doc_id`, `category`,
//!   `label` (`0`, `1`, `true`, `false`, `yes`, `no`, any case), and where
//!   the unit is smaller than a document `sentence_id` (1-based, as in the
//!   sentences table) or `start`, `end` (byte offsets into the document
//!   text); optionally `coder`. Every other column (the text the coder
//!   read) is ignored. Bad rows stop with an error that names the file, the
//!   line and the field; no row is dropped.
//! - [`validate`] compares the instrument's decision per unit (the
//!   dictionary matches the category at least once in the unit; for a span,
//!   a match overlapping it) with the gold label: `tp`, `fp`, `fn`, `tn`,
//!   precision, recall and F1 per category, a `macro` row, and, where two
//!   or more coders coded the same units, Krippendorff's α between them
//!   ([`krippendorff_alpha`], nominal). [`confusion`] gives the 2×2 tables,
//!   [`validate_by_coder`] scores against each coder separately.
//! - [`sample`] draws a reproducible sample of units (or of audit rows) to
//!   code, with [`SplitMix64`], and returns a coding sheet with an empty
//!   `label` column.
//!
//! Where coders disagree, the gold label is the majority; a tie (as many
//! `yes` as `no`) counts as positive, and the `n_ties` column says how many
//! units were decided that way.
//!
//! # Example
//!
//! ```
//! use newsframe::prelude::*;
//!
//! let corpus = Corpus::open("seeds")?;
//! let lookup = newsframe::framing::stance::stance_lookup(&corpus, &shipped("stance")?);
//! let dir = tempfile::tempdir().unwrap();
//! let sheet = dir.path().join("coded.csv");
//! std::fs::write(&sheet, "doc_id,category,label,coder\n\
//!     daryo,hedge,yes,ann\ndaryo,hedge,yes,bob\n\
//!     rt,first_person_plural,no,ann\nrt,first_person_plural,yes,bob\n").unwrap();
//! let coding = Coding::open(&sheet, &corpus)?;
//! let scores = validate(&lookup, &coding, Unit::Document)?;
//! // Daryo hedges; RT has no "we" outside quotations, and the coders'
//! // tie on it counts as positive: a miss.
//! assert_eq!(value_where(&scores, &[("category", "hedge")], "tp")?, 1.0);
//! assert_eq!(value_where(&scores, &[("category", "first_person_plural")], "fn")?, 1.0);
//! assert_eq!(value_where(&scores, &[("category", "first_person_plural")], "n_ties")?, 1.0);
//! // Two coders who always disagree: α below 0 (here −0.75).
//! let ones = |v: [f64; 4]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
//! let alpha = krippendorff_alpha(&[ones([1.0, 0.0, 1.0, 0.0]), ones([0.0, 1.0, 0.0, 1.0])], Level::Nominal).unwrap();
//! assert!((alpha + 0.75).abs() < 1e-12);
//! # Ok::<(), newsframe::Error>(())
//! ```

pub mod alpha;
pub mod sample;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::dictionary::{Lookup, CATEGORY};
use crate::error::{Error, Result};

pub use alpha::{krippendorff_alpha, Level};
pub use sample::{sample, SplitMix64};

/// The label column of a coding sheet.
pub const LABEL: &str = "label";
/// The coder column of a coding sheet.
pub const CODER: &str = "coder";

/// The unit a coding sheet codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A whole document (`doc_id`).
    Document,
    /// A sentence (`doc_id`, `sentence_id`).
    Sentence,
    /// A span of text (`doc_id`, `start`, `end`: byte offsets).
    Span,
}

impl Unit {
    /// The unit's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Sentence => "sentence",
            Unit::Span => "span",
        }
    }
}

/// One row of a coding sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    /// The 1-based line of the row in the file.
    pub line: u64,
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The category coded.
    pub category: String,
    /// The coder (empty when the sheet has no `coder` column).
    pub coder: String,
    /// The 0-based sentence, when the sheet gives one.
    pub sentence: Option<usize>,
    /// The byte span, when the sheet gives one.
    pub span: Option<(usize, usize)>,
    /// The coder's decision.
    pub label: bool,
}

/// A coding sheet, checked against a corpus.
#[derive(Clone, Debug)]
pub struct Coding {
    path: PathBuf,
    doc_ids: Vec<String>,
    rows: Vec<Coded>,
    has: [bool; 2],
}

/// Parses a label: `0`, `1`, `true`, `false`, `yes`, `no`, in any case.
pub fn parse_label(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

impl Coding {
    /// Reads a coding sheet (see the module docs) and checks every row
    /// against the corpus: the document exists, the label is one of the six
    /// words, a sentence id is within the document's sentences, offsets are
    /// within its text and on character boundaries.
    pub fn open(path: impl AsRef<Path>, corpus: &Corpus) -> Result<Coding> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Coding::from_reader(path, file, corpus)
    }

    /// Like [`Coding::open`], from any reader; `path` names the source in
    /// errors.
    pub fn from_reader(path: impl AsRef<Path>, reader: impl std::io::Read, corpus: &Corpus) -> Result<Coding> {
        let path = path.as_ref();
        let mut rdr = csv::ReaderBuilder::new().from_reader(reader);
        let syntax = |e: csv::Error| {
            let line = e.position().map(|p| p.line());
            Error::syntax(path, "CSV coding sheet", line, e.to_string())
        };
        let headers: Vec<String> = rdr.headers().map_err(syntax)?.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
        if headers.iter().all(String::is_empty) {
            return Err(Error::new(crate::error::ErrorKind::Empty { path: path.to_path_buf() }));
        }
        let col = |name: &str| headers.iter().position(|h| h == name);
        let required = |name: &str| {
            col(name).ok_or_else(|| Error::field(path, Some(1), name, format!("no such column; the columns are: {}", headers.join(", "))))
        };
        let (c_doc, c_cat, c_label) = (required(columns::DOC_ID)?, required(CATEGORY)?, required(LABEL)?);
        let (c_coder, c_sid, c_start, c_end) = (col(CODER), col(columns::SENTENCE_ID), col(columns::START), col(columns::END));
        if c_start.is_some() != c_end.is_some() {
            let missing = if c_start.is_none() { columns::START } else { columns::END };
            return Err(Error::field(path, Some(1), missing, "no such column; a span needs both `start` and `end`"));
        }
        let index: HashMap<&str, usize> = corpus.docs().iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut n_sentences: HashMap<usize, usize> = HashMap::new();
        let mut rows = vec![];
        for record in rdr.records() {
            let record = record.map_err(syntax)?;
            let line = record.position().map_or(0, |p| p.line());
            let cell = |c: usize| record.get(c).unwrap_or("").trim();
            let bad = |field: &str, message: String| Error::field(path, Some(line), field, message);
            let id = cell(c_doc);
            let &doc = index.get(id).ok_or_else(|| bad(columns::DOC_ID, format!("no document `{id}` in the corpus ({} documents)", corpus.len())))?;
            let category = cell(c_cat);
            if category.is_empty() {
                return Err(bad(CATEGORY, "empty".into()));
            }
            let label = parse_label(cell(c_label)).ok_or_else(|| match cell(c_label) {
                "" => bad(LABEL, "empty; code every row (yes/no, 1/0, true/false) or delete it".into()),
                other => bad(LABEL, format!("`{other}` is not a label; use 0/1, true/false or yes/no")),
            })?;
            let coder = c_coder.map(|c| cell(c).to_string()).unwrap_or_default();
            let sentence = match c_sid.map(cell).filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => {
                    let n = *n_sentences.entry(doc).or_insert_with(|| corpus.docs()[doc].sentences().len());
                    match s.parse::<usize>() {
                        Ok(k) if (1..=n).contains(&k) => Some(k - 1),
                        _ => return Err(bad(columns::SENTENCE_ID, format!("`{s}` is not a sentence of `{id}` (it has sentences 1 to {n})"))),
                    }
                }
            };
            let span = match (c_start.map(cell).filter(|s| !s.is_empty()), c_end.map(cell).filter(|s| !s.is_empty())) {
                (None, None) => None,
                (Some(_), None) => return Err(bad(columns::END, "empty, but `start` is given".into())),
                (None, Some(_)) => return Err(bad(columns::START, "empty, but `end` is given".into())),
                (Some(a), Some(b)) => {
                    let text = &corpus.docs()[doc].text;
                    let offset = |field: &str, s: &str| -> Result<usize> {
                        let k: usize = s.parse().map_err(|_| bad(field, format!("`{s}` is not a byte offset")))?;
                        if k > text.len() {
                            return Err(bad(field, format!("{k} is past the end of `{id}` ({} bytes)", text.len())));
                        }
                        if !text.is_char_boundary(k) {
                            return Err(bad(field, format!("{k} is inside a character of `{id}`")));
                        }
                        Ok(k)
                    };
                    let (a, b) = (offset(columns::START, a)?, offset(columns::END, b)?);
                    if a >= b {
                        return Err(bad(columns::END, format!("{b} is not after start {a}")));
                    }
                    Some((a, b))
                }
            };
            rows.push(Coded { line, doc, category: category.to_string(), coder, sentence, span, label });
        }
        if rows.is_empty() {
            return Err(Error::field(path, None, LABEL, "no coded rows"));
        }
        let doc_ids = corpus.docs().iter().map(|d| d.id.clone()).collect();
        Ok(Coding { path: path.to_path_buf(), doc_ids, rows, has: [c_sid.is_some(), c_start.is_some()] })
    }

    /// The rows, in file order.
    pub fn rows(&self) -> &[Coded] {
        &self.rows
    }

    /// The file the coding was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The coders, sorted (one empty name when the sheet has no `coder`
    /// column).
    pub fn coders(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.coder.as_str()).collect::<BTreeSet<_>>().into_iter().collect()
    }
}

/// A unit: document, sentence (or 0), span (or 0, 0).
type UnitKey = (usize, usize, usize, usize);

/// The coders' labels of one unit and category: `(coder, label)`.
type Labels = Vec<(String, bool)>;

/// The decisions behind the tables: per category (dictionary order) and
/// unit, whether the instrument matched and each coder's label.
struct Decisions {
    categories: Vec<String>,
    items: BTreeMap<(usize, UnitKey), (bool, Labels)>,
}

fn decisions(lookup: &Lookup, coding: &Coding, unit: Unit) -> Result<Decisions> {
    let corpus = lookup.corpus();
    let path = coding.path.as_path();
    if corpus.docs().len() != coding.doc_ids.len() || corpus.docs().iter().zip(&coding.doc_ids).any(|(d, id)| &d.id != id) {
        return Err(Error::argument(format!("{}: the coding was opened on another corpus than the lookup's", path.display())));
    }
    let needs = match unit {
        Unit::Document => None,
        Unit::Sentence => Some((0, columns::SENTENCE_ID)),
        Unit::Span => Some((1, columns::START)),
    };
    if let Some((k, name)) = needs {
        if !coding.has[k] {
            return Err(Error::field(path, Some(1), name, format!("no such column; --unit {} needs it", unit.name())));
        }
    }
    let dict = lookup.dictionary();
    let names: Vec<&str> = dict.categories.iter().map(|c| c.name.as_str()).collect();
    // Per category and unit: labels, and the line of each.
    let mut items: BTreeMap<(usize, UnitKey), (Labels, Vec<u64>)> = BTreeMap::new();
    for r in &coding.rows {
        let bad = |field: &str, message: String| Error::field(path, Some(r.line), field, message);
        let c = names.iter().position(|n| *n == r.category).ok_or_else(|| {
            bad(CATEGORY, format!("no category `{}` in dictionary `{}`; it has: {}", r.category, dict.name, names.join(", ")))
        })?;
        let key: UnitKey = match unit {
            Unit::Document => (r.doc, 0, 0, 0),
            Unit::Sentence => (r.doc, r.sentence.ok_or_else(|| bad(columns::SENTENCE_ID, "empty; --unit sentence needs it on every row".into()))?, 0, 0),
            Unit::Span => {
                let (a, b) = r.span.ok_or_else(|| bad(columns::START, "empty; --unit span needs `start` and `end` on every row".into()))?;
                (r.doc, 0, a, b)
            }
        };
        let item = items.entry((c, key)).or_default();
        if let Some(k) = item.0.iter().position(|(coder, _)| coder == &r.coder) {
            let who = if r.coder.is_empty() { String::new() } else { format!(" by coder `{}`", r.coder) };
            return Err(bad(
                CATEGORY,
                format!("`{}` is coded twice for this {}{who} (first on line {}); add a `coder` column if several people coded it", r.category, unit.name(), item.1[k]),
            ));
        }
        item.0.push((r.coder.clone(), r.label));
        item.1.push(r.line);
    }
    // The instrument's decisions.
    let mut by_doc: HashMap<(usize, usize), Vec<&crate::dictionary::Match>> = HashMap::new();
    for m in lookup.matches() {
        by_doc.entry((m.doc, m.category)).or_default().push(m);
    }
    let mut out = BTreeMap::new();
    for ((c, key), (labels, _)) in items {
        let ms = by_doc.get(&(key.0, c)).map(Vec::as_slice).unwrap_or(&[]);
        let predicted = match unit {
            Unit::Document => !ms.is_empty(),
            Unit::Sentence => ms.iter().any(|m| m.sentence == key.1),
            Unit::Span => ms.iter().any(|m| m.start < key.3 && m.end > key.2),
        };
        out.insert((c, key), (predicted, labels));
    }
    Ok(Decisions { categories: names.iter().map(|s| s.to_string()).collect(), items: out })
}

/// Majority of the labels; a tie is positive. Returns (gold, tie).
fn majority(labels: &Labels) -> (bool, bool) {
    let yes = labels.iter().filter(|l| l.1).count();
    let no = labels.len() - yes;
    (yes >= no, yes == no)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    n: u64,
    tp: u64,
    fp: u64,
    fn_: u64,
    tn: u64,
    ties: u64,
}

impl Counts {
    fn add(&mut self, predicted: bool, gold: bool) {
        self.n += 1;
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn ratio(a: u64, b: u64) -> Option<f64> {
        (b > 0).then(|| a as f64 / b as f64)
    }

    /// Precision, recall, F1; `None` where undefined (no predicted or no
    /// gold positives).
    fn prf(&self) -> (Option<f64>, Option<f64>, Option<f64>) {
        let p = Counts::ratio(self.tp, self.tp + self.fp);
        let r = Counts::ratio(self.tp, self.tp + self.fn_);
        let f = match (p, r) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        (p, r, f)
    }
}

fn mean(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = xs.flatten().collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// α between coders over some items, and the number of items coded by at
/// least two coders.
fn agreement<'a>(items: impl Iterator<Item = &'a Labels>, coders: &[&str]) -> (u64, Option<f64>) {
    let mut data: Vec<Vec<Option<f64>>> = vec![vec![]; coders.len()];
    let mut multi = 0;
    for labels in items {
        if labels.len() >= 2 {
            multi += 1;
        }
        for (k, c) in coders.iter().enumerate() {
            data[k].push(labels.iter().find(|l| l.0 == *c).map(|l| f64::from(u8::from(l.1))));
        }
    }
    let alpha = if coders.len() >= 2 { krippendorff_alpha(&data, Level::Nominal) } else { None };
    (multi, alpha)
}

/// Scores an instrument against a coding sheet, per category (in
/// dictionary order, those the sheet codes) and a `macro` row: `category`,
/// `n_units`, `tp`, `fp`, `fn`, `tn`, `precision`, `recall`, `f1` (null
/// where undefined; the macro row averages the defined ones and sums the
/// counts), `n_ties` (units whose coders tied, counted positive),
/// `n_multi_coded` (units coded by two or more coders) and `alpha`
/// (Krippendorff's nominal α between the coders; null with one coder or
/// when undefined; on the macro row, α over all categories' units pooled).
pub fn validate(lookup: &Lookup, coding: &Coding, unit: Unit) -> Result<DataFrame> {
    let d = decisions(lookup, coding, unit)?;
    let coders = coding.coders();
    let cats: Vec<usize> = d.items.keys().map(|k| k.0).collect::<BTreeSet<_>>().into_iter().collect();
    let (mut name, mut counts, mut multi, mut alpha) = (vec![], vec![], vec![], vec![]);
    for &c in &cats {
        let mut k = Counts::default();
        for (_, (predicted, labels)) in d.items.range((c, (0, 0, 0, 0))..=(c, (usize::MAX, usize::MAX, usize::MAX, usize::MAX))) {
            let (gold, tie) = majority(labels);
            k.add(*predicted, gold);
            k.ties += u64::from(tie);
        }
        let (m, a) = agreement(d.items.range((c, (0, 0, 0, 0))..=(c, (usize::MAX, usize::MAX, usize::MAX, usize::MAX))).map(|(_, v)| &v.1), &coders);
        name.push(d.categories[c].clone());
        counts.push(k);
        multi.push(m);
        alpha.push(a);
    }
    let prf: Vec<_> = counts.iter().map(Counts::prf).collect();
    let total = counts.iter().fold(Counts::default(), |a, b| Counts {
        n: a.n + b.n,
        tp: a.tp + b.tp,
        fp: a.fp + b.fp,
        fn_: a.fn_ + b.fn_,
        tn: a.tn + b.tn,
        ties: a.ties + b.ties,
    });
    let (all_multi, all_alpha) = agreement(d.items.values().map(|v| &v.1), &coders);
    name.push("macro".into());
    let macro_prf = (mean(prf.iter().map(|p| p.0)), mean(prf.iter().map(|p| p.1)), mean(prf.iter().map(|p| p.2)));
    let mut prf = prf;
    prf.push(macro_prf);
    counts.push(total);
    multi.push(all_multi);
    alpha.push(all_alpha);
    Ok(DataFrame::new_infer_height(vec![
        Column::new(CATEGORY.into(), name),
        Column::new("n_units".into(), counts.iter().map(|k| k.n).collect::<Vec<_>>()),
        Column::new("tp".into(), counts.iter().map(|k| k.tp).collect::<Vec<_>>()),
        Column::new("fp".into(), counts.iter().map(|k| k.fp).collect::<Vec<_>>()),
        Column::new("fn".into(), counts.iter().map(|k| k.fn_).collect::<Vec<_>>()),
        Column::new("tn".into(), counts.iter().map(|k| k.tn).collect::<Vec<_>>()),
        Column::new("precision".into(), prf.iter().map(|p| p.0).collect::<Vec<_>>()),
        Column::new("recall".into(), prf.iter().map(|p| p.1).collect::<Vec<_>>()),
        Column::new("f1".into(), prf.iter().map(|p| p.2).collect::<Vec<_>>()),
        Column::new("n_ties".into(), counts.iter().map(|k| k.ties).collect::<Vec<_>>()),
        Column::new("n_multi_coded".into(), multi),
        Column::new("alpha".into(), alpha),
    ])?)
}

/// The confusion table: for each category (dictionary order) the four
/// cells `gold` × `predicted` (true/true, true/false, false/true,
/// false/false) with their count `n`, gold being the coders' majority.
pub fn confusion(lookup: &Lookup, coding: &Coding, unit: Unit) -> Result<DataFrame> {
    let d = decisions(lookup, coding, unit)?;
    let mut cells: BTreeMap<usize, [u64; 4]> = BTreeMap::new();
    for ((c, _), (predicted, labels)) in &d.items {
        let gold = majority(labels).0;
        let k = usize::from(!gold) * 2 + usize::from(!predicted);
        cells.entry(*c).or_default()[k] += 1;
    }
    let (mut cat, mut gold, mut pred, mut n) = (vec![], vec![], vec![], vec![]);
    for (c, v) in &cells {
        for (k, count) in v.iter().enumerate() {
            cat.push(d.categories[*c].as_str());
            gold.push(k < 2);
            pred.push(k % 2 == 0);
            n.push(*count);
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(CATEGORY.into(), cat),
        Column::new("gold".into(), gold),
        Column::new("predicted".into(), pred),
        Column::new("n".into(), n),
    ])?)
}

/// Scores the instrument against each coder's own labels: `coder`,
/// `category`, `n_units`, `tp`, `fp`, `fn`, `tn`, `precision`, `recall`,
/// `f1`; sorted by coder, then category in dictionary order.
pub fn validate_by_coder(lookup: &Lookup, coding: &Coding, unit: Unit) -> Result<DataFrame> {
    let d = decisions(lookup, coding, unit)?;
    let mut counts: BTreeMap<(&str, usize), Counts> = BTreeMap::new();
    for ((c, _), (predicted, labels)) in &d.items {
        for (coder, label) in labels {
            counts.entry((coder.as_str(), *c)).or_default().add(*predicted, *label);
        }
    }
    let prf: Vec<_> = counts.values().map(Counts::prf).collect();
    Ok(DataFrame::new_infer_height(vec![
        Column::new(CODER.into(), counts.keys().map(|k| k.0).collect::<Vec<_>>()),
        Column::new(CATEGORY.into(), counts.keys().map(|k| d.categories[k.1].as_str()).collect::<Vec<_>>()),
        Column::new("n_units".into(), counts.values().map(|k| k.n).collect::<Vec<_>>()),
        Column::new("tp".into(), counts.values().map(|k| k.tp).collect::<Vec<_>>()),
        Column::new("fp".into(), counts.values().map(|k| k.fp).collect::<Vec<_>>()),
        Column::new("fn".into(), counts.values().map(|k| k.fn_).collect::<Vec<_>>()),
        Column::new("tn".into(), counts.values().map(|k| k.tn).collect::<Vec<_>>()),
        Column::new("precision".into(), prf.iter().map(|p| p.0).collect::<Vec<_>>()),
        Column::new("recall".into(), prf.iter().map(|p| p.1).collect::<Vec<_>>()),
        Column::new("f1".into(), prf.iter().map(|p| p.2).collect::<Vec<_>>()),
    ])?)
}

#[cfg(test)]
mod tests;
