//! newsframe: literate media analysis in Rust.
//!
//! newsframe loads news articles into polars DataFrames and charts how each
//! outlet words and frames the same event, for researchers and classes who
//! work in Jupyter notebooks on the Rust kernel (evcxr). Every finding in a
//! notebook is stated in prose and checked by code under it.
//!
//! The crate is laid out as its pipeline:
//!
//! ```text
//! corpus → tokens → counts → statistics → charts
//! ```
//!
//! - [`corpus`]: documents, metadata and provenance, prose separated from page
//!   chrome, and the documents, paragraphs and sentences tables;
//! - [`tokens`]: words with byte offsets, under named presets (one matches
//!   quanteda's `tokens()`);
//! - [`counts`]: term counts per group, on every core;
//! - [`dictionary`]: categories of words and phrases (frames, actors,
//!   stance markers) found in the text, longest match first, with an audit
//!   row for every match;
//! - [`statistics`]: keyness, frequency and collocations, checked against
//!   quanteda's published outputs;
//! - [`framing`]: actors and their spellings, quotations and their
//!   speakers, stance in the author's own words;
//! - [`validation`]: an instrument scored against hand coding (precision,
//!   recall, F1, Krippendorff's α), and reproducible samples to code;
//! - [`charts`]: SVG charts with one fixed colour per outlet, each with the
//!   data behind it;
//! - [`display`]: DataFrames as escaped HTML tables in a notebook;
//! - [`notebook`]: the render guard that fails a notebook whose cells
//!   panicked or printed errors.
//!
//! There is one error type, [`Error`]; its messages name the file and the
//! line or field at fault.
//!
//! # Example
//!
//! ```
//! use newsframe::prelude::*;
//!
//! let corpus = Corpus::open("seeds")?;
//! let docs = corpus.documents()?;
//! assert_eq!(docs.height(), 5);
//! // Page chrome is kept, but not counted as prose.
//! let daryo = corpus.get("daryo").unwrap();
//! assert!(daryo.chrome.iter().any(|c| c.text == "Comments (0)"));
//! assert!(!daryo.text.contains("Comments (0)"));
//! # Ok::<(), newsframe::Error>(())
//! ```
//!
//! The crate re-exports `polars` and `plotters`, so a notebook needs one
//! dependency line: `:dep newsframe = { path = "..", default-features = false }`.

#![warn(missing_docs)]

pub mod charts;
pub mod counts;
pub mod corpus;
pub mod dictionary;
pub mod display;
mod error;
pub mod framing;
pub mod notebook;
pub mod statistics;
pub mod tokens;
pub mod validation;

pub use corpus::{Corpus, Document, TableSpec};
pub use error::{Error, ErrorKind, Result};
pub use plotters;
pub use polars;

/// What a notebook imports: `use newsframe::prelude::*;`.
pub mod prelude {
    pub use crate::charts::{Chart, Palette};
    pub use crate::statistics::{
        collocations_table, dispersion_table, frequency_table, keyness_table, kwic_table, readability_table, similarity_table,
        tfidf_table, rows_in, rows_matching, texts_where, top_features, value_of, value_where, Measure, Ties,
    };
    pub use crate::tokens::{Tokenizer, Tokens};
    pub use crate::corpus::{columns, Corpus, Document, LoadReport, TableSpec};
    pub use crate::dictionary::{Dictionary, Lookup, Scope};
    pub use crate::display::{get_column, Show, Table};
    pub use crate::statistics::{count_where, values_where};
    pub use crate::statistics::{features_ranked, term_rates};
    pub use crate::framing::claims::{gold_disagreements, gold_table, read_gold as read_claims_gold, score_against_gold};
    pub use crate::framing::{actors::Actors, claims::{claims_table, compare as compare_claims}, sentiment::{sentence_sentiment, tone}, shipped, stance::stance_scores, voices::{voice_shares, voices_table}};
    pub use crate::validation::{spans_recovered, confusion, krippendorff_alpha, sample as sample_to_code, validate, validate_by_coder, Coding, Level, Unit};
    pub use crate::framing::tone::{actor_tone, target_tone, target_tone_with, Polarity, Scorer, Targets};
    pub use crate::framing::entities::{discover, entities_table, Entities, Kind as EntityKind, Mention as EntityMention};
    pub use crate::framing::frames::{frame_decisions, frame_rates, pattern_evidence, FrameModel};
    pub use crate::{chapter_complete, check, Error, Result};
    pub use polars::prelude::*;
}

/// The marker [`chapter_complete`] prints, which the render guard requires
/// in the last code cell of every notebook.
pub const CHAPTER_COMPLETE: &str = "chapter complete:";

/// Counts a checked finding. The tally lives in the process environment
/// (`NEWSFRAME_CHECKS_PASSED`, `NEWSFRAME_CHECKS_FAILED`) because evcxr
/// compiles each cell into its own library, each with its own copy of this
/// crate's statics; the environment is the one thing all cells share.
#[doc(hidden)]
pub fn record_check(passed: bool) {
    let key = if passed { CHECKS_PASSED_VAR } else { CHECKS_FAILED_VAR };
    let n = checks_recorded(key) + 1;
    std::env::set_var(key, n.to_string());
}

const CHECKS_PASSED_VAR: &str = "NEWSFRAME_CHECKS_PASSED";
const CHECKS_FAILED_VAR: &str = "NEWSFRAME_CHECKS_FAILED";

fn checks_recorded(key: &str) -> usize {
    std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Closes a chapter: prints how many findings were checked, and whether
/// all of them held, as `✓ chapter complete: N findings checked, all hold`.
///
/// Every notebook ends with a cell that calls this. The render guard
/// requires the marker in the last code cell, for two reasons: evcxr
/// forwards a cell's stderr asynchronously and can lose the stderr of the
/// last cell when the kernel shuts down, so a closing cell gives it time to
/// arrive; and the tally of failed `check!`s is printed on stdout, which
/// evcxr does deliver in order, so a failed finding cannot go unseen.
pub fn chapter_complete() {
    use std::io::Write;
    let _ = std::io::stderr().flush();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let passed = checks_recorded(CHECKS_PASSED_VAR);
    let failed = checks_recorded(CHECKS_FAILED_VAR);
    if failed == 0 {
        println!("✓ {CHAPTER_COMPLETE} {passed} findings checked, all hold");
    } else {
        println!("✗ {failed} of {} findings no longer hold", passed + failed);
    }
}

/// States a finding and checks it. On success it prints `✓ finding`; when
/// the condition is false it panics with the finding, which fails the
/// notebook render. Use it under every sentence of a notebook that states
/// something about the data.
///
/// ```
/// let n_outlets = 5;
/// newsframe::check!(n_outlets == 5, "the corpus has {} outlets", n_outlets);
/// ```
#[macro_export]
macro_rules! check {
    ($cond:expr, $($arg:tt)+) => {{
        let finding = format!($($arg)+);
        if $cond {
            $crate::record_check(true);
            println!("✓ {}", finding);
        } else {
            $crate::record_check(false);
            println!("✗ finding no longer holds: {}", finding);
            panic!("finding no longer holds: {} (`{}` is false)", finding, stringify!($cond));
        }
    }};
}
