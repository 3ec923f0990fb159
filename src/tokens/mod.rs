//! Tokens: the words of each document, each with its byte offsets.
//!
//! The second stage of the pipeline (corpus → tokens → counts → statistics →
//! charts). A [`Tokenizer`] is a small pipeline, written as data:
//!
//! 1. Unicode word segmentation (UAX #29, `unicode-segmentation`);
//!    whitespace is dropped;
//! 2. hyphenated words are joined back ("Kassym-Jomart", "fellow-citizens",
//!    "2024-2028"): a hyphen (U+002D, U+2010, U+2011) with a word character
//!    directly on both sides;
//! 3. each token gets a [`TokenKind`]: word, number, punctuation or symbol;
//!    punctuation and symbols are kept or dropped by the preset;
//! 4. its `term` is normalised: curly apostrophes become `'`, letters are
//!    lower-cased (optional), a Snowball stemmer applies (optional);
//! 5. stopwords are dropped by their lower-cased form (optional).
//!
//! Whatever is dropped, every kept [`Token`] keeps `start..end`, byte offsets
//! that slice the original text to exactly the token's surface form.
//!
//! Two presets are named and documented: [`Tokenizer::quanteda`] (the
//! defaults of quanteda's `tokens()` followed by `dfm()`), and
//! [`Tokenizer::words`] (words and numbers only, for reading rates).

pub(crate) mod table;
mod words;

use std::collections::HashSet;

use regex::Regex;

use crate::error::{Error, Result};

pub use table::{Tokens, POSITION, TERM, TOKEN};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Holds at least one letter.
    Word,
    /// Digits, possibly with `.` `,` `'` separators or hyphens ("2024-2028"),
    /// and no letter.
    Number,
    /// Only punctuation characters (Unicode category P).
    Punct,
    /// Anything else: symbols (`$`, `+`, emoji).
    Symbol,
}

impl TokenKind {
    /// `word`, `number`, `punct` or `symbol`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
    /// The normalised form that is counted.
    pub term: String,
}

/// A tokenizer: segmentation plus the filters and normalisation above.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    lowercase: bool,
    keep_punct: bool,
    keep_symbols: bool,
    keep_numbers: bool,
    join_hyphens: bool,
    unify_apostrophes: bool,
    stopwords: HashSet<String>,
    stemmer: Option<rust_stemmers::Algorithm>,
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

fn classify(s: &str) -> TokenKind {
    if s.is_ascii() {
        return classify_ascii(s.as_bytes());
    }
    classify_unicode(s)
}

