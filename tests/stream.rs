//! Streaming: a corpus read in batches (`OpenOptions::stream`) gives the
//! load report, the documents and, counted in batches (`StreamCounter`),
//! the frequency, keyness and similarity tables of the corpus loaded
//! whole and counted by `count_by_group`, byte for byte, whatever the
//! batch size (1 included) and the number of threads; and an error is the
//! same error, word for word.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsframe::corpus::{Batches, OpenOptions};
use newsframe::counts::{count_by_group, StreamCounter};
use newsframe::polars::prelude::*;
use newsframe::statistics::{Measure, Ties};
use newsframe::tokens::Tokenizer;
use newsframe::{Corpus, Document, TableSpec};

fn csv(mut df: DataFrame) -> String {
    let mut out = Vec::new();
    CsvWriter::new(&mut out).finish(&mut df).unwrap();
    String::from_utf8(out).unwrap()
}

/// Keeps every document handed on, and counts restarts.
#[derive(Default)]
struct Keep {
    docs: Vec<Document>,
    batches: Vec<usize>,
    restarts: usize,
}

impl Batches for Keep {
    fn batch(&mut self, b: &Corpus) -> newsframe::Result<()> {
        assert!(b.report().notices.is_empty());
        self.batches.push(b.len());
        self.docs.extend(b.docs().iter().cloned());
        Ok(())
    }
    fn restart(&mut self) {
        self.docs.clear();
        self.batches.clear();
        self.restarts += 1;
    }
}

/// The tables a command line user gets, as CSV.
fn tables(counts: &newsframe::counts::GroupCounts, target: &str) -> Vec<String> {
    vec![
        csv(counts.table().unwrap()),
        csv(counts.frequency_table(Ties::Min).unwrap()),
        csv(counts.keyness(target, None, Measure::Chi2).unwrap()),
        csv(counts.similarity_table().unwrap()),
    ]
}

/// Streams `path` at several batch sizes and thread counts and compares
/// everything with the corpus loaded whole; returns the number of batches
/// of the smallest batch size (to show that batching happened).
fn agrees(path: &Path, opts: &OpenOptions, by: &str, target: &str) -> usize {
    let whole = opts.open(path).unwrap();
    let tokenizer = Tokenizer::words().remove_stopwords("en").unwrap();
    let expected = tables(&count_by_group(&whole, &tokenizer, by, 1).unwrap(), target);
    let mut smallest = 0;
    for docs in [1, 2, 3, 7, 100, 4096] {
        let mut keep = Keep::default();
        let (report, columns) = opts.stream(path, docs, &mut keep).unwrap();
        assert_eq!(report.to_string(), whole.report().to_string(), "{}: batches of {docs}", path.display());
        assert_eq!(report.notices, whole.report().notices);
        assert_eq!(report.n_documents, whole.len());
        assert_eq!(columns, whole.metadata_columns());
        assert_eq!(keep.docs, whole.docs(), "{}: batches of {docs}", path.display());
        assert_eq!(keep.restarts, 0, "{}: stepped aside", path.display());
        // Tables come in batches; folders and manifests whole.
        assert!(path.is_dir() || keep.batches.iter().all(|&n| n <= docs), "{:?}", keep.batches);
        if docs == 1 {
            smallest = keep.batches.len();
        }
        for threads in [1, 2, 3] {
            let mut counter = StreamCounter::new(&tokenizer, by, threads);
            let (_, columns) = opts.stream(path, docs, &mut counter).unwrap();
            let got = tables(&counter.finish(&columns).unwrap(), target);
            assert!(got == expected, "{}: by {by}, batches of {docs}, {threads} threads", path.display());
        }
    }
    smallest
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if name.ends_with(".gz") {
        let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap();
    } else {
        std::fs::write(&path, bytes).unwrap();
    }
    path
}

