//! Framing: who is named and how, who is given a voice, and in what stance
//! the author writes.
//!
//! The statistics stage for the question the product exists for: how each
//! outlet frames the same event. Everything here is built on
//! [`crate::dictionary`] lookups, so every number has audit rows behind it:
//!
//! - [`actors`]: mentions of people, states and blocs from a gazetteer, the
//!   spelling each outlet uses, and which actors share sentences;
//! - [`attribution`]: reported speech as source, cue and content (PARC/PolNeAR
//!   scheme): direct, mixed and indirect, with sources resolved and typed;
//! - [`entities`]: persons, organisations and places found without a
//!   gazetteer, merged across spellings, and a drafted gazetteer;
//! - [`voices`]: direct quotations (straight, curly, spanning sentences),
//!   their speakers and attribution verbs, indirect speech, and evaluative
//!   attribution ("rightly noted");
//! - [`stance`]: hedges, boosters and first-person forms in the author's own
//!   words, with quotations left out;
//! - [`claims`]: numbers stated in the text (counts, money, percentages,
//!   distances, dates, ordinals), and a cross-source table of the claims
//!   about the same quantity;
//! - [`frames`]: frames per document, decided by a model calibrated on
//!   human coding; the evidence behind each pattern; rates with intervals;
//! - [`sentiment`]: VADER compound scores per sentence (a port verified
//!   against Python vaderSentiment), and the tone of sentences naming each
//!   actor;
//! - [`tone`]: tone toward a target (a byte span, or each actor mention),
//!   target-aware, measured against NewsMTSC's human coding.
//!
//! The shipped dictionaries (`dictionaries/` in the repository) are built
//! into the crate: [`shipped`] returns them by name.

pub mod actors;
pub mod attribution;
pub mod claims;
pub mod entities;
pub mod frames;
pub mod sentiment;
pub mod stance;
pub mod tone;
pub mod tone_train;
pub mod voices;

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};

/// The dictionaries shipped in `dictionaries/`, by file stem.
const SHIPPED: &[(&str, &str)] = &[
    ("actors", include_str!("../../dictionaries/actors.toml")),
    ("generic_frames", include_str!("../../dictionaries/generic_frames.toml")),
    ("event_frames", include_str!("../../dictionaries/event_frames.toml")),
    ("stance", include_str!("../../dictionaries/stance.toml")),
    ("claims", include_str!("../../dictionaries/claims.toml")),
];

/// A shipped dictionary: `actors`, `generic_frames`, `event_frames`,
/// `stance` or `claims` (see `dictionaries/README.md`).
pub fn shipped(name: &str) -> Result<Dictionary> {
    let (_, text) = SHIPPED.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        let names: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
        Error::argument(format!("no shipped dictionary `{name}`; there are: {}", names.join(", ")))
    })?;
    Dictionary::from_toml_str(&format!("dictionaries/{name}.toml"), text)
}

/// The names of the shipped dictionaries.
pub fn shipped_names() -> Vec<&'static str> {
    SHIPPED.iter().map(|(n, _)| *n).collect()
}
