//! Corpora stored as tables: CSV and JSON Lines, plain or gzipped.
//!
//! A [`TableSpec`] names the column holding the text and the one holding the
//! id; an optional title column becomes the `title`; every other column
//! becomes a metadata column, as text. Rows are never dropped: a row with an
//! empty text is kept and named in the load report, a row without an id is
//! an error, and so is a quote left open at the end of a CSV file (which
//! would otherwise swallow the rows after it into one field).
//!
//! Column names:
//! - when no title column is given and the table has a column named
//!   `title`, that column is the title (the report says so);
//! - a metadata column named like a built-in column of the documents table
//!   (`doc_id`, `title`, `text`, `chrome`, `n_chars`, `n_words`,
//!   `n_sentences`, `n_paragraphs`) is renamed `meta_<name>` (the report
//!   says so), so that the AllSides header (`ID, …, title, …,
//!   content_original`) loads as it is;
//! - a name used twice in a CSV header is an error naming both columns.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::blocks::Blocks;
use super::{check_markup, columns, decode, Corpus, Document, Level, LoadReport, Metadata};
use crate::error::{Error, ErrorKind, Result};

/// Which columns of a CSV or JSON Lines file hold what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// The column with the document text. Default `text`.
    pub text_column: String,
    /// The column with the document id. Default `doc_id`.
    pub id_column: String,
    /// The column with the title, if any. Default none.
    pub title_column: Option<String>,
}

impl Default for TableSpec {
    fn default() -> TableSpec {
        TableSpec { text_column: "text".into(), id_column: "doc_id".into(), title_column: None }
    }
}

impl TableSpec {
    /// A spec with these text and id columns.
    pub fn new(text_column: impl Into<String>, id_column: impl Into<String>) -> TableSpec {
        TableSpec { text_column: text_column.into(), id_column: id_column.into(), title_column: None }
    }

    /// The same spec with a title column.
    pub fn with_title(mut self, column: impl Into<String>) -> TableSpec {
        self.title_column = Some(column.into());
        self
    }
}

/// Reads a file (at most `limit` bytes), gunzipping it when its name ends
/// in `.gz` (at most `limit` bytes once inflated).
fn read_table_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let bytes = super::paths::read_limited(path, None, limit)?;
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(3));
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| Error::syntax(path, "gzip", None, e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(Error::refused(
            path,
            None,
            format!("over {limit} bytes once gunzipped, the limit per file; pass --max-file-size BYTES (OpenOptions::max_file_size) to raise it"),
        ));
    }
    Ok(out)
}

/// Decodes a table's bytes; a NUL byte (which makes the file binary by the
/// rules of [`decode`]) is reported where `locate` finds it (row and
/// field), not as a byte offset.
fn decode_table_bytes(path: &Path, bytes: Vec<u8>, report: &mut LoadReport, locate: impl Fn(&Path, &[u8]) -> Option<Error>) -> Result<String> {
    let utf16 = encoding_rs::Encoding::for_bom(&bytes).is_some_and(|(enc, _)| enc != encoding_rs::UTF_8);
    if !utf16 && bytes.contains(&0) {
        if let Some(e) = locate(path, &bytes) {
            return Err(e);
        }
    }
    let decoded = decode::decode_table(path, bytes)?;
    if let Some(note) = decoded.note {
        report.push(Level::Warning, path.display().to_string(), None, None, note);
    }
    Ok(decoded.text)
}

const NUL_HELP: &str = "a NUL byte: binary data, or a UTF-16 file without a byte-order mark; remove it, or save the file as UTF-8";

/// The CSV row and field holding the first NUL byte.
fn locate_nul_csv(path: &Path, bytes: &[u8]) -> Option<Error> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut header: Vec<String> = vec![];
    let mut record = csv::ByteRecord::new();
    let mut row = 0u64;
    while reader.read_byte_record(&mut record).ok()? {
        let line = record.position().map_or(0, |p| p.line());
        if row == 0 {
            header = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        }
        if let Some(k) = record.iter().position(|f| f.contains(&0)) {
            let field = header.get(k).cloned().unwrap_or_else(|| format!("column {}", k + 1));
            let what = if row == 0 { "the header".to_string() } else { format!("row {row}") };
            return Some(Error::field(path, Some(line), field, format!("{what}: {NUL_HELP}")));
        }
        row += 1;
    }
    None
}

