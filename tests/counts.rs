//! One counting path: the frequency and keyness tables computed from
//! interned counts (`count_by_group`, what the command line uses; and the
//! table functions over `Tokens`, which now count the same way) against the
//! tables as they were built before, from a token table with one string per
//! token (the code below, kept here as the reference), CSV bytes equal, for
//! several tokenizer presets, groupings, thread counts and measures.

use std::collections::HashMap;

use newsframe::counts::{count_by_group, GroupCounts};
use newsframe::polars::prelude::*;
use newsframe::statistics::{frequency, frequency_table, keyness, keyness_between, similarity_table, Measure, Ties};
use newsframe::tokens::{Tokenizer, Tokens};
use newsframe::{Corpus, TableSpec};

fn csv(mut df: DataFrame) -> String {
    let mut out = Vec::new();
    CsvWriter::new(&mut out).finish(&mut df).unwrap();
    String::from_utf8(out).unwrap()
}

fn presets() -> Vec<(&'static str, Tokenizer)> {
    vec![
        ("words", Tokenizer::words()),
        ("words without stopwords", Tokenizer::words().remove_stopwords("en").unwrap().remove_stopwords("ru").unwrap()),
        ("quanteda", Tokenizer::quanteda()),
        ("quanteda without punctuation and stopwords", Tokenizer::quanteda().punct(false).remove_stopwords("en").unwrap()),
        ("words, stemmed", Tokenizer::words().stem("en").unwrap()),
    ]
}

fn corpora() -> Vec<(Corpus, &'static str)> {
    let seeds = Corpus::open("seeds").unwrap();
    let inaugural = Corpus::open_with("tests/data/quanteda/data_corpus_inaugural.csv", &TableSpec::new("text", "doc_id")).unwrap();
    vec![(seeds.clone(), "doc_id"), (seeds, "outlet"), (inaugural.clone(), "Party"), (inaugural, "President")]
}

/// The frequency table as it was built before: a token table, one string
/// per token, counted per group in hash maps.
fn frequency_table_before(tokens: &Tokens, by: &str, ties: Ties) -> DataFrame {
    let docs: Vec<(String, Vec<String>)> =
        tokens.iter().map(|(d, t)| (tokens.corpus().group_of(d, by), t.iter().map(|t| t.term.clone()).collect())).collect();
    let rows = frequency(docs.iter().map(|(g, t)| (g.as_str(), t.as_slice())), ties);
    DataFrame::new_infer_height(vec![
        Column::new("group".into(), rows.iter().map(|r| r.group.as_str()).collect::<Vec<_>>()),
        Column::new("feature".into(), rows.iter().map(|r| r.feature.as_str()).collect::<Vec<_>>()),
        Column::new("frequency".into(), rows.iter().map(|r| r.frequency).collect::<Vec<_>>()),
        Column::new("per_10k".into(), rows.iter().map(|r| r.per_10k).collect::<Vec<_>>()),
        Column::new("rank".into(), rows.iter().map(|r| r.rank).collect::<Vec<_>>()),
        Column::new("docfreq".into(), rows.iter().map(|r| r.docfreq).collect::<Vec<_>>()),
    ])
    .unwrap()
}

/// The keyness table as it was built before (with the adjusted p-values
/// added at the end, as the table has them now).
fn keyness_table_before(tokens: &Tokens, by: &str, target: &str, reference: Option<&str>, measure: Measure) -> DataFrame {
    let counts = |keep: &dyn Fn(&str) -> bool| {
        let mut m: HashMap<String, u64> = HashMap::new();
        for (d, toks) in tokens.iter() {
            if keep(&tokens.corpus().group_of(d, by)) {
                for t in toks {
                    *m.entry(t.term.clone()).or_insert(0) += 1;
                }
            }
        }
        m
    };
    let t = counts(&|g| g == target);
    let r = match reference {
        Some(name) => counts(&|g| g == name),
        None => counts(&|g| g != target),
    };
    let rows = keyness(&t, &r, measure);
    let name = match measure {
        Measure::Chi2 => "chi2",
        Measure::G2 => "G2",
        Measure::LogRatio => "log_ratio",
    };
    let mut cols = vec![
        Column::new("feature".into(), rows.iter().map(|r| r.feature.as_str()).collect::<Vec<_>>()),
        Column::new(name.into(), rows.iter().map(|r| r.stat).collect::<Vec<_>>()),
        Column::new("p".into(), rows.iter().map(|r| r.p).collect::<Vec<_>>()),
        Column::new("n_target".into(), rows.iter().map(|r| r.n_target).collect::<Vec<_>>()),
        Column::new("n_reference".into(), rows.iter().map(|r| r.n_reference).collect::<Vec<_>>()),
    ];
    if measure != Measure::LogRatio {
        cols.push(Column::new("log_ratio".into(), rows.iter().map(|r| r.log_ratio).collect::<Vec<_>>()));
    }
    cols.push(Column::new("p_holm".into(), rows.iter().map(|r| r.p_holm).collect::<Vec<_>>()));
    cols.push(Column::new("p_bh".into(), rows.iter().map(|r| r.p_bh).collect::<Vec<_>>()));
    DataFrame::new_infer_height(cols).unwrap()
}

