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
