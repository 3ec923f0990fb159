//! Adversarial input: files outside the corpus, special files, silent row
//! loss, clashing column names, unbounded options, closed pipes, broken
//! dictionaries. Every case is generated here (temporary folders, links and
//! FIFOs made at test time) and must end in a corpus that holds exactly
//! what the input holds, or in one error that names the file, the entry,
//! the line or the field, never in a panic, a hang or a silent drop.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use newsframe::dictionary::Dictionary;
use newsframe::{Corpus, TableSpec};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(path: &Path, bytes: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

/// Runs `f` on another thread and fails the test if it takes more than
/// `secs` seconds (a FIFO opened for reading blocks forever).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs)).expect("hung: no answer in time")
}

fn err(result: newsframe::Result<Corpus>) -> String {
    match result {
        Ok(c) => panic!("expected an error, loaded {} documents; report: {}", c.len(), c.report()),
        Err(e) => e.to_string(),
    }
}

fn manifest(files: &[(&str, &str)]) -> String {
    files.iter().map(|(id, file)| format!("[[document]]\nid = \"{id}\"\nfile = \"{file}\"\n\n")).collect()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo").success();
    assert!(ok, "mkfifo {}", path.display());
}

// ---------------------------------------------------------------- paths

#[test]
fn manifest_entries_that_leave_the_folder_are_refused_naming_the_entry() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "private.txt", b"Private notes\nMy bank password.\n");
    let corpus = root.path().join("corpus");
    write(&corpus, "a.txt", b"A title\nSome prose here.\n");
    let private = root.path().join("private.txt");
    for file in ["../private.txt", private.to_str().unwrap()] {
        write(&corpus, "manifest.toml", manifest(&[("a", "a.txt"), ("p", file)]).as_bytes());
        let e = err(Corpus::open(&corpus));
        assert!(e.contains("document[2].file") && e.contains("manifest.toml, line 5"), "{e}");
        assert!(e.contains("outside the corpus folder") && e.contains("--allow-outside"), "{e}");
        // Opted in: loaded, and the report names the file.
        let c = Corpus::options().allow_outside(true).open(&corpus).unwrap();
        assert_eq!(c.len(), 2);
        assert!(c.get("p").unwrap().text.contains("bank password"));
        let notice = c.report().warnings().find(|n| n.doc_id.as_deref() == Some("p")).expect("a warning for the outside file");
        assert!(notice.message.contains("outside the corpus folder") && notice.source.contains("private.txt"), "{notice}");
        assert_eq!(c.report().warnings().count(), 1);
    }
}

#[test]
fn links_that_leave_the_folder_are_refused_and_links_inside_are_read() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "secret.txt", b"Secret\nDo not publish.\n");
    let corpus = root.path().join("corpus");
    write(&corpus, "a.txt", b"A title\nSome prose here.\n");
    std::os::unix::fs::symlink(root.path().join("secret.txt"), corpus.join("b.txt")).unwrap();
    let e = err(Corpus::open(&corpus));
    assert!(e.contains("b.txt (folder entry)") && e.contains("a symbolic link to") && e.contains("outside the corpus folder"), "{e}");
    let c = Corpus::options().allow_outside(true).open(&corpus).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.report().warnings().filter(|n| n.message.contains("outside the corpus folder")).count(), 1);
    // A link to a file inside the folder is the folder's own file.
    std::fs::remove_file(corpus.join("b.txt")).unwrap();
    write(&corpus, "sub/c.txt", b"C\nInside.\n");
    std::os::unix::fs::symlink(corpus.join("sub/c.txt"), corpus.join("c.txt")).unwrap();
    let c = Corpus::open(&corpus).unwrap();
    assert_eq!(c.docs().iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
    // A manifest that is a link to one elsewhere is refused like any file.
    let other = root.path().join("other");
    write(&other, "manifest.toml", manifest(&[("a", "a.txt")]).as_bytes());
    let linked = root.path().join("linked");
    write(&linked, "a.txt", b"A\nProse.\n");
    std::os::unix::fs::symlink(other.join("manifest.toml"), linked.join("manifest.toml")).unwrap();
    let e = err(Corpus::open(&linked));
    assert!(e.contains("manifest.toml (manifest.toml)") && e.contains("outside the corpus folder"), "{e}");
    assert_eq!(Corpus::options().allow_outside(true).open(&linked).unwrap().len(), 1);
    // The manifest's own folder given through a link is fine.
    let link = root.path().join("link");
    std::os::unix::fs::symlink(&corpus, &link).unwrap();
    assert_eq!(Corpus::open(&link).unwrap().len(), 2);
}

