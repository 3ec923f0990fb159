//! The corpus: documents, their metadata, and the prose separated from the
//! page chrome.
//!
//! This is the first stage of the pipeline (corpus → tokens → counts →
//! statistics → charts). It reads documents from disk, keeps every byte of
//! them (prose in [`Document::text`], page chrome in [`Document::chrome`]),
//! attaches metadata once, and lays the corpus out as three polars tables:
//! [`Corpus::documents`], [`Corpus::paragraphs`] and [`Corpus::sentences`].
//!
//! It reads:
//! - a TOML manifest and the text files beside it ([`manifest`]);
//! - a plain folder of `.txt` files, the first line of each being its title;
//! - a CSV or JSON Lines file, optionally gzipped, with a column mapping
//!   ([`TableSpec`]);
//! - a Parquet file, with the same column mapping (the `parquet` feature,
//!   on by default).
//!
//! [`OpenOptions::stream`] reads the same files in batches of documents,
//! for jobs that see each document once ([`stream`]).
//!
//! It reads only regular files inside the corpus folder, within a size
//! limit, unless told otherwise ([`paths`], [`OpenOptions`]), and drops
//! nothing without a line in the [`LoadReport`].
//!
//! It does not tokenise: that is the next stage.

pub mod basil;
mod blocks;
pub mod columns;
mod decode;
pub mod manifest;
#[cfg(feature = "parquet")]
mod parquet;
pub mod paths;
mod quotes;
mod report;
mod subset;
pub mod segment;
pub mod stream;
mod tabular;

use std::path::{Path, PathBuf};

use polars::prelude::*;
use regex::Regex;

pub use paths::OpenOptions;
pub use report::{Level, LoadReport, Notice};
pub use stream::Batches;
pub use tabular::TableSpec;

use crate::error::{Error, ErrorKind, Result};

/// One line (or the start of one) that belongs to the page, not the article:
/// a byline, a channel plug, a comment counter, a hashtag list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chrome {
    /// What kind of chrome it is (`byline`, `channel-plug`, `comments`...).
    pub kind: String,
    /// The 1-based line in the original file.
    pub line: u64,
    /// The chrome text exactly as in the file.
    pub text: String,
}

/// A quote from a document's own text that supports one metadata field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The metadata field the quote supports (`outlet`, `date`...).
    pub field: String,
    /// The quote, verbatim.
    pub quote: String,
    /// The 1-based line of the original file where the quote starts.
    pub line: u64,
}

/// A metadata field's note: why a value is what it is, or why it is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldNote {
    /// The metadata field.
    pub field: String,
    /// The note.
    pub note: String,
}

/// One document of a corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The document's id, unique in its corpus.
    pub id: String,
    /// Where it came from: a file, or a file and row.
    pub source: String,
    /// The title, when there is one.
    pub title: Option<String>,
    /// The article prose: the text without its title line and chrome.
    /// Every offset in the paragraph, sentence and token tables points into
    /// this string.
    pub text: String,
    /// The page chrome taken out of the text, in file order.
    pub chrome: Vec<Chrome>,
    /// Metadata values, by their index in [`Corpus::metadata_columns`]
    /// (stored sparsely: only the values present).
    pub metadata: Metadata,
    /// Quotes from the text supporting the metadata (manifest corpora only).
    pub evidence: Vec<Evidence>,
    /// Notes on metadata fields (manifest corpora only).
    pub notes: Vec<FieldNote>,
}

/// A document's metadata values, by column index: only the values present
/// are stored, so that a table whose rows each carry their own keys (JSON
/// Lines with many distinct keys) takes memory in proportion to its bytes,
/// not to rows × distinct keys. The values share one buffer, with 8 bytes
/// of index each (a `String` each took 24 bytes and an allocation, 64
/// bytes a value in all: a table of 1,000 short columns took 13× its
/// bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// `(column, end of its value in values)`, by column.
    index: Box<[(u32, u32)]>,
    values: Box<str>,
}

impl Metadata {
    /// The value of column `i`, if present.
    pub fn get(&self, i: usize) -> Option<&str> {
        let i = u32::try_from(i).ok()?;
        let k = self.index.binary_search_by_key(&i, |(c, _)| *c).ok()?;
        Some(self.value(k))
    }

