//! Counts: term counts per group, computed in parallel.
//!
//! The third stage of the pipeline. [`count_by_group`] tokenizes every
//! document and adds its terms to its group's counts, splitting the
//! documents over `threads` worker threads (each with its own vocabulary
//! and counts, merged by term at the end), so that a large corpus uses
//! every core. The result is long and tidy as a table
//! ([`GroupCounts::table`]): `group, feature, n`.
//!
//! The same pass keeps, for each group and term, the number of the group's
//! documents the term occurs in, so that term frequencies, keyness and
//! TF-IDF similarity come from these counts alone
//! ([`GroupCounts::frequency_table`], [`GroupCounts::keyness`],
//! [`GroupCounts::similarity_table`]): no token table, no offsets, and the
//! corpus is borrowed, not copied. This is the path the command line takes.
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
use crate::tokens::{Tokenizer, Tokens};

mod vocabulary;
use vocabulary::{Batch, Vocabulary};

#[cfg(feature = "parquet")]
pub mod partial;

/// Term counts per group: one vocabulary of terms, and for each group the
/// count of each term by its id, the number of the group's documents it
/// occurs in (its document frequency), the group's token total and its
/// number of documents.
///
/// The statistics that only need counts are computed from here, without a
/// token table: [`GroupCounts::frequency_table`],
/// [`GroupCounts::keyness`], [`GroupCounts::tfidf_table`] and
/// [`GroupCounts::similarity_table`]. The tables of the same names over
/// [`Tokens`] make a `GroupCounts` from the tokens
/// ([`GroupCounts::from_tokens`]) and call these.
pub struct GroupCounts {
    vocab: Vocabulary,
    /// group → counts; groups in order.
    groups: BTreeMap<String, Tally>,
    /// The column grouped by.
    by: String,
}

impl GroupCounts {
    /// The column grouped by (a metadata column or `doc_id`).
    pub fn by(&self) -> &str {
        &self.by
    }

