//! Tone toward a target: the sentiment a sentence expresses about one
//! mention in it, not about everything it says.
//!
//! VADER scores a whole sentence ([`super::sentiment`]): in "Russia praised
//! Kazakhstan while the West was condemned", the West and Kazakhstan get the
//! same number. Here a target is a byte span of a document's text, and three
//! scorers read the sentence around it:
//!
//! - [`Scorer::Sentence`]: VADER's compound score of the whole sentence, with
//!   VADER's usual cut-offs (±0.05); the old behaviour, kept as a baseline;
//! - [`Scorer::Lexicon`]: target-aware VADER. Each word's VADER valence (with
//!   VADER's negation, booster and capital rules, [`Vader::word_valences`])
//!   is weighted by `exp(-(d - 1) / decay)`, `d` its distance in words from
//!   the target, and by `other_clause` for every clause boundary between it
//!   and the target (a `, ; : ( ) "` or a dash, or a word such as *but*,
//!   *while*, *although*, *which*, *who*); the weighted sum is normalised as
//!   VADER does, `s / sqrt(s² + 15)`;
//! - [`Scorer::Model`] (the default): a multinomial logistic regression over
//!   hashed words, word pairs and English stems of the sentence, the four
//!   words on each side of the target with their side marked, the words of
//!   the target's clause and of negation scopes, the target's own words and
//!   kind (pronoun, one word, several), whether it stands in or as the
//!   source of a quotation, and the lexicon scorer's sums and VADER's
//!   sentence scores; the average of five SGD runs. It was trained on the NewsMTSC training set
//!   (Hamborg & Donnay 2021, news sentences coded for sentiment toward a
//!   named target) by `scripts/train_tone.sh`; its weights ship in
//!   `src/framing/tone_model.bin`. Its score is P(positive) − P(negative).
//!
//! Their macro F1 on NewsMTSC's held-out `devtest_mt` set, against the Python
//! vaderSentiment, is in `VALIDATION.md` ("Tone toward a target";
//! `bash bench/eval_tone.sh`). No scorer reads irony, quotation (whose tone
//! it is) or world knowledge; read the sentences behind any number.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use polars::prelude::*;
use regex::Regex;

use super::sentiment::Vader;
use crate::corpus::{columns, Corpus};
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};

/// The shipped model's weights (made by `scripts/train_tone.sh`).
const MODEL: &[u8] = include_bytes!("tone_model.bin");

/// The sentiment toward a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Polarity {
    /// Negative toward the target.
    Negative,
    /// Neither.
    Neutral,
    /// Positive toward the target.
    Positive,
}

impl Polarity {
    /// All three, in class order.
    pub const ALL: [Polarity; 3] = [Polarity::Negative, Polarity::Neutral, Polarity::Positive];

    /// `negative`, `neutral` or `positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Negative => "negative",
            Polarity::Neutral => "neutral",
            Polarity::Positive => "positive",
        }
    }

    /// The class index (0 negative, 1 neutral, 2 positive).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses `negative`, `neutral` or `positive` (any case).
    pub fn parse(s: &str) -> Option<Polarity> {
        Polarity::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One target: a byte span of a document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The document's id.
    pub doc_id: String,
    /// First byte of the mention in [`crate::Document::text`].
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The line of the targets file (1-based, the header is line 1), or the
    /// 1-based row for targets built in code.
    pub line: u64,
    /// The values of the file's other columns, in [`Targets::extra_columns`]
    /// order.
    pub extra: Vec<String>,
}

/// A list of targets, from a CSV file (`doc_id,start,end`, byte offsets into
/// each document's text; further columns are kept) or from code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    /// The file the targets came from (`<targets>` for targets built in code).
    pub path: PathBuf,
    /// The names of the extra columns.
    pub extra_columns: Vec<String>,
    /// The targets, in file order.
    pub rows: Vec<Target>,
}

const REQUIRED: [&str; 3] = ["doc_id", "start", "end"];

