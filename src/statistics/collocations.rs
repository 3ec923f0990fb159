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
            // Independence: the share of windows matching at each position.
            let w = windows.len() as f64;
            let p: Vec<f64> = (0..size)
                .map(|i| cells.iter().enumerate().filter(|(b, _)| b & (1 << i) != 0).map(|(_, &n)| n as f64).sum::<f64>() / w)
                .collect();
            let expected = |b: usize| w * (0..size).map(|i| if b & (1 << i) != 0 { p[i] } else { 1.0 - p[i] }).product::<f64>();
            let full = (1 << size) - 1;
            let (o, e) = (count as f64, expected(full));
            let g2 = 2.0
                * cells
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(b, &n)| n as f64 * (n as f64 / expected(b)).ln())
                    .sum::<f64>();
            Collocation {
                collocation: words.join(" "),
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
