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
        if self.counts.is_empty() && self.totals.is_empty() {
            *self = other;
            return;
        }
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

/// Term ids for one counting thread: each distinct term is stored once in
/// an arena, and the hash table holds `(id, start, end)` so that a lookup
/// reads the table slot and the arena only (a lookup that also went through
/// an id → span array, or a `String` per bucket, was memory-bound).
#[derive(Default)]
struct Vocabulary {
    table: hashbrown::HashTable<(u32, u32, u32)>,
    /// `(start, end)` of each term in `arena`, by id.
    spans: Vec<(u32, u32)>,
    arena: String,
    hasher: foldhash::fast::FixedState,
}

impl Vocabulary {
    fn id(&mut self, term: &str) -> usize {
        use std::hash::BuildHasher;
        let Vocabulary { table, spans, arena, hasher } = self;
        let hash = hasher.hash_one(term);
        let found = table.find(hash, |&(_, a, b)| &arena.as_bytes()[a as usize..b as usize] == term.as_bytes());
        if let Some(&(id, _, _)) = found {
            return id as usize;
        }
        let id = spans.len() as u32;
        let (start, end) = (arena.len() as u32, (arena.len() + term.len()) as u32);
        arena.push_str(term);
        spans.push((start, end));
        let arena = &*arena;
        table.insert_unique(hash, (id, start, end), |&(_, a, b)| hasher.hash_one(&arena[a as usize..b as usize]));
        id as usize
    }

    fn term(&self, id: usize) -> &str {
        let (a, b) = self.spans[id];
        &self.arena[a as usize..b as usize]
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
    // Threads take batches of documents in turn, so that a thread that got
    // long articles does not hold the others up.
    const BATCH: usize = 256;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let parts: Vec<GroupCounts> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut vocab = Vocabulary::default();
                    let mut groups: HashMap<String, (Vec<u64>, u64)> = HashMap::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(batch) = docs.chunks(BATCH).nth(k) else { break };
                        for d in batch {
                            let (counts, total) = groups.entry(corpus.group_of(d, by)).or_default();
                            tokenizer.for_each_term(&d.text, |_, _, _, term| {
                                let id = vocab.id(term);
                                if id >= counts.len() {
                                    counts.resize(vocab.spans.len().max(id + 1), 0);
                                }
                                counts[id] += 1;
                                *total += 1;
                            });
                        }
                    }
                    let mut gc = GroupCounts::default();
                    for (g, (counts, total)) in groups {
                        let map: TermCounts = counts
                            .iter()
                            .enumerate()
                            .filter(|(_, &n)| n > 0)
                            .map(|(id, &n)| (vocab.term(id).to_owned(), n))
                            .collect();
                        gc.counts.insert(g.clone(), map);
                        gc.totals.insert(g, total);
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
