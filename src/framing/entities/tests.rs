use super::*;
use crate::display::get_column;

/// A corpus of `(id, text)` documents, written as JSON Lines.
fn corpus(docs: &[(&str, &str)]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    let lines: Vec<String> = docs.iter().map(|(id, t)| serde_json::json!({"doc_id": id, "text": t}).to_string()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let c = Corpus::open(&path).unwrap();
    (dir, c)
}

fn find<'a>(e: &'a Entities, text: &str) -> Vec<&'a Mention> {
    e.mentions.iter().filter(|m| m.text == text).collect()
}

fn kind_of(e: &Entities, text: &str) -> Kind {
    let m = find(e, text);
    assert!(!m.is_empty(), "no mention `{text}` in {:?}", e.mentions.iter().map(|m| &m.text).collect::<Vec<_>>());
    m[0].kind
}

const NEWS: &[(&str, &str)] = &[
    (
        "a",
        "Russian President Vladimir Putin arrived in Astana on Wednesday. Putin met officials of the Foreign Ministry. \
         The talks were held at the Palace of Independence, and Mr. Putin's delegation later flew to Bishkek.\n\
         Officials said the visit would deepen ties. Kazakhstan signed ten agreements with Russia.",
    ),
    (
        "b",
        "President Kassym-Jomart Tokayev welcomed the guest. Tokayev said the partnership with Moscow was strong. \
         The Collective Security Treaty Organization (CSTO) met the next day, and the officials of the CSTO agreed.",
    ),
    (
        "c",
        "In Astana, Kasym-Zhomart Tokaev spoke to reporters from Reuters. Tokaev's remarks were cautious. \
         Analysts at the University of Texas said Kazakhstan balances Russia and China.",
    ),
];

#[test]
fn finds_and_types_persons_organizations_and_places() {
    let (_d, c) = corpus(NEWS);
    let e = discover(&c);
    assert_eq!(kind_of(&e, "Vladimir Putin"), Kind::Person);
    assert!(find(&e, "Russian President Vladimir Putin").is_empty() && find(&e, "Russian").is_empty());
    assert_eq!(kind_of(&e, "Astana"), Kind::Place);
    assert_eq!(kind_of(&e, "Foreign Ministry"), Kind::Organization);
    assert_eq!(kind_of(&e, "University of Texas"), Kind::Organization);
    assert_eq!(kind_of(&e, "Kazakhstan"), Kind::Place);
    assert_eq!(kind_of(&e, "CSTO"), Kind::Organization);
    assert_eq!(kind_of(&e, "Bishkek"), Kind::Place);
    // Sentence-initial common words are not names; days are not names.
    for not in ["Officials", "The", "Analysts", "Wednesday", "In"] {
        assert!(find(&e, not).is_empty(), "{not}");
    }
    // Titles and possessives are left out of the span.
    assert_eq!(find(&e, "Putin").len(), 2);
    assert!(find(&e, "Mr. Putin").is_empty());
    assert!(e.mentions.iter().all(|m| !m.text.ends_with("'s")));
}

#[test]
fn merges_titles_surnames_and_transliterations() {
    let (_d, c) = corpus(NEWS);
    let e = discover(&c);
    for t in ["Vladimir Putin", "Putin"] {
        assert!(find(&e, t).iter().all(|m| m.canonical == "Vladimir Putin"), "{t}");
    }
    let tokayev: HashSet<&str> = e
        .mentions
        .iter()
        .filter(|m| ["Kassym-Jomart Tokayev", "Tokayev", "Kasym-Zhomart Tokaev", "Tokaev"].contains(&m.text.as_str()))
        .map(|m| m.canonical.as_str())
        .collect();
    assert_eq!(tokayev.len(), 1, "{tokayev:?}");
    assert_eq!(find(&e, "Tokaev").len(), 1);
    assert!(find(&e, "Tokaev").iter().all(|m| m.kind == Kind::Person));
    // The acronym joins its expansion.
    let csto: HashSet<&str> = e.mentions.iter().filter(|m| m.text.contains("CSTO") || m.text.starts_with("Collective")).map(|m| m.canonical.as_str()).collect();
    assert_eq!(csto.len(), 1, "{csto:?}");
}

#[test]
fn offsets_slice_the_text_and_order_is_by_document_and_position() {
    let (_d, c) = corpus(NEWS);
    let e = discover(&c);
    assert!(!e.mentions.is_empty());
    for m in &e.mentions {
        assert_eq!(&c.docs()[m.doc].text[m.start..m.end], m.text);
    }
    for w in e.mentions.windows(2) {
        assert!((w[0].doc, w[0].start) <= (w[1].doc, w[1].start));
    }
    let t = e.table().unwrap();
    assert_eq!(t.get_column_names().iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["doc_id", "start", "end", "text", "type", "canonical"]);
    assert_eq!(t.height(), e.mentions.len());
    // Deterministic: a second run gives the same mentions.
    assert_eq!(discover(&c).mentions, e.mentions);
}

