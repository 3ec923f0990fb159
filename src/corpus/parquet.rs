//! Corpora stored as Parquet files (with the `parquet` feature, on by
//! default).
//!
//! The columns are mapped as in a CSV file ([`TableSpec`]; see
//! [`super::tabular`]): the text and id columns by name, a title column
//! (or a column named `title`), every other column a metadata column, as
//! text (numbers and dates as polars writes them as strings; a column that
//! cannot be cast to text, such as a list, is an error naming it). A null
//! or empty value is a missing one. Rows are numbered from 1, and the
//! report and errors name a row as its `line`; a document's source is
//! `file:row`.
//!
//! A file polars cannot read (not Parquet, truncated, corrupt) is an error
//! naming the file.

use std::path::Path;

use polars::prelude::*;

use super::stream::Batches;
use super::tabular::{find_column, plan_columns, Handoff, Rows};
use super::{Corpus, LoadReport, Metadata, TableSpec};
use crate::error::{Error, Result};

/// Rows read from the file at a time.
const SLICE: usize = 4096;

/// Loads a Parquet corpus whole.
pub(crate) fn load(path: &Path, spec: &TableSpec) -> Result<Corpus> {
    read(path, spec, None)
}

/// Reads a Parquet corpus in batches of at most `docs` documents (see
/// [`super::stream`]); the same documents and report as [`load`].
pub(crate) fn stream(path: &Path, spec: &TableSpec, docs: usize, sink: &mut dyn Batches) -> Result<LoadReport> {
    // The file is read on a thread of its own, overlapped with the sink.
    let (read, failed) = super::stream::overlapped(sink, |each| read(path, spec, Some(Handoff { docs, sink: each })).map(|c| c.report));
    match failed {
        Some(e) => Err(e),
        None => read,
    }
}

fn corrupt(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::syntax(path, "Parquet", None, format!("cannot be read as Parquet: {e}"))
}

/// Runs a polars read, turning its error, or a panic on a malformed file,
/// into an error naming the file.
fn guarded<T>(path: &Path, f: impl FnOnce() -> PolarsResult<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(corrupt(path, e)),
        Err(panic) => {
            let what = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("the reader failed");
            Err(corrupt(path, what))
        }
    }
}

fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| Error::io(path, e))
}

fn read(path: &Path, spec: &TableSpec, handoff: Option<Handoff<'_>>) -> Result<Corpus> {
    let mut reader = ParquetReader::new(open(path)?);
    let (schema, metadata) = guarded(path, || Ok((reader.schema()?, reader.get_metadata()?.clone())))?;
    let n_rows = metadata.num_rows;
    let header: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
    let mut report = LoadReport::new(path.display().to_string());
    let text_i = find_column(path, &header, &spec.text_column, "text (--text-column)")?;
    let id_i = find_column(path, &header, &spec.id_column, "id (--id-column)")?;
    let title = match &spec.title_column {
        Some(t) => Some(Some(find_column(path, &header, t, "title (--title-column)")?)),
        None => None,
    };
    let (title_i, meta_i, names) = plan_columns(path, &header, text_i, id_i, title, &mut report);
    let mut rows = Rows::new(path, names, report, handoff);
    let mut start = 0;
    while start < n_rows {
        let len = SLICE.min(n_rows - start);
        let mut reader = ParquetReader::new(open(path)?).with_slice(Some((start, len)));
        reader.set_metadata(metadata.clone());
        let df = guarded(path, || reader.finish())?;
        // Every column as text.
        let mut text_columns = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let column = df.column(name).map_err(|e| corrupt(path, e))?;
            let column = column.cast(&DataType::String).map_err(|e| {
                Error::field(path, None, name, format!("column {} ({}) cannot be read as text: {e}", i + 1, column.dtype()))
            })?;
            text_columns.push(column);
        }
        let strs = text_columns.iter().map(|c| c.str().map_err(|e| corrupt(path, e))).collect::<Result<Vec<_>>>()?;
        if strs.iter().any(|s| s.len() != len) {
            return Err(corrupt(path, format!("rows {} to {} came back short", start + 1, start + len)));
        }
        let mut values: Vec<_> = strs.iter().map(|s| s.iter()).collect();
        for k in 0..len {
            let row: Vec<Option<&str>> = values.iter_mut().map(|v| v.next().flatten()).collect();
            let line = (start + k + 1) as u64;
            let id = row[id_i].unwrap_or("").trim().to_owned();
            if id.is_empty() {
                return Err(Error::field(path, Some(line), &spec.id_column, "empty id"));
            }
            let title = title_i.and_then(|i| row[i]).filter(|s| !s.is_empty()).map(str::to_owned);
            let text = row[text_i].unwrap_or("").to_owned();
            let meta = Metadata::from_pairs(meta_i.iter().enumerate().filter_map(|(j, &i)| row[i].filter(|s| !s.is_empty()).map(|s| (j, s.to_owned()))));
            rows.push(line, id, title, text, meta)?;
        }
        start += len;
    }
    rows.finish()
}