    fn value(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.index[k - 1].1 as usize };
        &self.values[start..self.index[k].1 as usize]
    }

    /// The values present, as `(column index, value)`, by column.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> {
        (0..self.index.len()).map(|k| (self.index[k].0 as usize, self.value(k)))
    }

    /// From `(column index, value)` pairs, in any order; an index given
    /// twice keeps its last value.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (usize, String)>) -> Metadata {
        let pairs: Vec<(usize, String)> = pairs.into_iter().collect();
        Metadata::from_strs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// [`Metadata::from_pairs`] from borrowed values (one copy, into the
    /// shared buffer).
    pub(crate) fn from_strs<'a>(pairs: impl IntoIterator<Item = (usize, &'a str)>) -> Metadata {
        let mut v: Vec<(u32, &str)> = pairs.into_iter().map(|(k, s)| (k as u32, s)).collect();
        // Stable: of an index given twice, the last is kept.
        v.sort_by_key(|(k, _)| *k);
        v.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        let mut values = String::with_capacity(v.iter().map(|(_, s)| s.len()).sum());
        let mut index = Vec::with_capacity(v.len());
        for (k, s) in v {
            values.push_str(s);
            // The loaders refuse rows of over 4 GiB, so the offsets fit.
            index.push((k, u32::try_from(values.len()).unwrap_or(u32::MAX)));
        }
        Metadata { index: index.into_boxed_slice(), values: values.into_boxed_str() }
    }
}

impl FromIterator<Option<String>> for Metadata {
    /// From the values of every column in order, `None` where absent.
    fn from_iter<I: IntoIterator<Item = Option<String>>>(values: I) -> Metadata {
        Metadata::from_pairs(values.into_iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))))
    }
}

impl Document {
    /// The words of prose (UAX #29 words, see [`segment::count_words`]).
    pub fn n_words(&self) -> usize {
        segment::count_words(&self.text)
    }

    /// The paragraphs of prose, as spans into [`Document::text`].
    pub fn paragraphs(&self) -> Vec<segment::Span> {
        segment::paragraphs(&self.text)
    }

    /// The sentences of prose, as spans into [`Document::text`].
    pub fn sentences(&self) -> Vec<segment::Span> {
        segment::sentences(&self.text, &self.paragraphs()).into_iter().map(|(_, s)| s).collect()
    }

    /// The words in the page chrome: what would have been miscounted as
    /// prose.
    pub fn chrome_words(&self) -> usize {
        self.chrome.iter().map(|c| segment::count_words(&c.text)).sum()
    }
}

/// Opens a corpus under `opts` (see [`Corpus::open`]).
fn open_options(path: &Path, opts: &OpenOptions) -> Result<Corpus> {
    if path.is_dir() {
        let manifest = path.join(manifest::FILE_NAME);
        if std::fs::symlink_metadata(&manifest).is_ok() {
            return manifest::load(&manifest, opts, true);
        }
        return load_folder(path, opts);
    }
    if !path.exists() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        ));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let spec = opts.spec();
    if name.ends_with(".toml") {
        manifest::load(path, opts, false)
    } else if name.ends_with(".csv") {
        paths::check_file(path, None, opts.table_limit())?;
        tabular::load_csv(path, spec, opts.table_limit())
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        paths::check_file(path, None, opts.table_limit())?;
        tabular::load_jsonl(path, spec, opts.table_limit())
    } else if name.ends_with(".parquet") {
        paths::check_file(path, None, opts.table_limit())?;
        #[cfg(feature = "parquet")]
        return parquet::load(path, spec);
        #[cfg(not(feature = "parquet"))]
        return Err(stream::no_parquet(path));
    } else {
        Err(Error::new(ErrorKind::UnknownFormat { path: path.to_path_buf() }))
    }
}

/// The most cells the documents table lays out when its metadata is sparse
/// (see [`Corpus::documents`]).
const MAX_SPARSE_CELLS: u64 = 50_000_000;

/// A loaded corpus.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub(crate) name: Option<String>,
    pub(crate) metadata_columns: Vec<String>,
    pub(crate) documents: Vec<Document>,
    pub(crate) report: LoadReport,
}

