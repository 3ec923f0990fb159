//! Statistics on term counts: keyness, frequency and collocations.
//!
//! The fourth stage of the pipeline. Each function takes counts (or token
//! streams) and returns rows with documented fields, and follows quanteda's
//! published definitions, so that `tests/quanteda.rs` can check our numbers
//! against quanteda's outputs on the inaugural corpus:
//!
//! - [`keyness`]: chi² with quanteda's Yates rule, G² with its Yates rule, and
//!   the log ratio effect size (Hardie 2014), with p-values adjusted for
//!   testing every term (Holm; Benjamini–Hochberg);
//! - [`frequency`]: counts, rate per 10,000 tokens, document frequency and
//!   rank, with quanteda's tie methods;
//! - [`collocations`]: the λ and z of Blaheta & Johnson (2001) as
//!   `textstat_collocations` computes them;
//! - [`kwic`]: keyword in context, quoted from the original text;
//! - [`readability`]: six readability formulas, TTR, MATTR and MTLD;
//! - [`similarity`]: TF-IDF, cosine similarity, lexical dispersion.
//!
//! Where a convention differs from quanteda, the function's documentation
//! says so.
//!
//! Frequency, keyness and TF-IDF similarity need only counts: they are
//! methods of [`crate::counts::GroupCounts`] (what the command line uses,
//! counted on every core without a token table), and the tables of the same
//! names over [`crate::tokens::Tokens`] count the tokens into a
//! `GroupCounts` and call them, so both give the same table.

pub mod collocations;
pub mod frequency;
pub mod keyness;
pub mod kwic;
pub mod readability;
pub mod similarity;
mod tables;

pub use collocations::{collocations, Collocation, StreamCollocations};
pub use frequency::{frequency, term_rates, FrequencyRow, Ties};
pub use keyness::{benjamini_hochberg, holm, keyness, KeynessRow, Measure};
pub use kwic::{kwic, kwic_table, Kwic, Pattern};
pub use readability::readability_table;
pub use similarity::{dispersion_table, similarity_table, tfidf_table};
pub use tables::{collocations_table, frequency_table, keyness_between, keyness_table, rows_in, rows_matching, texts_where, top_features, value_of, value_where};
pub use tables::{collocation_rows, count_where, features_ranked, values_where};

/// The upper tail of the χ² distribution with one degree of freedom:
/// `P(X ≥ x)` for `x ≥ 0`, computed as `erfc(sqrt(x / 2))`.
///
/// quanteda reports `1 - pchisq(x, 1)`, which rounds to exactly 0 once the
/// tail falls below about 1e-16; this function keeps the small value.
pub fn chi2_upper_tail(x: f64) -> f64 {
    libm::erfc((x.abs() / 2.0).sqrt())
}
