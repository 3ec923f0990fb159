//! Term frequency by group: count, rate, document frequency and rank.

use std::collections::{BTreeMap, HashMap, HashSet};

/// How tied frequencies are ranked (quanteda's `ties_method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ties {
    /// The lowest rank of the tied group (1, 2, 2, 4): quanteda's default.
    Min,
    /// The mean rank of the tied group (1, 2, 2.5, 2.5).
    Average,
    /// Consecutive ranks in the output order (1, 2, 3, 4).
    First,
}

/// One term's frequency in one group.
#[derive(Clone, Debug, PartialEq)]
pub struct FrequencyRow {
    /// The term.
    pub feature: String,
    /// Its count in the group.
    pub frequency: u64,
    /// Its rate per 10,000 tokens of the group.
    pub per_10k: f64,
    /// Its rank in the group.
    pub rank: f64,
    /// In how many of the group's documents it occurs.
    pub docfreq: u64,
    /// The group.
    pub group: String,
}

/// Frequencies of the terms of `docs`, each a `(group, terms)` pair, per
/// group. Groups come out in sorted order; within a group, terms by
/// frequency (descending), ties by term (ascending). quanteda orders ties by
/// first occurrence instead; the ranks are the same.
pub fn frequency<'a, I>(docs: I, ties: Ties) -> Vec<FrequencyRow>
where
    I: IntoIterator<Item = (&'a str, &'a [String])>,
{
    let mut groups: BTreeMap<&str, (HashMap<&str, u64>, HashMap<&str, u64>, u64)> = BTreeMap::new();
    for (group, terms) in docs {
        let (counts, docfreq, total) = groups.entry(group).or_default();
        let mut seen: HashSet<&str> = HashSet::new();
        for t in terms.iter() {
            *counts.entry(t.as_str()).or_default() += 1;
            if seen.insert(t.as_str()) {
                *docfreq.entry(t.as_str()).or_default() += 1;
            }
        }
        *total += terms.len() as u64;
    }
    let mut out = Vec::new();
    for (group, (counts, docfreq, total)) in groups {
        let mut rows: Vec<(&str, u64)> = counts.into_iter().collect();
        rows.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        let mut i = 0;
        while i < rows.len() {
            let mut j = i;
            while j < rows.len() && rows[j].1 == rows[i].1 {
                j += 1;
            }
            for (k, (term, n)) in rows[i..j].iter().enumerate() {
                let rank = match ties {
                    Ties::Min => (i + 1) as f64,
                    Ties::Average => (i + 1 + j) as f64 / 2.0,
                    Ties::First => (i + 1 + k) as f64,
                };
                out.push(FrequencyRow {
                    feature: term.to_string(),
                    frequency: *n,
                    per_10k: *n as f64 * 10_000.0 / total as f64,
                    rank,
                    docfreq: docfreq[term],
                    group: group.to_string(),
                });
            }
            i = j;
        }
    }
    out
}

impl crate::counts::GroupCounts {
    /// Term frequencies per group from these counts, as [`frequency`] gives
    /// them for the documents counted: groups in order; within a group,
    /// terms by frequency (descending), ties by term; `per_10k` of the
    /// group's tokens; rank by `ties`; document frequency within the group.
    pub fn frequency(&self, ties: Ties) -> Vec<FrequencyRow> {
        let mut out = Vec::new();
        self.frequency_rows(ties, |group, feature, frequency, per_10k, rank, docfreq| {
            out.push(FrequencyRow { feature: feature.to_string(), frequency, per_10k, rank, docfreq, group: group.to_string() })
        });
        out
    }

