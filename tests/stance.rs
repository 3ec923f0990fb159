//! The stance instrument: case-sensitive patterns stay case-sensitive in a
//! case-insensitive dictionary (the `US` is not `us`), and the audit rows
//! are the matches the scores count.

use newsframe::dictionary::Dictionary;
use newsframe::framing::{shipped, stance};
use newsframe::Corpus;

fn corpus(texts: &[(&str, &str)]) -> Corpus {
    Corpus::from_texts(texts.iter().copied()).unwrap()
}

fn matched(l: &newsframe::dictionary::Lookup, category: &str) -> Vec<String> {
    l.matches().iter().filter(|m| l.category_of(m) == category).map(|m| l.text_of(m).to_string()).collect()
}

#[test]
fn the_country_is_not_first_person_plural() {
    let c = corpus(
        &[("a", "The US and the EU talked to us. Us Sanctions Hit Moscow. We said our piece; let us go. The U.S. agreed with US's allies.")],
    );
    let l = stance::stance_lookup(&c, &shipped("stance").unwrap());
    assert_eq!(matched(&l, "first_person_plural"), ["us", "We", "our", "us"]);
}

#[test]
fn regex_patterns_keep_their_case_flags_and_words_ignore_case() {
    let c = corpus(&[("a", "NATO and Nato differ; nato too. ANTI-war and anti-war. Sanctions, SANCTIONS.")]);
    let d = Dictionary::from_pairs(
        "t",
        [("upper", vec!["re:^(?-i:NATO)$"]), ("any", vec!["re:^nato$"]), ("anti", vec!["re:^(?-i:anti)-\\w+$"]), ("word", vec!["sanctions", "nat?"])],
    )
    .unwrap();
    let l = d.lookup(&c);
    assert_eq!(matched(&l, "upper"), ["NATO"]);
    assert_eq!(matched(&l, "any"), ["NATO", "Nato", "nato"]);
    assert_eq!(matched(&l, "anti"), ["anti-war"]);
    assert_eq!(matched(&l, "word"), ["NATO", "Nato", "nato", "Sanctions", "SANCTIONS"]);
    // A case-sensitive dictionary: words and regexes as written.
    let cs = Dictionary::from_toml_str("cs.toml", "name = \"cs\"\ncase_sensitive = true\n[[category]]\nname = \"n\"\npatterns = [\"Nato\", \"re:^nato$\"]\n").unwrap();
    assert_eq!(matched(&cs.lookup(&c), "n"), ["Nato", "nato"]);
}

#[test]
fn the_shipped_gazetteer_still_tells_us_from_us() {
    let c = corpus(&[("a", "The US sanctions worry us. Washington and the United States disagree.")]);
    let actors = shipped("actors").unwrap();
    assert!(actors.case_sensitive);
    let l = actors.lookup(&c);
    let names: Vec<&str> = l.matches().iter().map(|m| l.text_of(m)).collect();
    assert!(names.contains(&"US") && !names.contains(&"us"), "{names:?}");
}

#[test]
fn the_audit_lists_what_the_scores_count_outside_quotations() {
    let c = corpus(&[("a", "We probably know. He said: \"We will probably win this war, I believe, and soon.\" It may rain.")]);
    let d = shipped("stance").unwrap();
    let audit = stance::stance_audit(&c, &d).unwrap();
    let matched: Vec<&str> = audit.column("matched").unwrap().str().unwrap().iter().map(Option::unwrap).collect();
    assert_eq!(matched, ["We", "probably", "may"]);
    let scores = stance::stance_scores(&c, &d, "doc_id").unwrap();
    let n: u64 = scores.column("n").unwrap().u64().unwrap().into_no_null_iter().sum();
    assert_eq!(n as usize, audit.height());
}