#[test]
fn devices_and_fifos_are_refused_before_they_are_opened() {
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    write(&corpus, "a.txt", b"A\nProse.\n");
    write(&corpus, "manifest.toml", manifest(&[("a", "a.txt"), ("z", "/dev/zero")]).as_bytes());
    // Outside first; allowed outside, still not a regular file.
    let e = err(Corpus::open(&corpus));
    assert!(e.contains("outside the corpus folder"), "{e}");
    let c2 = corpus.clone();
    let e = err(within(20, move || Corpus::options().allow_outside(true).open(&c2)));
    assert!(e.contains("/dev/zero") && e.contains("a device; only regular files are read"), "{e}");

    // A FIFO in a folder, named like a text file: refused, not waited on.
    let folder = root.path().join("fifo");
    write(&folder, "a.txt", b"A\nProse.\n");
    mkfifo(&folder.join("b.txt"));
    let f2 = folder.clone();
    let e = err(within(20, move || Corpus::open(&f2)));
    assert!(e.contains("b.txt") && e.contains("a named pipe (FIFO)"), "{e}");
    // A FIFO with another name is listed, not opened.
    std::fs::remove_file(folder.join("b.txt")).unwrap();
    mkfifo(&folder.join("pipe"));
    let f2 = folder.clone();
    let c = within(20, move || Corpus::open(&f2)).unwrap();
    assert!(c.report().notices.iter().any(|n| n.source.ends_with("pipe") && n.message.contains("not loaded")));
    // A FIFO given as the corpus itself.
    let csv = root.path().join("t.csv");
    mkfifo(&csv);
    let e = err(within(20, move || Corpus::open(&csv)));
    assert!(e.contains("t.csv") && e.contains("named pipe"), "{e}");
    // And as a manifest entry, inside the folder.
    let m = root.path().join("m");
    write(&m, "a.txt", b"A\nProse.\n");
    mkfifo(&m.join("f.txt"));
    write(&m, "manifest.toml", manifest(&[("a", "a.txt"), ("f", "f.txt")]).as_bytes());
    let e = err(within(20, move || Corpus::open(&m)));
    assert!(e.contains("document[2].file") && e.contains("named pipe"), "{e}");
}

#[test]
fn files_over_the_size_limit_are_refused_with_the_flag_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A title\nSome prose that is longer than forty bytes, surely.\n");
    let e = err(Corpus::options().max_file_size(40).open(dir.path()));
    assert!(e.contains("a.txt") && e.contains("over the limit of 40 bytes") && e.contains("--max-file-size"), "{e}");
    assert_eq!(Corpus::options().max_file_size(1000).open(dir.path()).unwrap().len(), 1);
    // A gzip stream that inflates past the limit stops at it.
    let gz = dir.path().join("big.csv.gz");
    let mut body = b"doc_id,text\n".to_vec();
    for i in 0..2000 {
        body.extend_from_slice(format!("d{i},{}\n", "word ".repeat(20)).as_bytes());
    }
    gzip(&gz, &body);
    assert!(std::fs::metadata(&gz).unwrap().len() < 50_000);
    let e = err(Corpus::options().max_file_size(50_000).open(&gz));
    assert!(e.contains("big.csv.gz") && e.contains("once gunzipped") && e.contains("--max-file-size"), "{e}");
    assert_eq!(Corpus::options().max_file_size(1 << 20).open(&gz).unwrap().len(), 2000);
}