/// 150 rows in 3 outlets: quoted newlines, CRLF, markup, empty texts, a
/// C1 control character, a `title` column (the title) and a `text`
/// metadata column (renamed): every kind of notice the report has.
fn table_rows() -> Vec<(String, String, String, String)> {
    let words = ["Kazakhstan", "Putin", "visit", "Astana", "Tokayev", "trade", "gas", "said", "“partnership”", "Russia’s"];
    (0..150)
        .map(|i| {
            let mut text: String = (0..(i % 23)).map(|k| words[(i * 7 + k * 3) % words.len()]).collect::<Vec<_>>().join(" ");
            if i % 17 == 0 {
                text.push_str(" <b>bold</b> &amp;\r\nsecond line");
            }
            if i % 41 == 0 {
                text.push_str(" \u{85} control");
            }
            (format!("r{i}"), ["left", "center", "right"][i % 3].to_owned(), format!("Title {i}"), text)
        })
        .collect()
}

fn table_csv() -> Vec<u8> {
    let mut s = String::from("doc_id,outlet,title,text,body\r\n");
    for (id, outlet, title, text) in table_rows() {
        s.push_str(&format!("{id},{outlet},{title},x{id},\"{}\"\r\n", text.replace('"', "\"\"")));
    }
    s.into_bytes()
}

fn table_jsonl() -> Vec<u8> {
    let mut s = String::new();
    for (k, (id, outlet, title, text)) in table_rows().into_iter().enumerate() {
        let mut row = serde_json::json!({"doc_id": id, "outlet": outlet, "title": title, "body": text});
        // Keys that appear late, and a built-in name (renamed).
        if k > 60 {
            row["section"] = serde_json::json!(format!("s{}", k % 4));
        }
        if k > 100 {
            row["n_words"] = serde_json::json!(k);
        }
        s.push_str(&row.to_string());
        s.push('\n');
        if k == 5 {
            s.push('\n');
        }
    }
    s.into_bytes()
}

#[test]
fn seeds_and_inaugural_stream_as_they_load() {
    assert!(agrees(Path::new("seeds"), &OpenOptions::new(), "outlet", "RT") >= 1);
    let spec = TableSpec::new("text", "doc_id");
    let inaugural = Path::new("tests/data/quanteda/data_corpus_inaugural.csv");
    assert_eq!(agrees(inaugural, &OpenOptions::new().table(&spec), "Party", "Republican"), 59);
    // By document: more groups than are counted densely, spilling to maps
    // part way through.
    agrees(inaugural, &OpenOptions::new().table(&spec), "doc_id", "2017-Trump");
}

#[test]
fn csv_and_jsonl_plain_and_gzipped_stream_as_they_load() {
    let dir = tempfile::tempdir().unwrap();
    let opts = OpenOptions::new().table(&TableSpec::new("body", "doc_id"));
    for name in ["t.csv", "t.csv.gz"] {
        let path = write(dir.path(), name, &table_csv());
        let whole = opts.open(&path).unwrap();
        let report = whole.report().to_string();
        for needle in ["markup", "empty text", "control character", "loaded as `meta_text`", "is the document title"] {
            assert!(report.contains(needle), "{name}: no `{needle}` in\n{report}");
        }
        assert_eq!(agrees(&path, &opts, "outlet", "left"), 150);
        agrees(&path, &opts, "doc_id", "r3");
    }
    for name in ["t.jsonl", "t.jsonl.gz"] {
        let path = write(dir.path(), name, &table_jsonl());
        let whole = opts.open(&path).unwrap();
        assert!(whole.metadata_columns().iter().any(|c| c == "meta_n_words"), "{:?}", whole.metadata_columns());
        assert_eq!(agrees(&path, &opts, "outlet", "left"), 150);
        // A column first seen late in the file groups the early rows as `(none)`.
        agrees(&path, &opts, "section", "s1");
    }
}

