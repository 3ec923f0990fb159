//! The load report: everything the loader noticed but did not stop for.
//!
//! A document is never dropped without a line here, and text that was
//! decoded from a legacy encoding, or that looks like markup, is named here
//! with its file and line.

use std::fmt;

use polars::prelude::*;

use crate::corpus::columns;
use crate::error::Result;

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Something the user should know but that changes no number
    /// (a file that is not part of the corpus, say).
    Info,
    /// Something that may change results: a guessed encoding, markup in the
    /// text, an empty document that was kept.
    Warning,
}

impl Level {
    /// `"info"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
        }
    }
}

/// One thing the loader noticed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How serious it is.
    pub level: Level,
    /// The file (as given by the user, relative to where they pointed).
    pub source: String,
    /// The 1-based line or CSV row, when there is one.
    pub line: Option<u64>,
    /// The document concerned, when there is one.
    pub doc_id: Option<String>,
    /// What was noticed.
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.level.as_str(), self.source)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(id) = &self.doc_id {
            write!(f, " [{id}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a load did: where it read from, how many documents it made, and the
/// notices.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// What was read (a manifest, a folder, a CSV file...).
    pub origin: String,
    /// How many documents were loaded.
    pub n_documents: usize,
    /// Notices, in the order they were made.
    pub notices: Vec<Notice>,
}

impl LoadReport {
    pub(crate) fn new(origin: impl Into<String>) -> LoadReport {
        LoadReport { origin: origin.into(), ..LoadReport::default() }
    }

    pub(crate) fn push(
        &mut self,
        level: Level,
        source: impl Into<String>,
        line: Option<u64>,
        doc_id: Option<&str>,
        message: impl Into<String>,
    ) {
        self.notices.push(Notice {
            level,
            source: source.into(),
            line,
            doc_id: doc_id.map(str::to_owned),
            message: message.into(),
        });
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Notice> {
        self.notices.iter().filter(|n| n.level == Level::Warning)
    }

    /// The notices as a table: `level, source, line, doc_id, message`.
    pub fn table(&self) -> Result<DataFrame> {
        let n = &self.notices;
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::LEVEL.into(), n.iter().map(|x| x.level.as_str()).collect::<Vec<_>>()),
            Column::new(columns::SOURCE.into(), n.iter().map(|x| x.source.as_str()).collect::<Vec<_>>()),
            Column::new(columns::LINE.into(), n.iter().map(|x| x.line).collect::<Vec<_>>()),
            Column::new(columns::DOC_ID.into(), n.iter().map(|x| x.doc_id.as_deref()).collect::<Vec<_>>()),
            Column::new(columns::MESSAGE.into(), n.iter().map(|x| x.message.as_str()).collect::<Vec<_>>()),
        ])?)
    }
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warnings = self.warnings().count();
        writeln!(
            f,
            "loaded {} document{} from {} ({} warning{})",
            self.n_documents,
            if self.n_documents == 1 { "" } else { "s" },
            self.origin,
            warnings,
            if warnings == 1 { "" } else { "s" }
        )?;
        for n in &self.notices {
            writeln!(f, "  {n}")?;
        }
        Ok(())
    }
}