/// The JSON Lines line holding the first NUL byte.
fn locate_nul_lines(path: &Path, bytes: &[u8]) -> Option<Error> {
    let at = bytes.iter().position(|&b| b == 0)?;
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    Some(Error::syntax(path, "JSON Lines", Some(line), NUL_HELP))
}

/// The error for a quoted field that spans lines and closes badly (see
/// [`super::quotes`]).
fn bad_close_error(path: &Path, text: &str, open: usize, close: usize) -> Error {
    let b = text.as_bytes();
    let line = 1 + b[..open].iter().filter(|&&c| c == b'\n').count() as u64;
    let last = line + b[open..close].iter().filter(|&&c| c == b'\n').count() as u64;
    let after: String = text[close + 1..].chars().take(12).take_while(|&c| c != '\n').collect();
    Error::syntax(
        path,
        "CSV",
        Some(line),
        format!(
            "the quoted field opened on line {line} runs to line {last}, where its closing quote is followed by `{after}` \
             instead of a comma or the end of the line: a quote is probably left open on line {line} (or not doubled), \
             and lines {line} to {last} would be read as one field; close it, and write a quote inside a quoted field twice (\"\")"
        ),
    )
}

/// The error for a quote left open at the end of a CSV file.
fn open_quote_error(path: &Path, text: &str, at: usize) -> Error {
    let b = text.as_bytes();
    let line = 1 + b[..at].iter().filter(|&&c| c == b'\n').count() as u64;
    let last = line + b[at..].trim_ascii_end().iter().filter(|&&c| c == b'\n').count() as u64;
    Error::syntax(
        path,
        "CSV",
        Some(line),
        format!(
            "the quoted field opened on line {line} is never closed, so lines {line} to {last} would be read as one field; \
             close the quote (a quote inside a quoted field is written twice: \"\")"
        ),
    )
}

/// Where [`Rows`] hands its documents on when a table is read in batches
/// (see [`super::stream`]): at most `docs` documents, or about
/// [`BATCH_BYTES`] of text, at a time, already checked.
pub(crate) struct Handoff<'s> {
    pub docs: usize,
    pub sink: &'s mut dyn FnMut(Corpus) -> Result<()>,
}

/// A batch is handed on once its texts reach this many bytes, whatever
/// its number of documents.
pub(crate) const BATCH_BYTES: usize = 32 << 20;

/// Rows of (line, id, title, text, metadata) gathered from either format.
pub(super) struct Rows<'s> {
    path: std::path::PathBuf,
    columns: Vec<String>,
    docs: Vec<Document>,
    seen: HashMap<String, u64>,
    /// The first line of each row, by document.
    lines: Vec<u64>,
    /// The notices on the file as a whole (before any document's).
    report: LoadReport,
    /// The notices on the documents checked so far, in document order.
    checked: Vec<super::Notice>,
    /// When reading in batches: where they go, and how many went.
    handoff: Option<Handoff<'s>>,
    handed: usize,
    bytes: usize,
}