impl Targets {
    /// Reads a targets CSV: a header with `doc_id`, `start` and `end` (in any
    /// order, other columns kept), then one target per row. Errors name the
    /// file, the line and the field.
    pub fn open(path: impl AsRef<Path>) -> Result<Targets> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Targets::from_csv_bytes(path, &bytes)
    }

    /// Parses targets CSV text; `path` names it in errors.
    pub fn from_csv_bytes(path: &Path, bytes: &[u8]) -> Result<Targets> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::new(crate::ErrorKind::Empty { path: path.to_path_buf() }));
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
        let syntax = |e: csv::Error| {
            let line = e.position().map(|p| p.line());
            Error::syntax(path, "CSV", line, e.to_string())
        };
        let header: Vec<String> = reader.headers().map_err(syntax)?.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
        let mut at = [0usize; 3];
        for (k, name) in REQUIRED.iter().enumerate() {
            at[k] = header.iter().position(|h| h == name).ok_or_else(|| {
                Error::field(path, Some(1), *name, format!("no such column; the targets file needs doc_id, start and end, and has: {}", header.join(", ")))
            })?;
        }
        let extra_at: Vec<usize> = (0..header.len()).filter(|i| !at.contains(i)).collect();
        let extra_columns = extra_at.iter().map(|&i| header[i].clone()).collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(syntax)?;
            let line = record.position().map_or(0, |p| p.line());
            let offset = |k: usize| -> Result<usize> {
                let v = record.get(at[k]).unwrap_or("").trim();
                v.parse::<usize>().map_err(|_| Error::field(path, Some(line), REQUIRED[k], format!("`{v}` is not a byte offset (a whole number, 0 or more)")))
            };
            let doc_id = record.get(at[0]).unwrap_or("").trim().to_string();
            if doc_id.is_empty() {
                return Err(Error::field(path, Some(line), "doc_id", "empty; every target needs the id of its document"));
            }
            let (start, end) = (offset(1)?, offset(2)?);
            if end <= start {
                return Err(Error::field(path, Some(line), "end", format!("{end} is not after start {start}; a target is the bytes start..end")));
            }
            let extra = extra_at.iter().map(|&i| record.get(i).unwrap_or("").to_string()).collect();
            rows.push(Target { doc_id, start, end, line, extra });
        }
        Ok(Targets { path: path.to_path_buf(), extra_columns, rows })
    }

    /// Targets built in code: `(doc_id, start, end)` byte spans; errors name
    /// the row (1-based).
    pub fn from_spans<S: Into<String>>(spans: impl IntoIterator<Item = (S, usize, usize)>) -> Targets {
        let rows = spans.into_iter().enumerate().map(|(i, (d, start, end))| Target { doc_id: d.into(), start, end, line: i as u64 + 1, extra: vec![] }).collect();
        Targets { path: PathBuf::from("<targets>"), extra_columns: vec![], rows }
    }

    /// Checks every target against the corpus: a known document, offsets
    /// inside its text and on character boundaries, a non-empty span.
    fn resolve<'c>(&self, corpus: &'c Corpus) -> Result<Vec<&'c crate::Document>> {
        let mut docs = Vec::with_capacity(self.rows.len());
        for t in &self.rows {
            let err = |field: &str, msg: String| Error::field(&self.path, Some(t.line), field, msg);
            let doc = corpus.get(&t.doc_id).ok_or_else(|| {
                let some: Vec<&str> = corpus.docs().iter().take(3).map(|d| d.id.as_str()).collect();
                err("doc_id", format!("no document `{}` in the corpus (its {} documents include {})", t.doc_id, corpus.len(), some.join(", ")))
            })?;
            let n = doc.text.len();
            if t.end <= t.start {
                return Err(err("end", format!("{} is not after start {}", t.end, t.start)));
            }
            if t.end > n {
                return Err(err("end", format!("byte offset {} is past the end of document `{}` ({n} bytes of text)", t.end, t.doc_id)));
            }
            for (field, at) in [("start", t.start), ("end", t.end)] {
                if !doc.text.is_char_boundary(at) {
                    return Err(err(field, format!("byte offset {at} falls inside a character of document `{}`; offsets must be on UTF-8 character boundaries", t.doc_id)));
                }
            }
            docs.push(doc);
        }
        Ok(docs)
    }
}

