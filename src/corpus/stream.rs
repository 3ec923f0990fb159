//! A corpus read in batches of documents, for jobs that need each document
//! once and can drop it afterwards (counting terms): memory is bounded by
//! a batch, not by the corpus.
//!
//! [`OpenOptions::stream`] reads the same files as [`OpenOptions::open`]
//! and hands each batch, checked, to a [`Batches`] sink; it returns the
//! same [`LoadReport`] (every notice, in the same order) and hands on the
//! same documents in the same order, whatever the batch size
//! (`tests/stream.rs`).
//!
//! - CSV and JSON Lines, plain or gzipped, are read in batches of at most
//!   `docs` documents or about 32 MiB of text. A file the fast reader steps
//!   aside for (another encoding, a NUL byte, many control characters, a
//!   bad quote, a broken gzip stream) or that fails to load is read again
//!   whole, as [`OpenOptions::open`] reads it, after
//!   [`Batches::restart`]: an error is then word for word the error of
//!   `open`, and such a file is not bounded in memory.
//! - Parquet is read a slice of rows at a time.
//! - Manifests and folders of text files (small by nature) are loaded
//!   whole and handed on as one batch.

use std::path::Path;

use super::{paths, tabular, Corpus, LoadReport, OpenOptions};
use crate::error::Result;

/// Where the batches of a streamed corpus go.
pub trait Batches {
    /// Takes one batch of documents, in corpus order. The batch's
    /// metadata columns are those of the corpus so far (a JSON Lines key
    /// first seen later is not among them); its report is empty (the
    /// whole report is returned at the end).
    fn batch(&mut self, batch: &Corpus) -> Result<()>;

    /// Forgets every batch taken so far: the corpus is read again from its
    /// start.
    fn restart(&mut self);
}

impl OpenOptions {
    /// Reads the corpus at `path` in batches of at most `docs` documents
    /// (at least 1), handing each to `sink`, and returns the load report
    /// and the metadata columns: the same as [`OpenOptions::open`] gives,
    /// and the same documents in the same order.
    ///
    /// ```
    /// use newsframe::corpus::{Batches, OpenOptions};
    /// struct Ids(Vec<String>);
    /// impl Batches for Ids {
    ///     fn batch(&mut self, b: &newsframe::Corpus) -> newsframe::Result<()> {
    ///         self.0.extend(b.docs().iter().map(|d| d.id.clone()));
    ///         Ok(())
    ///     }
    ///     fn restart(&mut self) {
    ///         self.0.clear()
    ///     }
    /// }
    /// let mut ids = Ids(vec![]);
    /// let (report, _) = OpenOptions::new().stream("seeds", 2, &mut ids)?;
    /// assert_eq!(ids.0.len(), 5);
    /// assert_eq!(report.n_documents, 5);
    /// # Ok::<(), newsframe::Error>(())
    /// ```
    pub fn stream(&self, path: impl AsRef<Path>, docs: usize, sink: &mut dyn Batches) -> Result<(LoadReport, Vec<String>)> {
        let path = path.as_ref();
        let docs = docs.max(1);
        // The columns are those of the last batch (the whole file's, once
        // it is read).
        struct Columns<'a> {
            sink: &'a mut dyn Batches,
            columns: Vec<String>,
        }
        impl Batches for Columns<'_> {
            fn batch(&mut self, batch: &Corpus) -> Result<()> {
                self.columns.clone_from(&batch.metadata_columns);
                self.sink.batch(batch)
            }
            fn restart(&mut self) {
                self.columns.clear();
                self.sink.restart()
            }
        }
        let mut sink = Columns { sink, columns: vec![] };
        let report = match table_kind(path) {
            Some(Kind::Csv) => {
                paths::check_file(path, None, self.table_limit())?;
                tabular::stream_csv(path, self.spec(), self.table_limit(), docs, &mut sink)?
            }
            Some(Kind::Lines) => {
                paths::check_file(path, None, self.table_limit())?;
                tabular::stream_jsonl(path, self.spec(), self.table_limit(), docs, &mut sink)?
            }
            #[cfg(feature = "parquet")]
            Some(Kind::Parquet) => {
                paths::check_file(path, None, self.table_limit())?;
                super::parquet::stream(path, self.spec(), docs, &mut sink)?
            }
            _ => hand_on_whole(self.open(path)?, &mut sink)?,
        };
        Ok((report, sink.columns))
    }
}

enum Kind {
    Csv,
    Lines,
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    Parquet,
}

/// What kind of table a file is, by its name; `None` for anything else
/// (a folder, a manifest, an unknown format).
fn table_kind(path: &Path) -> Option<Kind> {
    if path.is_dir() {
        return None;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".csv") {
        Some(Kind::Csv)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Kind::Lines)
    } else if name.ends_with(".parquet") {
        Some(Kind::Parquet)
    } else {
        None
    }
}

/// The error for a Parquet corpus when the crate is built without the
/// `parquet` feature.
#[cfg(not(feature = "parquet"))]
pub(crate) fn no_parquet(path: &Path) -> crate::Error {
    crate::Error::refused(path, None, "this newsframe was built without Parquet support; build it with the `parquet` feature (on by default)")
}

/// Hands a corpus loaded whole to `sink` as one batch and returns its
/// load report (the batch's own report is empty, as every batch's is).
pub(crate) fn hand_on_whole(mut corpus: Corpus, sink: &mut dyn Batches) -> Result<LoadReport> {
    let report = std::mem::replace(&mut corpus.report, LoadReport::new(""));
    sink.batch(&corpus)?;
    Ok(report)
}

/// Runs `read` on a thread of its own and hands the batches it makes to
/// `sink` on this thread, so that parsing the next batch overlaps with the
/// sink's work on this one (counting, on every core). At most one finished
/// batch waits between the two, so memory stays bounded by about three
/// batches. The batches reach the sink in the order `read` made them.
///
/// Returns what `read` returned and, if the sink failed, its error: the
/// reader is then stopped (its next hand-off fails), so the caller must
/// treat a sink error as a failed read.
pub(crate) fn overlapped<T: Send>(sink: &mut dyn Batches, read: impl FnOnce(&mut dyn FnMut(Corpus) -> Result<()>) -> T + Send) -> (T, Option<crate::Error>) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Corpus>(1);
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut hand_on = |batch: Corpus| tx.send(batch).map_err(|_| crate::Error::argument("the batches' sink stopped"));
            read(&mut hand_on)
        });
        let mut failed = None;
        for batch in rx.iter() {
            if let Err(e) = sink.batch(&batch) {
                failed = Some(e);
                break;
            }
        }
        // Dropping the receiver makes the reader's next hand-off fail.
        drop(rx);
        let made = match reader.join() {
            Ok(made) => made,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (made, failed)
    })
}
