//! The corpus loader on the seeds and on small corpora made in temporary
//! folders: every input format, every bad-input case, and the tables' offsets.

use std::path::Path;

use newsframe::corpus::{columns, Level};
use newsframe::prelude::*;
use newsframe::ErrorKind;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn str_col<'a>(df: &'a DataFrame, name: &str) -> Vec<Option<&'a str>> {
    df.column(name).unwrap().str().unwrap().iter().collect()
}

fn u32_col(df: &DataFrame, name: &str) -> Vec<u32> {
    df.column(name).unwrap().u32().unwrap().iter().map(|v| v.unwrap()).collect()
}

// ---------------------------------------------------------------- the seeds

#[test]
fn seeds_load_in_manifest_order_with_metadata() {
    let corpus = Corpus::open("seeds").unwrap();
    let ids: Vec<&str> = corpus.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["moscow-post", "world-today-news", "rt", "saenko", "daryo"]);
    let docs = corpus.documents().unwrap();
    assert_eq!(docs.height(), 5);
    let names: Vec<&str> = docs.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "doc_id", "file", "outlet", "author", "headline", "date", "date_basis", "language", "translated", "title",
            "text", "chrome", "n_chars", "n_words", "n_sentences", "n_paragraphs"
        ]
    );
    assert_eq!(str_col(&docs, columns::OUTLET), [Some("The Moscow Post"), Some("world today news"), Some("RT"), None, Some("Daryo")]);
    assert_eq!(str_col(&docs, columns::DATE), [Some("2024-11-28"), None, None, None, None]);
    assert_eq!(
        str_col(&docs, columns::DATE_BASIS),
        [Some("implied"), Some("not stated"), Some("not stated"), Some("not stated"), Some("not stated")]
    );
    assert_eq!(str_col(&docs, columns::TRANSLATED)[1], Some("yes"));
    assert_eq!(corpus.report().warnings().count(), 0, "{}", corpus.report());
}

#[test]
fn seed_files_are_the_shared_originals_byte_for_byte() {
    let shared = Path::new("../shared/seeds");
    if !shared.is_dir() {
        eprintln!("skipped: ../shared/seeds is not beside the project");
        return;
    }
    for entry in std::fs::read_dir(shared).unwrap() {
        let p = entry.unwrap().path();
        let ours = Path::new("seeds").join(p.file_name().unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), std::fs::read(&ours).unwrap(), "{} differs", ours.display());
    }
}

#[test]
fn chrome_is_kept_apart_and_never_counted_as_prose() {
    let corpus = Corpus::open("seeds").unwrap();
    let wtn = corpus.get("world-today-news").unwrap();
    assert!(wtn.text.starts_with("Putin was welcomed with pomp"), "the site tag prefix is chrome");
    assert_eq!(wtn.chrome[0].text, "/ world today news/ ");
    assert_eq!(wtn.chrome[0].line, 1);
    for d in corpus.docs() {
        assert!(!d.chrome.is_empty(), "{} has chrome", d.id);
        for c in &d.chrome {
            if c.text.trim().len() > 3 {
                assert!(!d.text.contains(c.text.trim()), "{}: chrome {:?} left in the prose", d.id, c.text);
            }
        }
    }
    let chrome = corpus.chrome().unwrap();
    let kinds = str_col(&chrome, columns::KIND);
    assert!(kinds.contains(&Some("hashtags")) && kinds.contains(&Some("advert")) && kinds.contains(&Some("comments")));
    // Prose + chrome + title cover every non-blank line of every file.
    for d in corpus.docs() {
        let raw = std::fs::read_to_string(Path::new("seeds").join(corpus.metadata(d, "file").unwrap())).unwrap();
        let words = |s: &str| s.split_whitespace().count();
        let chrome_words: usize = d.chrome.iter().map(|c| words(&c.text)).sum();
        let title_words = if raw.starts_with(d.title.as_deref().unwrap_or("\u{0}")) { words(d.title.as_deref().unwrap()) } else { 0 };
        assert_eq!(words(&raw), words(&d.text) + chrome_words + title_words, "{}: words lost or duplicated", d.id);
    }
}

