//! Which files a corpus may read, and how much of them.
//!
//! A corpus is a folder (or one table file) that someone hands over; a
//! rendered notebook publishes what it reads. So the loader reads only what
//! the corpus itself holds:
//!
//! - **Inside the folder.** A manifest entry, or a folder entry, is read
//!   only if its path, with every symbolic link resolved
//!   ([`std::fs::canonicalize`]), lies inside the corpus folder (also
//!   resolved). `../notes.txt`, `/home/me/private.txt` and a link to either
//!   are refused, naming the entry. [`OpenOptions::allow_outside`] (the
//!   command line's `--allow-outside`) lifts the rule; each file read from
//!   outside is then named in the load report.
//! - **Regular files only.** The file type is checked before the file is
//!   opened, so a FIFO never blocks the loader and `/dev/zero` is never
//!   read: devices, FIFOs, sockets and folders are refused.
//! - **A size limit per file**, checked on the file's size before reading
//!   and again while reading (a file that grows, or a gzip stream that
//!   inflates, stops at the limit):
//!   - text files (folder and manifest corpora): [`MAX_TEXT_FILE`],
//!     64 MiB. The longest news article is well under 1 MiB; a text file
//!     of 64 MiB is a mistake (a log, a dump) rather than an article.
//!   - tables (CSV, JSON Lines), counted after gunzipping:
//!     [`MAX_TABLE_FILE`], 4 GiB. A table is held in memory as text while
//!     it loads (and its documents afterwards), so the limit is about what
//!     a workstation holds; the AllSides corpus is 0.3 GB.
//!
//!   [`OpenOptions::max_file_size`] (`--max-file-size BYTES`) sets one
//!   limit for every file instead.
//!
//! The path the user gives (a CSV file, a manifest, a folder) is theirs to
//! choose: it may be anywhere and may be a link, but it too must be a
//! regular file or a folder, within the size limit.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Corpus, Level, LoadReport, TableSpec};
use crate::error::{Error, Result};

/// The default size limit of a text file in a folder or manifest corpus:
/// 64 MiB.
pub const MAX_TEXT_FILE: u64 = 64 << 20;
/// The default size limit of a CSV or JSON Lines table, after gunzipping:
/// 4 GiB.
pub const MAX_TABLE_FILE: u64 = 4 << 30;

/// How to open a corpus: the table's column mapping, whether files outside
/// the corpus folder may be read, and the size limit per file.
///
/// ```
/// use newsframe::corpus::OpenOptions;
/// let corpus = OpenOptions::new().max_file_size(1 << 20).open("seeds")?;
/// assert_eq!(corpus.len(), 5);
/// # Ok::<(), newsframe::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenOptions {
    spec: TableSpec,
    allow_outside: bool,
    max_file_size: Option<u64>,
}

impl OpenOptions {
    /// The defaults: columns `text` and `doc_id`, files inside the corpus
    /// folder only, the default size limits.
    pub fn new() -> OpenOptions {
        OpenOptions::default()
    }

    /// Which columns of a CSV or JSON Lines file hold the text, id and
    /// title.
    pub fn table(mut self, spec: &TableSpec) -> OpenOptions {
        self.spec = spec.clone();
        self
    }

    /// Whether a manifest or folder may read files outside its folder
    /// (through `..`, an absolute path or a symbolic link). Each such file
    /// is named in the load report.
    pub fn allow_outside(mut self, yes: bool) -> OpenOptions {
        self.allow_outside = yes;
        self
    }

    /// One size limit, in bytes, for every file the corpus reads (text
    /// files and tables alike), instead of the defaults
    /// ([`MAX_TEXT_FILE`], [`MAX_TABLE_FILE`]).
    pub fn max_file_size(mut self, bytes: u64) -> OpenOptions {
        self.max_file_size = Some(bytes);
        self
    }

    /// Opens a corpus (see [`Corpus::open`] for what it reads).
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Corpus> {
        super::open_options(path.as_ref(), self)
    }

    pub(crate) fn spec(&self) -> &TableSpec {
        &self.spec
    }

    /// The limit for a text file.
    pub(crate) fn text_limit(&self) -> u64 {
        self.max_file_size.unwrap_or(MAX_TEXT_FILE)
    }

    /// The limit for a table, after gunzipping.
    pub(crate) fn table_limit(&self) -> u64 {
        self.max_file_size.unwrap_or(MAX_TABLE_FILE)
    }
}

/// What a file is, in words, when it is not a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Checks, without opening it, that `path` is a regular file (after links)
/// of at most `limit` bytes.
pub(crate) fn check_file(path: &Path, entry: Option<&str>, limit: u64) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(Error::refused(path, entry, format!("{kind}; only regular files are read")));
    }
    if meta.len() > limit {
        return Err(too_big(path, entry, meta.len(), limit));
    }
    Ok(())
}

fn too_big(path: &Path, entry: Option<&str>, size: u64, limit: u64) -> Error {
    Error::refused(
        path,
        entry,
        format!("{size} bytes, over the limit of {limit} bytes per file; pass --max-file-size BYTES (OpenOptions::max_file_size) to raise it"),
    )
}

/// Reads a file already checked by [`check_file`], stopping at `limit`
/// bytes (a file that grew since is refused, not read without end).
pub(crate) fn read_limited(path: &Path, entry: Option<&str>, limit: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, entry, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// [`check_file`] then [`read_limited`].
pub(crate) fn read_checked(path: &Path, entry: Option<&str>, limit: u64) -> Result<Vec<u8>> {
    check_file(path, entry, limit)?;
    read_limited(path, entry, limit)
}

/// A corpus folder, resolved, and the rules for reading files in it.
pub(crate) struct Folder<'a> {
    root: PathBuf,
    opts: &'a OpenOptions,
}

impl<'a> Folder<'a> {
    /// The folder `dir`, resolved.
    pub fn new(dir: &Path, opts: &'a OpenOptions) -> Result<Folder<'a>> {
        let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Folder { root, opts })
    }

    /// Checks a file of the corpus before it is opened: it must resolve to
    /// a regular file inside the folder (unless outside files are allowed,
    /// and then the report names it) within the size limit. `entry` names
    /// what pointed at it, for the error.
    pub fn member(&self, path: &Path, entry: &str, report: &mut LoadReport, doc_id: Option<&str>) -> Result<()> {
        let link = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
        let resolved = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        if !resolved.starts_with(&self.root) {
            let how = if link.file_type().is_symlink() { "a symbolic link to" } else { "resolves to" };
            let message = format!("{how} {}, outside the corpus folder {}", resolved.display(), self.root.display());
            if !self.opts.allow_outside {
                return Err(Error::refused(path, Some(entry), format!("{message}; pass --allow-outside (OpenOptions::allow_outside) to read it")));
            }
            report.push(Level::Warning, path.display().to_string(), None, doc_id, format!("{message}; read because outside files are allowed"));
        }
        check_file(&resolved, Some(entry), self.opts.text_limit()).map_err(|e| match e.into_kind() {
            // Name the path as the corpus gives it, not the resolved one.
            crate::ErrorKind::Refused { entry, message, .. } => Error::new(crate::ErrorKind::Refused { path: path.to_path_buf(), entry, message }),
            other => Error::new(other),
        })
    }

    /// [`Folder::member`], then the file's bytes.
    pub fn read(&self, path: &Path, entry: &str, report: &mut LoadReport, doc_id: Option<&str>) -> Result<Vec<u8>> {
        self.member(path, entry, report, doc_id)?;
        read_limited(path, Some(entry), self.opts.text_limit())
    }
}
