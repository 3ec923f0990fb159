//! Reproducible samples to code by hand.
//!
//! [`sample`] draws `n` units of a corpus (documents or sentences), or `n`
//! audit rows of a lookup (spans: the dictionary's matches), and returns a
//! coding sheet for [`super::Coding::open`]: the unit's ids or offsets, the
//! category, the text to read, and empty `label` and `coder` columns.
//!
//! The draw is a partial Fisher–Yates shuffle of the units in corpus order
//! (documents in corpus order, sentences in text order, audit rows in
//! [`Lookup::matches`] order), driven by [`SplitMix64`] seeded with the
//! given seed; the drawn units are then sorted back into corpus order. So
//! the same corpus, dictionary, `n` and seed always give the same rows, on
//! every machine.
//!
//! What a sample can measure: a sample of documents or sentences, coded
//! for every category, measures precision and recall; a sample of audit
//! rows (matches) measures precision only, since it holds no misses.

use polars::prelude::*;

use crate::corpus::columns;
use crate::dictionary::{Lookup, CATEGORY, MATCHED};
use crate::error::{Error, Result};

use super::{Unit, CODER, LABEL};

/// SplitMix64 (Steele, Lea & Flood 2014; the generator Java's
/// `SplittableRandom` and the seeding of xoshiro use): a 64-bit state
/// advanced by the golden-ratio increment and mixed. Small, fast, and
/// the same on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0), by Lemire's multiply-shift
    /// (the bias is below 2⁻³² for any bound a corpus can have).
    pub fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }
}

/// Draws `k` of `0..n` without replacement, returned in ascending order.
pub fn draw(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64::new(seed);
    let mut idx: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + rng.below(n - i);
        idx.swap(i, j);
    }
    let mut out = idx[..k].to_vec();
    out.sort_unstable();
    out
}

/// A coding sheet of `n` units drawn with `seed` (see the module docs):
/// - [`Unit::Document`]: `doc_id`, `category`, `text` (the document), `label`, `coder`;
/// - [`Unit::Sentence`]: `doc_id`, `sentence_id`, `category`, `text` (the sentence), `label`, `coder`;
/// - [`Unit::Span`]: `doc_id`, `start`, `end`, `category`, `matched`, `text` (the sentence), `label`, `coder`.
///
/// Documents and sentences get one row per category (`categories`, or all
/// the dictionary's, in dictionary order); spans are drawn from the audit
/// rows of those categories. Fewer than `n` units in the corpus: all of
/// them. Unknown category names are an error.
pub fn sample(lookup: &Lookup, unit: Unit, n: usize, seed: u64, categories: &[String]) -> Result<DataFrame> {
    let dict = lookup.dictionary();
    let names: Vec<&str> = dict.categories.iter().map(|c| c.name.as_str()).collect();
    let mut cats = vec![];
    for c in categories {
        let k = names
            .iter()
            .position(|n| n == c)
            .ok_or_else(|| Error::argument(format!("no category `{c}` in dictionary `{}`; it has: {}", dict.name, names.join(", "))))?;
        if !cats.contains(&k) {
            cats.push(k);
        }
    }
    if cats.is_empty() {
        cats = (0..names.len()).collect();
    }
    cats.sort_unstable();
    let docs = lookup.corpus().docs();
    let (mut id, mut sid, mut start, mut end, mut cat, mut matched, mut text) = (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    match unit {
        Unit::Document => {
            for d in draw(docs.len(), n, seed) {
                for &c in &cats {
                    id.push(docs[d].id.as_str());
                    cat.push(names[c]);
                    text.push(docs[d].text.as_str());
                }
            }
        }
        Unit::Sentence => {
            let mut units = vec![];
            for (d, doc) in docs.iter().enumerate() {
                units.extend(doc.sentences().into_iter().enumerate().map(|(s, span)| (d, s, span)));
            }
            for u in draw(units.len(), n, seed) {
                let (d, s, span) = units[u];
                for &c in &cats {
                    id.push(docs[d].id.as_str());
                    sid.push(s as u32 + 1);
                    cat.push(names[c]);
                    text.push(&docs[d].text[span.start..span.end]);
                }
            }
        }
        Unit::Span => {
            let ms: Vec<_> = lookup.matches().iter().filter(|m| cats.contains(&m.category)).collect();
            let mut sentences: std::collections::HashMap<usize, Vec<crate::corpus::segment::Span>> = Default::default();
            for u in draw(ms.len(), n, seed) {
                let m = ms[u];
                let doc = &docs[m.doc];
                let s = sentences.entry(m.doc).or_insert_with(|| doc.sentences());
                id.push(doc.id.as_str());
                start.push(m.start as u64);
                end.push(m.end as u64);
                cat.push(names[m.category]);
                matched.push(lookup.text_of(m));
                text.push(s.get(m.sentence).map_or("", |s| &doc.text[s.start..s.end]));
            }
        }
    }
    let rows = id.len();
    let mut cols = vec![Column::new(columns::DOC_ID.into(), id)];
    match unit {
        Unit::Document => {}
        Unit::Sentence => cols.push(Column::new(columns::SENTENCE_ID.into(), sid)),
        Unit::Span => {
            cols.push(Column::new(columns::START.into(), start));
            cols.push(Column::new(columns::END.into(), end));
        }
    }
    cols.push(Column::new(CATEGORY.into(), cat));
    if unit == Unit::Span {
        cols.push(Column::new(MATCHED.into(), matched));
    }
    cols.push(Column::new(columns::TEXT.into(), text));
    cols.push(Column::new(LABEL.into(), vec![""; rows]));
    cols.push(Column::new(CODER.into(), vec![""; rows]));
    Ok(DataFrame::new_infer_height(cols)?)
}
