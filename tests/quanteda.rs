//! Our statistics against quanteda's published outputs.
//!
//! The expected numbers are copied from the example outputs in
//! `tests/data/quanteda/quanteda_textstat_*_examples.txt` (quanteda 4.0.1,
//! quanteda.textstats), computed on `data_corpus_inaugural.csv` (public-domain
//! inaugural addresses) or on the toy texts of those examples. Every number
//! must agree to a relative error of 1e-4 under the `Tokenizer::quanteda()`
//! preset.
//!
//! Conventions that differ, and how the tests handle them:
//! - row order among ties: quanteda keeps first-occurrence order, we sort
//!   ties alphabetically, so rows are matched by feature, not by position;
//! - p-values: quanteda prints `1 - pchisq(x)`, which is exact only to about
//!   2.2e-16 in absolute terms (one unit in the last place of 1.0) and prints
//!   0 below that; we compute the tail directly. So a p-value under 1e-10 is
//!   checked to within 2.3e-16 absolute (a printed 0 means "below 2.3e-16"),
//!   and larger ones to 1e-4 relative.

use std::collections::HashMap;

use newsframe::statistics::{collocations, frequency, keyness, Measure, Ties};
use newsframe::tokens::{TokenKind, Tokenizer};
use newsframe::{Corpus, TableSpec};

fn close(ours: f64, theirs: f64, what: &str) {
    let rel = if theirs == 0.0 { ours.abs() } else { ((ours - theirs) / theirs).abs() };
    assert!(rel <= 1e-4, "{what}: ours {ours}, quanteda {theirs} (relative error {rel:.2e})");
}

/// p-values: relative 1e-4, or absolute 2.3e-16 where R's `1 - pchisq`
/// has no more precision than that.
fn close_p(ours: f64, theirs: f64, what: &str) {
    if theirs < 1e-10 {
        assert!((ours - theirs).abs() <= 2.3e-16, "{what}: ours {ours:e}, quanteda {theirs:e}");
    } else {
        close(ours, theirs, what);
    }
}

fn inaugural() -> Corpus {
    Corpus::open_with("tests/data/quanteda/data_corpus_inaugural.csv", &TableSpec::new("text", "doc_id")).unwrap()
}

fn year(c: &Corpus, d: &newsframe::Document) -> u32 {
    c.metadata(d, "Year").unwrap().parse().unwrap()
}

/// quanteda's `dfm(tokens(x))` counts of a set of documents.
fn counts<'a>(docs: impl Iterator<Item = &'a newsframe::Document>) -> HashMap<String, u64> {
    let t = Tokenizer::quanteda();
    let mut m = HashMap::new();
    for d in docs {
        for tok in t.tokenize(&d.text) {
            *m.entry(tok.term).or_insert(0) += 1;
        }
    }
    m
}

// ------------------------------------------------------------- frequency

#[test]
fn textstat_frequency_toy_example() {
    let t = Tokenizer::quanteda();
    let docs: Vec<Vec<String>> = ["a a b b c d", "a d d d", "a a a"]
        .iter()
        .map(|s| t.tokenize(s).into_iter().map(|t| t.term).collect())
        .collect();
    let all: Vec<(&str, &[String])> = docs.iter().map(|d| ("all", d.as_slice())).collect();
    let rows: Vec<(String, u64, f64, u64)> =
        frequency(all, Ties::Min).into_iter().map(|r| (r.feature, r.frequency, r.rank, r.docfreq)).collect();
    assert_eq!(
        rows,
        [("a".into(), 6, 1.0, 3), ("d".into(), 4, 2.0, 2), ("b".into(), 2, 3.0, 1), ("c".into(), 1, 4.0, 1)]
    );
    let groups = ["one", "two", "one"];
    let grouped = || docs.iter().zip(groups).map(|(d, g)| (g, d.as_slice())).collect::<Vec<_>>();
    let first: Vec<(String, u64, f64, String)> =
        frequency(grouped(), Ties::First).into_iter().map(|r| (r.feature, r.frequency, r.rank, r.group)).collect();
    assert_eq!(
        first,
        [
            ("a".into(), 5, 1.0, "one".into()),
            ("b".into(), 2, 2.0, "one".into()),
            ("c".into(), 1, 3.0, "one".into()),
            ("d".into(), 1, 4.0, "one".into()),
            ("d".into(), 3, 1.0, "two".into()),
            ("a".into(), 1, 2.0, "two".into()),
        ]
    );
    let average: Vec<f64> = frequency(grouped(), Ties::Average).into_iter().map(|r| r.rank).collect();
    assert_eq!(average, [1.0, 2.0, 3.5, 3.5, 1.0, 2.0]);
}

