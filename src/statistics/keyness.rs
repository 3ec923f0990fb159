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
//!
//! A keyness table tests every term at once, so some small `p` are small by
//! chance: among 10,000 terms that no group favours, about 100 have
//! `p < 0.01`. Two adjusted p-values, over all the terms of the table (each
//! row's `p`; for the log ratio, the p of G²), account for that:
//!
//! - `p_holm` (Holm 1979) controls the family-wise error rate: the chance
//!   that *any* term with `p_holm < α` is a false positive is at most α.
//!   Sorted ascending, the i-th smallest of m p-values becomes
//!   `max over j ≤ i of min(1, (m − j + 1) p₍ⱼ₎)`.
//! - `p_bh` (Benjamini & Hochberg 1995) controls the false discovery rate:
//!   among the terms with `p_bh < α`, the expected share of false positives
//!   is at most α (for independent or positively dependent tests). The i-th
//!   smallest becomes `min over j ≥ i of min(1, m / j · p₍ⱼ₎)`.
//!
//! Both are R's `p.adjust(p, "holm")` and `p.adjust(p, "BH")` (and
//! statsmodels' `multipletests` `holm` and `fdr_bh`; `tests` checks them
//! against statsmodels' output in `tests/data/p_adjust_statsmodels.csv`).
//! A p-value that is NaN (a degenerate table) stays NaN and does not count
//! in m. Words are not independent tests, so read `p_bh` as a guide to
//! which differences are worth reading in context, not as a guarantee.

use std::collections::HashMap;

use polars::prelude::*;

use super::chi2_upper_tail;
use crate::corpus::columns;
use crate::counts::GroupCounts;
use crate::error::{Error, Result};

/// The column of Holm-adjusted p-values.
pub const P_HOLM: &str = "p_holm";
/// The column of Benjamini–Hochberg-adjusted p-values.
pub const P_BH: &str = "p_bh";

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
    /// `p` adjusted by Holm's method over all the rows of the table.
    pub p_holm: f64,
    /// `p` adjusted by Benjamini and Hochberg's method over all the rows.
    pub p_bh: f64,
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
/// (descending), ties by feature (ascending), with `p_holm` and `p_bh` over
/// all the rows.
///
/// quanteda breaks ties by the dfm's feature order (first occurrence in the
/// corpus); we sort ties alphabetically, so that the order does not depend on
/// document order.
pub fn keyness(target: &HashMap<String, u64>, reference: &HashMap<String, u64>, measure: Measure) -> Vec<KeynessRow> {
    let t_total: u64 = target.values().sum();
    let r_total: u64 = reference.values().sum();
    let rows = target
        .keys()
        .chain(reference.keys().filter(|k| !target.contains_key(*k)))
        .map(|f| row(f.clone(), *target.get(f).unwrap_or(&0), *reference.get(f).unwrap_or(&0), t_total, r_total, measure))
        .collect();
    finish(rows)
}

/// One term's keyness: `a` and `b` its counts in the target and the
/// reference, of `t_total` and `r_total` tokens. `p_holm` and `p_bh` are
/// left for [`finish`].
fn row(feature: String, a: u64, b: u64, t_total: u64, r_total: u64, measure: Measure) -> KeynessRow {
    let (a, b) = (a as f64, b as f64);
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
    KeynessRow { feature, stat, p, p_holm: f64::NAN, p_bh: f64::NAN, n_target: a as u64, n_reference: b as u64, log_ratio: lr }
}

/// Sorts the rows by the statistic (descending), ties by feature, and
/// adjusts their p-values.
fn finish(mut rows: Vec<KeynessRow>) -> Vec<KeynessRow> {
    rows.sort_by(|x, y| y.stat.total_cmp(&x.stat).then_with(|| x.feature.cmp(&y.feature)));
    let p: Vec<f64> = rows.iter().map(|r| r.p).collect();
    for ((r, h), bh) in rows.iter_mut().zip(holm(&p)).zip(benjamini_hochberg(&p)) {
        r.p_holm = h;
        r.p_bh = bh;
    }
    rows
}