// ------------------------------------------------------ nothing dropped

#[test]
fn a_quote_left_open_at_the_end_stops_the_load_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from("doc_id,outlet,text\n");
    for i in 1..=10 {
        // Row 4 opens a quote in its last column and never closes it.
        let text = if i == 4 { "\"Opened here, never closed".to_string() } else { format!("Plain text {i}") };
        body.push_str(&format!("d{i},o{i},{text}\n"));
    }
    let plain = write(dir.path(), "open.csv", body.as_bytes());
    let gz = dir.path().join("open.csv.gz");
    gzip(&gz, body.as_bytes());
    for path in [plain, gz] {
        let e = err(Corpus::open(&path));
        assert!(e.contains("line 5") && e.contains("never closed") && e.contains("lines 5 to 11"), "{e}");
    }
    // Left open in the middle, the quote runs to the next quoted field.
    let middle = body.replace("Plain text 8", "\"Quoted eight\"");
    let path = write(dir.path(), "middle.csv", middle.as_bytes());
    let e = err(Corpus::open(&path));
    assert!(e.contains("middle.csv, line 5") && e.contains("runs to line 9") && e.contains("followed by `Quoted eight`"), "{e}");
    // Closed, the same file loads all ten rows.
    let closed = write(dir.path(), "closed.csv", body.replace("never closed", "closed\"").as_bytes());
    assert_eq!(Corpus::open(&closed).unwrap().len(), 10);
}

#[test]
fn every_folder_entry_not_loaded_has_a_line_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A\nProse.\n");
    write(dir.path(), ".hidden.txt", b"H\nHidden prose.\n");
    write(dir.path(), "notes.md", b"# notes\n");
    std::fs::create_dir(dir.path().join("folder.txt")).unwrap();
    let c = Corpus::open(dir.path()).unwrap();
    assert_eq!(c.len(), 1);
    let line = |name: &str| c.report().notices.iter().find(|n| n.source.ends_with(name)).map(|n| n.message.clone());
    assert_eq!(line(".hidden.txt").as_deref(), Some("hidden file; not loaded"));
    assert!(line("notes.md").unwrap().contains("not a .txt file"));
    assert!(line("folder.txt").unwrap().contains("a folder; not loaded"));
    assert_eq!(c.report().notices.len(), 3);
}

#[test]
fn ids_that_collide_are_an_error_naming_both_files() {
    for (a, b) in [("a.txt", "a.TXT"), ("A.txt", "a.txt")] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), a, b"A\nOne.\n");
        write(dir.path(), b, b"B\nTwo.\n");
        let e = err(Corpus::open(dir.path()));
        assert!(e.contains(a) && e.contains(b) && e.contains("both give the document id"), "{e}");
    }
}

// ------------------------------------------------------- column names

const ALLSIDES_HEADER: &str = "ID,topic,source,source_url,url,date,authors,title,bias_text,bias,content_original";

fn allsides_csv(rows: usize) -> String {
    let mut s = format!("{ALLSIDES_HEADER}\n");
    for i in 0..rows {
        s.push_str(&format!(
            "{i},elections,Outlet {i},https://o{i}.example,https://o{i}.example/a,2024-11-0{},\"Ann, Bob\",Title number {i},{},{},\"First paragraph {i}.\n\nSecond, with \"\"quotes\"\".\"\n",
            1 + i % 9,
            ["left", "center", "right"][i % 3],
            i % 3
        ));
    }
    s
}