#[test]
fn files_the_fast_reader_steps_aside_for_give_the_same_corpus_or_error() {
    let dir = tempfile::tempdir().unwrap();
    let opts = OpenOptions::new();
    let mut latin1 = b"doc_id,text\na,caf".to_vec();
    latin1.extend_from_slice(b"\xe9 au lait\nb,the end\n");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("latin1.csv", latin1),
        ("nul.csv", b"doc_id,text\na,x\0y\n".to_vec()),
        ("duplicate.csv", b"doc_id,text\na,x\nb,y\nc,z\na,w\n".to_vec()),
        ("open-quote.csv", b"doc_id,text\na,x\nb,\"y\nc,z\n".to_vec()),
        ("empty.csv", b"".to_vec()),
        ("noid.csv", b"doc_id,text\na,x\n,y\n".to_vec()),
        ("duplicate.jsonl", b"{\"doc_id\":\"a\",\"text\":\"x\"}\n{\"doc_id\":\"b\",\"text\":\"y\"}\n{\"doc_id\":\"a\",\"text\":\"z\"}\n".to_vec()),
        ("broken.jsonl", b"{\"doc_id\":\"a\",\"text\":\"x\"}\n{\"doc_id\":\"b\",\"text\":\n".to_vec()),
        ("nul.jsonl", b"{\"doc_id\":\"a\",\"text\":\"x\"}\n{\"doc_id\":\"b\",\"text\":\"\0\"}\n".to_vec()),
    ];
    for (name, bytes) in cases {
        for name in [name.to_string(), format!("{name}.gz")] {
            let path = write(dir.path(), &name, &bytes);
            let mut keep = Keep::default();
            match (opts.stream(&path, 1, &mut keep), opts.open(&path)) {
                (Ok((report, _)), Ok(whole)) => {
                    assert_eq!(report.notices, whole.report().notices, "{name}");
                    assert_eq!(keep.docs, whole.docs(), "{name}");
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a.to_string(), b.to_string(), "{name}");
                    assert!(a.to_string().contains(&name), "{name}: {a}");
                }
                (a, b) => panic!("{name}: streamed {:?}, whole {:?}", a.map(|r| r.0.n_documents), b.map(|c| c.len())),
            }
        }
    }
    // An unknown column to group by is an error listing the columns.
    let path = write(dir.path(), "ok.csv", b"doc_id,outlet,text\na,x,one two\n");
    let t = Tokenizer::words();
    let mut counter = StreamCounter::new(&t, "bias", 2);
    let (_, columns) = opts.stream(&path, 1, &mut counter).unwrap();
    let e = counter.finish(&columns).err().unwrap().to_string();
    assert!(e.contains("no column `bias`") && e.contains("outlet"), "{e}");
}

/// The rows of [`table_rows`] as `t.parquet` in `dir`: the texts in `body`
/// (an empty one as null with `nulls`, as "" without), the CSV's columns
/// beside it, and with `year` an integer column the CSV does not have.
#[cfg(feature = "parquet")]
fn write_table_parquet(dir: &Path, nulls: bool, year: bool) -> PathBuf {
    let rows = table_rows();
    let mut columns = vec![
        Column::new("doc_id".into(), rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>()),
        Column::new("outlet".into(), rows.iter().map(|r| r.1.as_str()).collect::<Vec<_>>()),
        Column::new("title".into(), rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>()),
        Column::new("text".into(), rows.iter().map(|r| format!("x{}", r.0)).collect::<Vec<_>>()),
        match nulls {
            true => Column::new("body".into(), rows.iter().map(|r| Some(r.3.as_str()).filter(|t| !t.is_empty())).collect::<Vec<_>>()),
            false => Column::new("body".into(), rows.iter().map(|r| r.3.as_str()).collect::<Vec<_>>()),
        },
    ];
    if year {
        columns.push(Column::new("year".into(), (0..rows.len() as i64).map(|i| 2000 + i % 3).collect::<Vec<_>>()));
    }
    let mut df = DataFrame::new_infer_height(columns).unwrap();
    let path = dir.join("t.parquet");
    ParquetWriter::new(std::fs::File::create(&path).unwrap()).finish(&mut df).unwrap();
    path
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_corpora_load_and_stream_like_their_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_table_parquet(dir.path(), true, true);
    let opts = OpenOptions::new().table(&TableSpec::new("body", "doc_id"));
    let parquet = opts.open(&path).unwrap();
    let from_csv = opts.open(write(dir.path(), "t.csv", &table_csv())).unwrap();
    assert_eq!(parquet.len(), 150);
    for (p, c) in parquet.docs().iter().zip(from_csv.docs()) {
        assert_eq!((&p.id, &p.title, &p.text), (&c.id, &c.title, &c.text));
        assert_eq!(parquet.metadata(p, "outlet"), from_csv.metadata(c, "outlet"));
        assert_eq!(parquet.metadata(p, "meta_text"), from_csv.metadata(c, "meta_text"));
    }
    assert_eq!(parquet.metadata(&parquet.docs()[4], "year").as_deref(), Some("2001"));
    assert_eq!(parquet.metadata_columns(), ["outlet", "meta_text", "year"]);
    assert_eq!(agrees(&path, &opts, "outlet", "left"), 150);
    agrees(&path, &opts, "year", "2001");
    // A corrupt or truncated file is an error naming it.
    let bytes = std::fs::read(&path).unwrap();
    for (name, bytes) in [("cut.parquet", &bytes[..bytes.len() / 2]), ("text.parquet", &b"doc_id,text\na,b\n"[..]), ("flipped.parquet", &{
        let mut b = bytes.clone();
        for x in b[8..bytes.len() / 2].iter_mut() {
            *x ^= 0x5A;
        }
        b
    }[..])] {
        let bad = write(dir.path(), name, bytes);
        let e = opts.open(&bad).err().unwrap_or_else(|| panic!("{name} loaded")).to_string();
        assert!(e.contains(name), "{e}");
        let e = opts.stream(&bad, 10, &mut Keep::default()).err().unwrap().to_string();
        assert!(e.contains(name), "{e}");
    }
    // A missing column names the columns there are.
    let e = OpenOptions::new().table(&TableSpec::new("content", "doc_id")).open(&path).err().unwrap().to_string();
    assert!(e.contains("t.parquet") && e.contains("no such column") && e.contains("body"), "{e}");
}