impl Corpus {
    /// Opens a corpus from any path newsframe can read, with the default
    /// column mapping (`text`, `doc_id`) for CSV and JSON Lines.
    ///
    /// - a `.toml` file: a manifest;
    /// - a folder holding `manifest.toml`: that manifest;
    /// - any other folder: its `.txt` files, first line as title;
    /// - `.csv`, `.csv.gz`, `.jsonl`, `.ndjson`, `.jsonl.gz`: a table;
    /// - `.parquet`: a table (with the `parquet` feature, on by default).
    ///
    /// ```
    /// let corpus = newsframe::Corpus::open("seeds")?;
    /// assert_eq!(corpus.len(), 5);
    /// # Ok::<(), newsframe::Error>(())
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Corpus> {
        Corpus::open_with(path, &TableSpec::default())
    }

    /// Opens a corpus, with `spec` saying which columns of a CSV or JSON
    /// Lines file hold the text and the id. The spec is ignored for
    /// manifests and folders.
    pub fn open_with(path: impl AsRef<Path>, spec: &TableSpec) -> Result<Corpus> {
        OpenOptions::new().table(spec).open(path)
    }

    /// A corpus of `(id, text)` pairs held in memory, loaded as the rows of
    /// a table are (ids unique and not empty, line breaks normalised, empty
    /// texts and markup in the report): for constructed examples and tests.
    ///
    /// ```
    /// let c = newsframe::Corpus::from_texts([("a", "Putin arrived."), ("b", "Tokayev met him.")])?;
    /// assert_eq!(c.doc("b")?.n_words(), 3);
    /// assert!(newsframe::Corpus::from_texts([("a", "One."), ("a", "Two.")]).unwrap_err().to_string().contains("(texts)"));
    /// # Ok::<(), newsframe::Error>(())
    /// ```
    pub fn from_texts<S: Into<String>, T: Into<String>>(texts: impl IntoIterator<Item = (S, T)>) -> Result<Corpus> {
        tabular::from_texts(texts.into_iter().map(|(id, text)| (id.into(), text.into())))
    }

    /// Options for opening a corpus: the column mapping, files outside the
    /// folder, the size limit per file (see [`paths`]).
    ///
    /// ```no_run
    /// # use newsframe::{Corpus, TableSpec};
    /// let corpus = Corpus::options().table(&TableSpec::new("body", "id")).allow_outside(true).open("corpus/manifest.toml")?;
    /// # Ok::<(), newsframe::Error>(())
    /// ```
    pub fn options() -> OpenOptions {
        OpenOptions::new()
    }

