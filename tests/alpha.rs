//! Krippendorff's α against the Python `krippendorff` package: the cases
//! in `tests/data/alpha/cases.json` (random reliability data with missing
//! values, 2 to 6 coders, four levels of measurement) were computed by
//! `scripts/alpha_reference.py`, which rewrites them byte for byte.

use newsframe::validation::{krippendorff_alpha, Level};

#[test]
fn alpha_matches_the_python_krippendorff_package() {
    let text = std::fs::read_to_string("tests/data/alpha/cases.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 60);
    let mut levels = std::collections::BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        let level = match case["level"].as_str().unwrap() {
            "nominal" => Level::Nominal,
            "ordinal" => Level::Ordinal,
            "interval" => Level::Interval,
            "ratio" => Level::Ratio,
            other => panic!("case {i}: unknown level {other}"),
        };
        *levels.entry(case["level"].as_str().unwrap()).or_insert(0) += 1;
        let data: Vec<Vec<Option<f64>>> =
            case["data"].as_array().unwrap().iter().map(|row| row.as_array().unwrap().iter().map(|x| x.as_f64()).collect()).collect();
        let want = case["alpha"].as_f64().unwrap();
        let got = krippendorff_alpha(&data, level).unwrap_or_else(|| panic!("case {i}: no alpha"));
        assert!((got - want).abs() < 1e-9, "case {i} ({level:?}): {got} != {want}");
    }
    assert_eq!(levels.values().copied().collect::<Vec<_>>(), [15, 15, 15, 15]);
}