/// The span of the sentences of `doc` that overlap `start..end` (the target
/// itself when it lies between sentences).
fn sentence_around(sentences: &[crate::corpus::segment::Span], start: usize, end: usize) -> (usize, usize) {
    let over: Vec<_> = sentences.iter().filter(|s| s.start < end && start < s.end).collect();
    match (over.first(), over.last()) {
        (Some(a), Some(b)) => (a.start.min(start), b.end.max(end)),
        _ => (start, end),
    }
}

/// The context of `text[start..end]` within the sentence or sentences of
/// `text` around it, as newsframe segments a document (so that training on
/// single sentences sees what scoring a corpus sees).
pub fn context_in(vader: &Vader, text: &str, start: usize, end: usize) -> Context {
    let sentences: Vec<_> = crate::corpus::segment::sentences(text, &crate::corpus::segment::paragraphs(text)).into_iter().map(|(_, s)| s).collect();
    let (a, b) = sentence_around(&sentences, start, end);
    Context::new(vader, &text[a..b], start - a, end - a)
}

/// How to score the tone toward a target.
#[derive(Clone, Debug)]
pub enum Scorer {
    /// VADER's compound score of the whole sentence, cut at ±0.05.
    Sentence,
    /// Target-aware VADER: valences weighted by distance and clause.
    Lexicon(Lexicon),
    /// The logistic regression (the shipped one by default).
    Model(ToneModel),
}

impl Scorer {
    /// The shipped model.
    pub fn model() -> Scorer {
        Scorer::Model(ToneModel::shipped().clone())
    }

    /// The lexicon scorer with its shipped settings.
    pub fn lexicon() -> Scorer {
        Scorer::Lexicon(Lexicon::default())
    }

    /// `sentence`, `lexicon` or `model`.
    pub fn name(&self) -> &'static str {
        match self {
            Scorer::Sentence => "sentence",
            Scorer::Lexicon(_) => "lexicon",
            Scorer::Model(_) => "model",
        }
    }

    /// By name: `sentence`, `lexicon` or `model`.
    pub fn by_name(name: &str) -> Result<Scorer> {
        match name {
            "sentence" => Ok(Scorer::Sentence),
            "lexicon" => Ok(Scorer::lexicon()),
            "model" => Ok(Scorer::model()),
            _ => Err(Error::argument(format!("no tone scorer `{name}`; there are: sentence, lexicon, model"))),
        }
    }

    /// The polarity toward `sentence[start..end]` and its score in [-1, 1].
    pub fn score(&self, vader: &Vader, sentence: &str, start: usize, end: usize) -> (Polarity, f64) {
        match self {
            Scorer::Sentence => {
                let c = vader.scores(sentence).compound;
                (cut(c, 0.05), c)
            }
            Scorer::Lexicon(l) => {
                let s = l.score(&Context::new(vader, sentence, start, end));
                (cut(s, l.threshold), s)
            }
            Scorer::Model(m) => {
                let p = m.probabilities(&Context::new(vader, sentence, start, end));
                let best = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
                (Polarity::ALL[best], p[2] - p[0])
            }
        }
    }
}

pub(crate) fn cut(score: f64, threshold: f64) -> Polarity {
    if score >= threshold {
        Polarity::Positive
    } else if score <= -threshold {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

/// Words after which (or, for these, at which) a new clause starts.
const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "because", "which", "who", "whom", "whose", "unless", "however", "yet", "since", "whilst",
];

/// The settings of the target-aware lexicon scorer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lexicon {
    /// Words of distance over which a valence's weight falls by 1/e.
    pub decay: f64,
    /// The weight factor for each clause boundary between word and target.
    pub other_clause: f64,
    /// Scores at or beyond ±threshold are positive or negative.
    pub threshold: f64,
}

impl Default for Lexicon {
    /// The settings chosen on a split of the NewsMTSC training set by
    /// `scripts/train_tone.sh` (never on its test sets).
    fn default() -> Lexicon {
        Lexicon { decay: 5.0, other_clause: 1.0, threshold: 0.05 }
    }
}

impl Lexicon {
    /// The weighted, normalised score of a target in its context.
    pub fn score(&self, c: &Context) -> f64 {
        let s: f64 = c.words.iter().map(|w| w.valence * self.weight(w)).sum();
        s / (s * s + 15.0).sqrt()
    }