#[test]
fn the_allsides_header_loads_with_title_as_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "articles.csv", allsides_csv(6).as_bytes());
    let c = Corpus::open_with(&path, &TableSpec::new("content_original", "ID")).unwrap();
    assert_eq!(c.len(), 6);
    assert_eq!(c.docs()[2].title.as_deref(), Some("Title number 2"));
    assert_eq!(c.metadata_columns(), ["topic", "source", "source_url", "url", "date", "authors", "bias_text", "bias"]);
    assert!(c.report().notices.iter().any(|n| n.message.contains("column `title` is the document title")));
    let docs = c.documents().unwrap();
    assert_eq!(docs.height(), 6);
    // An explicit title column leaves `title` to the metadata, renamed.
    let c = Corpus::open_with(&path, &TableSpec::new("content_original", "ID").with_title("topic")).unwrap();
    assert!(c.metadata_columns().contains(&"meta_title".to_string()));
    assert_eq!(c.metadata(&c.docs()[0], "meta_title").as_deref(), Some("Title number 0"));
    c.documents().unwrap();
}

#[test]
fn metadata_named_like_built_in_columns_is_renamed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "m.csv", b"id,body,text,n_words,chrome,meta_text\n1,Some prose.,x,7,c,taken\n");
    let c = Corpus::open_with(&csv, &TableSpec::new("body", "id")).unwrap();
    assert_eq!(c.metadata_columns(), ["meta_text_2", "meta_n_words", "meta_chrome", "meta_text"]);
    assert_eq!(c.metadata(&c.docs()[0], "meta_n_words").as_deref(), Some("7"));
    assert_eq!(c.report().notices.iter().filter(|n| n.message.contains("is a built-in column")).count(), 3);
    let docs = c.documents().unwrap();
    assert_eq!(docs.width(), 1 + 4 + 7);
    // JSON Lines alike (keys in each line's alphabetical order, as
    // serde_json reads them).
    let jsonl = write(dir.path(), "m.jsonl", b"{\"id\": \"1\", \"body\": \"Prose.\", \"text\": \"x\", \"doc_id\": \"y\"}\n");
    let c = Corpus::open_with(&jsonl, &TableSpec::new("body", "id")).unwrap();
    assert_eq!(c.metadata_columns(), ["meta_doc_id", "meta_text"]);
    c.documents().unwrap();
    // A name used twice in a header is an error naming both columns.
    let dup = write(dir.path(), "d.csv", b"doc_id,x,text,x\n1,a,b,c\n");
    let e = err(Corpus::open(&dup));
    assert!(e.contains("d.csv, line 1, field `x`") && e.contains("columns 2 and 4"), "{e}");
}

// ------------------------------------------------------------ messages

#[test]
fn a_nul_in_a_csv_is_named_by_row_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "n.csv", b"doc_id,outlet,text\na,o,fine\nb,o,bro\0ken\n");
    let e = err(Corpus::open(&path));
    assert!(e.contains("n.csv, line 3, field `text`: row 2: a NUL byte"), "{e}");
    let path = write(dir.path(), "n.jsonl", b"{\"doc_id\": \"a\", \"text\": \"x\"}\n{\"doc_id\": \"b\", \"text\": \"y\0\"}\n");
    let e = err(Corpus::open(&path));
    assert!(e.contains("n.jsonl, line 2") && e.contains("NUL byte"), "{e}");
}

#[test]
fn json_lines_errors_give_the_file_line_and_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "j.jsonl", b"{\"doc_id\": \"a\", \"text\": \"x\"}\n{\"doc_id\": \"b\", \"text\": \"y\",}\n");
    let e = err(Corpus::open(&path));
    assert!(e.contains("j.jsonl, line 2: not valid JSON Lines: column "), "{e}");
    assert!(!e.contains("line 1"), "{e}");
}

/// `n` JSON Lines documents, document `i` with its own key `k{i}` = `v{i}`.
fn keys_jsonl(dir: &Path, n: usize) -> Corpus {
    let body: String = (0..n).map(|i| format!("{{\"doc_id\": \"d{i}\", \"text\": \"Words {i}.\", \"k{i}\": \"v{i}\"}}\n")).collect();
    Corpus::open(write(dir, "keys.jsonl", body.as_bytes())).unwrap()
}