    /// The groups, in order.
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }

    /// How many tokens the group has (0 for an unknown group).
    pub fn total(&self, group: &str) -> u64 {
        self.groups.get(group).map_or(0, |t| t.total)
    }

    /// How many documents the group has (0 for an unknown group).
    pub fn n_docs(&self, group: &str) -> u64 {
        self.groups.get(group).map_or(0, |t| t.docs)
    }

    /// How many distinct terms the group has.
    pub fn n_terms(&self, group: &str) -> usize {
        self.groups.get(group).map_or(0, |t| t.iter().count())
    }

    /// How often `term` occurs in the group.
    pub fn count(&self, group: &str, term: &str) -> u64 {
        match (self.groups.get(group), self.vocab.get(term)) {
            (Some(t), Some(id)) => t.get(id).n,
            _ => 0,
        }
    }

    /// In how many of the group's documents `term` occurs.
    pub fn docfreq(&self, group: &str, term: &str) -> u64 {
        match (self.groups.get(group), self.vocab.get(term)) {
            (Some(t), Some(id)) => u64::from(t.get(id).df),
            _ => 0,
        }
    }

    /// The group's terms and their counts, in no particular order.
    pub fn terms<'a>(&'a self, group: &str) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        self.groups.get(group).into_iter().flat_map(move |t| t.iter().map(move |(id, c)| (self.vocab.term(id as usize), c.n)))
    }

    /// The group's `(term id, count, document frequency)`, in no particular
    /// order; `None` for an unknown group.
    pub(crate) fn cells(&self, group: &str) -> Option<impl Iterator<Item = (u32, u64, u64)> + '_> {
        self.groups.get(group).map(|t| t.iter().map(|(id, c)| (id, c.n, u64::from(c.df))))
    }

    /// The term with this id.
    pub(crate) fn term(&self, id: u32) -> &str {
        self.vocab.term(id as usize)
    }

    /// How many distinct terms there are in all groups (term ids are below
    /// this).
    pub(crate) fn n_ids(&self) -> usize {
        self.vocab.len()
    }

    /// Counts the terms of tokens already made, per group (`by`: a
    /// metadata column or `doc_id`): every token, whatever its kind, as the
    /// tables over [`Tokens`] count them (n-grams too).
    pub fn from_tokens(tokens: &Tokens, by: &str) -> Result<GroupCounts> {
        let corpus = tokens.corpus();
        corpus.check_group(by)?;
        let n_groups = tokens.iter().map(|(d, _)| corpus.group_of(d, by)).collect::<std::collections::HashSet<_>>().len();
        let mut counter = Counter::new(n_groups <= DENSE_GROUPS);
        for (i, (d, toks)) in tokens.iter().enumerate() {
            let key = corpus.group_of(d, by);
            let room: usize = toks.iter().map(|t| t.term.len()).sum();
            let mut sink = counter.document(&key, stamp(i, &d.id)?, room, &d.id)?;
            for t in toks {
                sink.push(&t.term);
            }
            sink.finish();
        }
        Ok(counter.into_counts(by))
    }

    /// Adds another thread's counts, mapping its term ids to these.
    fn merge(&mut self, other: GroupCounts) {
        let ids: Vec<u32> = (0..other.vocab.len()).map(|id| self.vocab.intern(other.vocab.term(id))).collect();
        let dense = self.groups.values().next().is_none_or(|t| t.sparse.is_none());
        for (g, tally) in other.groups {
            let mine = self.groups.entry(g).or_insert_with(|| Tally::new(dense));
            for (id, c) in tally.iter() {
                mine.add_cell(ids[id as usize], c);
            }
            mine.total += tally.total;
            mine.docs += tally.docs;
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

/// A document's stamp: its index in the corpus, plus one (0 marks a term
/// not yet seen in a document of the group).
fn stamp(index: usize, id: &str) -> Result<u32> {
    u32::try_from(index + 1)
        .ok()
        .filter(|&s| s < u32::MAX)
        .ok_or_else(|| Error::argument(format!("too many documents to count (over 4 billion, at document `{id}`)")))
}

/// One counting thread's vocabulary, lookup batch and tallies.
struct Counter {
    vocab: Vocabulary,
    batch: Batch,
    groups: BTreeMap<String, Tally>,
    dense: bool,
}

impl Counter {
    fn new(dense: bool) -> Counter {
        Counter { vocab: Vocabulary::default(), batch: Batch::default(), groups: BTreeMap::new(), dense }
    }

    /// Starts a document of the group `key`, which adds at most `room`
    /// terms (its length in bytes is a bound); `stamp` tells it from every
    /// other document.
    fn document(&mut self, key: &str, stamp: u32, room: usize, id: &str) -> Result<Sink<'_>> {
        if !self.vocab.has_room(room) {
            return Err(Error::argument(format!("too many distinct terms to count (over 4 billion in one thread, at document `{id}`)")));
        }
        if !self.groups.contains_key(key) {
            if self.groups.len() == DENSE_GROUPS {
                self.spill_at(DENSE_GROUPS);
            }
            self.groups.insert(key.to_owned(), Tally::new(self.dense));
        }
        let tally = self.groups.get_mut(key).expect("inserted above");
        tally.docs += 1;
        Ok(Sink { vocab: &mut self.vocab, batch: &mut self.batch, tally, stamp })
    }

    /// At `groups` groups or more, the counts move to a map per group (see
    /// [`count_by_group`]): when the groups are not known in advance (batches), at the
    /// first group past [`DENSE_GROUPS`].
    fn spill_at(&mut self, groups: usize) {
        if self.dense && self.groups.len() >= groups {
            self.dense = false;
            for tally in self.groups.values_mut() {
                tally.make_sparse();
            }
        }
    }

    fn into_counts(self, by: &str) -> GroupCounts {
        GroupCounts { vocab: self.vocab, groups: self.groups, by: by.to_owned() }
    }
}

/// Takes the terms of one document, in batches.
struct Sink<'a> {
    vocab: &'a mut Vocabulary,
    batch: &'a mut Batch,
    tally: &'a mut Tally,
    stamp: u32,
}

impl Sink<'_> {
    #[inline]
    fn push(&mut self, term: &str) {
        if self.batch.push(self.vocab, term) {
            self.tally.add(self.batch.resolve(self.vocab), self.stamp);
        }
    }

    /// Counts the terms still in the batch.
    fn finish(self) {
        self.tally.add(self.batch.resolve(self.vocab), self.stamp);
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
    count_by_group_with_progress(corpus, tokenizer, by, threads, |_| {})
}