#[test]
fn headline_line_becomes_the_title() {
    let corpus = Corpus::open("seeds/manifest.toml").unwrap();
    let mp = corpus.get("moscow-post").unwrap();
    assert_eq!(mp.title.as_deref(), Some("Vladimir Putin pays a state visit to Kazakhstan."));
    assert!(mp.text.starts_with("Yesterday, Russian President"));
    let daryo = corpus.get("daryo").unwrap();
    assert_eq!(daryo.title, None);
    assert!(daryo.text.starts_with("Russian President Putin visited Astana"));
}

#[test]
fn provenance_quotes_point_at_their_lines() {
    let corpus = Corpus::open("seeds").unwrap();
    let prov = corpus.provenance().unwrap();
    let ids = str_col(&prov, columns::DOC_ID);
    let fields = str_col(&prov, columns::FIELD);
    let lines = str_col(&prov, columns::LINES);
    let row = (0..prov.height()).find(|&i| ids[i] == Some("daryo") && fields[i] == Some("author")).unwrap();
    assert_eq!(lines[row], Some("11"));
    let notes = str_col(&prov, columns::NOTE);
    let wtn_date = (0..prov.height()).find(|&i| ids[i] == Some("world-today-news") && fields[i] == Some("date")).unwrap();
    assert!(notes[wtn_date].unwrap().starts_with("No date is given"));
}

#[test]
fn paragraph_and_sentence_offsets_slice_the_text() {
    let corpus = Corpus::open("seeds").unwrap();
    for table in [corpus.paragraphs().unwrap(), corpus.sentences().unwrap()] {
        let ids = str_col(&table, columns::DOC_ID);
        let texts = str_col(&table, columns::TEXT);
        let starts: Vec<u64> = table.column(columns::START).unwrap().u64().unwrap().iter().map(Option::unwrap).collect();
        let ends: Vec<u64> = table.column(columns::END).unwrap().u64().unwrap().iter().map(Option::unwrap).collect();
        for i in 0..table.height() {
            let doc = corpus.get(ids[i].unwrap()).unwrap();
            assert_eq!(&doc.text[starts[i] as usize..ends[i] as usize], texts[i].unwrap());
        }
    }
    let docs = corpus.documents().unwrap();
    let sentences = corpus.sentences().unwrap();
    assert_eq!(u32_col(&docs, columns::N_SENTENCES).iter().sum::<u32>() as usize, sentences.height());
    // Daryo's "St. Petersburg" does not end a sentence.
    let texts = str_col(&sentences, columns::TEXT);
    assert!(texts.iter().any(|t| t.unwrap().contains("in St. Petersburg, Tokayev refused")));
}

// ------------------------------------------------------- other corpus kinds

#[test]
fn plain_folder_uses_first_line_as_title_and_reports_other_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"Second title\nBody of b.\n");
    write(dir.path(), "a.txt", b"First title\r\nBody of a.\r\nMore.\r\n");
    write(dir.path(), "notes.md", b"# not a document");
    let corpus = Corpus::open(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(corpus.docs()[0].title.as_deref(), Some("First title"));
    assert_eq!(corpus.docs()[0].text, "Body of a.\nMore.");
    let report = corpus.report();
    assert!(report.notices.iter().any(|n| n.source.ends_with("notes.md") && n.level == Level::Info));
}

#[test]
fn utf8_bom_and_crlf_are_normalised() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", "\u{FEFF}Title\r\nTokayev’s visit.\r\n".as_bytes());
    let corpus = Corpus::open(dir.path()).unwrap();
    let d = &corpus.docs()[0];
    assert_eq!(d.title.as_deref(), Some("Title"));
    assert_eq!(d.text, "Tokayev’s visit.");
    assert_eq!(corpus.report().warnings().count(), 0);
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", b"Title\nCaf\xe9 \x93quoted\x94 text.\n");
    let corpus = Corpus::open(dir.path()).unwrap();
    assert_eq!(corpus.docs()[0].text, "Café “quoted” text.");
    let w: Vec<String> = corpus.report().warnings().map(|n| n.to_string()).collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("x.txt") && w[0].contains("windows-1252") && w[0].contains("line 2"), "{}", w[0]);
}