#[test]
fn json_lines_with_many_distinct_keys_load_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let c = keys_jsonl(dir.path(), 20_000);
    assert_eq!(c.metadata_columns().len(), 20_000);
    assert_eq!(c.metadata(&c.docs()[19_999], "k19999").as_deref(), Some("v19999"));
    assert_eq!(c.metadata(&c.docs()[19_999], "k0"), None);
    // Stored sparsely: one value a document, not 20,000.
    assert!(c.docs().iter().all(|d| d.metadata.iter().count() == 1));
}

#[test]
fn a_documents_table_too_sparse_to_lay_out_is_an_error_and_provenance_has_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let c = keys_jsonl(dir.path(), 8_000);
    // 8,000 rows × 8,000 columns: 64 million cells for 8,000 values.
    let e = c.documents().unwrap_err().to_string();
    assert!(e.contains("8000 rows × 8000 metadata columns") && e.contains("--table provenance"), "{e}");
    let p = c.provenance().unwrap();
    assert_eq!(p.height(), 8_000);
    let values: Vec<Option<&str>> = p.column("value").unwrap().str().unwrap().iter().collect();
    assert_eq!((values[0], values[7_999]), (Some("v0"), Some("v7999")));
    let fields: Vec<Option<&str>> = p.column("field").unwrap().str().unwrap().iter().collect();
    assert_eq!(fields[7_999], Some("k7999"));
    // A dense table of the same size is laid out.
    let mut body = String::from("doc_id,text,a,b\n");
    for i in 0..8_000 {
        body.push_str(&format!("d{i},Words {i}.,x{i},\n"));
    }
    let c = Corpus::open(write(dir.path(), "dense.csv", body.as_bytes())).unwrap();
    let t = c.documents().unwrap();
    assert_eq!(t.height(), 8_000);
    assert_eq!(c.metadata(&c.docs()[5], "a").as_deref(), Some("x5"));
    assert_eq!(c.metadata(&c.docs()[5], "b"), None);
}

#[test]
fn metadata_values_share_one_buffer_and_keep_the_last_of_a_column_given_twice() {
    let m = newsframe::corpus::Metadata::from_pairs([(7, "seven".to_string()), (2, String::new()), (7, "later".into()), (0, "zero".into())]);
    assert_eq!(m.iter().collect::<Vec<_>>(), [(0, "zero"), (2, ""), (7, "later")]);
    assert_eq!((m.get(0), m.get(1), m.get(2), m.get(7), m.get(usize::MAX)), (Some("zero"), None, Some(""), Some("later"), None));
    let empty = newsframe::corpus::Metadata::from_pairs([]);
    assert_eq!((empty.get(0), empty.iter().count()), (None, 0));
}

// --------------------------------------------------------- dictionaries

