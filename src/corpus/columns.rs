//! The column names of every table newsframe returns.
//!
//! Use these constants rather than string literals, so that a renamed column
//! is a compile error in your code, not an empty chart.

/// The document id; the key that joins every table.
pub const DOC_ID: &str = "doc_id";
/// The file a document was read from (manifest and folder corpora).
pub const FILE: &str = "file";
/// The outlet that published a document (manifest corpora).
pub const OUTLET: &str = "outlet";
/// The author, where the text names one.
pub const AUTHOR: &str = "author";
/// The headline as published, where the text gives one.
pub const HEADLINE: &str = "headline";
/// The publication date, `YYYY-MM-DD`, where the text states or implies it.
pub const DATE: &str = "date";
/// How the date is known: `stated`, `implied` or `not stated`.
pub const DATE_BASIS: &str = "date_basis";
/// The language of the text, as a BCP 47 code (`en`).
pub const LANGUAGE: &str = "language";
/// Whether the text is a translation: `yes`, `no` or `not stated`.
pub const TRANSLATED: &str = "translated";
/// The document title (the headline line when the text has one).
pub const TITLE: &str = "title";
/// The article prose, without title and chrome.
pub const TEXT: &str = "text";
/// The page chrome lines, joined by newlines.
pub const CHROME: &str = "chrome";
/// The number of characters (Unicode scalar values) of prose.
pub const N_CHARS: &str = "n_chars";
/// The number of words of prose (UAX #29).
pub const N_WORDS: &str = "n_words";
/// The number of sentences of prose.
pub const N_SENTENCES: &str = "n_sentences";
/// The number of paragraphs of prose.
pub const N_PARAGRAPHS: &str = "n_paragraphs";
/// A paragraph's 1-based number within its document.
pub const PARAGRAPH_ID: &str = "paragraph_id";
/// A sentence's 1-based number within its document.
pub const SENTENCE_ID: &str = "sentence_id";
/// A byte offset into a document's `text` (inclusive).
pub const START: &str = "start";
/// A byte offset into a document's `text` (exclusive).
pub const END: &str = "end";
/// A 1-based line number in an original file.
pub const LINE: &str = "line";
/// A chrome line's kind (`byline`, `hashtags`...).
pub const KIND: &str = "kind";
/// A metadata field name (provenance table).
pub const FIELD: &str = "field";
/// A metadata value (provenance table).
pub const VALUE: &str = "value";
/// A note on a metadata field (provenance table).
pub const NOTE: &str = "note";
/// Quotes from the text supporting a field (provenance table).
pub const EVIDENCE: &str = "evidence";
/// The lines of those quotes (provenance table).
pub const LINES: &str = "lines";
/// A notice's level (load report).
pub const LEVEL: &str = "level";
/// Where a notice comes from (load report).
pub const SOURCE: &str = "source";
/// A notice's text (load report).
pub const MESSAGE: &str = "message";
/// A term (statistics tables).
pub const FEATURE: &str = "feature";
/// A group value (statistics tables).
pub const GROUP: &str = "group";
/// A term's count in its group.
pub const FREQUENCY: &str = "frequency";
/// A term's rate per 10,000 tokens of its group.
pub const PER_10K: &str = "per_10k";
/// A term's rank in its group (quanteda's tie methods).
pub const RANK: &str = "rank";
/// In how many documents of the group a term occurs.
pub const DOCFREQ: &str = "docfreq";
/// Signed Pearson chi² (keyness).
pub const CHI2: &str = "chi2";
/// Signed likelihood ratio G² (keyness).
pub const G2: &str = "G2";
/// Hardie's log ratio, an effect size (keyness).
pub const LOG_RATIO: &str = "log_ratio";
/// A p-value.
pub const P: &str = "p";
/// A term's count in the target group (keyness).
pub const N_TARGET: &str = "n_target";
/// A term's count in the reference (keyness).
pub const N_REFERENCE: &str = "n_reference";
/// The words of a collocation, space-separated.
pub const COLLOCATION: &str = "collocation";
/// How often a collocation occurs.
pub const COUNT: &str = "count";
/// A collocation's number of words.
pub const LENGTH: &str = "length";
/// A collocation's λ.
pub const LAMBDA: &str = "lambda";
/// A collocation's z (λ over its standard error).
pub const Z: &str = "z";
/// KWIC: the first token position of the match.
pub const FROM: &str = "from";
/// KWIC: the last token position of the match.
pub const TO: &str = "to";
/// KWIC: the text before the match.
pub const PRE: &str = "pre";
/// KWIC: the match, as written in the text.
pub const KEYWORD: &str = "keyword";
/// KWIC: the text after the match.
pub const POST: &str = "post";
/// KWIC: the pattern that matched.
pub const PATTERN: &str = "pattern";
