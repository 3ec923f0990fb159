//! TF-IDF weights and cosine similarity between documents or groups.
//!
//! `tfidf = count × log10(N / docfreq)`, quanteda's `dfm_tfidf()` default
//! (raw counts, "inverse" document frequency, base 10). A term found in every
//! document weighs 0. Cosine similarity compares two TF-IDF vectors.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;

use crate::corpus::columns;
use crate::error::Result;
use crate::tokens::Tokens;

fn group_counts(tokens: &Tokens, by: &str) -> Result<BTreeMap<String, HashMap<String, f64>>> {
    tokens.corpus().check_group(by)?;
    let mut groups: BTreeMap<String, HashMap<String, f64>> = BTreeMap::new();
    for (d, toks) in tokens.iter() {
        let g = groups.entry(tokens.corpus().group_of(d, by)).or_default();
        for t in toks {
            *g.entry(t.term.clone()).or_default() += 1.0;
        }
    }
    Ok(groups)
}

fn weights(groups: &BTreeMap<String, HashMap<String, f64>>) -> BTreeMap<String, HashMap<String, f64>> {
    let n = groups.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for counts in groups.values() {
        for term in counts.keys() {
            *df.entry(term).or_default() += 1.0;
        }
    }
    groups
        .iter()
        .map(|(g, counts)| (g.clone(), counts.iter().map(|(t, c)| (t.clone(), c * (n / df[t.as_str()]).log10())).collect()))
        .collect()
}

/// TF-IDF per group (`by`: a metadata column or `doc_id`): `group`,
/// `feature`, `tfidf`, sorted by group, then weight (descending), then
/// feature.
pub fn tfidf_table(tokens: &Tokens, by: &str) -> Result<DataFrame> {
    let w = weights(&group_counts(tokens, by)?);
    let mut rows: Vec<(&str, &str, f64)> = w.iter().flat_map(|(g, m)| m.iter().map(move |(t, x)| (g.as_str(), t.as_str(), *x))).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(b.1)));
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
        Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new("tfidf".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
    ])?)
}

/// Cosine similarity of the TF-IDF vectors of every pair of groups:
/// `group_a`, `group_b` (`group_a < group_b`), `cosine`, sorted by cosine
/// (descending), then the pair.
pub fn similarity_table(tokens: &Tokens, by: &str) -> Result<DataFrame> {
    let w = weights(&group_counts(tokens, by)?);
    let names: Vec<&String> = w.keys().collect();
    let norm = |m: &HashMap<String, f64>| m.values().map(|x| x * x).sum::<f64>().sqrt();
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let (a, b) = (&w[names[i]], &w[names[j]]);
            let dot: f64 = a.iter().map(|(t, x)| x * b.get(t).unwrap_or(&0.0)).sum();
            let den = norm(a) * norm(b);
            rows.push((names[i].clone(), names[j].clone(), if den > 0.0 { dot / den } else { 0.0 }));
        }
    }
    rows.sort_by(|x, y| y.2.total_cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
    Ok(DataFrame::new_infer_height(vec![
        Column::new("group_a".into(), rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>()),
        Column::new("group_b".into(), rows.iter().map(|r| r.1.as_str()).collect::<Vec<_>>()),
        Column::new("cosine".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
    ])?)
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