impl<'s> Rows<'s> {
    pub(super) fn new(path: &Path, columns: Vec<String>, report: LoadReport, handoff: Option<Handoff<'s>>) -> Rows<'s> {
        Rows { path: path.to_path_buf(), columns, docs: vec![], seen: HashMap::new(), lines: vec![], report, checked: vec![], handoff, handed: 0, bytes: 0 }
    }

    /// Adds a row; the duplicate-id check runs here, in file order, and the
    /// per-text checks run in parallel in [`Rows::check`] (for each batch,
    /// when reading in batches, or once in [`Rows::finish`]).
    pub(super) fn push(&mut self, line: u64, id: String, title: Option<String>, text: String, metadata: Metadata) -> Result<()> {
        if let Some(&first) = self.seen.get(&id) {
            return Err(Error::new(ErrorKind::DuplicateId {
                path: self.path.clone(),
                id,
                first_line: first,
                second_line: line,
            }));
        }
        self.seen.insert(id.clone(), line);
        self.bytes += text.len();
        self.docs.push(Document {
            id,
            source: format!("{}:{line}", self.path.display()),
            title,
            text,
            chrome: vec![],
            metadata,
            evidence: vec![],
            notes: vec![],
        });
        self.lines.push(line);
        if self.handoff.as_ref().is_some_and(|h| self.docs.len() >= h.docs.max(1) || self.bytes >= BATCH_BYTES) {
            self.hand_on()?;
        }
        Ok(())
    }

    /// Whether a row with `text_len` bytes of text will make [`Rows::push`]
    /// hand on a batch.
    fn will_hand_on(&self, text_len: usize) -> bool {
        self.handoff.as_ref().is_some_and(|h| self.docs.len() + 1 >= h.docs.max(1) || self.bytes + text_len >= BATCH_BYTES)
    }

    /// Whether the rows are handed on in batches.
    fn batched(&self) -> bool {
        self.handoff.is_some()
    }

    /// Checks the documents gathered and hands them on as one batch.
    fn hand_on(&mut self) -> Result<()> {
        self.check();
        let documents = std::mem::take(&mut self.docs);
        self.lines.clear();
        self.bytes = 0;
        self.handed += documents.len();
        let batch = Corpus { name: None, metadata_columns: self.columns.clone(), documents, report: LoadReport::new("") };
        match &mut self.handoff {
            Some(h) => (h.sink)(batch),
            None => Ok(()),
        }
    }

    /// Normalises line breaks and checks each text gathered (empty?
    /// markup?) on all cores; the notices go to `checked`, in document
    /// order.
    fn check(&mut self) {
        if self.docs.is_empty() {
            return;
        }
        let source = self.path.display().to_string();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = self.docs.len().div_ceil(threads).max(1);
        let lines = &self.lines;
        let source = &source;
        let notices: Vec<LoadReport> = std::thread::scope(|s| {
            let workers: Vec<_> = self
                .docs
                .chunks_mut(chunk)
                .enumerate()
                .map(|(k, part)| {
                    s.spawn(move || {
                        let mut report = LoadReport::new("");
                        for (j, d) in part.iter_mut().enumerate() {
                            let line = lines[k * chunk + j];
                            d.text = decode::normalize_newlines(std::mem::take(&mut d.text));
                            if d.text.trim().is_empty() {
                                report.push(Level::Warning, source, Some(line), Some(&d.id), "empty text; the document is kept with 0 words");
                            }
                            check_markup(&mut report, source, line, &d.id, &d.text);
                        }
                        report
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("a checking thread panicked")).collect()
        });
        for r in notices {
            self.checked.extend(r.notices);
        }
    }

    /// Checks the texts and returns the corpus; when reading in batches,
    /// hands on the last one and returns a corpus with no documents but
    /// the whole report.
    pub(super) fn finish(mut self) -> Result<Corpus> {
        if self.batched() && !self.docs.is_empty() {
            self.hand_on()?;
        }
        if self.docs.is_empty() && self.handed == 0 {
            return Err(Error::new(ErrorKind::Empty { path: self.path }));
        }
        self.check();
        self.report.notices.append(&mut self.checked);
        self.report.n_documents = self.handed + self.docs.len();
        Ok(Corpus { name: None, metadata_columns: self.columns, documents: self.docs, report: self.report })
    }
}

pub(super) fn find_column(path: &Path, header: &[String], name: &str, role: &str) -> Result<usize> {
    header.iter().position(|h| h == name).ok_or_else(|| {
        Error::field(
            path,
            Some(1),
            name,
            format!("no such column for the {role}; the columns are: {}", header.join(", ")),
        )
    })
}

/// The columns of the documents table that metadata may not take.
const BUILT_IN: &[&str] = &[
    columns::DOC_ID,
    columns::TITLE,
    columns::TEXT,
    columns::CHROME,
    columns::N_CHARS,
    columns::N_WORDS,
    columns::N_SENTENCES,
    columns::N_PARAGRAPHS,
];

/// Which columns hold the title and the metadata, and the metadata
/// columns' names (see the module docs): `(title, metadata indexes,
/// metadata names)`. `header` holds every column name once; `title` is the
/// title column chosen by the spec, `None` when it chose none (a column
/// named `title` is then the title).
pub(super) fn plan_columns(path: &Path, header: &[String], text_i: usize, id_i: usize, title: Option<Option<usize>>, report: &mut LoadReport) -> (Option<usize>, Vec<usize>, Vec<String>) {
    let title_i = match title {
        Some(i) => i,
        None => {
            let i = header.iter().position(|h| h == columns::TITLE).filter(|&i| i != text_i && i != id_i);
            if i.is_some() {
                title_notice(path, report);
            }
            i
        }
    };
    let meta_i: Vec<usize> = (0..header.len()).filter(|&i| i != text_i && i != id_i && Some(i) != title_i).collect();
    let names = meta_i.iter().map(|&i| header[i].clone()).collect();
    let names = rename_built_ins(path, names, header.iter().map(String::as_str).collect(), report);
    (title_i, meta_i, names)
}

fn title_notice(path: &Path, report: &mut LoadReport) {
    report.push(Level::Info, path.display().to_string(), None, None, "the column `title` is the document title (pass --title-column to choose another)");
}

/// Renames metadata columns named like built-in columns `meta_<name>`
/// (`meta_<name>_2`… if that is taken too; `taken` holds every column name
/// of the file), with a line in the report for each.
fn rename_built_ins(path: &Path, names: Vec<String>, taken: std::collections::HashSet<&str>, report: &mut LoadReport) -> Vec<String> {
    let mut renamed: std::collections::HashSet<String> = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            if !BUILT_IN.contains(&name.as_str()) {
                return name;
            }
            let mut new = format!("meta_{name}");
            let mut k = 2;
            while taken.contains(new.as_str()) || renamed.contains(&new) {
                new = format!("meta_{name}_{k}");
                k += 1;
            }
            report.push(
                Level::Info,
                path.display().to_string(),
                None,
                None,
                format!("the column `{name}` is loaded as `{new}`: `{name}` is a built-in column of the documents table"),
            );
            renamed.insert(new.clone());
            new
        })
        .collect()
}

/// Loads a CSV file (comma-separated, double-quoted fields may hold newlines).
///
/// The common case, a UTF-8 file, is read in [`Blocks`] on another thread
/// while this one parses; any file that needs more (decoding, or an error
/// message) is loaded again the ordinary way, which holds the reference
/// behaviour.
pub(crate) fn load_csv(path: &Path, spec: &TableSpec, limit: u64) -> Result<Corpus> {
    if let Some(corpus) = load_csv_blocks(path, spec, 1 << 20, limit) {
        return Ok(corpus);
    }
    load_csv_whole(path, spec, limit)
}

/// The ordinary path of [`load_csv`]: the whole file decoded, then parsed.
fn load_csv_whole(path: &Path, spec: &TableSpec, limit: u64) -> Result<Corpus> {
    let mut report = LoadReport::new(path.display().to_string());
    let text = decode_table_bytes(path, read_table_bytes(path, limit)?, &mut report, locate_nul_csv)?;
    let mut quotes = super::quotes::Quotes::default();
    quotes.feed(text.as_bytes());
    if let Some(at) = quotes.open_at_end() {
        return Err(open_quote_error(path, &text, at));
    }
    if let Some((open, close)) = quotes.bad_close() {
        return Err(bad_close_error(path, &text, open, close));
    }
    let reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    read_csv(path, spec, reader, report, None)?.finish()
}

/// The fast path of [`load_csv`]: `None` when the file needs the ordinary
/// one (it is then read again from the start).
fn load_csv_blocks(path: &Path, spec: &TableSpec, block: usize, limit: u64) -> Option<Corpus> {
    let gzip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let blocks = Blocks::open(path, gzip, block, limit, true)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).buffer_capacity(1 << 16).from_reader(blocks);
    let rows = read_csv(path, spec, &mut reader, LoadReport::new(path.display().to_string()), None);
    let checked = reader.into_inner().finish()?;
    let mut corpus = rows.and_then(Rows::finish).ok()?;
    note_controls(path, &mut corpus.report, checked.note);
    Some(corpus)
}

/// The reading thread's warning on control characters goes first, as the
/// ordinary path reports it before any row.
fn note_controls(path: &Path, report: &mut LoadReport, note: Option<String>) {
    if let Some(message) = note {
        let source = path.display().to_string();
        report.notices.insert(0, super::Notice { level: Level::Warning, source, line: None, doc_id: None, message });
    }
}

/// Reads a CSV file in batches of at most `docs` documents (or about
/// [`BATCH_BYTES`] of text), each handed to `sink` checked and then
/// dropped, and returns the load report: the same report, and the same
/// documents in the same order, as [`load_csv`] gives.
///
/// A file the fast path steps aside for (another encoding, a NUL byte,
/// too many control characters, a bad quote, a gzip error) or that fails
/// to load is loaded the ordinary way, whole, and handed on as one batch
/// after `restart()` tells the sink to forget what it was given: so an
/// error is the ordinary path's error, word for word.
pub(crate) fn stream_csv(path: &Path, spec: &TableSpec, limit: u64, docs: usize, sink: &mut dyn super::stream::Batches) -> Result<LoadReport> {
    let gzip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    // The file is parsed on a thread of its own, overlapped with the sink.
    let (fast, failed) = super::stream::overlapped(sink, |each| {
        let blocks = Blocks::open(path, gzip, 1 << 20, limit, true)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).buffer_capacity(1 << 16).from_reader(blocks);
        let handoff = Handoff { docs, sink: each };
        let loaded = read_csv(path, spec, &mut reader, LoadReport::new(path.display().to_string()), Some(handoff)).and_then(Rows::finish);
        let checked = reader.into_inner().finish();
        let (mut corpus, checked) = (loaded.ok()?, checked?);
        note_controls(path, &mut corpus.report, checked.note);
        Some(corpus.report)
    });
    if let (Some(report), None) = (fast, failed) {
        return Ok(report);
    }
    sink.restart();
    super::stream::hand_on_whole(load_csv_whole(path, spec, limit)?, sink)
}

