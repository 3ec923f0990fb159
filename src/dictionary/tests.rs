use super::*;
use std::io::Write;

fn corpus(texts: &[(&str, &str)]) -> Corpus {
    Corpus::from_texts(texts.iter().copied()).unwrap()
}

fn matched(l: &Lookup) -> Vec<(String, String)> {
    l.matches().iter().map(|m| (l.category_of(m).to_string(), l.text_of(m).to_string())).collect()
}

#[test]
fn longest_match_wins_and_tokens_are_consumed() {
    let d = Dictionary::from_pairs(
        "t",
        [("partnership", vec!["partnership"]), ("strategic", vec!["strategic partnership", "strategic"]), ("econ", vec!["econom*"])],
    )
    .unwrap();
    let mut d = d;
    d.scope = Scope::Dictionary;
    let c = corpus(&[("a", "A strategic partnership. Partnership and economic ties; strategic. Partnership")]);
    let got = matched(&d.lookup(&c));
    assert_eq!(
        got,
        [
            ("strategic".to_string(), "strategic partnership".to_string()),
            ("partnership".into(), "Partnership".into()),
            ("econ".into(), "economic".into()),
            ("strategic".into(), "strategic".into()),
            ("partnership".into(), "Partnership".into()),
        ]
    );
}

#[test]
fn phrases_stay_inside_a_sentence_and_ties_count_for_each_category() {
    let mut d = Dictionary::from_pairs("t", [("a", vec!["trade turnover"]), ("b", vec!["trade *"]), ("c", vec!["turnover"])]).unwrap();
    d.scope = Scope::Dictionary;
    let c = corpus(&[("a", "We trade. Turnover fell. The trade turnover rose.")]);
    let l = d.lookup(&c);
    assert_eq!(
        matched(&l),
        [("c".to_string(), "Turnover".to_string()), ("a".into(), "trade turnover".into()), ("b".into(), "trade turnover".into())]
    );
    let audit = l.audit().unwrap();
    assert_eq!(audit.height(), 3);
    let sid: Vec<u32> = audit.column("sentence_id").unwrap().u32().unwrap().into_no_null_iter().collect();
    assert_eq!(sid, [2, 3, 3]);
}

#[test]
fn possessives_globs_regex_and_case() {
    let mut d = Dictionary::from_pairs("t", [("tokayev", vec!["tokayev", "tokaev", "kassym-jomart"]), ("anti", vec!["re:^anti-\\w+$"])]).unwrap();
    let c = corpus(&[("a", "Tokayev’s team and Kassym-Jomart Tokaev rejected anti-Russian talk and antique US us")]);
    assert_eq!(
        matched(&d.lookup(&c)),
        [
            ("tokayev".to_string(), "Tokayev’s".to_string()),
            ("tokayev".into(), "Kassym-Jomart".into()),
            ("tokayev".into(), "Tokaev".into()),
            ("anti".into(), "anti-Russian".into())
        ]
    );
    d.case_sensitive = true;
    d.categories.push(Category { name: "us".into(), description: String::new(), group: None, entries: vec![Entry::new("US", true).unwrap()], negation: false, requires: vec![] });
    let got = matched(&d.lookup(&c));
    assert_eq!(got.last().unwrap(), &("us".to_string(), "US".to_string()));
    assert_eq!(got.iter().filter(|g| g.0 == "us").count(), 1);
}

#[test]
fn category_scope_keeps_categories_independent() {
    let d = Dictionary::from_pairs("t", [("hedge", vec!["I believe"]), ("first", vec!["I", "me"]), ("us", vec!["States"]), ("gulf", vec!["Gulf States"])]).unwrap();
    let c = corpus(&[("a", "I believe the Gulf States agree with me.")]);
    assert_eq!(
        matched(&d.lookup(&c)),
        [
            ("hedge".to_string(), "I believe".to_string()),
            ("first".into(), "I".into()),
            ("gulf".into(), "Gulf States".into()),
            ("us".into(), "States".into()),
            ("first".into(), "me".into()),
        ]
    );
    let mut g = d.clone();
    g.scope = Scope::Dictionary;
    let got = matched(&g.lookup(&c));
    assert_eq!(got.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(), ["hedge", "gulf", "first"]);
}

