//! Counts: term counts per group, computed in parallel.
//!
//! The third stage of the pipeline. [`count_by_group`] tokenizes every
//! document and adds its terms to its group's counts, splitting the
//! documents over `threads` worker threads (each with its own vocabulary
//! and counts, merged by term at the end), so that a large corpus uses
//! every core. The result is long and tidy as a table
//! ([`GroupCounts::table`]): `group, feature, n`.
//!
//! Where the time goes on a large corpus, and what was done about it
//! (`BENCHMARKS.md` has the numbers): the tokenizer's fast path
//! ([`Tokenizer::for_each_term`]); terms looked up in batches with their
//! table slots prefetched (the `vocabulary` module); and counts kept by term id, in
//! a dense array per group when there are few groups.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::error::{Error, Result};
use crate::tokens::Tokenizer;

mod vocabulary;
use vocabulary::{Batch, Vocabulary};

/// Term counts per group: one vocabulary of terms, and for each group the
/// count of each term by its id.
pub struct GroupCounts {
    vocab: Vocabulary,
    /// group → counts; groups in order.
    groups: BTreeMap<String, Tally>,
}

impl GroupCounts {
    /// The groups, in order.
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }

    /// How many tokens the group has (0 for an unknown group).
    pub fn total(&self, group: &str) -> u64 {
        self.groups.get(group).map_or(0, |t| t.total)
    }

    /// How many distinct terms the group has.
    pub fn n_terms(&self, group: &str) -> usize {
        self.groups.get(group).map_or(0, |t| t.iter().count())
    }

    /// How often `term` occurs in the group.
    pub fn count(&self, group: &str, term: &str) -> u64 {
        match (self.groups.get(group), self.vocab.get(term)) {
            (Some(t), Some(id)) => t.get(id),
            _ => 0,
        }
    }

    /// The group's terms and their counts, in no particular order.
    pub fn terms<'a>(&'a self, group: &str) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        self.groups.get(group).into_iter().flat_map(move |t| t.iter().map(move |(id, n)| (self.vocab.term(id as usize), n)))
    }

    /// Adds another thread's counts, mapping its term ids to these.
    fn merge(&mut self, other: GroupCounts) {
        let ids: Vec<u32> = (0..other.vocab.len()).map(|id| self.vocab.intern(other.vocab.term(id))).collect();
        let dense = self.groups.values().next().is_none_or(|t| t.sparse.is_none());
        for (g, tally) in other.groups {
            let mine = self.groups.entry(g).or_insert_with(|| Tally::new(dense));
            for (id, n) in tally.iter() {
                mine.add_n(ids[id as usize], n);
            }
            mine.total += tally.total;
        }
    }

    /// The counts as a table `group, feature, n`, sorted by group, then
    /// count (descending), then feature.
    pub fn table(&self) -> Result<DataFrame> {
        let mut rows: Vec<(&str, &str, u64)> =
            self.groups().flat_map(|g| self.terms(g).map(move |(t, n)| (g, t, n))).collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("n".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        ])?)
    }
}

/// Counts the terms of every document per group (`by`: a metadata column or
/// `doc_id`), on `threads` threads (at least 1).
///
/// Each thread takes batches of documents and counts term ids per group in
/// its own vocabulary; the threads' counts are merged by term at the end.
/// The result does not depend on the number of threads or on which thread
/// counted which batch (`tests::parallel_counts_equal_serial_counts`).
pub fn count_by_group(corpus: &Corpus, tokenizer: &Tokenizer, by: &str, threads: usize) -> Result<GroupCounts> {
    corpus.check_group(by)?;
    let docs = corpus.docs();
    let keys: Vec<String> = docs.iter().map(|d| corpus.group_of(d, by)).collect();
    // Few groups (outlets, leanings) are counted in a dense array per group,
    // indexed by term id; many groups (one per document) in a map each, so
    // that memory grows with the terms each group has, not with the
    // vocabulary times the groups.
    let dense = keys.iter().map(String::as_str).collect::<std::collections::HashSet<_>>().len() <= DENSE_GROUPS;
    // Threads take batches of documents in turn, so that a thread that got
    // long articles does not hold the others up.
    const DOCS: usize = 256;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let parts: Vec<Result<GroupCounts>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut vocab = Vocabulary::default();
                    let mut batch = Batch::default();
                    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = docs.chunks(DOCS).nth(k) else { break };
                        for (d, key) in chunk.iter().zip(&keys[k * DOCS..]) {
                            // A document adds at most one term a byte.
                            if !vocab.has_room(d.text.len()) {
                                return Err(Error::argument(format!(
                                    "too many distinct terms to count (over 4 billion in one thread, at document `{}`)",
                                    d.id
                                )));
                            }
                            let tally = groups.entry(key.clone()).or_insert_with(|| Tally::new(dense));
                            tokenizer.for_each_term(&d.text, |_, _, _, term| {
                                if batch.push(&vocab, term) {
                                    tally.add(batch.resolve(&mut vocab));
                                }
                            });
                            tally.add(batch.resolve(&mut vocab));
                        }
                    }
                    Ok(GroupCounts { vocab, groups })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a counting thread panicked")).collect()
    });
    let mut parts = parts.into_iter();
    let mut out = parts.next().expect("at least one counting thread")?;
    for p in parts {
        out.merge(p?);
    }
    Ok(out)
}