    /// The corpus name, from the manifest, when it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The documents, in load order (manifest order, file-name order, or
    /// row order).
    pub fn docs(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document with this id, or an error that names the id and lists
    /// the ids there are: `corpus.doc("daryo")?.n_words()`.
    pub fn doc(&self, id: &str) -> Result<&Document> {
        self.get(id).ok_or_else(|| {
            let ids: Vec<&str> = self.documents.iter().map(|d| d.id.as_str()).collect();
            Error::argument(format!("no document `{id}` in the corpus; its ids are: {}", ids.join(", ")))
        })
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The metadata columns, in table order.
    pub fn metadata_columns(&self) -> &[String] {
        &self.metadata_columns
    }

    /// A document's value for a metadata column (`None` when the column does
    /// not exist or the value is missing).
    pub fn metadata(&self, doc: &Document, column: &str) -> Option<String> {
        let i = self.metadata_columns.iter().position(|c| c == column)?;
        doc.metadata.get(i).map(str::to_owned)
    }

    /// Checks that `by` can group documents: `doc_id` or a metadata column.
    /// The error lists the columns there are.
    pub fn check_group(&self, by: &str) -> Result<()> {
        if by == columns::DOC_ID || self.metadata_columns.iter().any(|c| c == by) {
            Ok(())
        } else {
            Err(Error::argument(format!(
                "no column `{by}` to group by; the columns are: doc_id, {}",
                self.metadata_columns.join(", ")
            )))
        }
    }

    /// A document's group under `by` (`doc_id` or a metadata column); a
    /// missing value, or an unknown column, is the group `(none)`.
    pub fn group_of(&self, doc: &Document, by: &str) -> String {
        if by == columns::DOC_ID {
            doc.id.clone()
        } else {
            self.metadata(doc, by).unwrap_or_else(|| "(none)".into())
        }
    }

    /// What the load noticed: encodings guessed, markup found, files skipped.
    pub fn report(&self) -> &LoadReport {
        &self.report
    }

    /// The documents table, one row a document:
    /// `doc_id`, the metadata columns, `title`, `text`, `chrome`, `n_chars`,
    /// `n_words`, `n_sentences`, `n_paragraphs`.
    ///
    /// `chrome` holds the chrome lines joined by newlines (null when there
    /// is none); [`Corpus::chrome`] has them one per row. Counts are of the
    /// prose only: `n_chars` counts Unicode scalar values, `n_words` UAX #29
    /// words (see [`segment`]).
    pub fn documents(&self) -> Result<DataFrame> {
        let docs = &self.documents;
        // One column a metadata key: a table whose rows each carry their
        // own keys would be rows × keys cells, almost all null (100,000
        // JSON Lines rows with a key each: 10^10 cells, past 10 GB).
        let cells = docs.len() as u64 * self.metadata_columns.len() as u64;
        let values: u64 = docs.iter().map(|d| d.metadata.index.len() as u64).sum();
        if cells > MAX_SPARSE_CELLS && cells > 100 * (values + docs.len() as u64) {
            return Err(Error::argument(format!(
                "the documents table would have {} rows × {} metadata columns ({cells} cells, {values} of them with a value): too sparse to lay out one column a key; \
                 read the metadata one row a value from the provenance table (`newsframe corpus --table provenance`, Corpus::provenance)",
                docs.len(),
                self.metadata_columns.len()
            )));
        }
        let mut cols = vec![Column::new(columns::DOC_ID.into(), docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>())];
        for (i, name) in self.metadata_columns.iter().enumerate() {
            let values: Vec<Option<&str>> = docs.iter().map(|d| d.metadata.get(i)).collect();
            cols.push(Column::new(name.as_str().into(), values));
        }
        let mut n_sent = Vec::with_capacity(docs.len());
        let mut n_para = Vec::with_capacity(docs.len());
        for d in docs {
            let paras = segment::paragraphs(&d.text);
            n_sent.push(segment::sentences(&d.text, &paras).len() as u32);
            n_para.push(paras.len() as u32);
        }
        cols.push(Column::new(columns::TITLE.into(), docs.iter().map(|d| d.title.as_deref()).collect::<Vec<_>>()));
        cols.push(Column::new(columns::TEXT.into(), docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>()));
        cols.push(Column::new(
            columns::CHROME.into(),
            docs.iter()
                .map(|d| {
                    (!d.chrome.is_empty())
                        .then(|| d.chrome.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\n"))
                })
                .collect::<Vec<_>>(),
        ));
        cols.push(Column::new(columns::N_CHARS.into(), docs.iter().map(|d| d.text.chars().count() as u32).collect::<Vec<_>>()));
        cols.push(Column::new(
            columns::N_WORDS.into(),
            docs.iter().map(|d| segment::count_words(&d.text) as u32).collect::<Vec<_>>(),
        ));
        cols.push(Column::new(columns::N_SENTENCES.into(), n_sent));
        cols.push(Column::new(columns::N_PARAGRAPHS.into(), n_para));
        Ok(DataFrame::new_infer_height(cols)?)
    }

    /// The paragraphs table: `doc_id`, `paragraph_id` (1-based within the
    /// document), `start`, `end` (byte offsets into the document's `text`),
    /// `text`.
    pub fn paragraphs(&self) -> Result<DataFrame> {
        let (mut ids, mut pid, mut start, mut end, mut text) = (vec![], vec![], vec![], vec![], vec![]);
        for d in &self.documents {
            for (i, p) in segment::paragraphs(&d.text).into_iter().enumerate() {
                ids.push(d.id.as_str());
                pid.push(i as u32 + 1);
                start.push(p.start as u64);
                end.push(p.end as u64);
                text.push(&d.text[p.start..p.end]);
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), ids),
            Column::new(columns::PARAGRAPH_ID.into(), pid),
            Column::new(columns::START.into(), start),
            Column::new(columns::END.into(), end),
            Column::new(columns::TEXT.into(), text),
        ])?)
    }