#[test]
fn scores_include_zeros_and_rates() {
    let d = Dictionary::from_pairs("t", [("war", vec!["war*"]), ("peace", vec!["peace"])]).unwrap();
    let c = corpus(&[("a", "War and wars. Nothing here."), ("b", "Quiet words only, four")]);
    let s = d.lookup(&c).scores("doc_id").unwrap();
    assert_eq!(s.height(), 4);
    let n: Vec<u64> = s.column("n").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!(n, [2, 0, 0, 0]);
    let r: Vec<f64> = s.column("per_1000").unwrap().f64().unwrap().into_no_null_iter().collect();
    assert!((r[0] - 1000.0 * 2.0 / 5.0).abs() < 1e-9);
    let share: Vec<f64> = s.column("share_sentences").unwrap().f64().unwrap().into_no_null_iter().collect();
    assert!((share[0] - 0.5).abs() < 1e-9);
    assert!(d.lookup(&c).scores("bias").is_err());
}

#[test]
fn skipped_spans_are_not_matched_or_counted() {
    let d = Dictionary::from_pairs("t", [("hedge", vec!["probably"])]).unwrap();
    let text = "He said “probably not” and I probably agree.";
    let c = corpus(&[("a", text)]);
    let q0 = text.find('“').unwrap();
    let q1 = text.find('”').unwrap() + '”'.len_utf8();
    let l = d.lookup_outside(&c, &[vec![(q0, q1)]]);
    assert_eq!(l.matches().len(), 1);
    assert!(l.matches()[0].start > q1);
    assert_eq!(l.n_words()[0], 6);
}

fn write(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(body.as_bytes()).unwrap();
    p
}

#[test]
fn files_newsframe_quanteda_and_liwc() {
    let dir = tempfile::tempdir().unwrap();
    let toml = write(
        dir.path(),
        "d.toml",
        "name = \"x\"\n[[category]]\nname = \"econ\"\ngroup = \"g\"\npatterns = [\"econom*\", \"trade turnover\"]\n",
    );
    let d = Dictionary::open(&toml).unwrap();
    assert_eq!(d.categories[0].entries.len(), 2);
    assert_eq!(d.categories[0].group.as_deref(), Some("g"));
    let yaml = write(dir.path(), "q.yml", "economy:\n  - econom*\n  - trade\npolitics:\n  foreign: [sanction*, nato]\n");
    let q = Dictionary::open(&yaml).unwrap();
    let names: Vec<&str> = q.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["economy", "politics.foreign"]);
    let own_yaml = write(dir.path(), "o.yaml", "name: y\ncategory:\n  - name: a\n    patterns: [no, yes]\n");
    let own = Dictionary::open(&own_yaml).unwrap();
    assert_eq!(own.name, "y");
    assert_eq!(own.categories[0].entries[1].pattern, "yes");
    let dic = write(dir.path(), "l.dic", "%\n1\tposemo\n2\tnegemo\n%\ngood\t1\nbad*\t2\nkind of\t1\t2\n");
    let l = Dictionary::open(&dic).unwrap();
    assert_eq!(l.categories[0].entries.iter().map(|e| e.pattern.as_str()).collect::<Vec<_>>(), ["good", "kind of"]);
    assert_eq!(l.categories[1].entries.len(), 2);
}

#[test]
fn broken_files_name_the_file_and_line_or_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "b.toml", "name = \"x\"\n[[category]]\nname = \"a\"\npatterns = [\"re:(\"]\n");
    let e = Dictionary::open(&bad).unwrap_err().to_string();
    assert!(e.contains("b.toml") && e.contains("category `a`") && e.contains("regular expression"), "{e}");
    let unknown = write(dir.path(), "u.toml", "name = \"x\"\n\n[[category]]\nname = \"a\"\npaterns = [\"b\"]\n");
    let e = Dictionary::open(&unknown).unwrap_err().to_string();
    assert!(e.contains("u.toml") && e.contains("line 5") && e.contains("paterns"), "{e}");
    let dup = write(dir.path(), "d.toml", "name = \"x\"\n[[category]]\nname = \"a\"\npatterns = [\"b\"]\n[[category]]\nname = \"a\"\npatterns = [\"c\"]\n");
    assert!(Dictionary::open(&dup).unwrap_err().to_string().contains("defined twice"));
    let liwc = write(dir.path(), "l.dic", "%\n1\tposemo\n%\ngood\t7\n");
    let e = Dictionary::open(&liwc).unwrap_err().to_string();
    assert!(e.contains("l.dic") && e.contains("line 4"), "{e}");
    let empty = write(dir.path(), "e.yml", "  \n");
    assert!(Dictionary::open(&empty).unwrap_err().to_string().contains("e.yml"));
    let latin = dir.path().join("x.toml");
    std::fs::write(&latin, b"name = \"caf\xe9\"\n").unwrap();
    assert!(Dictionary::open(&latin).unwrap_err().to_string().contains("line 1"));
    assert!(Dictionary::open(dir.path().join("nope.toml")).is_err());
}

