//! Keyword in context: every match of a pattern, with the words around it,
//! quoted from the original text.
//!
//! A [`Pattern`] is one or more words separated by spaces, matched against
//! consecutive tokens (a multi-word pattern is a phrase). Each word is
//! matched against the token's term, case-insensitively:
//! - `/regex/`: a regular expression that must match the whole term;
//! - a word with `*` or `?`: a glob (`econom*`, `tok?yev`);
//! - anything else: the exact term.
//!
//! `pre` and `post` are the original text of up to `window` tokens before and
//! after the match (within its sentence when asked), and `keyword` is the
//! original text of the match, so each line can be checked against the
//! source byte for byte (`start..end`).

use polars::prelude::*;
use regex::Regex;

use crate::corpus::columns;
use crate::error::{Error, Result};
use crate::tokens::Tokens;

#[derive(Clone, Debug)]
enum Word {
    Exact(String),
    Regex(Regex),
}

impl Word {
    fn matches(&self, term: &str) -> bool {
        match self {
            Word::Exact(w) => term.to_lowercase() == *w,
            Word::Regex(r) => r.is_match(term),
        }
    }
}

/// A KWIC pattern: a word, glob, regex or phrase.
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    words: Vec<Word>,
}

impl Pattern {
    /// Parses a pattern (see the module documentation).
    pub fn parse(pattern: &str) -> Result<Pattern> {
        let p = pattern.trim();
        let parts: Vec<&str> =
            if p.len() > 1 && p.starts_with('/') && p.ends_with('/') { vec![p] } else { p.split_whitespace().collect() };
        if parts.is_empty() {
            return Err(Error::argument("empty KWIC pattern"));
        }
        let words = parts
            .iter()
            .map(|w| {
                if w.len() > 1 && w.starts_with('/') && w.ends_with('/') {
                    Regex::new(&format!("(?i)^(?:{})$", &w[1..w.len() - 1]))
                        .map(Word::Regex)
                        .map_err(|e| Error::argument(format!("bad regex in pattern `{pattern}`: {e}")))
                } else if w.contains('*') || w.contains('?') {
                    let re: String = w
                        .chars()
                        .map(|c| match c {
                            '*' => ".*".to_string(),
                            '?' => ".".to_string(),
                            c => regex::escape(&c.to_string()),
                        })
                        .collect();
                    Regex::new(&format!("(?i)^{re}$"))
                        .map(Word::Regex)
                        .map_err(|e| Error::argument(format!("bad glob `{w}`: {e}")))
                } else {
                    Ok(Word::Exact(w.to_lowercase()))
                }
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Pattern { text: p.to_owned(), words })
    }
}

/// One KWIC line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kwic {
    /// The document.
    pub doc_id: String,
    /// The sentence of the match's first token (1-based).
    pub sentence_id: u32,
    /// The first token position of the match (0-based).
    pub from: usize,
    /// The last token position of the match.
    pub to: usize,
    /// The text before the match.
    pub pre: String,
    /// The match, as written.
    pub keyword: String,
    /// The text after the match.
    pub post: String,
    /// Byte offset of the match in the document's text.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// The pattern that matched.
    pub pattern: String,
}

/// Finds every match of each pattern, in document and position order.
pub fn kwic(tokens: &Tokens, patterns: &[&str], window: usize, within_sentence: bool) -> Result<Vec<Kwic>> {
    let patterns: Vec<Pattern> = patterns.iter().map(|p| Pattern::parse(p)).collect::<Result<_>>()?;
    let mut out = Vec::new();
    for (d, toks) in tokens.iter() {
        let sentence_of = crate::tokens::table::sentence_indices(d, toks);
        for i in 0..toks.len() {
            for p in &patterns {
                let n = p.words.len();
                if i + n > toks.len() || !p.words.iter().zip(&toks[i..i + n]).all(|(w, t)| w.matches(&t.term)) {
                    continue;
                }
                let last = i + n - 1;
                let mut lo = i.saturating_sub(window);
                let mut hi = (last + window).min(toks.len() - 1);
                if within_sentence {
                    while lo < i && sentence_of[lo] != sentence_of[i] {
                        lo += 1;
                    }
                    while hi > last && sentence_of[hi] != sentence_of[last] {
                        hi -= 1;
                    }
                }
                let (start, end) = (toks[i].start, toks[last].end);
                out.push(Kwic {
                    doc_id: d.id.clone(),
                    sentence_id: sentence_of[i] as u32 + 1,
                    from: i,
                    to: last,
                    pre: if lo < i { d.text[toks[lo].start..start].trim().to_owned() } else { String::new() },
                    keyword: d.text[start..end].to_owned(),
                    post: if hi > last { d.text[end..toks[hi].end].trim().to_owned() } else { String::new() },
                    start,
                    end,
                    pattern: p.text.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// [`kwic`] as a table: `doc_id`, `sentence_id`, `from`, `to`, `pre`,
/// `keyword`, `post`, `pattern`.
pub fn kwic_table(tokens: &Tokens, patterns: &[&str], window: usize, within_sentence: bool) -> Result<DataFrame> {
    let rows = kwic(tokens, patterns, window, within_sentence)?;
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), rows.iter().map(|r| r.doc_id.as_str()).collect::<Vec<_>>()),
        Column::new(columns::SENTENCE_ID.into(), rows.iter().map(|r| r.sentence_id).collect::<Vec<_>>()),
        Column::new(columns::FROM.into(), rows.iter().map(|r| r.from as u32).collect::<Vec<_>>()),
        Column::new(columns::TO.into(), rows.iter().map(|r| r.to as u32).collect::<Vec<_>>()),
        Column::new(columns::PRE.into(), rows.iter().map(|r| r.pre.as_str()).collect::<Vec<_>>()),
        Column::new(columns::KEYWORD.into(), rows.iter().map(|r| r.keyword.as_str()).collect::<Vec<_>>()),
        Column::new(columns::POST.into(), rows.iter().map(|r| r.post.as_str()).collect::<Vec<_>>()),
        Column::new(columns::PATTERN.into(), rows.iter().map(|r| r.pattern.as_str()).collect::<Vec<_>>()),
    ])?)
}