fn dict_err(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = write(dir, name, bytes);
    match Dictionary::open(&p) {
        Ok(d) => panic!("{name}: expected an error, got {} categories", d.categories.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn liwc_files_get_messages_that_say_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let e = dict_err(dir.path(), "u.dic", b"%\n1\tposemo\n2\tnegemo\n%\ngood\t1\nawful\t2 7\n");
    assert!(e.contains("u.dic, line 6") && e.contains("category id 7 (for `awful`) is not defined"), "{e}");
    let e = dict_err(dir.path(), "l.dic", b"%\n1\tposemo\n%\ncaf\xe9\t1\n");
    assert!(e.contains("line 4") && e.contains("not valid UTF-8") && e.contains("save the file as UTF-8"), "{e}");
    let e = dict_err(dir.path(), "d.dic", b"%\n1\tposemo\n2\tposemo\n%\ngood\t1\n");
    assert!(e.contains("line 3") && e.contains("category name `posemo` is used twice (lines 2 and 3)"), "{e}");
    let e = dict_err(dir.path(), "z.dic", b"%\n1\tposemo\n%\ngo\0od\t1\n");
    assert!(e.contains("line 4") && e.contains("U+0000"), "{e}");
    let e = dict_err(dir.path(), "n.dic", b"%\n1\tposemo\n%\nlonely\n");
    assert!(e.contains("line 4") && e.contains("no category ids"), "{e}");
    // A byte-order mark, and numeric words (even one equal to an id), load.
    let p = write(dir.path(), "ok.dic", b"\xEF\xBB\xBF%\n1\tposemo\n12\tyears\n%\ngood\t1\n1990\t12\n12\t12\nkind of\t1\t12\n");
    let d = Dictionary::open(&p).unwrap();
    let words = |k: usize| d.categories[k].entries.iter().map(|e| e.pattern.clone()).collect::<Vec<_>>();
    assert_eq!(words(0), ["good", "kind of"]);
    assert_eq!(words(1), ["1990", "12", "kind of"]);
}

#[test]
fn liwc_loading_is_linear_in_categories() {
    // 30,000 categories, one word each: with a scan of the category list
    // per id this was 10^9 comparisons.
    let mut s = String::from("%\n");
    for i in 0..30_000 {
        s.push_str(&format!("{i}\tcat{i}\n"));
    }
    s.push_str("%\n");
    for i in 0..30_000 {
        s.push_str(&format!("word{i}\t{i}\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "big.dic", s.as_bytes());
    let start = std::time::Instant::now();
    let d = Dictionary::open(&p).unwrap();
    assert_eq!(d.categories.len(), 30_000);
    assert_eq!(d.categories[29_999].entries[0].pattern, "word29999");
    assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
}

#[test]
fn yaml_limits_fit_real_dictionaries_and_still_stop_alias_bombs() {
    let dir = tempfile::tempdir().unwrap();
    // 300,000 patterns: more nodes than serde-saphyr's default budget.
    let mut s = String::from("big:\n");
    for i in 0..300_000 {
        s.push_str(&format!("  - w{i}\n"));
    }
    let p = write(dir.path(), "big.yml", s.as_bytes());
    let d = Dictionary::open(&p).unwrap();
    assert_eq!(d.categories[0].entries.len(), 300_000);
    // The billion laughs.
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (k, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        bomb.push_str(&format!("{k}: &{k} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let p = write(dir.path(), "bomb.yml", bomb.as_bytes());
    let e = within(60, move || Dictionary::open(&p).map(|d| d.categories.len())).unwrap_err().to_string();
    assert!(e.contains("bomb.yml") && e.contains("YAML"), "{e}");
    // Names that collide once nested keys are joined.
    let e = dict_err(dir.path(), "n.yml", b"a:\n  b: [x]\na.b: [y]\n");
    assert!(e.contains("`a.b`") && e.contains("occurs twice"), "{e}");
    // A FIFO is refused, not waited on.
    let fifo = dir.path().join("f.yml");
    mkfifo(&fifo);
    let e = within(20, move || Dictionary::open(&fifo).map(|d| d.categories.len())).unwrap_err().to_string();
    assert!(e.contains("named pipe"), "{e}");
}

// ------------------------------------------------------- command line

fn newsframe(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsframe")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn the_readme_allsides_example_works_plain_and_gzipped() {
    let dir = tempfile::tempdir().unwrap();
    let body = allsides_csv(5);
    let plain = write(dir.path(), "articles.csv", body.as_bytes());
    let gz = dir.path().join("articles.csv.gz");
    gzip(&gz, body.as_bytes());
    for path in [plain, gz] {
        let (code, out, err) = newsframe(&["corpus", path.to_str().unwrap(), "--text-column", "content_original", "--id-column", "ID", "--format", "csv"]);
        assert_eq!(code, 0, "{err}");
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some("doc_id,topic,source,source_url,url,date,authors,bias_text,bias,title,text,chrome,n_chars,n_words,n_sentences,n_paragraphs")
        );
        assert!(lines.next().unwrap().starts_with("0,elections,Outlet 0,"), "{out}");
        assert!(err.contains("loaded 5 documents") && err.contains("column `title` is the document title"), "{err}");
    }
}

#[test]
fn options_are_bounded_with_a_message() {
    for size in ["64", "30", "9", "1", "0"] {
        let (code, out, err) = newsframe(&["collocations", "--corpus", "seeds", "--size", size]);
        assert_eq!(code, 2, "--size {size}: {err}");
        assert!(out.is_empty() && err.contains("--size") && err.contains("2..=8"), "{err}");
    }
    let (code, out, err) = newsframe(&["collocations", "--corpus", "seeds", "--size", "8", "--min-count", "1", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().nth(1).unwrap().split(',').nth(2) == Some("8"), "{out}");
    for threads in ["100000", "0", "x"] {
        let (code, _, err) = newsframe(&["count", "--corpus", "seeds", "--threads", threads]);
        assert_eq!(code, 2, "--threads {threads}: {err}");
        assert!(err.contains("expected a number of threads from 1 to"), "{err}");
    }
    let (code, _, err) = newsframe(&["count", "--corpus", "seeds", "--threads", "1"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = newsframe(&["corpus", "seeds", "--max-file-size", "0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn command_line_flags_reach_the_loader() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "out.txt", b"Out\nOutside words.\n");
    let corpus = root.path().join("c");
    write(&corpus, "a.txt", b"A\nInside words.\n");
    write(&corpus, "manifest.toml", manifest(&[("a", "a.txt"), ("o", "../out.txt")]).as_bytes());
    let c = corpus.to_str().unwrap();
    let (code, out, err) = newsframe(&["terms", "--corpus", c, "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("--allow-outside"), "{err}");
    let (code, out, err) = newsframe(&["terms", "--corpus", c, "--format", "csv", "--allow-outside"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("outside") && err.contains("outside the corpus folder"), "{out}\n{err}");
    let (code, _, err) = newsframe(&["corpus", c, "--allow-outside", "--max-file-size", "10"]);
    assert_eq!(code, 1);
    assert!(err.contains("over the limit of 10 bytes"), "{err}");
}

#[test]
fn non_finite_statistics_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "only.txt", b"Only\nOne document with words.\n");
    let d = dir.path().to_str().unwrap();
    for format in ["table", "csv", "json"] {
        let (code, out, err) = newsframe(&["keyness", "--corpus", d, "--target", "only", "--measure", "lr", "--format", format]);
        assert_eq!(code, 1, "{out}");
        assert!(!out.contains("inf") && !out.contains("null"), "{out}");
        assert!(err.contains("nothing to compare it with"), "{err}");
    }
}

/// A corpus whose tables run to many thousands of rows.
fn big_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..40 {
        let words: Vec<String> = (0..1500).map(|i| format!("w{d}x{i} common")).collect();
        write(dir.path(), &format!("doc{d:02}.txt"), format!("Title {d}\n{}. {}.\n", words.join(" "), words.join(" ")).as_bytes());
    }
    dir
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = big_corpus();
    let d = dir.path().to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["terms", "--corpus", d],
        vec!["corpus", d, "--table", "sentences"],
        vec!["count", "--corpus", d],
        vec!["count", "--corpus", d, "--table"],
        vec!["kwic", "--corpus", d, "--pattern", "common"],
        vec!["collocations", "--corpus", d, "--min-count", "1"],
    ];
    for args in runs {
        for format in ["table", "csv", "json"] {
            let mut args = args.clone();
            if args[0] != "count" || args.contains(&"--table") {
                args.extend(["--format", format]);
            } else if format != "table" {
                continue;
            }
            let mut child = Command::new(env!("CARGO_BIN_EXE_newsframe"))
                .args(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // Read the first bytes (JSON has no line breaks), then hang up.
            let mut stdout = child.stdout.take().unwrap();
            let mut first = [0u8; 64];
            std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
            drop(stdout);
            let status = child.wait().unwrap();
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            assert!(first.iter().any(|&b| b != 0), "{args:?}: no output; {err}");
            assert_eq!(status.code(), Some(0), "{args:?}: {err}");
            assert!(!err.contains("panicked") && !err.contains("error"), "{args:?}: {err}");
        }
    }
}