/// The command line: `terms` on a Parquet corpus prints what it prints on
/// the same corpus as CSV, and a corrupt Parquet file is an error (exit 1)
/// naming it.
#[cfg(feature = "parquet")]
#[test]
fn the_command_line_reads_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = write_table_parquet(dir.path(), false, false);
    let csv_path = write(dir.path(), "t.csv.gz", &table_csv());
    let run = |corpus: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsframe"))
            .args(["terms", "--corpus", corpus.to_str().unwrap(), "--by", "outlet", "--text-column", "body", "--format", "csv"])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, from_parquet, err) = run(&parquet);
    assert_eq!(code, Some(0), "{err}");
    let (_, from_csv, _) = run(&csv_path);
    assert!(from_parquet.lines().count() > 20);
    assert_eq!(from_parquet, from_csv);
    let bad = write(dir.path(), "bad.parquet", b"PAR1 not really parquet PAR1");
    let (code, out, err) = run(&bad);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.is_empty() && err.contains("bad.parquet") && err.contains("Parquet"), "{err}");
}

/// Refuses any batch holding the document `r7`.
#[derive(Default)]
struct RefuseR7 {
    batches: usize,
    restarts: usize,
}

impl Batches for RefuseR7 {
    fn batch(&mut self, b: &Corpus) -> newsframe::Result<()> {
        self.batches += 1;
        match b.docs().iter().any(|d| d.id == "r7") {
            true => Err(newsframe::Error::io(Path::new("r7"), std::io::Error::other("r7 refused"))),
            false => Ok(()),
        }
    }
    fn restart(&mut self) {
        self.restarts += 1;
    }
}

#[test]
fn a_sink_that_fails_stops_the_reader_and_its_error_is_returned() {
    // The file is parsed on its own thread while the sink works; a sink
    // error must stop that thread (no hang, whatever the batch size) and
    // come back as the error, after the ordinary whole-file read.
    let dir = tempfile::tempdir().unwrap();
    let spec = TableSpec::new("body", "doc_id");
    for name in ["t.csv", "t.csv.gz", "t.jsonl"] {
        let bytes = if name.contains("jsonl") { table_jsonl() } else { table_csv() };
        let path = write(dir.path(), name, &bytes);
        for docs in [1, 2, 100] {
            let mut sink = RefuseR7::default();
            let err = OpenOptions::new().table(&spec).stream(&path, docs, &mut sink).unwrap_err();
            assert!(err.to_string().contains("r7 refused"), "{name}, batches of {docs}: {err}");
            assert_eq!(sink.restarts, 1, "{name}, batches of {docs}");
            // The batches before r7's, the one with r7, and the whole file.
            assert_eq!(sink.batches, 7 / docs + 2, "{name}, batches of {docs}");
        }
    }
}