#[test]
fn csv_with_column_mapping_keeps_other_columns_as_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.csv",
        b"ID,bias_text,content_original,source\n1,left,\"Para one.\nPara two.\",CNN\n2,right,,Fox\n",
    );
    let corpus = Corpus::open_with(&p, &TableSpec::new("content_original", "ID")).unwrap();
    assert_eq!(corpus.metadata_columns(), ["bias_text", "source"]);
    assert_eq!(corpus.docs()[0].text, "Para one.\nPara two.");
    assert_eq!(corpus.metadata(&corpus.docs()[1], "bias_text").as_deref(), Some("right"));
    // The empty row is kept, and reported.
    assert_eq!(corpus.len(), 2);
    let w: Vec<String> = corpus.report().warnings().map(|n| n.to_string()).collect();
    assert!(w[0].contains("line 4") && w[0].contains("[2]") && w[0].contains("empty text"), "{w:?}");
    let docs = corpus.documents().unwrap();
    assert_eq!(u32_col(&docs, columns::N_PARAGRAPHS), [2, 0]);
}

#[test]
fn gzipped_csv_and_jsonl_load() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"doc_id,text\nx,Hello there.\n").unwrap();
    let p = write(dir.path(), "a.csv.gz", &gz.finish().unwrap());
    assert_eq!(Corpus::open(&p).unwrap().docs()[0].text, "Hello there.");

    let p = write(
        dir.path(),
        "b.jsonl",
        b"{\"doc_id\": 1, \"text\": \"One.\", \"outlet\": \"A\", \"score\": 0.5}\n\n{\"doc_id\": \"2\", \"text\": \"Two.\", \"outlet\": null}\n",
    );
    let corpus = Corpus::open(&p).unwrap();
    assert_eq!(corpus.len(), 2);
    assert_eq!(corpus.metadata_columns(), ["outlet", "score"]);
    assert_eq!(corpus.docs()[0].id, "1");
    assert_eq!(corpus.metadata(&corpus.docs()[0], "score").as_deref(), Some("0.5"));
    assert_eq!(corpus.metadata(&corpus.docs()[1], "outlet"), None);
}

#[test]
fn markup_in_text_is_kept_and_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", b"Title\nClean line.\nA <script>alert(1)</script> line.\n");
    let corpus = Corpus::open(dir.path()).unwrap();
    assert!(corpus.docs()[0].text.contains("<script>alert(1)</script>"));
    let w: Vec<String> = corpus.report().warnings().map(|n| n.to_string()).collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("line 3") && w[0].contains("<script>"), "{}", w[0]);
}

// ------------------------------------------------------------- bad input

fn manifest_dir(manifest: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "manifest.toml", manifest.as_bytes());
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    dir
}

fn open_err(path: &Path) -> newsframe::Error {
    Corpus::open(path).expect_err("bad input must be rejected")
}

const ONE_DOC: &str = "[[document]]\nid = \"a\"\nfile = \"a.txt\"\n";

#[test]
fn rejects_an_empty_file() {
    let dir = manifest_dir(ONE_DOC, &[("a.txt", b" \n\n")]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::Empty { .. }));
    assert!(e.to_string().contains("a.txt") && e.to_string().contains("empty"), "{e}");
}

#[test]
fn rejects_a_missing_file() {
    let dir = manifest_dir(ONE_DOC, &[]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::Io { .. }));
    assert!(e.to_string().contains("a.txt"), "{e}");
    let e = open_err(&dir.path().join("nowhere.csv"));
    assert!(e.to_string().contains("nowhere.csv"), "{e}");
}

#[test]
fn rejects_a_duplicate_id_naming_both_lines() {
    let m = format!("{ONE_DOC}\n[[document]]\nid = \"a\"\nfile = \"b.txt\"\n");
    let dir = manifest_dir(&m, &[("a.txt", b"x"), ("b.txt", b"y")]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::DuplicateId { first_line: 1, second_line: 5, .. }), "{e:?}");
    assert!(e.to_string().contains("manifest.toml, line 5: duplicate document id `a` (first used on line 1)"), "{e}");
}

#[test]
fn rejects_a_duplicate_id_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.csv", b"doc_id,text\nx,one\ny,two\nx,three\n");
    let e = open_err(&p);
    assert!(e.to_string().contains("line 4: duplicate document id `x` (first used on line 2)"), "{e}");
}

#[test]
fn rejects_unknown_manifest_keys_with_line() {
    let dir = manifest_dir("[[document]]\nid = \"a\"\nfile = \"a.txt\"\noutlett = \"typo\"\n", &[("a.txt", b"x")]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::Syntax { line: Some(4), .. }), "{e:?}");
    assert!(e.to_string().contains("outlett"), "{e}");
}