// ------------------------------------------------------------- keyness

#[test]
fn keyness_post_war_vs_pre_war_chi2() {
    let c = inaugural();
    let post = counts(c.docs().iter().filter(|d| year(&c, d) >= 1945));
    let pre = counts(c.docs().iter().filter(|d| year(&c, d) < 1945));
    let rows: HashMap<String, _> = keyness(&post, &pre, Measure::Chi2).into_iter().map(|r| (r.feature.clone(), r)).collect();
    let expected = [
        ("we", 764.4484, 1048, 779),
        (".", 300.1887, 2014, 3141),
        ("us", 207.5181, 289, 216),
        ("-", 205.0408, 242, 157),
        ("america", 200.5544, 148, 54),
        (":", 187.9821, 115, 29),
        ("our", 183.5362, 917, 1307),
        ("world", 171.9660, 196, 123),
        ("americans", 163.1532, 76, 7),
        ("today", 137.7753, 84, 21),
        ("upon", -58.39810, 39, 332),
        ("public", -58.87042, 12, 213),
        ("constitution", -59.66134, 9, 200),
        ("it", -60.68425, 266, 1132),
        ("states", -63.87803, 29, 305),
        ("be", -72.68161, 278, 1224),
        ("should", -88.14817, 16, 309),
        ("which", -177.10087, 96, 911),
        ("of", -197.08830, 1514, 5666),
        ("the", -331.99069, 2089, 8094),
    ];
    for (f, chi2, a, b) in expected {
        let r = &rows[f];
        assert_eq!((r.n_target, r.n_reference), (a, b), "counts of `{f}`");
        close(r.stat, chi2, &format!("chi2 of `{f}`"));
    }
    close_p(rows["upon"].p, 2.142730e-14, "p of `upon`");
    close_p(rows["we"].p, 0.0, "p of `we`");
}

fn post_war_docs(c: &Corpus) -> Vec<&newsframe::Document> {
    c.docs().iter().filter(|d| year(c, d) >= 1945).collect()
}

#[test]
fn keyness_trump_2017_chi2() {
    let c = inaugural();
    let post = post_war_docs(&c);
    let target = counts(post.iter().copied().filter(|d| d.id == "2017-Trump"));
    let reference = counts(post.iter().copied().filter(|d| d.id != "2017-Trump"));
    let rows: HashMap<String, _> = keyness(&target, &reference, Measure::Chi2).into_iter().map(|r| (r.feature.clone(), r)).collect();
    for (f, chi2, p, a, b) in [
        ("protected", 81.83024, 0.0, 5, 1),
        ("while", 51.79484, 6.161738e-13, 6, 7),
        ("obama", 51.05861, 8.965051e-13, 3, 0),
        ("we've", 51.05861, 8.965051e-13, 3, 0),
        ("will", 48.03251, 4.192091e-12, 40, 332),
        ("everyone", 29.76164, 4.885651e-08, 4, 5),
        ("your", 28.60175, 8.890179e-08, 11, 51),
        ("america", 27.57968, 1.507539e-07, 18, 130),
        ("breath", 27.27421, 1.765507e-07, 2, 0),
        ("exists", 27.27421, 1.765507e-07, 2, 0),
    ] {
        let r = &rows[f];
        assert_eq!((r.n_target, r.n_reference), (a, b), "counts of `{f}`");
        close(r.stat, chi2, &format!("chi2 of `{f}`"));
        close_p(r.p, p, &format!("p of `{f}`"));
    }
}