/// Up to this many groups are counted densely (see [`count_by_group`]).
const DENSE_GROUPS: usize = 64;

/// One group's counts by term id, in one counting thread.
struct Tally {
    dense: Vec<u64>,
    sparse: Option<HashMap<u32, u64, foldhash::fast::FixedState>>,
    total: u64,
}

impl Tally {
    fn new(dense: bool) -> Tally {
        Tally { dense: vec![], sparse: (!dense).then(HashMap::default), total: 0 }
    }

    /// Counts these terms; first asks for their counters to be brought
    /// into cache, so that the increments overlap.
    #[inline]
    fn add(&mut self, ids: &[u32]) {
        self.total += ids.len() as u64;
        match &mut self.sparse {
            Some(map) => {
                for &id in ids {
                    *map.entry(id).or_default() += 1;
                }
            }
            None => {
                let top = ids.iter().max().map_or(0, |&m| m as usize + 1);
                if top > self.dense.len() {
                    self.dense.resize(top.next_power_of_two(), 0);
                }
                for &id in ids {
                    vocabulary::prefetch(&self.dense[id as usize]);
                }
                for &id in ids {
                    self.dense[id as usize] += 1;
                }
            }
        }
    }

    /// Adds `n` occurrences of one term.
    fn add_n(&mut self, id: u32, n: u64) {
        match &mut self.sparse {
            Some(map) => *map.entry(id).or_default() += n,
            None => {
                let i = id as usize;
                if i >= self.dense.len() {
                    self.dense.resize((i + 1).next_power_of_two(), 0);
                }
                self.dense[i] += n;
            }
        }
    }

    fn get(&self, id: u32) -> u64 {
        match &self.sparse {
            Some(map) => map.get(&id).copied().unwrap_or(0),
            None => self.dense.get(id as usize).copied().unwrap_or(0),
        }
    }

    /// `(id, count)` of every term counted, in no particular order.
    fn iter(&self) -> Box<dyn Iterator<Item = (u32, u64)> + '_> {
        match &self.sparse {
            Some(map) => Box::new(map.iter().map(|(&id, &n)| (id, n))),
            None => Box::new(self.dense.iter().enumerate().filter(|(_, &n)| n > 0).map(|(id, &n)| (id as u32, n))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    #[test]
    fn parallel_counts_equal_serial_counts() {
        let c = Corpus::open("seeds").unwrap();
        let t = Tokenizer::words();
        let one = count_by_group(&c, &t, "doc_id", 1).unwrap();
        let four = count_by_group(&c, &t, "doc_id", 4).unwrap();
        assert_eq!(one.table().unwrap(), four.table().unwrap());
        assert_eq!(one.groups().collect::<Vec<_>>(), four.groups().collect::<Vec<_>>());
        let daryo = Tokenizer::words().tokenize(&c.get("daryo").unwrap().text);
        assert_eq!(one.total("daryo"), daryo.len() as u64);
        assert_eq!(four.total("daryo"), daryo.len() as u64);
        let kazakhstan = daryo.iter().filter(|t| t.term == "kazakhstan").count() as u64;
        assert!(kazakhstan > 0);
        assert_eq!(four.count("daryo", "kazakhstan"), kazakhstan);
        assert_eq!(four.count("daryo", "no-such-term"), 0);
        let distinct: std::collections::HashSet<&str> = daryo.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(four.n_terms("daryo"), distinct.len());
        assert!(count_by_group(&c, &t, "bias", 2).is_err());
        // Many groups are counted sparsely, with the same result.
        let documents = (0..20)
            .flat_map(|_| c.docs().iter().cloned())
            .enumerate()
            .map(|(i, d)| Document { id: format!("d{i}"), ..d })
            .collect();
        let many = Corpus { documents, ..c.clone() };
        assert!(many.len() > DENSE_GROUPS);
        let sparse = count_by_group(&many, &t, "doc_id", 2).unwrap();
        let first = &c.docs()[0].id;
        let mut a: Vec<_> = sparse.terms("d0").collect();
        let mut b: Vec<_> = one.terms(first).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(sparse.groups().count(), many.len());
    }
}