    fn weight(&self, w: &ContextWord) -> f64 {
        if w.distance == 0 {
            return 0.0;
        }
        (-((w.distance - 1) as f64) / self.decay).exp() * self.other_clause.powi(w.boundaries as i32)
    }
}

/// A word of a target's sentence, as the scorers see it.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextWord {
    /// VADER's valence of the word (0 for most words).
    pub valence: f64,
    /// Words between it and the target, plus one (0: part of the target).
    pub distance: usize,
    /// Whether it comes before the target.
    pub left: bool,
    /// Clause boundaries between it and the target.
    pub boundaries: usize,
}

/// A target in its sentence: the sentence's words with their valences and
/// positions, VADER's scores of the whole sentence, and the hashed n-grams.
#[derive(Clone, Debug)]
pub struct Context {
    /// The sentence's whitespace-separated words.
    pub words: Vec<ContextWord>,
    /// VADER's compound, positive and negative shares for the sentence.
    pub sentence: [f64; 3],
    /// The word tokens (lower-cased) before the target.
    pub left: Vec<String>,
    /// The word tokens after the target.
    pub right: Vec<String>,
    /// The target's own word tokens.
    pub target: Vec<String>,
}

fn token_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]").expect("a valid regex"))
}

fn word_tokens(text: &str) -> Vec<String> {
    token_regex().find_iter(text).map(|m| m.as_str().to_lowercase().replace('’', "'")).collect()
}

fn ends_clause(word: &str) -> bool {
    word.ends_with([',', ';', ':', '(', ')', '"', '“', '”', '—', '–']) || word == "-"
}

fn starts_clause(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    word.starts_with(['(', '"', '“', '—', '–']) || CLAUSE_WORDS.contains(&bare.as_str())
}

impl Context {
    /// The context of `sentence[start..end]`.
    pub fn new(vader: &Vader, sentence: &str, start: usize, end: usize) -> Context {
        let vals = vader.word_valences(sentence);
        let raw: Vec<&str> = vals.iter().map(|&(a, b, _)| &sentence[a..b]).collect();
        let in_target: Vec<bool> = vals.iter().map(|&(a, b, _)| a < end && start < b).collect();
        let first = in_target.iter().position(|&t| t);
        let last = in_target.iter().rposition(|&t| t);
        // The word index the target sits at (between words when it covers
        // none, e.g. a span of punctuation).
        // Words before `t0` are left of the target, words from `lo` on are
        // right of it (`t0 == lo` when the target covers no word, e.g. a
        // span of punctuation).
        let (t0, lo) = match (first, last) {
            (Some(a), Some(b)) => (a, b + 1),
            _ => {
                let k = vals.iter().position(|&(a, _, _)| a >= end).unwrap_or(vals.len());
                (k, k)
            }
        };
        let boundary_after = |k: usize| ends_clause(raw[k]) || (k + 1 < raw.len() && starts_clause(raw[k + 1]));
        let mut words = Vec::with_capacity(vals.len());
        for (k, &(_, _, v)) in vals.iter().enumerate() {
            let (distance, left, boundaries) = if in_target[k] {
                (0, false, 0)
            } else if k < t0 {
                (t0 - k, true, (k..t0).filter(|&j| boundary_after(j)).count())
            } else {
                (k - lo + 1, false, (lo.saturating_sub(1)..k).filter(|&j| boundary_after(j)).count())
            };
            words.push(ContextWord { valence: v, distance, left, boundaries });
        }
        let s = vader.scores(sentence);
        Context { words, sentence: [s.compound, s.pos, s.neg], left: word_tokens(&sentence[..start]), right: word_tokens(&sentence[end..]), target: word_tokens(&sentence[start..end]) }
    }

    /// The dense features of the model: VADER's sentence compound, pos and
    /// neg; the positive and negative valence sums before and after the
    /// target, weighted by distance (decay 3 words, 0.5 a clause boundary),
    /// and the same sums within the target's clause, unweighted (scaled by
    /// 1/4); the lexicon score.
    pub fn dense(&self) -> [f64; DENSE] {
        let lex = Lexicon { decay: 3.0, other_clause: 0.5, threshold: 0.05 };
        let mut f = [0.0; DENSE];
        f[0] = self.sentence[0];
        f[1] = self.sentence[1];
        f[2] = self.sentence[2];
        for w in &self.words {
            if w.distance == 0 || w.valence == 0.0 {
                continue;
            }
            let side = if w.left { 0 } else { 4 };
            let sign = if w.valence > 0.0 { 0 } else { 1 };
            f[3 + side + sign] += 0.25 * w.valence * lex.weight(w);
            if w.boundaries == 0 {
                f[5 + side + sign] += 0.25 * w.valence;
            }
        }
        f[11] = lex.score(self);
        f
    }