#[test]
fn keyness_trump_2017_g2_on_smoothed_counts() {
    // dfm_smooth(): 1 is added to every feature of every post-war document.
    let c = inaugural();
    let post = post_war_docs(&c);
    let vocab: Vec<String> = counts(post.iter().copied()).into_keys().collect();
    let smoothed = |docs: Vec<&newsframe::Document>| {
        let mut m = counts(docs.iter().copied());
        for f in &vocab {
            *m.entry(f.clone()).or_insert(0) += docs.len() as u64;
        }
        m
    };
    let target = smoothed(post.iter().copied().filter(|d| d.id == "2017-Trump").collect());
    let reference = smoothed(post.iter().copied().filter(|d| d.id != "2017-Trump").collect());
    let rows: HashMap<String, _> = keyness(&target, &reference, Measure::G2).into_iter().map(|r| (r.feature.clone(), r)).collect();
    for (f, g2, p, a, b) in [
        ("will", 22.609878, 1.984616e-06, 41, 351),
        ("america", 12.306921, 4.512817e-04, 19, 149),
        ("your", 10.868622, 9.780727e-04, 12, 70),
        ("while", 9.707425, 1.835249e-03, 7, 26),
        ("again", 9.345219, 2.235679e-03, 10, 56),
        ("protected", 8.909125, 2.837491e-03, 6, 20),
        ("american", 7.996610, 4.686501e-03, 12, 86),
        ("back", 7.113978, 7.648521e-03, 7, 35),
        ("dreams", 5.908744, 1.506591e-02, 6, 30),
        ("country", 5.725811, 1.671732e-02, 10, 77),
    ] {
        let r = &rows[f];
        assert_eq!((r.n_target, r.n_reference), (a, b), "counts of `{f}`");
        close(r.stat, g2, &format!("G2 of `{f}`"));
        close_p(r.p, p, &format!("p of `{f}`"));
    }
}

// ------------------------------------------------------------- collocations

fn padded(texts: &[&str], lowercase: bool) -> Vec<Vec<Option<String>>> {
    let t = Tokenizer::quanteda().lowercase(lowercase);
    texts
        .iter()
        .map(|s| t.tokenize(s).into_iter().map(|t| (t.kind != TokenKind::Punct).then_some(t.term)).collect())
        .collect()
}

fn check_collocations(docs: &[Vec<Option<String>>], size: usize, min_count: u64, expected: &[(&str, u64, f64, f64)]) {
    let rows: HashMap<String, _> =
        collocations(docs, size, min_count).into_iter().map(|r| (r.collocation.clone(), r)).collect();
    for &(name, count, lambda, z) in expected {
        let r = rows.get(name).unwrap_or_else(|| panic!("no collocation `{name}`"));
        assert_eq!(r.count, count, "count of `{name}`");
        if lambda.abs() < 1e-9 {
            assert!(r.lambda.abs() < 1e-9 && r.z.abs() < 1e-9, "`{name}`: λ {} z {}", r.lambda, r.z);
        } else {
            close(r.lambda, lambda, &format!("lambda of `{name}`"));
            close(r.z, z, &format!("z of `{name}`"));
        }
    }
}

#[test]
fn collocations_toy_examples() {
    check_collocations(&padded(&["a b c a b d e b d a b"], true), 2, 2, &[("a b", 3, 3.412247, 1.936083), ("b d", 2, 3.218876, 1.799406)]);
    let eu = padded(&["The new European Union is not the old European Union."], false);
    check_collocations(
        &eu,
        2,
        1,
        &[
            ("European Union", 2, 4.317488, 2.027787),
            ("The new", 1, 3.931826, 1.797564),
            ("Union is", 1, 3.931826, 1.797564),
            ("is not", 1, 3.931826, 1.797564),
            ("not the", 1, 3.931826, 1.797564),
            ("the old", 1, 3.931826, 1.797564),
            ("new European", 1, 2.708050, 1.454456),
            ("old European", 1, 2.708050, 1.454456),
        ],
    );
    let txt = padded(
        &[". . . . a b c . . a b c . . . c d e", "a b . . a b . . a b . . a b . a b", "b c d . . b c . b c . . . b c"],
        true,
    );
    check_collocations(&txt, 2, 2, &[("a b", 7, 5.652489, 2.745546), ("b c", 6, 5.609472, 2.721287), ("c d", 2, 4.976734, 2.354187)]);
    check_collocations(&txt, 3, 2, &[("a b c", 2, 0.0, 0.0)]);
}

