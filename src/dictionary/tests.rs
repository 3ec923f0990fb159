use super::*;
use std::io::Write;

fn corpus(texts: &[(&str, &str)]) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("doc_id,outlet,text\n");
    for (id, t) in texts {
        csv.push_str(&format!("{id},{id}-outlet,\"{}\"\n", t.replace('"', "\"\"")));
    }
    let p = dir.path().join("c.csv");
    std::fs::write(&p, csv).unwrap();
    Corpus::open(&p).unwrap()
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
