//! Collocations: sequences of words that occur together more often than
//! their parts would predict.
//!
//! For a candidate sequence `w1 … wn`, every window of `n` consecutive tokens
//! in the corpus is classified by which of its positions match (`2^n`
//! patterns); `n_b` counts the windows of pattern `b`. Then, as quanteda's
//! `textstat_collocations` does (Blaheta & Johnson 2001), with 0.5 added to
//! every count:
//!
//! - `λ = Σ_b (−1)^(n − |b|) · ln(n_b + 0.5)`, the log odds ratio (n = 2) or
//!   its higher-order interaction;
//! - `z = λ / sqrt(Σ_b 1 / (n_b + 0.5))`, its Wald statistic.
//!
//! Against the model in which each position is filled independently (with
//! `p_i` the share of windows whose position `i` holds `w_i`, and expected
//! counts `E_b = W · Π p_i^b_i (1 − p_i)^(1 − b_i)` over `W` windows):
//!
//! - `pmi = log2(O / E)` for the full match, the pointwise mutual information;
//! - `t = (O − E) / √O`, the t-score (favours frequent sequences);
//! - `g2 = 2 Σ_b O_b ln(O_b / E_b)`, the log-likelihood of the whole table.
//!
//! Windows never span a document boundary or a punctuation token (quanteda
//! replaces punctuation with padding first). quanteda also reports
//! `count_nested`; it is not computed here.
//!
//! # Cost
//!
//! Linear in the tokens: one pass counts every window by hash (the
//! candidates are those seen `min_count` times), a second counts, for every
//! window, its projections onto each proper subset of positions that some
//! candidate has (`m_S`, the windows matching the candidate on the
//! positions `S`, whatever the others hold). The cells follow by
//! inclusion–exclusion, `n_b = Σ_{S ⊇ b} (−1)^{|S|−|b|} m_S`, exactly as
//! integers: the numbers are those of classifying every window against
//! every candidate, without the rescans. Time is O(tokens · 2^size), memory
//! O(distinct windows); `size` runs from 2 to [`MAX_SIZE`].

use std::collections::HashMap;

/// One collocation.
#[derive(Clone, Debug, PartialEq)]
pub struct Collocation {
    /// The words, joined by a space.
    pub collocation: String,
    /// How often the sequence occurs.
    pub count: u64,
    /// Its number of words.
    pub length: usize,
    /// λ.
    pub lambda: f64,
    /// z = λ / SE(λ).
    pub z: f64,
    /// Pointwise mutual information (log2).
    pub pmi: f64,
    /// Log-likelihood G² against independence.
    pub g2: f64,
    /// The t-score.
    pub t: f64,
}

/// The longest collocation [`collocations`] computes: 8 words (2^8 cells
/// a candidate).
pub const MAX_SIZE: usize = 8;

/// Collocations of `size` words occurring at least `min_count` times.
/// `docs` are token streams in which `None` marks a pad (punctuation).
/// Sorted by z (descending), ties by collocation. A `size` outside
/// 2..=[`MAX_SIZE`] gives no rows (`collocations_table` says why).
pub fn collocations(docs: &[Vec<Option<String>>], size: usize, min_count: u64) -> Vec<Collocation> {
    collocations_in(docs.iter().map(|d| d.iter().map(Option::as_deref)), size, min_count)
}

/// [`collocations`] of token streams given as iterators (`None` a pad),
/// without copying the tokens.
pub fn collocations_in<'a, D, T>(docs: D, size: usize, min_count: u64) -> Vec<Collocation>
where
    D: IntoIterator<Item = T>,
    T: IntoIterator<Item = Option<&'a str>>,
{
    if !(2..=MAX_SIZE).contains(&size) {
        return Vec::new();
    }
    // Words as ids (ANY for a pad); `words[id]` spells them.
    let mut ids: Map<&str, u32> = Map::default();
    let mut words: Vec<&str> = vec![];
    let streams: Vec<Vec<u32>> = docs
        .into_iter()
        .map(|d| {
            d.into_iter()
                .map(|t| match t {
                    Some(t) => *ids.entry(t).or_insert_with(|| {
                        words.push(t);
                        words.len() as u32 - 1
                    }),
                    None => ANY,
                })
                .collect()
        })
        .collect();
    drop(ids);
    run_size(&streams, &words, size, min_count)
}

/// [`run`] for a window of `size` words (no rows outside 2..=[`MAX_SIZE`]).
fn run_size(streams: &[Vec<u32>], words: &[&str], size: usize, min_count: u64) -> Vec<Collocation> {
    match size {
        2 => run::<2>(streams, words, min_count),
        3 => run::<3>(streams, words, min_count),
        4 => run::<4>(streams, words, min_count),
        5 => run::<5>(streams, words, min_count),
        6 => run::<6>(streams, words, min_count),
        7 => run::<7>(streams, words, min_count),
        8 => run::<8>(streams, words, min_count),
        _ => Vec::new(),
    }
}