#[test]
fn collocations_washington() {
    let c = inaugural();
    let texts: Vec<&str> = c.docs()[..2].iter().map(|d| d.text.as_str()).collect();
    let docs = padded(&texts, true);
    check_collocations(
        &docs,
        2,
        2,
        &[
            ("have been", 5, 5.704259, 7.354588),
            ("has been", 3, 5.565217, 6.409333),
            ("of the", 24, 1.673501, 6.382475),
            ("i have", 5, 3.743580, 6.268303),
            ("which i", 6, 3.172217, 6.135144),
            ("will be", 4, 3.868500, 5.930143),
            ("less than", 2, 6.279494, 5.529680),
            ("public good", 2, 6.279494, 5.529680),
            ("you will", 2, 4.917893, 5.431752),
            ("may be", 3, 4.190711, 5.328038),
        ],
    );
    check_collocations(
        &docs,
        3,
        2,
        &[
            ("of which the", 2, 6.1259648, 2.8317522),
            ("in which i", 3, 2.1689288, 1.1741918),
            ("i have in", 2, 2.3809129, 1.0618774),
            ("and of the", 2, 0.8847383, 0.7498730),
            ("the united states", 2, 1.2597834, 0.4272349),
        ],
    );
}

fn snowball() -> Vec<String> {
    std::fs::read_to_string("tests/data/quanteda/stopwords_snowball_en.txt")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `tokens(remove_punct = TRUE) %>% tokens_remove(stopwords("en")) %>% dfm()`
fn content_terms(text: &str) -> Vec<String> {
    Tokenizer::quanteda().punct(false).remove_words(snowball()).tokenize(text).into_iter().map(|t| t.term).collect()
}

#[test]
fn textstat_frequency_obama() {
    let c = inaugural();
    let docs: Vec<Vec<String>> =
        c.docs().iter().filter(|d| c.metadata(d, "President").as_deref() == Some("Obama")).map(|d| content_terms(&d.text)).collect();
    assert_eq!(docs.len(), 2);
    let rows = frequency(docs.iter().map(|d| ("all", d.as_slice())), Ties::Min);
    let top: Vec<(String, u64, f64, u64)> = rows.into_iter().take(10).map(|r| (r.feature, r.frequency, r.rank, r.docfreq)).collect();
    let expected = [
        ("us", 44, 1.0), ("must", 25, 2.0), ("can", 20, 3.0), ("nation", 18, 4.0), ("people", 18, 4.0),
        ("new", 17, 6.0), ("time", 16, 7.0), ("every", 15, 8.0), ("america", 14, 9.0), ("now", 11, 10.0),
    ];
    let expected: Vec<(String, u64, f64, u64)> = expected.iter().map(|&(f, n, r)| (f.to_string(), n, r, 2)).collect();
    assert_eq!(top, expected);
}

#[test]
fn textstat_frequency_by_president_first_six_speeches() {
    let c = inaugural();
    let docs: Vec<(String, Vec<String>)> =
        c.docs()[..6].iter().map(|d| (c.metadata(d, "President").unwrap(), content_terms(&d.text))).collect();
    let rows = frequency(docs.iter().map(|(g, d)| (g.as_str(), d.as_slice())), Ties::Min);
    let find = |g: &str, f: &str| {
        let r = rows.iter().find(|r| r.group == g && r.feature == f).unwrap();
        (r.frequency, r.rank, r.docfreq)
    };
    assert_eq!(find("Adams", "people"), (20, 1.0, 1));
    assert_eq!(find("Adams", "government"), (16, 2.0, 1));
    assert_eq!(find("Jefferson", "public"), (18, 1.0, 2));
    assert_eq!(find("Jefferson", "may"), (18, 1.0, 2));
    assert_eq!(find("Madison", "public"), (6, 1.0, 1));
    assert_eq!(find("Madison", "nations"), (6, 1.0, 1));
    assert_eq!(find("Washington", "can"), (9, 1.0, 1));
    assert_eq!(find("Washington", "every"), (9, 1.0, 1));
    // Madison has exactly two terms tied at the top, Jefferson two as well.
    assert_eq!(rows.iter().filter(|r| r.group == "Madison" && r.rank == 1.0).count(), 2);
}
