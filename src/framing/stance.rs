//! Stance: hedges, boosters and first-person forms in the author's voice.
//!
//! The shipped `stance` dictionary is looked up with every direct
//! quotation of at least [`super::voices::MIN_SPEECH_WORDS`] words left
//! out (neither matched nor counted as words), so a quoted speaker's "I
//! believe" is not the author's hedge. Short quoted spans (scare quotes)
//! stay in: they are the author's words. Rates are per 1,000 of the
//! author's own words.
//!
//! [`stance_audit`] lists every match (`newsframe stance --audit`), so a
//! reader can see which `we` is national and which `us` is not the `US`.
//! The shipped dictionary's `first_person_plural` counts `us` only in lower
//! case (`re:^(?-i:us)$`): `US` and a title-case `Us` are the country.

use polars::prelude::*;

use crate::corpus::Corpus;
use crate::dictionary::{Dictionary, Lookup};
use crate::error::Result;

use super::voices::{is_speech, quotation_spans};

/// The quoted speech of each document (quotations of at least
/// [`super::voices::MIN_SPEECH_WORDS`] words), as byte spans.
pub fn quoted_speech(corpus: &Corpus) -> Vec<Vec<(usize, usize)>> {
    corpus
        .docs()
        .iter()
        .map(|d| {
            quotation_spans(&d.text)
                .into_iter()
                .filter(|&(a, b)| is_speech(&d.text[a..b]))
                .collect()
        })
        .collect()
}

/// Looks up a stance dictionary in the author's own words.
pub fn stance_lookup(corpus: &Corpus, dictionary: &Dictionary) -> Lookup {
    dictionary.lookup_outside(corpus, &quoted_speech(corpus))
}

/// Stance rates per group and marker: the columns of
/// [`Lookup::scores`], over the author's own words.
pub fn stance_scores(corpus: &Corpus, dictionary: &Dictionary, by: &str) -> Result<DataFrame> {
    stance_lookup(corpus, dictionary).scores(by)
}

/// The audit rows of the stance lookup (one row a match, outside
/// quotations, as the scores count them): the columns of
/// [`Lookup::audit`] (`doc_id`, `sentence_id`, `category`, `pattern`,
/// `matched`, `start`, `end`, `sentence`).
pub fn stance_audit(corpus: &Corpus, dictionary: &Dictionary) -> Result<DataFrame> {
    stance_lookup(corpus, dictionary).audit()
}