    /// The hashed sparse features: every word and word pair of the sentence
    /// (the target as one token `<t>`), the four words on each side of the
    /// target and their pairs, marked by side, whether the target starts
    /// the sentence, the words of the target's own clause (up to the
    /// nearest clause boundary either side: punctuation or a clause word
    /// such as but, which, although) by side and their stems, the words in
    /// the scope of a negation (after not, no, never, n't, without, ... up
    /// to the next punctuation mark), the English (Snowball) stem of
    /// every word, the target's own words and whether it is a pronoun, one
    /// word or several, whether the target is inside a quotation, whether
    /// the sentence quotes, whether the target is the source of a quote (a
    /// verb of saying among the three words after it, or "according to"
    /// before it), and the word pair across the target; counts,
    /// L2-normalised, sorted by bucket.
    pub fn hashed(&self, bits: u32) -> Vec<(u32, f64)> {
        let mut seq: Vec<&str> = self.left.iter().map(String::as_str).collect();
        seq.push("<t>");
        seq.extend(self.right.iter().map(String::as_str));
        let mut keys: Vec<String> = Vec::with_capacity(4 * seq.len());
        for w in &seq {
            keys.push(format!("u:{w}"));
        }
        for p in seq.windows(2) {
            keys.push(format!("b:{}_{}", p[0], p[1]));
        }
        let lw = &self.left[self.left.len().saturating_sub(4)..];
        let rw = &self.right[..self.right.len().min(4)];
        for w in lw {
            keys.push(format!("l:{w}"));
        }
        for w in rw {
            keys.push(format!("r:{w}"));
        }
        for p in lw.windows(2) {
            keys.push(format!("lb:{}_{}", p[0], p[1]));
        }
        for p in rw.windows(2) {
            keys.push(format!("rb:{}_{}", p[0], p[1]));
        }
        if self.left.is_empty() {
            keys.push("start".into());
        }
        let stemmer = stemmer();
        // The target's own clause: the words back to the nearest clause
        // boundary before it and up to the next one after it, by side.
        for w in self.left.iter().rev().take_while(|w| !bounds_clause(w)) {
            keys.push(format!("cl:{w}"));
        }
        for w in self.right.iter().take_while(|w| !bounds_clause(w)) {
            keys.push(format!("cr:{w}"));
        }
        // ... and their stems, either side.
        for w in self.left.iter().rev().take_while(|w| !bounds_clause(w)).chain(self.right.iter().take_while(|w| !bounds_clause(w))) {
            keys.push(format!("cs:{}", stemmer.stem(w)));
        }
        // Negation scope: the words after a negator up to the next
        // punctuation mark, marked (the target inside a scope too).
        let mut negated = false;
        for w in &seq {
            if !w.chars().any(char::is_alphanumeric) {
                negated = false;
            } else if negated {
                keys.push(format!("n:{w}"));
            }
            if is_negator(w) {
                negated = true;
            }
        }
        for w in &self.left {
            keys.push(format!("s:{}", stemmer.stem(w)));
        }
        for w in &self.right {
            keys.push(format!("s:{}", stemmer.stem(w)));
        }
        // The target itself: its words, and whether it is a pronoun, one
        // word or several.
        for w in &self.target {
            keys.push(format!("tw:{w}"));
        }
        let pronoun = self.target.len() == 1 && PRONOUNS.contains(&self.target[0].as_str());
        keys.push(if pronoun { "tt:pronoun".into() } else if self.target.len() > 1 { "tt:multi".into() } else { "tt:one".into() });
        // Quotation: the target inside an open quotation, the sentence
        // quoting someone, the target as the source of a quote ("X said",
        // "according to X").
        let open = self.left.iter().fold(false, |o, w| match w.as_str() {
            "“" => true,
            "”" => false,
            "\"" => !o,
            _ => o,
        });
        if open {
            keys.push("q:in".into());
        }
        if seq.iter().any(|w| matches!(*w, "\"" | "“" | "”")) {
            keys.push("q:has".into());
        }
        if self.right.iter().take(3).any(|w| SPEECH.contains(&w.as_str())) || self.left.ends_with(&["according".to_string(), "to".to_string()]) {
            keys.push("q:source".into());
        }
        // The word pair across the target.
        let l = self.left.last().map_or("<s>", String::as_str);
        let r = self.right.first().map_or("</s>", String::as_str);
        keys.push(format!("x:{l}_{r}"));
        let mask = (1u64 << bits) - 1;
        let mut buckets: Vec<u32> = keys.iter().map(|k| (fnv1a(k.as_bytes()) & mask) as u32).collect();
        buckets.sort_unstable();
        let mut out: Vec<(u32, f64)> = Vec::new();
        for b in buckets {
            match out.last_mut() {
                Some((lb, c)) if *lb == b => *c += 1.0,
                _ => out.push((b, 1.0)),
            }
        }
        let norm = out.iter().map(|(_, c)| c * c).sum::<f64>().sqrt();
        for (_, c) in &mut out {
            *c /= norm;
        }
        out
    }
}

