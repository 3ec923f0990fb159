//! Paragraphs and sentences, as byte spans into a document's text.
//!
//! A paragraph is one non-blank line of the text (news pages put each
//! paragraph on its own line; blank lines only separate). Leading and trailing
//! whitespace is not part of the span.
//!
//! Sentences follow the Unicode sentence boundaries of UAX #29
//! (`unicode-segmentation`), never cross a paragraph, and are then repaired
//! in one way: a boundary right after a common abbreviation ("St.", "Mr.",
//! "i.e.", "U.S.", "Nov.") or a single capital initial ("V.") is removed,
//! because UAX #29 ends a sentence at any full stop followed by a capital
//! letter. The abbreviation list is [`ABBREVIATIONS`]; it is English-centred
//! and does not try to be complete. A fragment with no letter or digit (a
//! closing quote after a space: `won? "`) joins the sentence before it.

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations (lower-cased, without the final full stop) after which a
/// full stop does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
    "rep", "sen", "gov", "pres", "no", "vs", "etc", "e.g", "i.e", "cf", "approx", "u.s", "u.k",
    "u.n", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "ltd", "co", "corp",
];

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The paragraphs of `text`: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + lead;
            out.push(Span { start, end: start + trimmed.len() });
        }
        offset += line.len() + 1;
    }
    out
}

/// The sentences of `text`, each with the index of its paragraph in
/// `paragraphs(text)`.
pub fn sentences(text: &str, paragraphs: &[Span]) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        let body = &text[para.start..para.end];
        let mut pending: Option<Span> = None;
        for (i, s) in body.split_sentence_bound_indices() {
            let trimmed = s.trim_end();
            if trimmed.trim_start().is_empty() {
                continue;
            }
            let lead = trimmed.len() - trimmed.trim_start().len();
            let span = Span { start: para.start + i + lead, end: para.start + i + trimmed.len() };
            let no_word = !text[span.start..span.end].chars().any(char::is_alphanumeric);
            pending = match pending {
                Some(prev) if no_word || ends_with_abbreviation(&text[prev.start..prev.end]) => {
                    Some(Span { start: prev.start, end: span.end })
                }
                Some(prev) => {
                    out.push((p, prev));
                    Some(span)
                }
                None => Some(span),
            };
        }
        if let Some(prev) = pending {
            out.push((p, prev));
        }
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(head) = sentence.strip_suffix('.') else { return false };
    let word = head.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// The number of words in `text`, by UAX #29 word boundaries (a word holds at
/// least one letter or digit).
pub fn count_words(text: &str) -> usize {
    text.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str) -> Vec<&'a str> {
        sentences(text, &paragraphs(text)).into_iter().map(|(_, s)| &text[s.start..s.end]).collect()
    }

    #[test]
    fn paragraphs_are_trimmed_non_blank_lines() {
        let text = "  One.\n\nTwo two. \n";
        let p = paragraphs(text);
        assert_eq!(p.len(), 2);
        assert_eq!(&text[p[0].start..p[0].end], "One.");
        assert_eq!(&text[p[1].start..p[1].end], "Two two.");
    }

    #[test]
    fn sentences_do_not_break_after_abbreviations() {
        let s = texts("He spoke in St. Petersburg. I.e. not here. Vladimir V. Putin came.");
        assert_eq!(s, vec!["He spoke in St. Petersburg.", "I.e. not here.", "Vladimir V. Putin came."]);
    }

    #[test]
    fn a_stray_closing_quote_joins_its_sentence() {
        let s = texts("First. Who won that won? \"\nNext paragraph.");
        assert_eq!(s, vec!["First.", "Who won that won? \"", "Next paragraph."]);
    }

    #[test]
    fn sentences_stay_inside_paragraphs() {
        let text = "First line without stop\nSecond line. Third!";
        let s = sentences(text, &paragraphs(text));
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].0, 0);
        assert_eq!(s[2].0, 1);
        assert_eq!(&text[s[2].1.start..s[2].1.end], "Third!");
    }
}