/// Looking up costs the dictionary's size once plus, per token, the entries
/// that could match there: never categories × tokens. (Building one index
/// per category, each by scanning every category, took 22 s for 100,000
/// LIWC categories; this test counts the work instead of timing it.)
#[test]
fn lookup_work_is_linear_in_categories() {
    let c = corpus(&[("a", "w1 and w7 met. Then w19999 left, and nobody else did; w3 w3 w3.")]);
    let work = |n: usize| {
        let d = Dictionary::from_pairs("t", (0..n).map(|i| (format!("c{i}"), vec![format!("w{i}")]))).unwrap();
        let (l, work) = d.lookup_counted(&c, &[]);
        (l.matches().len(), work)
    };
    let (m10, w10) = work(10_000);
    let (m20, w20) = work(20_000);
    assert_eq!((m10, m20), (5, 6));
    // The index takes one step an entry; the 16 tokens a few each.
    assert!(w10 <= 10_000 + 16 * 4, "{w10}");
    assert!(w20 - w10 <= 10_000 + 8, "{w10} {w20}");
}

/// Scope `category` matches each category on its own (one pass over the
/// tokens for all of them): the same matches, and left-out matches, as
/// looking up every category alone as a dictionary of its own.
mod category_scope {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &["war", "peace", "not", "trade", "turnover", "strategic", "partnership", "russia's", "agreed"];

    fn pattern() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(WORDS).prop_map(str::to_string),
            (prop::sample::select(WORDS), prop::sample::select(WORDS)).prop_map(|(a, b)| format!("{a} {b}")),
            prop::sample::select(WORDS).prop_map(|w| format!("{}*", &w[..2])),
            (prop::sample::select(WORDS), prop::sample::select(WORDS)).prop_map(|(a, b)| format!("{}?{} {b}", &a[..1], &a[2..])),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn equals_each_category_alone(
            cats in prop::collection::vec((prop::collection::vec(pattern(), 1..4), any::<bool>()), 1..6),
            text in prop::collection::vec(prop_oneof![prop::sample::select(WORDS), Just(","), Just(".")], 1..40),
        ) {
            let mut d = Dictionary::from_pairs("t", cats.iter().enumerate().map(|(i, (ps, _))| (format!("c{i}"), ps.clone()))).unwrap();
            for (c, (_, neg)) in d.categories.iter_mut().zip(&cats) {
                c.negation = *neg;
            }
            let c = corpus(&[("a", &text.join(" "))]);
            let all = d.lookup(&c);
            let mut matches = vec![];
            let mut excluded = vec![];
            for (k, cat) in d.categories.iter().enumerate() {
                let alone = Dictionary { categories: vec![cat.clone()], scope: Scope::Dictionary, ..d.clone() };
                let l = alone.lookup(&c);
                matches.extend(l.matches().iter().map(|m| Match { category: k, ..m.clone() }));
                excluded.extend(l.excluded_matches().iter().map(|(m, why)| (Match { category: k, ..m.clone() }, why.clone())));
            }
            matches.sort_by_key(|m| (m.doc, m.start, m.category));
            excluded.sort_by_key(|(m, _)| (m.doc, m.start, m.category));
            prop_assert_eq!(all.matches(), &matches[..]);
            prop_assert_eq!(all.excluded_matches(), &excluded[..]);
        }
    }
}