/// Personal and possessive pronouns (a target that is one of them is
/// marked as such).
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "i", "we", "you", "us", "me", "hers", "theirs", "himself", "herself", "themselves"];

/// Verbs of saying: one of them among the three words after the target
/// makes the target the source of a quote.
const SPEECH: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "stated", "argued", "claimed", "wrote", "writes", "tweeted", "insisted", "warned", "explained", "noted", "asked",
    "announced", "declared", "responded", "replied", "acknowledged", "suggested", "contended", "alleged",
];

/// Whether a word token bounds a clause: a clause-ending mark or a word that
/// opens a new clause (but, while, which, ...).
fn bounds_clause(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–" | "." | "!" | "?") || CLAUSE_WORDS.contains(&w)
}

/// Whether a (lower-cased) word token negates what follows it.
fn is_negator(w: &str) -> bool {
    matches!(w, "not" | "no" | "never" | "nor" | "neither" | "without" | "nothing" | "nobody" | "none" | "cannot") || w.ends_with("n't")
}

fn stemmer() -> &'static rust_stemmers::Stemmer {
    static S: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    S.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// The number of dense features.
pub const DENSE: usize = 12;

/// 64-bit FNV-1a: a fixed hash, the same on every platform and release.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A multinomial logistic regression over a target's [`Context`]: hashed
/// sparse features, then the dense ones, then a bias, for each of the three
/// classes.
#[derive(Clone, Debug, PartialEq)]
pub struct ToneModel {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    /// Weights, class-major: `3 × (2^bits + DENSE + 1)`.
    pub weights: Vec<f32>,
}

const MAGIC: &[u8; 8] = b"NFTONE1\n";