/// [`classify`] for ASCII: the same answer without the regex
/// (`tests::ascii_classification_matches_unicode` checks every byte pair).
fn classify_ascii(b: &[u8]) -> TokenKind {
    if b.iter().any(u8::is_ascii_alphabetic) {
        TokenKind::Word
    } else if b.iter().any(u8::is_ascii_digit) && b.iter().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b'\'' | b'-')) {
        TokenKind::Number
    } else if !b.is_empty() && b.iter().all(|c| b"!\"#%&'()*,-./:;?@[\\]_{}".contains(c)) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn classify_unicode(s: &str) -> TokenKind {
    static PUNCT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let punct = PUNCT.get_or_init(|| Regex::new(r"^\p{P}+$").expect("static regex"));
    if s.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else if s.chars().any(|c| c.is_ascii_digit() || c.is_numeric())
        && s.chars().all(|c| c.is_numeric() || matches!(c, '.' | ',' | '\'' | '’' | '-' | '\u{2010}' | '\u{2011}'))
    {
        TokenKind::Number
    } else if punct.is_match(s) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

impl Tokenizer {
    /// quanteda's defaults: `tokens(x)` then `dfm(x)` — UAX #29 words (quanteda
    /// uses ICU's word rules, which are UAX #29 with small tailorings),
    /// hyphenated words kept whole, punctuation, symbols and numbers kept as
    /// tokens, terms lower-cased, nothing stemmed or removed.
    ///
    /// Known differences from ICU: none that change the inaugural-corpus
    /// reference counts that `tests/quanteda.rs` checks.
    pub fn quanteda() -> Tokenizer {
        Tokenizer {
            lowercase: true,
            keep_punct: true,
            keep_symbols: true,
            keep_numbers: true,
            join_hyphens: true,
            unify_apostrophes: false,
            stopwords: HashSet::new(),
            stemmer: None,
        }
    }

    /// Words and numbers only (punctuation and symbols dropped), lower-cased,
    /// curly apostrophes unified with straight ones, hyphenated words whole.
    pub fn words() -> Tokenizer {
        Tokenizer { keep_punct: false, keep_symbols: false, unify_apostrophes: true, ..Tokenizer::quanteda() }
    }

    /// Keeps or drops punctuation tokens.
    pub fn punct(mut self, keep: bool) -> Tokenizer {
        self.keep_punct = keep;
        self
    }

    /// Keeps or drops number tokens.
    pub fn numbers(mut self, keep: bool) -> Tokenizer {
        self.keep_numbers = keep;
        self
    }

    /// Lower-cases terms, or not.
    pub fn lowercase(mut self, on: bool) -> Tokenizer {
        self.lowercase = on;
        self
    }

    /// Removes the stopwords of a language (`en`, `ru`, ... as in the
    /// `stop-words` crate's NLTK lists).
    pub fn remove_stopwords(mut self, language: &str) -> Result<Tokenizer> {
        let list = stop_words::lookup(language)
            .ok_or_else(|| Error::argument(format!("no stopword list for language `{language}`")))?;
        self.stopwords.extend(list.iter().map(|w| w.to_lowercase()));
        Ok(self)
    }

    /// Removes these words too, matched case-insensitively on the term (with
    /// curly apostrophes unified when the preset unifies them, as
    /// [`Tokenizer::words`] does; quanteda's preset matches them as written).
    pub fn remove_words<I, S>(mut self, words: I) -> Tokenizer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let unify = self.unify_apostrophes;
        self.stopwords.extend(words.into_iter().map(|w| {
            let w = w.as_ref().to_lowercase();
            if unify { w.replace('’', "'") } else { w }
        }));
        self
    }

    /// Stems terms with the Snowball stemmer of a language (`en`, `ru`,
    /// `de`, `fr`, ...).
    pub fn stem(mut self, language: &str) -> Result<Tokenizer> {
        use rust_stemmers::Algorithm::*;
        self.stemmer = Some(match language {
            "en" => English,
            "ru" => Russian,
            "de" => German,
            "fr" => French,
            "es" => Spanish,
            "it" => Italian,
            "pt" => Portuguese,
            "nl" => Dutch,
            "sv" => Swedish,
            "tr" => Turkish,
            other => return Err(Error::argument(format!("no Snowball stemmer for language `{other}`"))),
        });
        Ok(self)
    }

    /// Splits `text` into tokens.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_term(text, |start, end, kind, term| out.push(Token { start, end, kind, term: term.to_owned() }));
        out
    }

    /// Calls `f(start, end, kind, term)` for every kept token, in order,
    /// without allocating a `Token` each: the fast path for counting.
    pub fn for_each_term(&self, text: &str, mut f: impl FnMut(usize, usize, TokenKind, &str)) {
        let stemmer = self.stemmer.map(rust_stemmers::Stemmer::create);
        let mut buf = String::new();
        // 1. segments without whitespace, 2. hyphenated words joined.
        let mut segs = words::segments(text).peekable();
        let mut pending: Option<(usize, usize)> = None;
        while let Some((start, seg)) = segs.next() {
            let end = start + seg.len();
            if self.join_hyphens && is_hyphen(seg) {
                if let (Some((ps, pe)), Some(&(ns, next))) = (pending, segs.peek()) {
                    let prev_word = text[ps..pe].chars().next_back().is_some_and(char::is_alphanumeric);
                    let next_word = next.chars().next().is_some_and(char::is_alphanumeric);
                    if pe == start && ns == end && prev_word && next_word {
                        pending = Some((ps, ns + next.len()));
                        segs.next();
                        continue;
                    }
                }
            }
            if let Some((ps, pe)) = pending.replace((start, end)) {
                self.emit(text, ps, pe, &mut buf, stemmer.as_ref(), &mut f);
            }
        }
        if let Some((ps, pe)) = pending {
            self.emit(text, ps, pe, &mut buf, stemmer.as_ref(), &mut f);
        }
    }

    /// 3-5: classify, filter, normalise one token into `buf`, and pass it on.
    fn emit(
        &self,
        text: &str,
        start: usize,
        end: usize,
        buf: &mut String,
        stemmer: Option<&rust_stemmers::Stemmer>,
        f: &mut impl FnMut(usize, usize, TokenKind, &str),
    ) {
        let surface = &text[start..end];
        let kind = classify(surface);
        let keep = match kind {
            TokenKind::Word => true,
            TokenKind::Number => self.keep_numbers,
            TokenKind::Punct => self.keep_punct,
            TokenKind::Symbol => self.keep_symbols,
        };
        if !keep {
            return;
        }
        buf.clear();
        if self.unify_apostrophes && !surface.is_ascii() && surface.contains('’') {
            buf.push_str(&surface.replace('’', "'"));
        } else {
            buf.push_str(surface);
        }
        if self.lowercase {
            if buf.is_ascii() {
                buf.make_ascii_lowercase();
            } else {
                let lower = buf.to_lowercase();
                buf.clear();
                buf.push_str(&lower);
            }
        }
        if !self.stopwords.is_empty() {
            let hit = if self.lowercase { self.stopwords.contains(buf.as_str()) } else { self.stopwords.contains(&buf.to_lowercase()) };
            if hit {
                return;
            }
        }
        if let Some(st) = stemmer {
            let stemmed = st.stem(buf).into_owned();
            *buf = stemmed;
        }
        f(start, end, kind, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &Tokenizer, s: &str) -> Vec<String> {
        t.tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn hyphenated_names_stay_whole_and_punctuation_is_optional() {
        let s = "Kassym-Jomart Tokayev’s visit, 2024-2028 - done.";
        assert_eq!(terms(&Tokenizer::quanteda(), s), ["kassym-jomart", "tokayev’s", "visit", ",", "2024-2028", "-", "done", "."]);
        assert_eq!(terms(&Tokenizer::words(), s), ["kassym-jomart", "tokayev's", "visit", "2024-2028", "done"]);
    }

    #[test]
    fn kinds_numbers_and_symbols() {
        let toks = Tokenizer::quanteda().tokenize("$28 billion 7,600 km");
        let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TokenKind::Symbol, TokenKind::Number, TokenKind::Word, TokenKind::Number, TokenKind::Word]);
        assert_eq!(terms(&Tokenizer::words().numbers(false), "$28 billion 7,600 km"), ["billion", "km"]);
    }

    #[test]
    fn stopwords_and_stemming() {
        let t = Tokenizer::words().remove_stopwords("en").unwrap().stem("en").unwrap();
        assert_eq!(terms(&t, "The leaders were discussing the sanctions"), ["leader", "discuss", "sanction"]);
        let ru = Tokenizer::words().remove_stopwords("ru").unwrap();
        assert_eq!(terms(&ru, "и Казахстан не"), ["казахстан"]);
        assert!(Tokenizer::words().remove_stopwords("xx").is_err());
        let own = Tokenizer::words().remove_words(["Tokayev’s"]);
        assert_eq!(terms(&own, "Tokayev's visit"), ["visit"]);
    }

    #[test]
    fn ascii_classification_matches_unicode() {
        for a in 0u8..128 {
            for b in 0u8..128 {
                for s in [vec![a], vec![a, b]] {
                    let s = String::from_utf8(s).unwrap();
                    assert_eq!(classify_ascii(s.as_bytes()), classify_unicode(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn offsets_slice_the_surface_form() {
        let s = "“Well,” said Tokaev — ‘no’.";
        for t in Tokenizer::quanteda().tokenize(s) {
            assert_eq!(s[t.start..t.end].to_lowercase(), t.term);
        }
    }
}