#[test]
fn a_place_before_a_title_is_its_own_mention() {
    let (_d, c) = corpus(&[("a", "The team met U.S. President Donald Trump at the White House. Trump praised them. The UK Government agreed.")]);
    let e = discover(&c);
    let person = find(&e, "Donald Trump");
    assert_eq!(person.len(), 1);
    assert_eq!(person[0].kind, Kind::Person);
    assert_eq!(person[0].canonical, "Donald Trump");
    // A known place inside an organisation's name is a mention too.
    assert_eq!(kind_of(&e, "UK Government"), Kind::Organization);
    assert_eq!(kind_of(&e, "UK"), Kind::Place);
    assert_eq!(kind_of(&e, "U.S."), Kind::Place);
    assert_eq!(find(&e, "Trump")[0].canonical, "Donald Trump");
}

#[test]
fn words_written_lower_case_elsewhere_are_not_names_at_a_sentence_start() {
    let (_d, c) = corpus(&[(
        "a",
        "Security was tight. The summit discussed security and trade. Trade grew. Karaganda hosted the summit, and officials in Karaganda were pleased.",
    )]);
    let e = discover(&c);
    assert!(find(&e, "Security").is_empty());
    assert!(find(&e, "Trade").is_empty());
    assert_eq!(find(&e, "Karaganda").len(), 2);
    assert_eq!(kind_of(&e, "Karaganda"), Kind::Place);
}

#[test]
fn summary_counts_mentions_documents_and_spellings() {
    let (_d, c) = corpus(NEWS);
    let e = discover(&c);
    let s = e.summary().unwrap();
    assert_eq!(s.get_column_names().iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["canonical", "type", "n_mentions", "n_docs", "spellings"]);
    let names = get_column(&s, "canonical").unwrap().str().unwrap().clone();
    let row = names.iter().position(|n| n.is_some_and(|n| n.contains("Tokayev") || n.contains("Tokaev"))).unwrap();
    let n_docs = get_column(&s, "n_docs").unwrap().u64().unwrap().get(row).unwrap();
    assert_eq!(n_docs, 2);
    let spellings = get_column(&s, "spellings").unwrap().str().unwrap().get(row).unwrap().to_string();
    assert!(spellings.contains("Tokaev") && spellings.contains("Tokayev"), "{spellings}");
    let n = get_column(&s, "n_mentions").unwrap().u64().unwrap().clone();
    let v: Vec<u64> = n.into_no_null_iter().collect();
    assert!(v.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(v.iter().sum::<u64>() as usize, e.mentions.len());
}

#[test]
fn the_draft_gazetteer_loads_and_finds_the_actors() {
    let (dir, c) = corpus(NEWS);
    let e = discover(&c);
    let path = dir.path().join("draft.toml");
    e.write_gazetteer(&path).unwrap();
    let g = crate::dictionary::Dictionary::open(&path).unwrap();
    assert_eq!(g.categories.len(), e.summary().unwrap().height());
    let putin = g.categories.iter().find(|k| k.name == "Vladimir Putin").unwrap();
    assert_eq!(putin.group.as_deref(), Some("person"));
    let actors = crate::framing::actors::Actors::new(&c, &g);
    let hits: Vec<&str> = actors.lookup().matches().iter().filter(|m| actors.lookup().category_of(m) == "Vladimir Putin").map(|m| actors.lookup().text_of(m)).collect();
    assert!(hits.len() >= 3, "{hits:?}");
    // Sorted by mentions, then name.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("scope = \"dictionary\"") && text.contains("case_sensitive = true"));
}

#[test]
fn a_gazetteer_path_that_cannot_be_written_is_named() {
    let (dir, c) = corpus(NEWS);
    let path = dir.path().join("no-such-folder").join("draft.toml");
    let err = discover(&c).write_gazetteer(&path).unwrap_err().to_string();
    assert!(err.contains("no-such-folder/draft.toml") && err.contains("cannot write"), "{err}");
}

#[test]
fn seeds_tokayev_spellings_share_one_canonical_name() {
    let c = Corpus::open("seeds").unwrap();
    let e = discover(&c);
    let canon: HashSet<&str> = e
        .mentions
        .iter()
        .filter(|m| m.text.contains("Tokayev") || m.text.contains("Tokaev") || m.text.contains("-Jomart") || m.text.contains("-Zhomart"))
        .map(|m| m.canonical.as_str())
        .collect();
    assert_eq!(canon.len(), 1, "{canon:?}");
    let putin: HashSet<&str> = e.mentions.iter().filter(|m| m.text.ends_with("Putin")).map(|m| m.canonical.as_str()).collect();
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert!(e.mentions.iter().filter(|m| m.text.ends_with("Putin")).all(|m| m.kind == Kind::Person));
}

#[test]
fn adjectives_of_nationality_and_region_are_not_names() {
    let (_d, c) = corpus(&[("a", "Central Asian states and South African firms met Kazakh officials. The Kazakh-Russian border is long.")]);
    let e = discover(&c);
    for not in ["Central", "Central Asian", "South", "South African", "Kazakh", "Kazakh-Russian"] {
        assert!(find(&e, not).is_empty(), "{not}: {:?}", e.mentions);
    }
}

#[test]
fn acronyms_join_their_expansion_and_titles_inside_organisation_names_stay_inside() {
    let (_d, c) = corpus(&[
        ("a", "The European Union imposed sanctions. Officials of the Ministry of Foreign Affairs met in Brussels."),
        ("b", "The EU disagreed, and the EU said so twice."),
    ]);
    let e = discover(&c);
    assert_eq!(find(&e, "EU").len(), 2);
    // One entity, named by its most frequent spelling.
    let eu = &find(&e, "European Union")[0].canonical;
    assert_eq!(eu, "EU");
    assert!(find(&e, "EU").iter().all(|m| &m.canonical == eu && m.kind == Kind::Organization), "{:?}", find(&e, "EU"));
    assert_eq!(kind_of(&e, "Ministry of Foreign Affairs"), Kind::Organization);
    assert!(find(&e, "Affairs").is_empty());
}

#[test]
fn two_acronyms_of_one_entity_join_it() {
    // The acronyms come first, so their forms are numbered before the
    // names they abbreviate (a case that once broke the merging).
    let (_d, c) = corpus(&[
        ("a", "Officials said the GSC met on Monday. Later the GC met again."),
        ("b", "The Grand Security Council met in Tallinn. The Grand Council agreed with it."),
    ]);
    let e = discover(&c);
    let names: HashSet<&str> = ["GSC", "GC", "Grand Security Council", "Grand Council"]
        .iter()
        .map(|t| {
            let m = find(&e, t);
            assert_eq!(m.len(), 1, "{t}: {:?}", e.mentions);
            m[0].canonical.as_str()
        })
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

mod property {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise the rules: names, titles, demonyms, heads,
    /// connectors, acronyms with and without dots, initials, possessives,
    /// hyphens, stopwords, punctuation, non-ASCII letters.
    const WORDS: &[&str] = &[
        "Putin", "Tokayev", "Tokaev", "Kassym-Jomart", "Vladimir", "President", "Mr.", "Russian", "Kazakh", "Ministry", "of",
        "the", "The", "Foreign", "Affairs", "U.S.", "US", "EU", "European", "Union", "(", ")", "V.", "Putin's", "Putin’s", "said",
        "in", "Astana", "and", "GSC", "Grand", "Council", "Central", "Asian", "World", "Cup", "Image:", ".", ",", "“", "”", "Ørsted",
        "İstanbul", "de", "Rio", "Janeiro", "Vladimirovich", "UNLESS", "PHOTOS", "who", "officials", "Security", "security", "-",
        "’s", "A.", "Bank", "for", "on", "\n", "Zelenskyy", "Zelensky",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), prop::bool::ANY), 1..60)
            .prop_map(|ws| ws.into_iter().map(|(i, glued)| format!("{}{}", if glued { "" } else { " " }, WORDS[i])).collect::<String>())
            .prop_filter("some text", |t| !t.trim().is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_gives_mentions_that_slice_it(a in text(), b in text()) {
            let (_d, c) = corpus(&[("a", a.as_str()), ("b", b.as_str())]);
            let e = discover(&c);
            for m in &e.mentions {
                let t = &c.docs()[m.doc].text;
                prop_assert!(m.start < m.end && m.end <= t.len());
                prop_assert_eq!(&t[m.start..m.end], m.text.as_str());
                prop_assert!(!m.canonical.is_empty());
            }
            prop_assert!(e.table().is_ok() && e.summary().is_ok());
            prop_assert!(crate::dictionary::Dictionary::from_toml_str("draft.toml", &e.gazetteer_toml("draft")).is_ok());
        }
    }
}