impl ToneModel {
    /// The model shipped in `src/framing/tone_model.bin`.
    pub fn shipped() -> &'static ToneModel {
        static M: OnceLock<ToneModel> = OnceLock::new();
        M.get_or_init(|| ToneModel::from_bytes(MODEL).expect("the shipped tone model is well-formed (tests/tone.rs checks it)"))
    }

    /// The number of weights per class.
    pub fn dim(&self) -> usize {
        (1usize << self.bits) + DENSE + 1
    }

    /// Class scores before the softmax.
    fn logits(&self, sparse: &[(u32, f64)], dense: &[f64; DENSE]) -> [f64; 3] {
        let dim = self.dim();
        let h = 1usize << self.bits;
        let mut z = [0.0; 3];
        for (k, zk) in z.iter_mut().enumerate() {
            let w = &self.weights[k * dim..(k + 1) * dim];
            let mut s = f64::from(w[dim - 1]);
            for &(b, x) in sparse {
                s += f64::from(w[b as usize]) * x;
            }
            for (j, x) in dense.iter().enumerate() {
                s += f64::from(w[h + j]) * x;
            }
            *zk = s;
        }
        z
    }

    /// P(negative), P(neutral), P(positive) for a target in its context.
    pub fn probabilities(&self, c: &Context) -> [f64; 3] {
        softmax(self.logits(&c.hashed(self.bits), &c.dense()))
    }

    /// The weights as bytes: `NFTONE1\n`, bits (u32 LE), then each weight
    /// as an i16 (LE) of `weight / scale`, `scale` (f64 LE) stored after
    /// bits. 16-bit weights keep the file small; [`ToneModel::from_bytes`]
    /// restores them, and the shipped model is the restored one.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { f64::from(max) / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(20 + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for &w in &self.weights {
            let q = (f64::from(w) / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }

    /// Reads weights written by [`ToneModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<ToneModel> {
        let bad = |m: &str| Error::argument(format!("not a newsframe tone model: {m}"));
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("the header is missing"));
        }
        let bits = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if !(4..=24).contains(&bits) {
            return Err(bad("the hash size is out of range"));
        }
        let scale = f64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
        let m = ToneModel { bits, weights: vec![] };
        let n = 3 * m.dim();
        if bytes.len() != 20 + 2 * n {
            return Err(bad(&format!("expected {} bytes of weights, found {}", 2 * n, bytes.len() - 20)));
        }
        let weights = bytes[20..].chunks_exact(2).map(|c| (f64::from(i16::from_le_bytes([c[0], c[1]])) * scale) as f32).collect();
        Ok(ToneModel { bits, weights })
    }
}

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let e = z.map(|x| (x - m).exp());
    let s: f64 = e.iter().sum();
    e.map(|x| x / s)
}

/// Tone toward each target with the shipped model; see [`target_tone_with`].
pub fn target_tone(corpus: &Corpus, targets: &Targets) -> Result<DataFrame> {
    target_tone_with(corpus, targets, &Scorer::model())
}

/// Tone toward each target: one row per target, in the targets' order, with
/// `doc_id`, `start`, `end`, `target` (its text), `polarity` (negative,
/// neutral, positive), `score` (in [-1, 1]), the targets file's other
/// columns, and `sentence` (the sentence or sentences the target is in,
/// which is all the scorer reads). A target that is not in the corpus,
/// whose offsets are past the end of its document or not on a character
/// boundary, is an error naming the targets file, line and field.
pub fn target_tone_with(corpus: &Corpus, targets: &Targets, scorer: &Scorer) -> Result<DataFrame> {
    let docs = targets.resolve(corpus)?;
    let vader = Vader::new();
    let mut cache: BTreeMap<&str, Vec<crate::corpus::segment::Span>> = BTreeMap::new();
    let (mut text, mut pol, mut score, mut sent) = (vec![], vec![], vec![], vec![]);
    for (t, d) in targets.rows.iter().zip(&docs) {
        let sentences = cache.entry(d.id.as_str()).or_insert_with(|| d.sentences());
        let (a, b) = sentence_around(sentences, t.start, t.end);
        let (p, s) = scorer.score(&vader, &d.text[a..b], t.start - a, t.end - a);
        text.push(&d.text[t.start..t.end]);
        pol.push(p.as_str());
        score.push(s);
        sent.push(&d.text[a..b]);
    }
    let mut cols = vec![
        Column::new(columns::DOC_ID.into(), targets.rows.iter().map(|t| t.doc_id.as_str()).collect::<Vec<_>>()),
        Column::new("start".into(), targets.rows.iter().map(|t| t.start as u64).collect::<Vec<_>>()),
        Column::new("end".into(), targets.rows.iter().map(|t| t.end as u64).collect::<Vec<_>>()),
        Column::new("target".into(), text),
        Column::new("polarity".into(), pol),
        Column::new("score".into(), score),
    ];
    let fixed = ["doc_id", "start", "end", "target", "polarity", "score", "sentence"];
    for (k, name) in targets.extra_columns.iter().enumerate() {
        // A file column that clashes with an output column keeps its values
        // under `input_<name>`.
        let name = if fixed.contains(&name.as_str()) { format!("input_{name}") } else { name.clone() };
        cols.push(Column::new(name.into(), targets.rows.iter().map(|t| t.extra[k].as_str()).collect::<Vec<_>>()));
    }
    cols.push(Column::new("sentence".into(), sent));
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The two-sided 97.5% quantile of Student's t with `df` degrees of
/// freedom (table for 1–30, then the Cornish–Fisher expansion, which is
/// within 1e-4 beyond 30).
fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199,
        2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];
    if (1..=30).contains(&df) {
        return T[df - 1];
    }
    let z: f64 = 1.959964;
    let n = df as f64;
    z + (z.powi(3) + z) / (4.0 * n) + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * n * n)
        + (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / (384.0 * n.powi(3))
}