/// The largest row: a document's metadata values share one buffer with
/// 32-bit offsets ([`Metadata`]).
const MAX_ROW: u64 = u32::MAX as u64;
const ROW_HELP: &str = "a row of over 4 GiB; a row holds one document, so this is probably a quote left open or a file that is not a table";

/// Reads the records of a CSV reader into rows.
fn read_csv<'s, R: Read>(path: &Path, spec: &TableSpec, mut reader: impl std::borrow::BorrowMut<csv::Reader<R>>, report: LoadReport, handoff: Option<Handoff<'s>>) -> Result<Rows<'s>> {
    let reader = reader.borrow_mut();
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        Error::syntax(path, "CSV", line, e.to_string())
    };
    let header: Vec<String> = reader.headers().map_err(csv_err)?.iter().map(str::to_owned).collect();
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(&j) = first_of.get(h.as_str()) {
            return Err(Error::field(path, Some(1), h, format!("the header names two columns `{h}` (columns {} and {}); rename one", j + 1, i + 1)));
        }
        first_of.insert(h, i);
    }
    let mut report = report;
    let text_i = find_column(path, &header, &spec.text_column, "text (--text-column)")?;
    let id_i = find_column(path, &header, &spec.id_column, "id (--id-column)")?;
    let title = match &spec.title_column {
        Some(t) => Some(Some(find_column(path, &header, t, "title (--title-column)")?)),
        None => None,
    };
    let (title_i, meta_i, names) = plan_columns(path, &header, text_i, id_i, title, &mut report);
    let mut rows = Rows::new(path, names, report, handoff);
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_err)? {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.as_slice().len() as u64 > MAX_ROW {
            return Err(Error::syntax(path, "CSV", Some(line), ROW_HELP));
        }
        let id = record.get(id_i).unwrap_or("").trim().to_owned();
        if id.is_empty() {
            return Err(Error::field(path, Some(line), &spec.id_column, "empty id"));
        }
        let title = title_i.and_then(|i| record.get(i)).filter(|s| !s.is_empty()).map(str::to_owned);
        let text = record.get(text_i).unwrap_or("").to_owned();
        let meta = Metadata::from_strs(meta_i.iter().enumerate().filter_map(|(k, &i)| record.get(i).filter(|s| !s.is_empty()).map(|s| (k, s))));
        rows.push(line, id, title, text, meta)?;
    }
    Ok(rows)
}