/// [`count_by_group`], calling `progress(bytes)` from the counting threads
/// after each batch of documents with the bytes of text it held (for a
/// progress bar; the sum over all calls is the corpus's text length).
pub fn count_by_group_with_progress(
    corpus: &Corpus,
    tokenizer: &Tokenizer,
    by: &str,
    threads: usize,
    progress: impl Fn(u64) + Sync,
) -> Result<GroupCounts> {
    corpus.check_group(by)?;
    let docs = corpus.docs();
    stamp(docs.len(), "(the last)")?;
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
                    let mut counter = Counter::new(dense);
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = docs.chunks(DOCS).nth(k) else { break };
                        let mut bytes = 0;
                        for (j, (d, key)) in chunk.iter().zip(&keys[k * DOCS..]).enumerate() {
                            // A document adds at most one term a byte.
                            let mut sink = counter.document(key, stamp(k * DOCS + j, &d.id)?, d.text.len(), &d.id)?;
                            tokenizer.for_each_term(&d.text, |_, _, _, term| sink.push(term));
                            sink.finish();
                            bytes += d.text.len() as u64;
                        }
                        progress(bytes);
                    }
                    Ok(counter.into_counts(by))
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

/// Counts terms per group from a corpus read in batches
/// ([`OpenOptions::stream`](crate::corpus::OpenOptions::stream)), so that
/// only one batch of text is in memory at a time: each batch is counted on
/// `threads` threads into counts kept across batches, then dropped.
///
/// The counts are those [`count_by_group`] gives on the whole corpus,
/// whatever the batch size and the number of threads (`tests/stream.rs`
/// compares the tables byte for byte).
///
/// ```
/// use newsframe::counts::{count_by_group, StreamCounter};
/// use newsframe::{tokens::Tokenizer, Corpus};
/// let t = Tokenizer::words();
/// let mut counter = StreamCounter::new(&t, "doc_id", 2);
/// let (_report, columns) = Corpus::options().stream("seeds", 2, &mut counter)?;
/// let streamed = counter.finish(&columns)?;
/// let whole = count_by_group(&Corpus::open("seeds")?, &t, "doc_id", 1)?;
/// assert_eq!(streamed.table()?, whole.table()?);
/// # Ok::<(), newsframe::Error>(())
/// ```
pub struct StreamCounter<'t> {
    tokenizer: &'t Tokenizer,
    by: String,
    threads: usize,
    /// One per thread, kept across batches.
    counters: Vec<Counter>,
    /// Documents counted so far (the next document's index).
    seen: usize,
    progress: Option<Box<dyn Fn(u64) + Sync + 't>>,
}