/// Collocations of a corpus read in batches
/// ([`OpenOptions::stream`](crate::corpus::OpenOptions::stream)): each
/// document is tokenized as it arrives and kept only as word ids (a pad
/// for punctuation), so memory is four bytes a token and the vocabulary,
/// not the corpus and its token table. [`StreamCollocations::finish`]
/// gives the same rows as [`collocations_table`](super::collocations_table)
/// on the corpus loaded whole, with the same tokenizer (`tests/cli.rs`).
pub struct StreamCollocations<'t> {
    tokenizer: &'t crate::tokens::Tokenizer,
    ids: Map<Box<str>, u32>,
    words: Vec<Box<str>>,
    streams: Vec<Vec<u32>>,
}

impl<'t> StreamCollocations<'t> {
    /// Tokenizes with `tokenizer`; its punctuation tokens are pads.
    pub fn new(tokenizer: &'t crate::tokens::Tokenizer) -> StreamCollocations<'t> {
        StreamCollocations { tokenizer, ids: Map::default(), words: vec![], streams: vec![] }
    }

    /// The collocations of `size` words seen at least `min_count` times,
    /// once every batch is in (no rows for a `size` outside
    /// 2..=[`MAX_SIZE`]).
    pub fn finish(self, size: usize, min_count: u64) -> Vec<Collocation> {
        let words: Vec<&str> = self.words.iter().map(|w| &**w).collect();
        run_size(&self.streams, &words, size, min_count)
    }
}

impl crate::corpus::Batches for StreamCollocations<'_> {
    fn batch(&mut self, batch: &crate::Corpus) -> crate::Result<()> {
        for d in batch.docs() {
            let tokens = self.tokenizer.tokenize(&d.text);
            let (ids, words) = (&mut self.ids, &mut self.words);
            let stream = tokens
                .iter()
                .map(|t| match t.kind {
                    crate::tokens::TokenKind::Punct => ANY,
                    _ => match ids.get(t.term.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = words.len() as u32;
                            words.push(t.term.as_str().into());
                            ids.insert(t.term.as_str().into(), id);
                            id
                        }
                    },
                })
                .collect();
            self.streams.push(stream);
        }
        Ok(())
    }

    fn restart(&mut self) {
        self.ids.clear();
        self.words.clear();
        self.streams.clear();
    }
}

/// A position no candidate constrains, in a projection key.
const ANY: u32 = u32::MAX;

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

