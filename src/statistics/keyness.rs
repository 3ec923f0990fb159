//! Keyness: which terms a target group uses more (or less) than a reference.
//!
//! For each term, a 2×2 table: `a` = its count in the target, `b` = in the
//! reference, `c` and `d` = all other tokens of each. Three measures:
//!
//! - **chi²** (Pearson), signed: positive when the target uses the term more
//!   than expected. quanteda's Yates rule: the continuity correction
//!   `|ad − bc| − N/2` is applied when some expected cell count is below 5
//!   *and* `|ad − bc| ≥ N/2`.
//! - **G²** (log-likelihood), signed, with quanteda's Yates rule (the same
//!   condition with `>`): `a` and `d` move 0.5 towards independence, `b` and
//!   `c` the other way. Prefer G² to chi² for rare terms and very unequal
//!   group sizes: chi² overstates the evidence from small expected counts.
//! - **log ratio** (Hardie 2014), an effect size: `log2` of the ratio of the
//!   term's relative frequencies, with a count of 0 taken as 0.5. A log ratio
//!   of 1 means twice as frequent in the target.
//!
//! `p` is the upper tail of χ² with 1 degree of freedom for the chi² and G²
//! statistics ([`super::chi2_upper_tail`]).

use std::collections::HashMap;

use super::chi2_upper_tail;

/// The keyness statistic to rank by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Pearson's chi², quanteda's `measure = "chi2"`.
    Chi2,
    /// The likelihood ratio G², quanteda's `measure = "lr"`.
    G2,
    /// Hardie's log ratio (an effect size, no test).
    LogRatio,
}

/// One term's keyness.
#[derive(Clone, Debug, PartialEq)]
pub struct KeynessRow {
    /// The term.
    pub feature: String,
    /// The statistic of the chosen measure (signed).
    pub stat: f64,
    /// Its p-value (for the log ratio: the p-value of G²).
    pub p: f64,
    /// The term's count in the target.
    pub n_target: u64,
    /// The term's count in the reference.
    pub n_reference: u64,
    /// The log ratio, whatever the measure.
    pub log_ratio: f64,
}

/// Whether some expected cell count of the 2×2 table is below 5 (the first
/// half of quanteda's condition for the Yates correction).
fn small_expected(a: f64, b: f64, c: f64, d: f64) -> bool {
    let n = a + b + c + d;
    (a + b) * (a + c) / n < 5.0 || (a + b) * (b + d) / n < 5.0 || (a + c) * (c + d) / n < 5.0 || (c + d) * (b + d) / n < 5.0
}

/// Signed chi² with quanteda's Yates rule.
pub fn chi2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = a + b + c + d;
    let e = (a + b) * (a + c) / n;
    let small = small_expected(a, b, c, d);
    let diff = (a * d - b * c).abs();
    let num = if small && diff >= n / 2.0 { diff - n * 0.5 } else { diff };
    let sign = if a > e { 1.0 } else { -1.0 };
    n * num * num / ((a + b) * (c + d) * (a + c) * (b + d)) * sign
}

/// Signed G² with quanteda's Yates rule.
pub fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    const EPSILON: f64 = 1e-9;
    let n = a + b + c + d;
    let e11 = (a + b) * (a + c) / n;
    let small = small_expected(a, b, c, d);
    let (mut a, mut b, mut c, mut d) = (a, b, c, d);
    if small && (a * d - b * c).abs() > n / 2.0 {
        let s = if a * d - b * c > 0.0 { -0.5 } else { 0.5 };
        a += s;
        d += s;
        b -= s;
        c -= s;
    }
    let term = |x: f64, e: f64| if x == 0.0 { 0.0 } else { x * (x / e + EPSILON).ln() };
    let g = 2.0
        * (term(a, e11)
            + term(b, (a + b) * (b + d) / n)
            + term(c, (a + c) * (c + d) / n)
            + term(d, (b + d) * (c + d) / n));
    if a > e11 { g } else { -g }
}

/// Hardie's log ratio, with 0 counts taken as 0.5.
pub fn log_ratio(a: f64, b: f64, target_total: f64, reference_total: f64) -> f64 {
    let a = if a == 0.0 { 0.5 } else { a };
    let b = if b == 0.0 { 0.5 } else { b };
    ((a / target_total) / (b / reference_total)).log2()
}

/// Keyness of every term in `target` or `reference`, sorted by the statistic
/// (descending), ties by feature (ascending).
///
/// quanteda breaks ties by the dfm's feature order (first occurrence in the
/// corpus); we sort ties alphabetically, so that the order does not depend on
/// document order.
pub fn keyness(target: &HashMap<String, u64>, reference: &HashMap<String, u64>, measure: Measure) -> Vec<KeynessRow> {
    let t_total: u64 = target.values().sum();
    let r_total: u64 = reference.values().sum();
    let mut features: Vec<&String> = target.keys().chain(reference.keys().filter(|k| !target.contains_key(*k))).collect();
    features.sort();
    let mut rows: Vec<KeynessRow> = features
        .into_iter()
        .map(|f| {
            let a = *target.get(f).unwrap_or(&0) as f64;
            let b = *reference.get(f).unwrap_or(&0) as f64;
            let (c, d) = (t_total as f64 - a, r_total as f64 - b);
            let lr = log_ratio(a, b, t_total as f64, r_total as f64);
            let (stat, p) = match measure {
                Measure::Chi2 => {
                    let x = chi2(a, b, c, d);
                    (x, chi2_upper_tail(x))
                }
                Measure::G2 => {
                    let x = g2(a, b, c, d);
                    (x, chi2_upper_tail(x))
                }
                Measure::LogRatio => (lr, chi2_upper_tail(g2(a, b, c, d))),
            };
            KeynessRow { feature: f.clone(), stat, p, n_target: a as u64, n_reference: b as u64, log_ratio: lr }
        })
        .collect();
    rows.sort_by(|x, y| y.stat.total_cmp(&x.stat).then_with(|| x.feature.cmp(&y.feature)));
    rows
}