#[test]
fn frequency_tables_from_counts_equal_the_token_table_path() {
    for (corpus, by) in corpora() {
        for (k, (name, t)) in presets().into_iter().enumerate() {
            let tokens = Tokens::new(&corpus, &t);
            // Each tie method with more than one preset.
            for ties in [[Ties::Min, Ties::Average, Ties::First][k % 3]] {
                let before = csv(frequency_table_before(&tokens, by, ties));
                assert!(before.lines().count() > 100, "{name}, by {by}");
                assert_eq!(csv(frequency_table(&tokens, by, ties).unwrap()), before, "Tokens path, {name}, by {by}, {ties:?}");
                for threads in [1, 3] {
                    let counts = count_by_group(&corpus, &t, by, threads).unwrap();
                    assert_eq!(csv(counts.frequency_table(ties).unwrap()), before, "counts, {name}, by {by}, {ties:?}, {threads} threads");
                }
            }
        }
    }
}

#[test]
fn keyness_tables_from_counts_equal_the_token_table_path() {
    let seeds: &[(&str, &str, Option<&str>)] = &[("doc_id", "rt", None), ("doc_id", "rt", Some("daryo")), ("outlet", "Daryo", None)];
    let inaugural: &[(&str, &str, Option<&str>)] =
        &[("Party", "Republican", None), ("Party", "Democratic", Some("Republican")), ("doc_id", "2017-Trump", None)];
    let corpora = corpora();
    for (corpus, cases) in [(&corpora[0].0, seeds), (&corpora[2].0, inaugural)] {
        for &(by, target, reference) in cases {
            for (name, t) in presets() {
                let tokens = Tokens::new(&corpus, &t);
                let counts = count_by_group(&corpus, &t, by, 2).unwrap();
                for measure in [Measure::Chi2, Measure::G2, Measure::LogRatio] {
                    let what = format!("{name}, {by} = {target} against {reference:?}, {measure:?}");
                    let before = csv(keyness_table_before(&tokens, by, target, reference, measure));
                    assert!(before.lines().count() > 100, "{what}");
                    assert_eq!(csv(keyness_between(&tokens, by, target, reference, measure).unwrap()), before, "Tokens path, {what}");
                    assert_eq!(csv(counts.keyness(target, reference, measure).unwrap()), before, "counts, {what}");
                }
            }
        }
    }
}

#[test]
fn document_frequencies_and_errors() {
    let c = Corpus::open_with("tests/data/quanteda/data_corpus_inaugural.csv", &TableSpec::new("text", "doc_id")).unwrap();
    let t = Tokenizer::quanteda();
    let counts = count_by_group(&c, &t, "President", 2).unwrap();
    // Document frequency within a group, checked against the tokens of
    // each document (Roosevelt: Theodore's address and Franklin's four).
    let docs = |p: &str| c.docs().iter().filter(|d| c.metadata(d, "President").as_deref() == Some(p)).collect::<Vec<_>>();
    for president in ["Roosevelt", "Washington", "Obama", "Lincoln"] {
        let ds = docs(president);
        assert_eq!(counts.n_docs(president), ds.len() as u64);
        for term in ["we", "union", "liberty", "the", "no-such-term"] {
            let df = ds.iter().filter(|d| t.tokenize(&d.text).iter().any(|k| k.term == term)).count() as u64;
            assert_eq!(counts.docfreq(president, term), df, "{president}, {term}");
        }
    }
    assert_eq!(counts.by(), "President");
    let err = counts.keyness("Nobody", None, Measure::Chi2).unwrap_err().to_string();
    assert!(err.contains("President = `Nobody`"), "{err}");
    let err = counts.keyness("Obama", Some("Nobody"), Measure::Chi2).unwrap_err().to_string();
    assert!(err.contains("President = `Nobody`"), "{err}");
    assert!(count_by_group(&c, &t, "Presidnet", 2).err().unwrap().to_string().contains("no column `Presidnet`"));
}

#[test]
fn similarity_from_counts_is_the_cosine_of_tfidf_vectors() {
    let c = Corpus::open("seeds").unwrap();
    let t = Tokenizer::words();
    let tokens = Tokens::new(&c, &t);
    let sim = similarity_table(&tokens, "doc_id").unwrap();
    assert_eq!(csv(sim.clone()), csv(count_by_group(&c, &t, "doc_id", 2).unwrap().similarity_table().unwrap()));
    assert_eq!(sim.height(), 10);
    // Recompute one pair by hand from the token table.
    let mut tf: HashMap<&str, HashMap<&str, f64>> = HashMap::new();
    for (d, toks) in tokens.iter() {
        for k in toks {
            *tf.entry(d.id.as_str()).or_default().entry(k.term.as_str()).or_default() += 1.0;
        }
    }
    let n = tf.len() as f64;
    let idf = |term: &str| (n / tf.values().filter(|m| m.contains_key(term)).count() as f64).log10();
    let (a, b) = (&tf["rt"], &tf["daryo"]);
    let dot: f64 = a.iter().map(|(k, x)| x * idf(k) * b.get(k).map_or(0.0, |y| y * idf(k))).sum();
    let norm = |m: &HashMap<&str, f64>| m.iter().map(|(k, x)| (x * idf(k)).powi(2)).sum::<f64>().sqrt();
    let expected = dot / (norm(a) * norm(b));
    let ga = sim.column("group_a").unwrap().str().unwrap().clone();
    let gb = sim.column("group_b").unwrap().str().unwrap().clone();
    let cos = sim.column("cosine").unwrap().f64().unwrap().clone();
    let i = (0..sim.height()).find(|&i| ga.get(i) == Some("daryo") && gb.get(i) == Some("rt")).unwrap();
    assert!((cos.get(i).unwrap() - expected).abs() < 1e-12, "{} vs {expected}", cos.get(i).unwrap());
    // The table is the same on every run, to the last digit.
    assert_eq!(csv(sim), csv(GroupCounts::from_tokens(&tokens, "doc_id").unwrap().similarity_table().unwrap()));
}