#[test]
fn a_corpus_without_names_drafts_no_gazetteer() {
    let (dir, c) = corpus(&[("a", "nothing here is named. it is all lower case.")]);
    let e = discover(&c);
    assert!(e.mentions.is_empty());
    assert_eq!(e.table().unwrap().height(), 0);
    let err = e.write_gazetteer(dir.path().join("draft.toml")).unwrap_err().to_string();
    assert!(err.contains("draft.toml") && err.contains("no entities"), "{err}");
    // The text itself is still a valid, empty dictionary.
    let d = crate::dictionary::Dictionary::from_toml_str("draft.toml", &e.gazetteer_toml("draft")).unwrap();
    assert!(d.categories.is_empty());
}

#[test]
fn acronyms_are_not_folded_like_transliterations() {
    let (_d, c) = corpus(&[("a", "The U.S. and the US Secret Service (USSS) agreed. The USSS and the U.S. met.")]);
    let e = discover(&c);
    let us: HashSet<&str> = e.mentions.iter().filter(|m| m.text == "U.S." || m.text == "US").map(|m| m.canonical.as_str()).collect();
    let usss: HashSet<&str> = find(&e, "USSS").iter().map(|m| m.canonical.as_str()).collect();
    assert_eq!(us.len(), 1, "{us:?}");
    assert!(us.is_disjoint(&usss), "{us:?} {usss:?}");
}