/// A corpus of `(id, text)` pairs, row `i` being line `i` of `(texts)`
/// (see [`Corpus::from_texts`]).
pub(crate) fn from_texts(texts: impl Iterator<Item = (String, String)>) -> Result<Corpus> {
    let path = std::path::PathBuf::from("(texts)");
    let mut rows = Rows::new(&path, vec![], LoadReport::new("(texts)"), None);
    for (i, (id, text)) in texts.enumerate() {
        let id = id.trim().to_owned();
        if id.is_empty() {
            return Err(Error::field(&path, Some(i as u64 + 1), columns::DOC_ID, "empty id"));
        }
        rows.push(i as u64 + 1, id, None, text, Metadata::default())?;
    }
    rows.finish()
}

/// Loads a JSON Lines file: one JSON object a line. Strings are taken as
/// they are; numbers and booleans as their JSON text; nested values as JSON.
///
/// One pass: each line is parsed, its values moved into the document, and
/// the line dropped; metadata keys get their column on first appearance and
/// each document stores only its own values, so memory follows the file's
/// bytes whatever the number of distinct keys.
pub(crate) fn load_jsonl(path: &Path, spec: &TableSpec, limit: u64) -> Result<Corpus> {
    let mut report = LoadReport::new(path.display().to_string());
    let text = decode_table_bytes(path, read_table_bytes(path, limit)?, &mut report, locate_nul_lines)?;
    let lines = text.split('\n').enumerate().map(|(i, line)| Ok((i as u64 + 1, std::borrow::Cow::Borrowed(line))));
    read_jsonl(path, spec, lines, report, None)
}