impl<'t> StreamCounter<'t> {
    /// Counts by `by` (a metadata column or `doc_id`) on `threads` threads
    /// (at least 1).
    pub fn new(tokenizer: &'t Tokenizer, by: &str, threads: usize) -> StreamCounter<'t> {
        let threads = threads.max(1);
        StreamCounter { tokenizer, by: by.to_owned(), threads, counters: (0..threads).map(|_| Counter::new(true)).collect(), seen: 0, progress: None }
    }

    /// Calls `progress(bytes)` from the counting threads after each run
    /// of documents, with the bytes of text it held.
    pub fn with_progress(mut self, progress: impl Fn(u64) + Sync + 't) -> StreamCounter<'t> {
        self.progress = Some(Box::new(progress));
        self
    }

    /// The counts, once every batch is in; `columns`: the corpus's
    /// metadata columns (as [`OpenOptions::stream`](crate::corpus::OpenOptions::stream)
    /// returns them), to check that `by` is one of them.
    pub fn finish(self, columns: &[String]) -> Result<GroupCounts> {
        if self.by != columns::DOC_ID && !columns.iter().any(|c| *c == self.by) {
            return Err(Error::argument(format!("no column `{}` to group by; the columns are: doc_id, {}", self.by, columns.join(", "))));
        }
        let mut parts = self.counters.into_iter().map(|c| c.into_counts(&self.by));
        let mut out = parts.next().expect("at least one counter");
        for p in parts {
            out.merge(p);
        }
        Ok(out)
    }
}

impl crate::corpus::Batches for StreamCounter<'_> {
    fn batch(&mut self, batch: &Corpus) -> Result<()> {
        let docs = batch.docs();
        stamp(self.seen + docs.len(), "(the last)")?;
        let keys: Vec<String> = docs.iter().map(|d| batch.group_of(d, &self.by)).collect();
        const DOCS: usize = 64;
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (seen, tokenizer, progress) = (self.seen, self.tokenizer, &self.progress);
        let threads = self.threads.min(docs.len().div_ceil(DOCS)).max(1);
        let results: Vec<Result<()>> = std::thread::scope(|s| {
            let handles: Vec<_> = self
                .counters
                .iter_mut()
                .take(threads)
                .map(|counter| {
                    let (next, keys) = (&next, &keys);
                    s.spawn(move || {
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(chunk) = docs.chunks(DOCS).nth(k) else { break };
                            let mut bytes = 0;
                            for (j, (d, key)) in chunk.iter().zip(&keys[k * DOCS..]).enumerate() {
                                let mut sink = counter.document(key, stamp(seen + k * DOCS + j, &d.id)?, d.text.len(), &d.id)?;
                                tokenizer.for_each_term(&d.text, |_, _, _, term| sink.push(term));
                                sink.finish();
                                bytes += d.text.len() as u64;
                            }
                            if let Some(p) = progress {
                                p(bytes);
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a counting thread panicked")).collect()
        });
        self.seen += docs.len();
        results.into_iter().collect()
    }

    fn restart(&mut self) {
        self.counters = (0..self.threads).map(|_| Counter::new(true)).collect();
        self.seen = 0;
    }
}

/// Up to this many groups are counted densely (see [`count_by_group`]).
const DENSE_GROUPS: usize = 64;

/// One term's counts in one group: how often it occurs, in how many
/// documents, and the stamp of the last document it was seen in.
#[derive(Clone, Copy, Default)]
struct Cell {
    n: u64,
    df: u32,
    last: u32,
}

/// One group's counts by term id, in one counting thread.
struct Tally {
    dense: Vec<Cell>,
    sparse: Option<HashMap<u32, Cell, foldhash::fast::FixedState>>,
    /// Tokens counted.
    total: u64,
    /// Documents counted.
    docs: u64,
}

impl Tally {
    fn new(dense: bool) -> Tally {
        Tally { dense: vec![], sparse: (!dense).then(HashMap::default), total: 0, docs: 0 }
    }

    /// Counts these terms of the document `stamp`; first asks for their
    /// counters to be brought into cache, so that the increments overlap.
    #[inline]
    fn add(&mut self, ids: &[u32], stamp: u32) {
        #[inline(always)]
        fn bump(c: &mut Cell, stamp: u32) {
            c.n += 1;
            c.df += u32::from(c.last != stamp);
            c.last = stamp;
        }
        self.total += ids.len() as u64;
        match &mut self.sparse {
            Some(map) => {
                for &id in ids {
                    bump(map.entry(id).or_default(), stamp);
                }
            }
            None => {
                let top = ids.iter().max().map_or(0, |&m| m as usize + 1);
                if top > self.dense.len() {
                    self.dense.resize(top.next_power_of_two(), Cell::default());
                }
                for &id in ids {
                    vocabulary::prefetch(&self.dense[id as usize]);
                }
                for &id in ids {
                    bump(&mut self.dense[id as usize], stamp);
                }
            }
        }
    }

    /// Moves the counts to a map.
    fn make_sparse(&mut self) {
        if self.sparse.is_none() {
            let map = self.dense.iter().enumerate().filter(|(_, c)| c.n > 0).map(|(id, &c)| (id as u32, c)).collect();
            self.sparse = Some(map);
            self.dense = vec![];
        }
    }

    /// Adds another thread's counts of one term (other documents).
    fn add_cell(&mut self, id: u32, other: Cell) {
        let c = match &mut self.sparse {
            Some(map) => map.entry(id).or_default(),
            None => {
                let i = id as usize;
                if i >= self.dense.len() {
                    self.dense.resize((i + 1).next_power_of_two(), Cell::default());
                }
                &mut self.dense[i]
            }
        };
        c.n += other.n;
        c.df += other.df;
    }

    fn get(&self, id: u32) -> Cell {
        match &self.sparse {
            Some(map) => map.get(&id).copied().unwrap_or_default(),
            None => self.dense.get(id as usize).copied().unwrap_or_default(),
        }
    }

    /// `(id, counts)` of every term counted, in no particular order.
    fn iter(&self) -> Box<dyn Iterator<Item = (u32, Cell)> + '_> {
        match &self.sparse {
            Some(map) => Box::new(map.iter().map(|(&id, &c)| (id, c))),
            None => Box::new(self.dense.iter().enumerate().filter(|(_, c)| c.n > 0).map(|(id, &c)| (id as u32, c))),
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