    /// The sentences table: `doc_id`, `paragraph_id`, `sentence_id` (1-based
    /// within the document), `start`, `end` (byte offsets into the
    /// document's `text`), `text`.
    pub fn sentences(&self) -> Result<DataFrame> {
        let (mut ids, mut pid, mut sid, mut start, mut end, mut text) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        for d in &self.documents {
            let paras = segment::paragraphs(&d.text);
            for (i, (p, s)) in segment::sentences(&d.text, &paras).into_iter().enumerate() {
                ids.push(d.id.as_str());
                pid.push(p as u32 + 1);
                sid.push(i as u32 + 1);
                start.push(s.start as u64);
                end.push(s.end as u64);
                text.push(&d.text[s.start..s.end]);
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), ids),
            Column::new(columns::PARAGRAPH_ID.into(), pid),
            Column::new(columns::SENTENCE_ID.into(), sid),
            Column::new(columns::START.into(), start),
            Column::new(columns::END.into(), end),
            Column::new(columns::TEXT.into(), text),
        ])?)
    }

    /// The page chrome, one row a line: `doc_id`, `line` (1-based, in the
    /// original file), `kind`, `text`.
    pub fn chrome(&self) -> Result<DataFrame> {
        let rows: Vec<(&str, &Chrome)> =
            self.documents.iter().flat_map(|d| d.chrome.iter().map(move |c| (d.id.as_str(), c))).collect();
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new(columns::LINE.into(), rows.iter().map(|r| r.1.line).collect::<Vec<_>>()),
            Column::new(columns::KIND.into(), rows.iter().map(|r| r.1.kind.as_str()).collect::<Vec<_>>()),
            Column::new(columns::TEXT.into(), rows.iter().map(|r| r.1.text.as_str()).collect::<Vec<_>>()),
        ])?)
    }

    /// Where each metadata value comes from, one row a field of a document:
    /// `doc_id`, `field`, `value`, `note`, `evidence` (the supporting quotes
    /// from the text, joined by ` | `), `lines` (their 1-based lines).
    ///
    /// Only fields that have a value, a note or evidence get a row; `file`
    /// is left out (it says where the text is, not what the text says).
    pub fn provenance(&self) -> Result<DataFrame> {
        let (mut ids, mut fields, mut values, mut notes, mut quotes, mut lines) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        // Each document's own fields only (its values, notes and evidence),
        // in column order: linear in what it holds, not in the columns of
        // the whole corpus.
        let column_of: std::collections::HashMap<&str, usize> = self.metadata_columns.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
        for d in &self.documents {
            let mut own: Vec<usize> = d.metadata.iter().map(|(i, _)| i).collect();
            own.extend(d.notes.iter().map(|n| n.field.as_str()).chain(d.evidence.iter().map(|e| e.field.as_str())).filter_map(|f| column_of.get(f).copied()));
            own.sort_unstable();
            own.dedup();
            for i in own {
                let field = &self.metadata_columns[i];
                if field == columns::FILE {
                    continue;
                }
                let note = d.notes.iter().find(|n| &n.field == field).map(|n| n.note.clone());
                let ev: Vec<&Evidence> = d.evidence.iter().filter(|e| &e.field == field).collect();
                if d.metadata.get(i).is_none() && note.is_none() && ev.is_empty() {
                    continue;
                }
                ids.push(d.id.clone());
                fields.push(field.clone());
                values.push(d.metadata.get(i).map(str::to_owned));
                notes.push(note);
                quotes.push(if ev.is_empty() {
                    None
                } else {
                    Some(ev.iter().map(|e| e.quote.as_str()).collect::<Vec<_>>().join(" | "))
                });
                lines.push(if ev.is_empty() {
                    None
                } else {
                    Some(ev.iter().map(|e| e.line.to_string()).collect::<Vec<_>>().join(", "))
                });
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), ids),
            Column::new(columns::FIELD.into(), fields),
            Column::new(columns::VALUE.into(), values),
            Column::new(columns::NOTE.into(), notes),
            Column::new(columns::EVIDENCE.into(), quotes),
            Column::new(columns::LINES.into(), lines),
        ])?)
    }
}