/// The positions of the p-values that are not NaN, by p ascending (ties by
/// position).
fn ascending(p: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
    order
}

/// Holm's step-down adjustment of `p` (R's `p.adjust(p, "holm")`), in the
/// same order; NaN stays NaN and is not counted.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let order = ascending(p);
    let m = order.len();
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 0.0_f64;
    for (k, &i) in order.iter().enumerate() {
        running = running.max(((m - k) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// Benjamini and Hochberg's step-up adjustment of `p` (R's
/// `p.adjust(p, "BH")`), in the same order; NaN stays NaN and is not
/// counted.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let order = ascending(p);
    let m = order.len();
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 1.0_f64;
    for (k, &i) in order.iter().enumerate().rev() {
        running = running.min((m as f64 / (k + 1) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// Keyness rows as a table: `feature`, the measure's column (`chi2`, `G2`
/// or `log_ratio`), `p`, `n_target`, `n_reference`, `log_ratio` (when the
/// measure is not already the log ratio), `p_holm`, `p_bh`.
pub(crate) fn keyness_frame(rows: &[KeynessRow], measure: Measure) -> Result<DataFrame> {
    let name = match measure {
        Measure::Chi2 => columns::CHI2,
        Measure::G2 => columns::G2,
        Measure::LogRatio => columns::LOG_RATIO,
    };
    let mut cols = vec![
        Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.feature.as_str()).collect::<Vec<_>>()),
        Column::new(name.into(), rows.iter().map(|r| r.stat).collect::<Vec<_>>()),
        Column::new(columns::P.into(), rows.iter().map(|r| r.p).collect::<Vec<_>>()),
        Column::new(columns::N_TARGET.into(), rows.iter().map(|r| r.n_target).collect::<Vec<_>>()),
        Column::new(columns::N_REFERENCE.into(), rows.iter().map(|r| r.n_reference).collect::<Vec<_>>()),
    ];
    if measure != Measure::LogRatio {
        cols.push(Column::new(columns::LOG_RATIO.into(), rows.iter().map(|r| r.log_ratio).collect::<Vec<_>>()));
    }
    cols.push(Column::new(P_HOLM.into(), rows.iter().map(|r| r.p_holm).collect::<Vec<_>>()));
    cols.push(Column::new(P_BH.into(), rows.iter().map(|r| r.p_bh).collect::<Vec<_>>()));
    Ok(DataFrame::new_infer_height(cols)?)
}

impl GroupCounts {
    /// Keyness of the group `target` against the group `reference` or,
    /// when `reference` is `None`, against all other groups together, from
    /// these counts: the rows of [`keyness`] on the two groups' counts.
    pub fn keyness_rows(&self, target: &str, reference: Option<&str>, measure: Measure) -> Result<Vec<KeynessRow>> {
        let missing = |name: &str| Error::argument(format!("no document has {} = `{name}` (or they have no tokens)", self.by()));
        let by_id = |group: &str| {
            let mut v = vec![0_u64; self.n_ids()];
            for (id, n, _) in self.cells(group).into_iter().flatten() {
                v[id as usize] += n;
            }
            v
        };
        if self.total(target) == 0 {
            return Err(missing(target));
        }
        let a = by_id(target);
        let t_total = self.total(target);
        let (b, r_total) = match reference {
            Some(name) => {
                if self.total(name) == 0 {
                    return Err(missing(name));
                }
                (by_id(name), self.total(name))
            }
            None => {
                let mut b = vec![0_u64; self.n_ids()];
                let mut total = 0;
                for g in self.groups().filter(|&g| g != target) {
                    for (id, n, _) in self.cells(g).into_iter().flatten() {
                        b[id as usize] += n;
                    }
                    total += self.total(g);
                }
                if total == 0 {
                    return Err(Error::argument(format!(
                        "no document outside {} = `{target}` has tokens: there is nothing to compare it with",
                        self.by()
                    )));
                }
                (b, total)
            }
        };
        let rows = (0..self.n_ids())
            .filter(|&id| a[id] > 0 || b[id] > 0)
            .map(|id| row(self.term(id as u32).to_owned(), a[id], b[id], t_total, r_total, measure))
            .collect();
        Ok(finish(rows))
    }

    /// [`GroupCounts::keyness_rows`] as a table (what `newsframe keyness`
    /// prints, and [`crate::statistics::keyness_between`] returns):
    /// `feature`, the measure's column (`chi2`, `G2` or `log_ratio`), `p`,
    /// `n_target`, `n_reference`, `log_ratio` (unless the measure is the
    /// log ratio), `p_holm`, `p_bh`; sorted by the measure, descending, ties
    /// by feature.
    pub fn keyness(&self, target: &str, reference: Option<&str>, measure: Measure) -> Result<DataFrame> {
        keyness_frame(&self.keyness_rows(target, reference, measure)?, measure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(ours: &[f64], theirs: &[f64]) {
        assert_eq!(ours.len(), theirs.len());
        for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
            assert!(a.is_nan() && b.is_nan() || (a - b).abs() <= 1e-12 * b.abs().max(1e-300), "{i}: ours {a:e}, expected {b:e}");
        }
    }

    #[test]
    fn adjusted_p_values_by_hand() {
        // Sorted: 0.005, 0.01, 0.03, 0.04 (m = 4).
        // Holm: 4 × 0.005 = 0.02, 3 × 0.01 = 0.03, 2 × 0.03 = 0.06, 1 × 0.04 = 0.04, then the running maximum.
        // BH: 4/1 × 0.005 = 0.02, 4/2 × 0.01 = 0.02, 4/3 × 0.03 = 0.04, 4/4 × 0.04 = 0.04, then the running minimum from the top.
        let p = [0.01, f64::NAN, 0.04, 0.03, 0.005];
        close(&holm(&p), &[0.03, f64::NAN, 0.06, 0.06, 0.02]);
        close(&benjamini_hochberg(&p), &[0.02, f64::NAN, 0.04, 0.04, 0.02]);
        // Capped at 1; ties get the same value; empty input.
        close(&holm(&[0.6, 0.6, 0.2]), &[1.0, 1.0, 0.6]);
        close(&benjamini_hochberg(&[0.6, 0.6, 0.2]), &[0.6, 0.6, 0.6]);
        assert!(holm(&[]).is_empty() && benjamini_hochberg(&[]).is_empty());
        close(&holm(&[0.3]), &[0.3]);
    }

    #[test]
    fn adjusted_p_values_equal_statsmodels() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/p_adjust_statsmodels.csv")).unwrap();
        let rows: Vec<Vec<f64>> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('p'))
            .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
            .collect();
        assert_eq!(rows.len(), 210);
        let column = |k: usize| rows.iter().map(|r| r[k]).collect::<Vec<f64>>();
        let p = column(0);
        close(&holm(&p), &column(1));
        close(&benjamini_hochberg(&p), &column(2));
    }

    #[test]
    fn keyness_rows_carry_the_adjustments_over_the_whole_table() {
        let counts = |pairs: &[(&str, u64)]| pairs.iter().map(|&(t, n)| (t.to_string(), n)).collect::<HashMap<String, u64>>();
        let target = counts(&[("a", 40), ("b", 5), ("c", 100), ("d", 1)]);
        let reference = counts(&[("a", 10), ("b", 6), ("c", 300), ("e", 20)]);
        for measure in [Measure::Chi2, Measure::G2, Measure::LogRatio] {
            let rows = keyness(&target, &reference, measure);
            assert_eq!(rows.len(), 5);
            let p: Vec<f64> = rows.iter().map(|r| r.p).collect();
            close(&rows.iter().map(|r| r.p_holm).collect::<Vec<_>>(), &holm(&p));
            close(&rows.iter().map(|r| r.p_bh).collect::<Vec<_>>(), &benjamini_hochberg(&p));
            for r in &rows {
                assert!(r.p <= r.p_bh && r.p_bh <= r.p_holm && r.p_holm <= 1.0, "{r:?}");
            }
        }
    }
}
