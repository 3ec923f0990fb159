//! Counts: term counts per group, computed in parallel.
//!
//! The third stage of the pipeline. [`count_by_group`] tokenizes every
//! document and adds its terms to its group's counts, splitting the
//! documents over `threads` worker threads (each with its own counts,
//! merged at the end), so that a large corpus uses every core. The result
//! is long and tidy as a table ([`GroupCounts::table`]): `group, feature, n`.

use std::collections::HashMap;

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::error::Result;
use crate::tokens::Tokenizer;

/// A term → count map, hashed with foldhash (fast on short keys).
pub type TermCounts = HashMap<String, u64, foldhash::fast::RandomState>;

/// Term counts per group.
#[derive(Clone, Debug, Default)]
pub struct GroupCounts {
    /// group → term → count.
    pub counts: HashMap<String, TermCounts>,
    /// group → number of tokens.
    pub totals: HashMap<String, u64>,
}

impl GroupCounts {
    fn merge(&mut self, other: GroupCounts) {
        for (g, m) in other.counts {
            let mine = self.counts.entry(g).or_default();
            for (t, n) in m {
                *mine.entry(t).or_default() += n;
            }
        }
        for (g, n) in other.totals {
            *self.totals.entry(g).or_default() += n;
        }
    }

    /// The counts as a table `group, feature, n`, sorted by group, then
    /// count (descending), then feature.
    pub fn table(&self) -> Result<DataFrame> {
        let mut rows: Vec<(&str, &str, u64)> =
            self.counts.iter().flat_map(|(g, m)| m.iter().map(move |(t, n)| (g.as_str(), t.as_str(), *n))).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("n".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        ])?)
    }
}

/// Counts the terms of every document per group (`by`: a metadata column or
/// `doc_id`), on `threads` threads (at least 1).
pub fn count_by_group(corpus: &Corpus, tokenizer: &Tokenizer, by: &str, threads: usize) -> Result<GroupCounts> {
    corpus.check_group(by)?;
    let docs = corpus.docs();
    let threads = threads.max(1);
    let chunk = docs.len().div_ceil(threads).max(1);
    let parts: Vec<GroupCounts> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut gc = GroupCounts::default();
                    for d in part {
                        let g = corpus.group_of(d, by);
                        let counts = gc.counts.entry(g.clone()).or_default();
                        let mut n = 0;
                        tokenizer.for_each_term(&d.text, |_, _, _, term| {
                            n += 1;
                            match counts.get_mut(term) {
                                Some(c) => *c += 1,
                                None => {
                                    counts.insert(term.to_owned(), 1);
                                }
                            }
                        });
                        *gc.totals.entry(g).or_default() += n;
                    }
                    gc
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a counting thread panicked")).collect()
    });
    let mut out = GroupCounts::default();
    for p in parts {
        out.merge(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_counts_equal_serial_counts() {
        let c = Corpus::open("seeds").unwrap();
        let t = Tokenizer::words();
        let one = count_by_group(&c, &t, "doc_id", 1).unwrap();
        let four = count_by_group(&c, &t, "doc_id", 4).unwrap();
        assert_eq!(one.counts, four.counts);
        assert_eq!(one.totals, four.totals);
        assert_eq!(one.totals["daryo"], Tokenizer::words().tokenize(&c.get("daryo").unwrap().text).len() as u64);
        assert_eq!(one.table().unwrap(), four.table().unwrap());
        assert!(count_by_group(&c, &t, "bias", 2).is_err());
    }
}
