//! Tokens, KWIC and the grouped statistics tables on the seeds.

use newsframe::prelude::*;
use newsframe::statistics::{collocations_table, frequency_table, keyness_table, kwic, Measure, Ties};
use newsframe::tokens::{Tokenizer, Tokens};
use proptest::prelude::*;

fn seeds() -> Corpus {
    Corpus::open("seeds").unwrap()
}

#[test]
fn token_offsets_slice_the_text_and_sentences_match() {
    let c = seeds();
    let t = Tokens::new(&c, &Tokenizer::quanteda());
    let table = t.table().unwrap();
    let ids = table.column("doc_id").unwrap().str().unwrap().clone();
    let toks = table.column("token").unwrap().str().unwrap().clone();
    let starts = table.column("start").unwrap().u64().unwrap().clone();
    let ends = table.column("end").unwrap().u64().unwrap().clone();
    let sids = table.column("sentence_id").unwrap().u32().unwrap().clone();
    let sentences = c.sentences().unwrap();
    for i in 0..table.height() {
        let d = c.get(ids.get(i).unwrap()).unwrap();
        let (s, e) = (starts.get(i).unwrap() as usize, ends.get(i).unwrap() as usize);
        assert_eq!(&d.text[s..e], toks.get(i).unwrap());
        // The token lies inside its sentence.
        let row = sentences
            .clone()
            .lazy()
            .filter(col("doc_id").eq(lit(d.id.as_str())).and(col("sentence_id").eq(lit(sids.get(i).unwrap()))))
            .collect()
            .unwrap();
        let (ss, se) = (row.column("start").unwrap().u64().unwrap().get(0).unwrap(), row.column("end").unwrap().u64().unwrap().get(0).unwrap());
        assert!(ss as usize <= s && e <= se as usize, "token {i} outside its sentence");
        if i > 2000 {
            break;
        }
    }
}

#[test]
fn kwic_patterns_exact_glob_regex_and_phrase() {
    let c = seeds();
    let t = Tokens::new(&c, &Tokenizer::words());
    let tokaev: Vec<String> = kwic(&t, &["tokaev"], 3, false).unwrap().into_iter().map(|k| k.doc_id).collect();
    assert_eq!(tokaev.len(), 6);
    assert!(tokaev.iter().all(|d| d == "world-today-news"));
    let glob = kwic(&t, &["kas*m-*"], 2, false).unwrap();
    let spellings: std::collections::BTreeSet<String> = glob.iter().map(|k| k.keyword.clone()).collect();
    assert_eq!(spellings.into_iter().collect::<Vec<_>>(), ["Kasim-Jomart", "Kassym-Jomart", "Kasym-Zhomart"]);
    let re = kwic(&t, &["/tok(a|ay)ev/"], 0, false).unwrap();
    assert_eq!(re.len(), 25);
    let phrase = kwic(&t, &["strategic partnership"], 4, true).unwrap();
    assert_eq!(phrase.len(), 8);
    for k in &phrase {
        let d = c.get(&k.doc_id).unwrap();
        assert_eq!(&d.text[k.start..k.end], k.keyword);
        assert_eq!(k.keyword.to_lowercase(), "strategic partnership");
    }
    // Within the sentence, the context never crosses a sentence boundary.
    let first = &phrase[0];
    assert!(!first.pre.contains(". ") && !first.post.contains(". "), "{first:?}");
    assert!(kwic(&t, &["/(/"], 1, false).unwrap_err().to_string().contains("bad regex"));
}

#[test]
fn grouped_tables_have_documented_columns_and_reject_unknown_groups() {
    let c = seeds();
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let f = frequency_table(&t, "doc_id", Ties::Min).unwrap();
    let names: Vec<&str> = f.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["group", "feature", "frequency", "per_10k", "rank", "docfreq"]);
    assert_eq!(f.column("feature").unwrap().str().unwrap().get(0), Some("kazakhstan"));
    let k = keyness_table(&t, "doc_id", "rt", Measure::G2).unwrap();
    let names: Vec<&str> = k.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["feature", "G2", "p", "n_target", "n_reference", "log_ratio", "p_holm", "p_bh"]);
    assert_eq!(k.column("feature").unwrap().str().unwrap().get(0), Some("external"));
    assert!(frequency_table(&t, "bias", Ties::Min).unwrap_err().to_string().contains("no column `bias`"));
    assert!(keyness_table(&t, "doc_id", "nobody", Measure::Chi2).unwrap_err().to_string().contains("nobody"));
    let co = collocations_table(&Tokens::new(&c, &Tokenizer::words()), 2, 3).unwrap();
    assert_eq!(co.column("collocation").unwrap().str().unwrap().get(0), Some("two countries"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn offsets_always_slice_the_original_text(s in "\\PC{0,80}") {
        for tokenizer in [Tokenizer::quanteda(), Tokenizer::words().remove_stopwords("en").unwrap().stem("en").unwrap()] {
            let toks = tokenizer.tokenize(&s);
            let mut last_end = 0;
            for t in toks {
                prop_assert!(t.start < t.end && t.end <= s.len());
                prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                prop_assert!(t.start >= last_end, "tokens overlap or go backwards");
                last_end = t.end;
            }
        }
    }

    #[test]
    fn no_byte_sequence_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let s = String::from_utf8_lossy(&bytes);
        let _ = Tokenizer::quanteda().tokenize(&s);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), &bytes).unwrap();
        // Loading may fail (empty, binary) but must not panic.
        if let Ok(c) = Corpus::open(dir.path()) {
            let _ = c.documents().unwrap();
            let _ = c.sentences().unwrap();
        }
    }
}

#[test]
fn ngrams_and_keyness_against_a_named_reference() {
    use newsframe::statistics::keyness_between;
    let c = seeds();
    let t = Tokens::new(&c, &Tokenizer::words());
    let bi = t.ngrams(2);
    let table = bi.table().unwrap();
    let terms = table.column("term").unwrap().str().unwrap().clone();
    assert!(terms.iter().any(|x| x == Some("strategic_partnership")));
    for (d, toks) in bi.iter() {
        for tok in toks.iter().take(50) {
            // The span runs from the first word to the second (punctuation
            // dropped by the preset may sit between them).
            let surface = d.text[tok.start..tok.end].to_lowercase().replace('’', "'");
            let (first, second) = tok.term.split_once('_').unwrap();
            assert!(surface.starts_with(first) && surface.ends_with(second), "{surface:?} vs {}", tok.term);
        }
    }
    let n_uni: usize = t.iter().map(|(_, x)| x.len()).sum();
    let n_bi: usize = bi.iter().map(|(_, x)| x.len()).sum();
    assert_eq!(n_bi, n_uni - c.len());
    // RT against Daryo only: counts come from those two documents.
    let k = keyness_between(&t, "doc_id", "rt", Some("daryo"), Measure::G2).unwrap();
    let feats = k.column("feature").unwrap().str().unwrap().clone();
    let refs = k.column("n_reference").unwrap().u64().unwrap().clone();
    let i = (0..k.height()).find(|&i| feats.get(i) == Some("china")).unwrap();
    assert_eq!(refs.get(i), Some(8), "Daryo uses china 8 times");
    assert!(keyness_between(&t, "doc_id", "rt", Some("nobody"), Measure::G2).is_err());
}
