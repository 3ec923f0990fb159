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
//! Windows never span a document boundary or a punctuation token (quanteda
//! replaces punctuation with padding first). quanteda also reports
//! `count_nested`; it is not computed here.

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
}

/// Collocations of `size` words occurring at least `min_count` times.
/// `docs` are token streams in which `None` marks a pad (punctuation).
/// Sorted by z (descending), ties by collocation.
pub fn collocations(docs: &[Vec<Option<String>>], size: usize, min_count: u64) -> Vec<Collocation> {
    if size < 2 {
        return Vec::new();
    }
    let windows: Vec<&[Option<String>]> =
        docs.iter().flat_map(|d| d.windows(size)).filter(|w| w.iter().all(Option::is_some)).collect();
    let mut counts: HashMap<Vec<&str>, u64> = HashMap::new();
    for w in &windows {
        let key: Vec<&str> = w.iter().map(|t| t.as_deref().unwrap_or("")).collect();
        *counts.entry(key).or_default() += 1;
    }
    let mut out: Vec<Collocation> = counts
        .iter()
        .filter(|(_, &n)| n >= min_count)
        .map(|(words, &count)| {
            let mut cells = vec![0u64; 1 << size];
            for w in &windows {
                let mut b = 0usize;
                for (i, t) in w.iter().enumerate() {
                    if t.as_deref() == Some(words[i]) {
                        b |= 1 << i;
                    }
                }
                cells[b] += 1;
            }
            let (mut lambda, mut var) = (0.0, 0.0);
            for (b, &n) in cells.iter().enumerate() {
                let ones = b.count_ones() as usize;
                let sign = if (size - ones) % 2 == 0 { 1.0 } else { -1.0 };
                let x = n as f64 + 0.5;
                lambda += sign * x.ln();
                var += 1.0 / x;
            }
            Collocation { collocation: words.join(" "), count, length: size, lambda, z: lambda / var.sqrt() }
        })
        .collect();
    out.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.collocation.cmp(&y.collocation)));
    out
}