/// Reads a JSON Lines file in batches (see [`stream_csv`], which this
/// mirrors): the same documents and report as [`load_jsonl`].
pub(crate) fn stream_jsonl(path: &Path, spec: &TableSpec, limit: u64, docs: usize, sink: &mut dyn super::stream::Batches) -> Result<LoadReport> {
    let gzip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    // The file is parsed on a thread of its own, overlapped with the sink.
    let (fast, failed) = super::stream::overlapped(sink, |each| {
        let blocks = Blocks::open(path, gzip, 1 << 20, limit, false)?;
        let mut input = std::io::BufReader::with_capacity(1 << 16, blocks);
        let handoff = Handoff { docs, sink: each };
        let mut buf = Vec::new();
        let mut n = 0u64;
        let mut done = false;
        let lines = std::iter::from_fn(|| {
            use std::io::BufRead;
            if done {
                return None;
            }
            buf.clear();
            // Blocks end on character boundaries and are valid UTF-8, so is
            // every line; an error here means the fast path steps aside.
            let read = input.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e));
            n += 1;
            match read {
                Ok(_) if !buf.ends_with(b"\n") => done = true,
                Ok(_) => {
                    buf.pop();
                }
                Err(e) => {
                    done = true;
                    return Some(Err(e));
                }
            }
            Some(std::str::from_utf8(&buf).map(|s| (n, std::borrow::Cow::Owned(s.to_owned()))).map_err(|_| Error::syntax(path, "JSON Lines", Some(n), "not UTF-8")))
        });
        let loaded = read_jsonl(path, spec, lines, LoadReport::new(path.display().to_string()), Some(handoff));
        let checked = input.into_inner().finish();
        let (mut corpus, checked) = (loaded.ok()?, checked?);
        note_controls(path, &mut corpus.report, checked.note);
        Some(corpus.report)
    });
    if let (Some(report), None) = (fast, failed) {
        return Ok(report);
    }
    sink.restart();
    super::stream::hand_on_whole(load_jsonl(path, spec, limit)?, sink)
}