/// Warns about markup in a document's text: HTML/XML tags and character
/// entities. The text is kept as is (and is escaped wherever it is shown);
/// the warning names the line so the user can decide.
pub(crate) fn check_markup(report: &mut LoadReport, source: &str, first_line: u64, doc_id: &str, text: &str) {
    static MARKUP: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = MARKUP.get_or_init(|| {
        Regex::new(r"(?i)</?[a-z][a-z0-9-]*(\s[^<>]*)?/?>|&(#[0-9]+|#x[0-9a-f]+|[a-z]+);")
            .expect("static regex")
    });
    for (i, line) in text.split('\n').enumerate() {
        if let Some(m) = re.find(line) {
            let shown: String = m.as_str().chars().take(40).collect();
            report.push(
                Level::Warning,
                source,
                Some(first_line + i as u64),
                Some(doc_id),
                format!("text contains markup `{shown}`; kept as text, escaped when shown"),
            );
        }
    }
}

/// Loads a plain folder of `.txt` files: id = file stem, title = first line,
/// text = the rest. Every other entry (hidden files, folders, other
/// extensions, names that are not UTF-8) is named in the report; two files
/// whose ids are equal ignoring case (`a.txt`, `a.TXT`, `A.txt`) are an
/// error naming both.
fn load_folder(dir: &Path, opts: &OpenOptions) -> Result<Corpus> {
    let folder = paths::Folder::new(dir, opts)?;
    let mut report = LoadReport::new(dir.display().to_string());
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    let mut documents = Vec::new();
    let mut ids: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for path in entries {
        let source = path.display().to_string();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            report.push(Level::Info, source, None, None, "the file name is not UTF-8; not loaded (rename it)");
            continue;
        };
        let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
        if name.starts_with('.') {
            let what = if is_dir { "hidden folder" } else { "hidden file" };
            report.push(Level::Info, source, None, None, format!("{what}; not loaded"));
            continue;
        }
        if is_dir {
            report.push(Level::Info, source, None, None, "a folder; not loaded (folders are not read recursively)");
            continue;
        }
        if !(name.len() > 4 && name.is_char_boundary(name.len() - 4) && name[name.len() - 4..].eq_ignore_ascii_case(".txt")) {
            report.push(Level::Info, source, None, None, "not a .txt file; not loaded");
            continue;
        }
        let id = name[..name.len() - 4].to_owned();
        if let Some(first) = ids.get(&id.to_lowercase()) {
            return Err(Error::field(
                dir,
                None,
                columns::DOC_ID,
                format!(
                    "{} and {} both give the document id `{id}` (ids are compared ignoring case); rename one",
                    first.display(),
                    path.display()
                ),
            ));
        }
        ids.insert(id.to_lowercase(), path.clone());
        let bytes = folder.read(&path, "folder entry", &mut report, Some(&id))?;
        let decoded = decode::decode_owned(&path, bytes)?;
        if let Some(note) = decoded.note {
            report.push(Level::Warning, &source, None, Some(&id), note);
        }
        let text = decoded.text;
        let (title, body) = match text.split_once('\n') {
            Some((t, b)) => (t.trim().to_owned(), b.trim_matches('\n').to_owned()),
            None => (text.trim().to_owned(), String::new()),
        };
        if body.trim().is_empty() {
            report.push(Level::Warning, &source, None, Some(&id), "only a title line; the document has no body text");
        }
        check_markup(&mut report, &source, 2, &id, &body);
        documents.push(Document {
            id,
            source: source.clone(),
            title: (!title.is_empty()).then_some(title),
            text: body,
            chrome: vec![],
            metadata: Metadata::from_pairs([(0, name)]),
            evidence: vec![],
            notes: vec![],
        });
    }
    if documents.is_empty() {
        return Err(Error::new(ErrorKind::Empty { path: dir.to_path_buf() }));
    }
    report.n_documents = documents.len();
    Ok(Corpus { name: None, metadata_columns: vec![columns::FILE.to_owned()], documents, report })
}
