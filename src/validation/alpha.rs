//! Krippendorff's α: agreement between coders, corrected for chance.
//!
//! The computation follows Krippendorff (2011), "Computing Krippendorff's
//! Alpha-Reliability", through the coincidence matrix, as the Python
//! `krippendorff` package does (its results are the reference:
//! `scripts/alpha_reference.py` writes `tests/data/alpha/`, and
//! `tests/alpha.rs` checks this function against them to 1e-9).
//!
//! α = 1 − D_o / D_e, where D_o is the observed disagreement among the
//! values coders gave the same unit and D_e the disagreement expected by
//! chance from all pairable values. 1 is perfect agreement, 0 agreement at
//! chance level; below 0, systematic disagreement.

/// The level of measurement: it sets the distance between two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Categories: two values agree or not (labels 0/1, frames).
    Nominal,
    /// Ranks: the distance counts the values between the two.
    Ordinal,
    /// Numbers: the squared difference.
    Interval,
    /// Numbers with a zero: the squared difference over the sum.
    Ratio,
}

/// Krippendorff's α of reliability data: one row per coder, one column
/// per unit, `None` where the coder did not code the unit (rows shorter
/// than the longest are missing at the end; NaN counts as missing).
///
/// `None` when α is undefined: fewer than two distinct values, or no unit
/// coded by at least two coders (the Python package raises an error in
/// both cases), or no expected disagreement.
pub fn krippendorff_alpha(data: &[Vec<Option<f64>>], level: Level) -> Option<f64> {
    // Missing: None or NaN; -0.0 is 0.0 (adding 0.0 turns it positive).
    let value = |v: &Option<f64>| v.filter(|x| !x.is_nan()).map(|x| x + 0.0);
    let mut domain: Vec<f64> = data.iter().flatten().filter_map(value).collect();
    domain.sort_by(f64::total_cmp);
    domain.dedup_by(|a, b| a.total_cmp(b).is_eq());
    let nv = domain.len();
    if nv <= 1 {
        return None;
    }
    let index = |x: f64| domain.binary_search_by(|d| d.total_cmp(&x)).expect("the domain holds every value");
    let n_units = data.iter().map(Vec::len).max().unwrap_or(0);
    // The coincidence matrix o: for each unit with m ≥ 2 values, every
    // ordered pair of values from different coders adds 1 / (m − 1).
    let mut o = vec![0.0f64; nv * nv];
    let mut pairable = false;
    let mut counts = vec![0.0f64; nv];
    for u in 0..n_units {
        counts.iter_mut().for_each(|c| *c = 0.0);
        let mut m = 0.0;
        for row in data {
            if let Some(x) = row.get(u).and_then(value) {
                counts[index(x)] += 1.0;
                m += 1.0;
            }
        }
        if m < 2.0 {
            continue;
        }
        pairable = true;
        for c in 0..nv {
            for k in 0..nv {
                let pairs = counts[c] * counts[k] - if c == k { counts[c] } else { 0.0 };
                o[c * nv + k] += pairs / (m - 1.0);
            }
        }
    }
    if !pairable {
        return None;
    }
    let n_v: Vec<f64> = (0..nv).map(|k| (0..nv).map(|c| o[c * nv + k]).sum()).collect();
    let n: f64 = n_v.iter().sum();
    let distance = |c: usize, k: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != k)),
            Level::Interval => (domain[c] - domain[k]).powi(2),
            Level::Ratio => {
                let s = domain[c] + domain[k];
                if s == 0.0 { 0.0 } else { ((domain[c] - domain[k]) / s).powi(2) }
            }
            Level::Ordinal => {
                let (a, b) = (c.min(k), c.max(k));
                let between: f64 = n_v[a..=b].iter().sum();
                (between - (n_v[a] + n_v[b]) / 2.0).powi(2)
            }
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..nv {
        for k in 0..nv {
            let d = distance(c, k);
            observed += o[c * nv + k] * d;
            let e = (n_v[c] * n_v[k] - if c == k { n_v[c] } else { 0.0 }) / (n - 1.0);
            expected += e * d;
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[&[i32]]) -> Vec<Vec<Option<f64>>> {
        // -1 marks a missing value.
        data.iter().map(|r| r.iter().map(|&x| if x < 0 { None } else { Some(f64::from(x)) }).collect()).collect()
    }

    #[test]
    fn krippendorffs_worked_example() {
        // Krippendorff (2011), section C: 4 coders, 12 units, nominal
        // α = 0.743, interval α = 0.849 (the values the Python package's
        // docstring also gives).
        let d = rows(&[
            &[1, 2, 3, 3, 2, 1, 4, 1, 2, -1, -1, -1],
            &[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, -1, 3],
            &[-1, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, -1],
            &[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, -1],
        ]);
        assert!((krippendorff_alpha(&d, Level::Nominal).unwrap() - 0.743).abs() < 5e-4);
        assert!((krippendorff_alpha(&d, Level::Interval).unwrap() - 0.849).abs() < 5e-4);
    }

    #[test]
    fn perfect_agreement_is_one_and_undefined_cases_are_none() {
        let d = rows(&[&[1, 0, 1, 0], &[1, 0, 1, 0]]);
        assert_eq!(krippendorff_alpha(&d, Level::Nominal), Some(1.0));
        assert_eq!(krippendorff_alpha(&rows(&[&[1, 1], &[1, 1]]), Level::Nominal), None);
        assert_eq!(krippendorff_alpha(&rows(&[&[1, -1], &[-1, 0]]), Level::Nominal), None);
        assert_eq!(krippendorff_alpha(&[], Level::Nominal), None);
        // NaN is missing, and -0.0 is the value 0.
        let signed = vec![vec![Some(1.0), Some(-0.0), Some(f64::NAN)], vec![Some(1.0), Some(0.0), Some(1.0)]];
        assert_eq!(krippendorff_alpha(&signed, Level::Nominal), Some(1.0));
    }
}