    /// [`GroupCounts::frequency`] as a table: `group`, `feature`,
    /// `frequency`, `per_10k`, `rank`, `docfreq` (what `newsframe terms`
    /// prints, and [`crate::statistics::frequency_table`] returns).
    pub fn frequency_table(&self, ties: Ties) -> crate::Result<polars::prelude::DataFrame> {
        use crate::corpus::columns;
        use polars::prelude::*;
        let (mut g, mut f, mut n, mut per, mut rank, mut df) = (vec![], vec![], vec![], vec![], vec![], vec![]);
        self.frequency_rows(ties, |group, feature, frequency, per_10k, r, docfreq| {
            g.push(group);
            f.push(feature);
            n.push(frequency);
            per.push(per_10k);
            rank.push(r);
            df.push(docfreq);
        });
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), g),
            Column::new(columns::FEATURE.into(), f),
            Column::new(columns::FREQUENCY.into(), n),
            Column::new(columns::PER_10K.into(), per),
            Column::new(columns::RANK.into(), rank),
            Column::new(columns::DOCFREQ.into(), df),
        ])?)
    }

    /// Calls `row(group, feature, frequency, per_10k, rank, docfreq)` for
    /// every row, in order.
    fn frequency_rows<'a>(&'a self, ties: Ties, mut row: impl FnMut(&'a str, &'a str, u64, f64, f64, u64)) {
        for group in self.groups() {
            let total = self.total(group);
            let mut rows: Vec<(&str, u64, u64)> =
                self.cells(group).into_iter().flatten().map(|(id, n, df)| (self.term(id), n, df)).collect();
            rows.sort_unstable_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
            let mut i = 0;
            while i < rows.len() {
                let mut j = i;
                while j < rows.len() && rows[j].1 == rows[i].1 {
                    j += 1;
                }
                for (k, &(term, n, df)) in rows[i..j].iter().enumerate() {
                    let rank = match ties {
                        Ties::Min => (i + 1) as f64,
                        Ties::Average => (i + 1 + j) as f64 / 2.0,
                        Ties::First => (i + 1 + k) as f64,
                    };
                    row(group, term, n, n as f64 * 10_000.0 / total as f64, rank, df);
                }
                i = j;
            }
        }
    }
}

/// The rates of terms with their denominators and intervals, so that a rate
/// is never quoted without saying what it is per: one row a term and group,
/// `group`, `feature`, `frequency`, `rank` (by `ties`), then
///
/// - `n_tokens`, `per_10k_tokens`: the tokens of `counted` in the group
///   (for example the non-stopword tokens) and the term's rate per 10,000
///   of them, the `per_10k` of [`crate::statistics::frequency_table`];
/// - `n_words`, `per_10k_words`: all the word tokens of `words` in the group
///   (stopwords included) and the rate per 10,000 of them;
/// - `per_10k_words_low`, `per_10k_words_high`: the exact (Garwood) 95%
///   Poisson interval for the count ([`crate::framing::frames::poisson_interval`]),
///   per 10,000 words. It needs no random numbers (the table is
///   deterministic) and stays honest at small counts. It assumes the uses
///   of a term are independent; words cluster in passages, so read it as a
///   lower bound on the uncertainty.
///
/// Rows in the order of [`crate::statistics::frequency_table`] over
/// `counted`. `words` must cover the same documents; a group of `counted`
/// with no words in `words` is an error naming the group.
pub fn term_rates(counted: &crate::tokens::Tokens, words: &crate::tokens::Tokens, by: &str, ties: Ties) -> crate::Result<polars::prelude::DataFrame> {
    use crate::corpus::columns;
    use polars::prelude::*;
    let c = crate::counts::GroupCounts::from_tokens(counted, by)?;
    let w = crate::counts::GroupCounts::from_tokens(words, by)?;
    let mut t = Cols::default();
    for row in c.frequency(ties) {
        let n_words = w.total(&row.group);
        if n_words == 0 {
            return Err(crate::Error::argument(format!("term rates: group `{}` has no word tokens to divide by", row.group)));
        }
        let per = |x: f64| x * 10_000.0 / n_words as f64;
        let (lo, hi) = crate::framing::frames::poisson_interval(row.frequency);
        t.n_tokens.push(c.total(&row.group));
        t.per_tokens.push(row.per_10k);
        t.n_words.push(n_words);
        t.per_words.push(per(row.frequency as f64));
        t.low.push(per(lo));
        t.high.push(per(hi));
        t.frequency.push(row.frequency);
        t.rank.push(row.rank);
        t.group.push(row.group);
        t.feature.push(row.feature);
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), t.group),
        Column::new(columns::FEATURE.into(), t.feature),
        Column::new(columns::FREQUENCY.into(), t.frequency),
        Column::new(columns::RANK.into(), t.rank),
        Column::new("n_tokens".into(), t.n_tokens),
        Column::new("per_10k_tokens".into(), t.per_tokens),
        Column::new(columns::N_WORDS.into(), t.n_words),
        Column::new("per_10k_words".into(), t.per_words),
        Column::new("per_10k_words_low".into(), t.low),
        Column::new("per_10k_words_high".into(), t.high),
    ])?)
}

