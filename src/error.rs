//! The one error type of newsframe.
//!
//! Every failure that input can cause is an [`Error`]. Its message says what
//! was wrong and where: the file, and the line, row or manifest field when
//! there is one. Nothing in the loader panics on bad input; it returns one of
//! these instead.
//!
//! The design follows BurntSushi's `csv` crate: a small boxed error with a
//! `#[non_exhaustive]` kind, so that the error stays one pointer wide and new
//! kinds can be added without breaking callers.

use std::fmt;
use std::path::{Path, PathBuf};

/// A specialised `Result` for newsframe.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from loading, analysing or rendering a corpus.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong. Match on [`Error::kind`] to tell cases apart.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read (missing, unreadable, a folder where a file
    /// was expected).
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file holds no text (zero bytes, or only whitespace).
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A file is not text: it holds NUL bytes or other binary content.
    Binary {
        /// The file.
        path: PathBuf,
        /// The byte offset of the first byte that gave it away.
        offset: usize,
    },
    /// A file could not be parsed as the format it claims to be (TOML, CSV,
    /// JSON Lines).
    Syntax {
        /// The file.
        path: PathBuf,
        /// The format that was expected.
        format: &'static str,
        /// The 1-based line, when the parser knows it.
        line: Option<u64>,
        /// The parser's own message.
        message: String,
    },
    /// A file parsed, but a field in it is missing, unknown or invalid.
    Field {
        /// The file.
        path: PathBuf,
        /// The 1-based line, when known.
        line: Option<u64>,
        /// The field, e.g. `document[2].date` or the CSV column `ID`.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Two documents share one id.
    DuplicateId {
        /// The file.
        path: PathBuf,
        /// The id.
        id: String,
        /// Where the id was first seen (line or row, 1-based).
        first_line: u64,
        /// Where it was seen again.
        second_line: u64,
    },
    /// A file the loader will not read: it lies outside the corpus folder,
    /// is not a regular file (a device, FIFO or socket), or is over the
    /// size limit. The message says how to lift the rule.
    Refused {
        /// The file, as the corpus names it.
        path: PathBuf,
        /// Which entry named it (`document[3].file`, a folder entry), if any.
        entry: Option<String>,
        /// Why it is refused, and what to do.
        message: String,
    },
    /// A corpus path that newsframe does not know how to read.
    UnknownFormat {
        /// The path.
        path: PathBuf,
    },
    /// A notebook failed the render check.
    Notebook {
        /// The notebook.
        path: PathBuf,
        /// The 1-based code-cell number (as counted by the notebook's
        /// execution order in the file, markdown cells not counted).
        cell: usize,
        /// What the cell printed that makes it fail.
        message: String,
    },
    /// A user-supplied argument is invalid (an unknown column, a bad option).
    Argument {
        /// What is wrong.
        message: String,
    },
    /// An error from polars while building a table.
    Polars(polars::prelude::PolarsError),
    /// An error from plotters while drawing a chart.
    Chart(String),
}

impl Error {
    /// Builds an error from its kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error and returns its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path: path.to_path_buf(), source })
    }

    pub(crate) fn field(
        path: &Path,
        line: Option<u64>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::Field {
            path: path.to_path_buf(),
            line,
            field: field.into(),
            message: message.into(),
        })
    }

    pub(crate) fn syntax(
        path: &Path,
        format: &'static str,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::Syntax { path: path.to_path_buf(), format, line, message: message.into() })
    }

    pub(crate) fn refused(path: &Path, entry: Option<&str>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Refused { path: path.to_path_buf(), entry: entry.map(str::to_owned), message: message.into() })
    }

    pub(crate) fn argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Argument { message: message.into() })
    }
}

impl From<polars::prelude::PolarsError> for Error {
    fn from(e: polars::prelude::PolarsError) -> Error {
        Error::new(ErrorKind::Polars(e))
    }
}

fn at_line(line: &Option<u64>) -> String {
    match line {
        Some(n) => format!(", line {n}"),
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io { path, source } => {
                write!(f, "{}: cannot read: {}", path.display(), source)
            }
            ErrorKind::Empty { path } => {
                write!(f, "{}: the file is empty (no text to analyse)", path.display())
            }
            ErrorKind::Binary { path, offset } => write!(
                f,
                "{}: not a text file (binary content at byte {})",
                path.display(),
                offset
            ),
            ErrorKind::Syntax { path, format, line, message } => write!(
                f,
                "{}{}: not valid {}: {}",
                path.display(),
                at_line(line),
                format,
                message.trim_end()
            ),
            ErrorKind::Field { path, line, field, message } => write!(
                f,
                "{}{}, field `{}`: {}",
                path.display(),
                at_line(line),
                field,
                message
            ),
            ErrorKind::DuplicateId { path, id, first_line, second_line } => write!(
                f,
                "{}, line {}: duplicate document id `{}` (first used on line {})",
                path.display(),
                second_line,
                id,
                first_line
            ),
            ErrorKind::Refused { path, entry, message } => match entry {
                Some(e) => write!(f, "{} ({e}): not read: {message}", path.display()),
                None => write!(f, "{}: not read: {message}", path.display()),
            },
            ErrorKind::UnknownFormat { path } => write!(
                f,
                "{}: cannot tell how to read this corpus; give a manifest (.toml), \
                 a folder, a .csv/.csv.gz or a .jsonl/.jsonl.gz file",
                path.display()
            ),
            ErrorKind::Notebook { path, cell, message } => write!(
                f,
                "{}, code cell {}: {}",
                path.display(),
                cell,
                message.trim_end()
            ),
            ErrorKind::Argument { message } => write!(f, "{message}"),
            ErrorKind::Polars(e) => write!(f, "polars: {e}"),
            ErrorKind::Chart(e) => write!(f, "chart: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { source, .. } => Some(source),
            ErrorKind::Polars(e) => Some(e),
            _ => None,
        }
    }
}
