//! TF-IDF weights and cosine similarity between documents or groups.
//!
//! `tfidf = count × log10(N / docfreq)`, quanteda's `dfm_tfidf()` default
//! (raw counts, "inverse" document frequency, base 10). A term found in every
//! document weighs 0. Cosine similarity compares two TF-IDF vectors.

use polars::prelude::*;

use crate::corpus::columns;
use crate::counts::GroupCounts;
use crate::error::Result;
use crate::tokens::Tokens;

/// TF-IDF per group (`by`: a metadata column or `doc_id`): `group`,
/// `feature`, `tfidf`, sorted by group, then weight (descending), then
/// feature. The groups are the documents of the TF-IDF: `N` is the number
/// of groups, and a term's document frequency the number of groups that use
/// it.
pub fn tfidf_table(tokens: &Tokens, by: &str) -> Result<DataFrame> {
    GroupCounts::from_tokens(tokens, by)?.tfidf_table()
}

/// Cosine similarity of the TF-IDF vectors of every pair of groups:
/// `group_a`, `group_b` (`group_a < group_b`), `cosine`, sorted by cosine
/// (descending), then the pair.
pub fn similarity_table(tokens: &Tokens, by: &str) -> Result<DataFrame> {
    GroupCounts::from_tokens(tokens, by)?.similarity_table()
}

impl GroupCounts {
    /// Each group's TF-IDF weights, as `(position of the term in
    /// alphabetical order, term id, weight)` sorted by that position, so
    /// that sums over terms are taken in the same order on every run.
    fn tfidf_weights(&self) -> Vec<(&str, Vec<(u32, u32, f64)>)> {
        let mut ids: Vec<u32> = (0..self.n_ids() as u32).collect();
        ids.sort_unstable_by(|&x, &y| self.term(x).cmp(self.term(y)));
        let mut position = vec![0_u32; ids.len()];
        for (k, &id) in ids.iter().enumerate() {
            position[id as usize] = k as u32;
        }
        let mut groups_with = vec![0_u32; ids.len()];
        for g in self.groups() {
            for (id, _, _) in self.cells(g).into_iter().flatten() {
                groups_with[id as usize] += 1;
            }
        }
        let n = self.groups().count() as f64;
        self.groups()
            .map(|g| {
                let mut w: Vec<(u32, u32, f64)> = self
                    .cells(g)
                    .into_iter()
                    .flatten()
                    .map(|(id, c, _)| (position[id as usize], id, c as f64 * (n / groups_with[id as usize] as f64).log10()))
                    .collect();
                w.sort_unstable_by_key(|x| x.0);
                (g, w)
            })
            .collect()
    }

    /// TF-IDF per group from these counts; see [`tfidf_table`].
    pub fn tfidf_table(&self) -> Result<DataFrame> {
        let w = self.tfidf_weights();
        let mut rows: Vec<(&str, &str, f64)> = w.iter().flat_map(|(g, v)| v.iter().map(move |&(_, id, x)| (*g, self.term(id), x))).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(b.1)));
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("tfidf".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        ])?)
    }

    /// Cosine similarity of every pair of groups from these counts; see
    /// [`similarity_table`]. Sums run over terms in alphabetical order, so
    /// the last digits do not change between runs.
    pub fn similarity_table(&self) -> Result<DataFrame> {
        let w = self.tfidf_weights();
        let norms: Vec<f64> = w.iter().map(|(_, v)| v.iter().map(|x| x.2 * x.2).sum::<f64>().sqrt()).collect();
        let mut rows: Vec<(&str, &str, f64)> = Vec::new();
        for i in 0..w.len() {
            for j in i + 1..w.len() {
                let (a, b) = (&w[i].1, &w[j].1);
                // Both sorted by term position: a merge join.
                let (mut x, mut y, mut dot) = (0, 0, 0.0);
                while x < a.len() && y < b.len() {
                    match a[x].0.cmp(&b[y].0) {
                        std::cmp::Ordering::Less => x += 1,
                        std::cmp::Ordering::Greater => y += 1,
                        std::cmp::Ordering::Equal => {
                            dot += a[x].2 * b[y].2;
                            x += 1;
                            y += 1;
                        }
                    }
                }
                let den = norms[i] * norms[j];
                rows.push((w[i].0, w[j].0, if den > 0.0 { dot / den } else { 0.0 }));
            }
        }
        rows.sort_by(|x, y| y.2.total_cmp(&x.2).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
        Ok(DataFrame::new_infer_height(vec![
            Column::new("group_a".into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new("group_b".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("cosine".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        ])?)
    }
}

/// Lexical dispersion: every occurrence of the `terms` (exact terms), with
/// its position normalised to the document's length (0 = first token, 1 =
/// last): `doc_id`, `feature`, `position`, `relative_position`.
pub fn dispersion_table(tokens: &Tokens, terms: &[&str]) -> Result<DataFrame> {
    let (mut ids, mut feats, mut pos, mut rel) = (vec![], vec![], vec![], vec![]);
    for (d, toks) in tokens.iter() {
        let n = toks.len().saturating_sub(1).max(1) as f64;
        for (i, t) in toks.iter().enumerate() {
            if let Some(f) = terms.iter().find(|f| f.to_lowercase() == t.term.to_lowercase()) {
                ids.push(d.id.clone());
                feats.push(f.to_string());
                pos.push(i as u32);
                rel.push(i as f64 / n);
            }
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), ids),
        Column::new(columns::FEATURE.into(), feats),
        Column::new("position".into(), pos),
        Column::new("relative_position".into(), rel),
    ])?)
}