#[derive(Default)]
struct Cols {
    group: Vec<String>,
    feature: Vec<String>,
    frequency: Vec<u64>,
    rank: Vec<f64>,
    n_tokens: Vec<u64>,
    per_tokens: Vec<f64>,
    n_words: Vec<u64>,
    per_words: Vec<f64>,
    low: Vec<f64>,
    high: Vec<f64>,
}

#[cfg(test)]
mod rate_tests {
    use super::*;
    use crate::tokens::{Tokenizer, Tokens};
    use crate::Corpus;

    #[test]
    fn rates_name_their_denominators_and_carry_an_interval() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, "doc_id,text\na,\"The cat and the dog and the cat.\"\nb,\"A bird.\"\n").unwrap();
        let corpus = Corpus::open(&p).unwrap();
        let words = Tokens::new(&corpus, &Tokenizer::words());
        let content = Tokens::new(&corpus, &Tokenizer::words().remove_stopwords("en").unwrap());
        let t = term_rates(&content, &words, "doc_id", Ties::Min).unwrap();
        let v = |f: &str, c: &str| crate::statistics::value_of(&t, Some("a"), f, c).unwrap();
        // a: 8 words, 3 non-stopword tokens (cat, dog, cat).
        assert_eq!((v("cat", "frequency"), v("cat", "n_tokens"), v("cat", "n_words")), (2.0, 3.0, 8.0));
        assert!((v("cat", "per_10k_tokens") - 20_000.0 / 3.0).abs() < 1e-9);
        assert_eq!(v("cat", "per_10k_words"), 2500.0);
        // Garwood 95% for k = 2: (0.2422, 7.2247), per 10,000 of 8 words.
        assert!((v("cat", "per_10k_words_low") - 0.242209 * 1250.0).abs() < 0.01);
        assert!((v("cat", "per_10k_words_high") - 7.224687 * 1250.0).abs() < 0.01);
        assert_eq!(crate::statistics::top_features(&t, Some("b"), 5).unwrap(), ["bird"]);
    }

    #[test]
    fn a_group_without_words_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, "doc_id,text\na,\"cat cat\"\n").unwrap();
        let corpus = Corpus::open(&p).unwrap();
        let counted = Tokens::new(&corpus, &Tokenizer::words());
        let nothing = Tokens::new(&corpus, &Tokenizer::words().remove_words(["cat"]));
        let e = term_rates(&counted, &nothing, "doc_id", Ties::Min).unwrap_err().to_string();
        assert!(e.contains("group `a`") && e.contains("no word tokens"), "{e}");
    }
}

#[cfg(test)]
mod ranked_tests {
    use super::*;
    use crate::tokens::{Tokenizer, Tokens};
    use crate::Corpus;

    #[test]
    fn the_top_n_under_ties_keeps_every_tied_term() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, "doc_id,text\na,\"x x y z w\"\n").unwrap();
        let corpus = Corpus::open(&p).unwrap();
        let f = crate::statistics::frequency_table(&Tokens::new(&corpus, &Tokenizer::words()), "doc_id", Ties::Min).unwrap();
        // x rank 1; w, y, z tied at rank 2: the "top two" holds four terms.
        assert_eq!(crate::statistics::features_ranked(&f, "a", 2.0).unwrap(), ["x", "w", "y", "z"]);
        assert_eq!(crate::statistics::features_ranked(&f, "a", 1.0).unwrap(), ["x"]);
        assert_eq!(crate::statistics::top_features(&f, Some("a"), 2).unwrap(), ["x", "w"]);
    }
}