/// Reads the lines of a JSON Lines file (`(line number, line)`) into a
/// corpus, or into batches handed on.
fn read_jsonl<'l>(path: &Path, spec: &TableSpec, lines: impl Iterator<Item = Result<(u64, std::borrow::Cow<'l, str>)>>, mut report: LoadReport, handoff: Option<Handoff<'_>>) -> Result<Corpus> {
    // With no title column given, a key `title` is the title.
    let title_key = spec.title_column.clone().unwrap_or_else(|| columns::TITLE.to_string());
    let mut title_seen = false;
    // Metadata keys in order of first appearance, found by hash.
    let mut keys: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let into_text = |v: serde_json::Value| match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    };
    // The metadata columns' names as they are when read in batches: the
    // keys so far, renamed as the whole file would rename them; checked
    // against the whole file's at the end.
    let names_so_far = |keys: &[String]| {
        let mut taken: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
        taken.extend([spec.id_column.as_str(), spec.text_column.as_str(), title_key.as_str()]);
        rename_built_ins(path, keys.to_vec(), taken, &mut LoadReport::new(""))
    };
    let mut named = 0;
    let mut given: Vec<String> = vec![];
    let mut consistent = true;
    let mut rows = Rows::new(path, vec![], LoadReport::new(""), handoff);
    for line in lines {
        let (n, line) = line?;
        if line.trim().is_empty() {
            continue;
        }
        if line.len() as u64 > MAX_ROW {
            return Err(Error::syntax(path, "JSON Lines", Some(n), ROW_HELP));
        }
        let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            // serde_json counts lines within the one line it was given:
            // keep the file's line, and say the column.
            let message = e.to_string();
            let message = message.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&message);
            Error::syntax(path, "JSON Lines", Some(n), format!("column {}: {message}", e.column()))
        })?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(Error::syntax(path, "JSON Lines", Some(n), "expected a JSON object on each line"));
        };
        let id = map.remove(&spec.id_column).and_then(into_text).ok_or_else(|| {
            Error::field(path, Some(n), &spec.id_column, "missing or empty id (choose the column with --id-column)")
        })?;
        let text = match map.remove(&spec.text_column) {
            Some(v) => into_text(v).unwrap_or_default(),
            None => {
                return Err(Error::field(
                    path,
                    Some(n),
                    &spec.text_column,
                    "missing text (choose the column with --text-column)",
                ))
            }
        };
        let title = map.remove(&title_key).map(|v| {
            title_seen = true;
            into_text(v)
        });
        let mut meta = Vec::with_capacity(map.len());
        for (k, v) in map {
            let col = match index.get(&k) {
                Some(&c) => c,
                None => {
                    index.insert(k.clone(), keys.len());
                    keys.push(k);
                    keys.len() - 1
                }
            };
            if let Some(v) = into_text(v) {
                meta.push((col, v));
            }
        }
        if rows.will_hand_on(text.len()) && named != keys.len() {
            rows.columns = names_so_far(&keys);
            named = keys.len();
            consistent &= rows.columns.starts_with(&given);
            given = rows.columns.clone();
        }
        rows.push(n, id, title.flatten(), text, Metadata::from_pairs(meta))?;
    }
    if title_seen && spec.title_column.is_none() {
        title_notice(path, &mut report);
    }
    let mut taken: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
    taken.extend([spec.id_column.as_str(), spec.text_column.as_str(), title_key.as_str()]);
    rows.columns = rename_built_ins(path, keys.clone(), taken, &mut report);
    if rows.batched() && !(consistent && rows.columns.starts_with(&given)) {
        // A key late in the file changed how an earlier one is renamed:
        // the batches had other column names; the caller reads it whole.
        return Err(Error::argument("the metadata columns were renamed after the first batch"));
    }
    rows.report = report;
    rows.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
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

    fn same(a: &Corpus, b: &Corpus) {
        assert_eq!(a.docs(), b.docs());
        assert_eq!(a.metadata_columns(), b.metadata_columns());
        assert_eq!(a.report().notices, b.report().notices);
        assert_eq!(a.report().n_documents, b.report().n_documents);
    }

    /// A CSV with CRLF records, quoted newlines and commas, multi-byte
    /// characters, a C1 control pair and markup: every block size cuts it
    /// somewhere awkward.
    fn regular() -> Vec<u8> {
        let mut s = String::from("\u{FEFF}doc_id,outlet,text\r\n");
        for i in 0..40 {
            s.push_str(&format!("d{i},\"Outlet, {}\",\"Токаев’s “visit” — line {i}\r\nsecond, \"\"quoted\"\" 😀 é\"\r\n", i % 3));
        }
        s.push_str("m1,x,Tokayev \u{85} said <b>so</b>\r\nempty,y,\r\nlast,z,no newline at the end");
        s.into_bytes()
    }

    #[test]
    fn blocks_give_the_same_corpus_as_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let spec = TableSpec::new("text", "doc_id");
        for name in ["a.csv", "a.csv.gz"] {
            let path = write(dir.path(), name, &regular());
            let whole = load_csv_whole(&path, &spec, u64::MAX).unwrap();
            assert!(whole.report().notices.iter().any(|n| n.message.contains("control character")));
            for block in [4, 5, 7, 13, 64, 1000, 1 << 20] {
                let fast = load_csv_blocks(&path, &spec, block, u64::MAX).unwrap_or_else(|| panic!("{name}: block {block} fell back"));
                same(&fast, &whole);
            }
            same(&load_csv(&path, &spec, u64::MAX).unwrap(), &whole);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// On any bytes, the fast path gives the ordinary path's corpus, or
        /// steps aside for it.
        #[test]
        fn blocks_agree_with_the_whole_file_on_any_bytes(
            rows in proptest::collection::vec(proptest::collection::vec(proptest::prelude::prop_oneof![
                80 => proptest::prelude::Just(b"word ".to_vec()),
                20 => proptest::prelude::Just(b",".to_vec()),
                20 => proptest::prelude::Just(b"\"".to_vec()),
                20 => proptest::prelude::Just(b"\r\n".to_vec()),
                20 => proptest::prelude::Just(b"\n".to_vec()),
                30 => proptest::prelude::Just("Токаев’s “é” ".as_bytes().to_vec()),
                5 => proptest::prelude::Just(b"\xC2\x85".to_vec()),
                3 => proptest::prelude::Just(b"\x01".to_vec()),
                5 => proptest::prelude::Just(b"<b>".to_vec()),
                1 => proptest::prelude::Just(b"\xE2".to_vec()),
                1 => proptest::prelude::Just(b"\0".to_vec()),
            ], 0..12), 1..8),
            crlf in proptest::prelude::any::<bool>(),
            block in 4usize..40,
            gzip in proptest::prelude::any::<bool>(),
        ) {
            // Well-formed CSV around arbitrary field bytes: each text quoted,
            // its quotes doubled.
            let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut bytes = b"doc_id,text".to_vec();
            for (i, row) in rows.iter().enumerate() {
                bytes.extend_from_slice(eol);
                bytes.extend_from_slice(format!("d{i},\"").as_bytes());
                for piece in row {
                    for &b in piece {
                        bytes.push(b);
                        if b == b'"' {
                            bytes.push(b'"');
                        }
                    }
                }
                bytes.push(b'"');
            }
            let dir = tempfile::tempdir().unwrap();
            let path = write(dir.path(), if gzip { "p.csv.gz" } else { "p.csv" }, &bytes);
            let spec = TableSpec::new("text", "doc_id");
            let whole = load_csv_whole(&path, &spec, u64::MAX);
            match load_csv_blocks(&path, &spec, block, u64::MAX) {
                Some(fast) => same(&fast, &whole.expect("the fast path took a file the ordinary path rejects")),
                // Stepping aside is right only for what needs the ordinary
                // path: a file it rejects, or one it decodes otherwise.
                None => proptest::prop_assert!(
                    whole.as_ref().map_or(true, |c| c.report().notices.iter().any(|n| n.message.contains("windows-1252"))),
                    "stepped aside from a plain UTF-8 file"
                ),
            }
        }
    }

    #[test]
    fn irregular_files_take_the_ordinary_path_and_say_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let spec = TableSpec::new("text", "doc_id");
        let mut latin1 = b"doc_id,text\na,caf".to_vec();
        latin1.extend_from_slice(b"\xe9 au lait\n");
        let mut utf16 = vec![0xFF, 0xFE];
        for c in "doc_id,text\na,hello\n".encode_utf16() {
            utf16.extend_from_slice(&c.to_le_bytes());
        }
        let mut cut = regular();
        let n = cut.len() - 2;
        cut.insert(n, 0xE2);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("latin1.csv", latin1),
            ("utf16.csv", utf16),
            ("nul.csv", b"doc_id,text\na,x\0y\n".to_vec()),
            ("controls.csv", b"doc_id,text\na,\x01\x02\x03\x04\n".to_vec()),
            ("duplicate.csv", b"doc_id,text\na,x\na,y\n".to_vec()),
            ("empty.csv", b"".to_vec()),
            ("blank.csv", b"  \n \n".to_vec()),
            ("noid.csv", b"id,text\na,x\n".to_vec()),
            ("truncated.csv", cut),
        ];
        for (name, bytes) in cases {
            for name in [name.to_string(), format!("{name}.gz")] {
                let path = write(dir.path(), &name, &bytes);
                for block in [4, 7, 1 << 20] {
                    assert!(load_csv_blocks(&path, &spec, block, u64::MAX).is_none(), "{name}: block {block}");
                }
                match (load_csv(&path, &spec, u64::MAX), load_csv_whole(&path, &spec, u64::MAX)) {
                    (Ok(a), Ok(b)) => same(&a, &b),
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => panic!("{name}: {:?} vs {:?}", a.map(|c| c.len()), b.map(|c| c.len())),
                }
            }
        }
        // A broken gzip stream.
        let path = write(dir.path(), "broken.csv.gz", b"doc_id,text\na,x\n");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 6);
        std::fs::write(&path, &bytes).unwrap();
        assert!(load_csv_blocks(&path, &spec, 1 << 20, u64::MAX).is_none());
        assert!(load_csv(&path, &spec, u64::MAX).is_err());
    }
}