#[test]
fn rejects_missing_required_fields() {
    let dir = manifest_dir("[[document]]\nid = \"a\"\n", &[]);
    let e = open_err(dir.path());
    assert!(e.to_string().contains("manifest.toml") && e.to_string().contains("file"), "{e}");
    let dir = manifest_dir(
        "[[document]]\nid = \"a\"\nfile = \"a.txt\"\ndate = \"2024-11-28\"\n",
        &[("a.txt", b"x")],
    );
    let e = open_err(dir.path());
    assert!(e.to_string().contains("line 1, field `document[1].date_basis`"), "{e}");
    let dir = manifest_dir("[[document]]\nid = \"a\"\nfile = \"a.txt\"\ndate = \"not stated\"\n", &[("a.txt", b"x")]);
    assert!(open_err(dir.path()).to_string().contains("notes.date"));
}

#[test]
fn rejects_evidence_and_chrome_that_are_not_in_the_text() {
    let m = format!("{ONE_DOC}evidence.outlet = [\"not in the file\"]\n");
    let dir = manifest_dir(&m, &[("a.txt", b"Some text.")]);
    let e = open_err(dir.path());
    assert!(e.to_string().contains("evidence.outlet[1]") && e.to_string().contains("not in the file"), "{e}");
    let m = format!("{ONE_DOC}[[document.chrome]]\nkind = \"byline\"\ntext = \"By Nobody\"\n");
    let dir = manifest_dir(&m, &[("a.txt", b"Some text.")]);
    let e = open_err(dir.path());
    assert!(e.to_string().contains("chrome[1].text") && e.to_string().contains("By Nobody"), "{e}");
}

#[test]
fn rejects_broken_toml_csv_and_json_with_lines() {
    let dir = manifest_dir("[[document]]\nid = \"a\nfile = 3\n", &[]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::Syntax { format: "TOML", line: Some(2), .. }), "{e:?}");

    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "a.csv", b"doc_id,text\nx,one\ny,two,extra\n");
    let e = open_err(&p);
    assert!(matches!(e.kind(), ErrorKind::Syntax { format: "CSV", line: Some(3), .. }), "{e:?}");

    let p = write(d.path(), "a.jsonl", b"{\"doc_id\": \"x\", \"text\": \"ok\"}\n{\"doc_id\": \"y\", \"text\": oops}\n");
    let e = open_err(&p);
    assert!(e.to_string().contains("a.jsonl, line 2: not valid JSON Lines"), "{e}");

    let p = write(d.path(), "b.csv", b"id,body\nx,one\n");
    let e = open_err(&p);
    assert!(e.to_string().contains("field `text`") && e.to_string().contains("id, body"), "{e}");
}

#[test]
fn rejects_binary_files() {
    let dir = manifest_dir(ONE_DOC, &[("a.txt", b"PK\x03\x04\x00\x00binary")]);
    let e = open_err(dir.path());
    assert!(matches!(e.kind(), ErrorKind::Binary { offset: 4, .. }), "{e:?}");
    assert!(e.to_string().contains("a.txt: not a text file"), "{e}");
}

#[test]
fn unlisted_text_files_are_reported_not_dropped_silently() {
    let dir = manifest_dir(ONE_DOC, &[("a.txt", b"Text."), ("extra.txt", b"Forgotten.")]);
    let corpus = Corpus::open(dir.path()).unwrap();
    assert_eq!(corpus.len(), 1);
    assert!(corpus.report().notices.iter().any(|n| n.source.ends_with("extra.txt") && n.message.contains("not listed")));
}

#[test]
fn stray_control_characters_are_kept_and_reported_not_rejected() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", "Title\nIowa voters Ã¢â‚¬â€\u{9d} literally.\nMore text.\n".as_bytes());
    let corpus = Corpus::open(dir.path()).unwrap();
    assert!(corpus.docs()[0].text.contains('\u{9d}'));
    let w: Vec<String> = corpus.report().warnings().map(|n| n.to_string()).collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("x.txt") && w[0].contains("1 control character(s), the first on line 2"), "{}", w[0]);
    // Many C0 controls are binary content.
    write(dir.path(), "y.txt", b"Title\n\x01\x02\x03\x04 data \x05\x06\x07\x08\n");
    let e = Corpus::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("y.txt: not a text file"), "{e}");
}