/// The mean and its 95% t-interval (clamped to [-1, 1], the range of the
/// scores); no interval for fewer than 2 values.
pub fn mean_interval(v: &[f64]) -> (f64, Option<(f64, f64)>) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    if v.len() < 2 {
        return (mean, None);
    }
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    let half = t975(v.len() - 1) * (var / n).sqrt();
    (mean, Some(((mean - half).max(-1.0), (mean + half).min(1.0))))
}

/// Fewer mentions than this and a mean is not a finding.
pub const MIN_N: usize = 3;

/// Tone toward each actor of a gazetteer, per group, from each mention's
/// own target-aware score (not the sentence's): `group`, `actor`,
/// `n_mentions`, `mean_score`, `ci_low`, `ci_high` (the 95% t-interval of
/// the mean, null under 2 mentions), `share_negative`, `share_positive`
/// (of the mentions the scorer calls so), `low_n` (fewer than [`MIN_N`]
/// mentions: the row is kept, but its mean is not a finding). Sorted by
/// group, then gazetteer order; actors never mentioned in a group are left
/// out.
///
/// The interval is Student's t rather than a bootstrap: with 2–10 mentions
/// a percentile bootstrap can only resample a handful of values and gives
/// intervals that are too narrow, while the t-interval widens as n falls.
/// Mentions in one article are not independent draws, so read it as a
/// lower bound on the uncertainty.
pub fn actor_tone(corpus: &Corpus, gazetteer: &Dictionary, by: &str, scorer: &Scorer) -> Result<DataFrame> {
    corpus.check_group(by)?;
    let vader = Vader::new();
    let lookup = gazetteer.lookup(corpus);
    let sentences: Vec<_> = corpus.docs().iter().map(|d| d.sentences()).collect();
    let mut acc: BTreeMap<(String, usize), Vec<(Polarity, f64)>> = BTreeMap::new();
    for m in lookup.matches() {
        let d = &corpus.docs()[m.doc];
        let (a, b) = sentence_around(&sentences[m.doc], m.start, m.end);
        let r = scorer.score(&vader, &d.text[a..b], m.start - a, m.end - a);
        acc.entry((corpus.group_of(d, by), m.category)).or_default().push(r);
    }
    let rows: Vec<_> = acc.into_iter().collect();
    let names = |c: usize| gazetteer.categories[c].name.as_str();
    let stats: Vec<(f64, Option<(f64, f64)>)> = rows.iter().map(|r| mean_interval(&r.1.iter().map(|x| x.1).collect::<Vec<_>>())).collect();
    let share = |v: &Vec<(Polarity, f64)>, p: Polarity| v.iter().filter(|x| x.0 == p).count() as f64 / v.len() as f64;
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0 .0.as_str()).collect::<Vec<_>>()),
        Column::new("actor".into(), rows.iter().map(|r| names(r.0 .1)).collect::<Vec<_>>()),
        Column::new("n_mentions".into(), rows.iter().map(|r| r.1.len() as u32).collect::<Vec<_>>()),
        Column::new("mean_score".into(), stats.iter().map(|s| s.0).collect::<Vec<_>>()),
        Column::new("ci_low".into(), stats.iter().map(|s| s.1.map(|i| i.0)).collect::<Vec<_>>()),
        Column::new("ci_high".into(), stats.iter().map(|s| s.1.map(|i| i.1)).collect::<Vec<_>>()),
        Column::new("share_negative".into(), rows.iter().map(|r| share(&r.1, Polarity::Negative)).collect::<Vec<_>>()),
        Column::new("share_positive".into(), rows.iter().map(|r| share(&r.1, Polarity::Positive)).collect::<Vec<_>>()),
        Column::new("low_n".into(), rows.iter().map(|r| r.1.len() < MIN_N).collect::<Vec<_>>()),
    ])?)
}