fn run<const N: usize>(streams: &[Vec<u32>], words: &[&str], min_count: u64) -> Vec<Collocation> {
    let windows = || {
        streams.iter().flat_map(|s| s.windows(N)).filter(|w| !w.contains(&ANY)).map(|w| <[u32; N]>::try_from(w).expect("a window of N"))
    };
    // Pass 1: every window, counted.
    let mut full: Map<[u32; N], u64> = Map::default();
    let mut n_windows: u64 = 0;
    for w in windows() {
        *full.entry(w).or_default() += 1;
        n_windows += 1;
    }
    let candidates: Vec<([u32; N], u64)> = full.iter().filter(|(_, &n)| n >= min_count).map(|(w, &n)| (*w, n)).collect();
    drop(full);
    let all = (1usize << N) - 1;
    let project = |w: &[u32; N], mask: usize| -> [u32; N] {
        let mut k = [ANY; N];
        for i in 0..N {
            if mask & (1 << i) != 0 {
                k[i] = w[i];
            }
        }
        k
    };
    // Pass 2: the projections the candidates need, counted over all windows.
    let mut partial: Map<[u32; N], u64> = Map::default();
    for (c, _) in &candidates {
        for mask in 1..all {
            partial.entry(project(c, mask)).or_insert(0);
        }
    }
    if !partial.is_empty() {
        for w in windows() {
            for mask in 1..all {
                if let Some(n) = partial.get_mut(&project(&w, mask)) {
                    *n += 1;
                }
            }
        }
    }
    let w = n_windows as f64;
    let size = N;
    let mut out: Vec<Collocation> = candidates
        .iter()
        .map(|(c, count)| {
            let count = *count;
            // m_S, then the cells by inclusion–exclusion over supersets.
            let mut f: Vec<i64> = (0..=all)
                .map(|mask| match mask {
                    0 => n_windows as i64,
                    m if m == all => count as i64,
                    m => partial[&project(c, m)] as i64,
                })
                .collect();
            for i in 0..N {
                for b in 0..=all {
                    if b & (1 << i) == 0 {
                        f[b] -= f[b | (1 << i)];
                    }
                }
            }
            let cells: Vec<u64> = f.into_iter().map(|n| n as u64).collect();
            let (mut lambda, mut var) = (0.0, 0.0);
            for (b, &n) in cells.iter().enumerate() {
                let ones = b.count_ones() as usize;
                let sign = if (size - ones) % 2 == 0 { 1.0 } else { -1.0 };
                let x = n as f64 + 0.5;
                lambda += sign * x.ln();
                var += 1.0 / x;
            }
            // Independence: the share of windows matching at each position.
            let p: Vec<f64> = (0..size)
                .map(|i| cells.iter().enumerate().filter(|(b, _)| b & (1 << i) != 0).map(|(_, &n)| n as f64).sum::<f64>() / w)
                .collect();
            let expected = |b: usize| w * (0..size).map(|i| if b & (1 << i) != 0 { p[i] } else { 1.0 - p[i] }).product::<f64>();
            let (o, e) = (count as f64, expected(all));
            let g2 = 2.0
                * cells
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(b, &n)| n as f64 * (n as f64 / expected(b)).ln())
                    .sum::<f64>();
            Collocation {
                collocation: c.iter().map(|&id| words[id as usize]).collect::<Vec<_>>().join(" "),
                count,
                length: size,
                lambda,
                z: lambda / var.sqrt(),
                pmi: (o / e).log2(),
                g2,
                t: (o - e) / o.sqrt(),
            }
        })
        .collect();
    out.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.collocation.cmp(&y.collocation)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells by classifying every window against the candidate (the
    /// definition; what the old code did, quadratically).
    fn cells_by_rescanning(docs: &[Vec<Option<String>>], words: &[&str]) -> Vec<u64> {
        let n = words.len();
        let mut cells = vec![0u64; 1 << n];
        for w in docs.iter().flat_map(|d| d.windows(n)).filter(|w| w.iter().all(Option::is_some)) {
            let b = (0..n).filter(|&i| w[i].as_deref() == Some(words[i])).fold(0, |b, i| b | 1 << i);
            cells[b] += 1;
        }
        cells
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// λ from the hashed counts equals λ from rescanning, on random
        /// streams with pads, for every size.
        #[test]
        fn hashed_counts_equal_rescanning(
            docs in proptest::collection::vec(proptest::collection::vec(proptest::option::weighted(0.9, 0u8..4), 0..30), 1..4),
            size in 2usize..=4,
        ) {
            let docs: Vec<Vec<Option<String>>> = docs.into_iter().map(|d| d.into_iter().map(|t| t.map(|t| ["a", "b", "c", "d"][t as usize].to_string())).collect()).collect();
            for row in collocations(&docs, size, 1) {
                let words: Vec<&str> = row.collocation.split(' ').collect();
                let cells = cells_by_rescanning(&docs, &words);
                proptest::prop_assert_eq!(cells[(1 << size) - 1], row.count);
                let lambda: f64 = cells.iter().enumerate().map(|(b, &n)| {
                    let sign = if (size - b.count_ones() as usize) % 2 == 0 { 1.0 } else { -1.0 };
                    sign * (n as f64 + 0.5).ln()
                }).sum();
                proptest::prop_assert_eq!(lambda, row.lambda);
            }
        }
    }

    #[test]
    fn sizes_outside_two_to_eight_give_no_rows() {
        let doc: Vec<Option<String>> = "a b a b a b a b a b".split(' ').map(|t| Some(t.to_string())).collect();
        assert!(collocations(std::slice::from_ref(&doc), 1, 1).is_empty());
        assert!(collocations(std::slice::from_ref(&doc), 64, 1).is_empty());
        assert_eq!(collocations(std::slice::from_ref(&doc), 8, 1).len(), 2);
    }

    #[test]
    fn pmi_t_and_g2_by_hand() {
        // "a b c a b d e b d a b": 10 bigrams; "a b" 3 times; 3 start with a,
        // 4 end with b: E = 10 · 0.3 · 0.4 = 1.2. Cells (ab, a¬b, ¬ab, ¬a¬b)
        // = (3, 0, 1, 6), expected (1.2, 1.8, 2.8, 4.2).
        let doc: Vec<Option<String>> = "a b c a b d e b d a b".split(' ').map(|t| Some(t.to_string())).collect();
        let rows = collocations(&[doc], 2, 2);
        let ab = rows.iter().find(|r| r.collocation == "a b").unwrap();
        assert!((ab.pmi - (3.0f64 / 1.2).log2()).abs() < 1e-12);
        assert!((ab.t - (3.0 - 1.2) / 3.0f64.sqrt()).abs() < 1e-12);
        let g2 = 2.0 * (3.0 * (3.0f64 / 1.2).ln() + 1.0 * (1.0f64 / 2.8).ln() + 6.0 * (6.0f64 / 4.2).ln());
        assert!((ab.g2 - g2).abs() < 1e-12);
    }
}
