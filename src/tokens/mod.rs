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
    /// Looked up once a token, so hashed with foldhash (fixed seed), not
    /// the standard library's SipHash, which took a sixth of the CPU time
    /// of `keyness` on AllSides (`perf`); never iterated in hash order.
    stopwords: HashSet<String, foldhash::fast::FixedState>,
    stemmer: Option<rust_stemmers::Algorithm>,
}

/// Scratch space for one run of [`Tokenizer::for_each_term`].
#[derive(Default)]
struct Buffers {
    /// A term being normalised.
    term: String,
    /// A term being stemmed.
    stemmed: String,
}

/// Appends `s` with each curly apostrophe (’) made straight.
fn push_unified(dst: &mut String, s: &str) {
    let mut rest = s;
    while let Some(k) = rest.find('’') {
        dst.push_str(&rest[..k]);
        dst.push('\'');
        rest = &rest[k + '’'.len_utf8()..];
    }
    dst.push_str(rest);
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
            stopwords: HashSet::default(),
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

    /// The settings as one line, the same for two tokenizers exactly when
    /// they cut and normalise text the same way: every switch, the stemmer,
    /// and the removed words as their number and an FNV-1a hash of the
    /// sorted list. Partial counts record it (`counts::partial`), so that
    /// counts from different tokenizers are never merged.
    pub fn settings(&self) -> String {
        let mut words: Vec<&str> = self.stopwords.iter().map(String::as_str).collect();
        words.sort_unstable();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for w in &words {
            for b in w.bytes().chain([b'\n']) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!(
            "lowercase={} punct={} symbols={} numbers={} join_hyphens={} unify_apostrophes={} stemmer={} removed_words={}:{hash:016x}",
            self.lowercase,
            self.keep_punct,
            self.keep_symbols,
            self.keep_numbers,
            self.join_hyphens,
            self.unify_apostrophes,
            self.stemmer.map_or_else(|| "none".to_owned(), |a| format!("{a:?}")),
            words.len()
        )
    }

    /// Splits `text` into tokens.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_term(text, |start, end, kind, term| out.push(Token { start, end, kind, term: term.to_owned() }));
        out
    }

    /// Calls `f(start, end, kind, term)` for every kept token, in order,
    /// without allocating a `Token` each: the fast path for counting.
    ///
    /// The text is cut into whitespace-delimited pieces (no segment and no
    /// hyphenated word crosses whitespace), read 64 bytes at a time. Within
    /// a window, the pieces made of ASCII and common typographic punctuation
    /// (‘ ’ – — “ ” …), nearly all of an English news text, are segmented,
    /// joined, classified and lower-cased with bit operations on byte-class
    /// masks; any other piece goes through `unicode-segmentation` and the
    /// general steps. `tests::fast_path_equals_general_path` (and its `_long`
    /// and `_any` siblings) check that both give the same tokens on
    /// arbitrary text, for every preset.
    pub fn for_each_term(&self, text: &str, mut f: impl FnMut(usize, usize, TokenKind, &str)) {
        let stemmer = self.stemmer.map(rust_stemmers::Stemmer::create);
        let stemmer = stemmer.as_ref();
        let mut buf = Buffers::default();
        let b = text.as_bytes();
        // `pos` is always the end of the last piece handled (or 0): where
        // the scalar rules would look for the next piece.
        let mut pos = 0;
        while pos < b.len() {
            let done = match b.get(pos..pos + 64) {
                Some(w) => self.window(pos, w.try_into().expect("64 bytes"), pos + 64 == b.len(), &mut buf, stemmer, &mut f),
                None => {
                    let mut window = [b' '; 64];
                    window[..b.len() - pos].copy_from_slice(&b[pos..]);
                    self.window(pos, &window, true, &mut buf, stemmer, &mut f)
                }
            };
            if done > 0 {
                pos = (pos + done).min(b.len());
                continue;
            }
            // The window's first piece is not ours, or does not fit in it:
            // the general steps (on ASCII segments when it is all ASCII).
            let Some(piece) = words::piece_at(text, pos) else { break };
            self.general_piece(text, words::piece_segments(text, piece), &mut buf, stemmer, &mut f);
            pos = piece.end;
        }
    }

    /// Tokenizes the all-ASCII pieces at the start of a 64-byte window of
    /// the text (from byte `base`, padded with spaces past the end), each
    /// with bit operations on the window's [`words::Masks`]. Stops before a
    /// piece that is not all ASCII, or that may not end in the window, or
    /// whose successor cannot be seen (a non-ASCII byte right after the
    /// whitespace makes the cut unsafe). Returns how many bytes of the window
    /// it handled (0: none; 64: the window is done).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn window(
        &self,
        base: usize,
        window: &[u8; 64],
        at_end: bool,
        buf: &mut Buffers,
        stemmer: Option<&rust_stemmers::Stemmer>,
        f: &mut impl FnMut(usize, usize, TokenKind, &str),
    ) -> usize {
        let m = words::Masks::of(window);
        // The window lower-cased (or not) once: each term is a slice of it.
        let mut terms = *window;
        if self.lowercase {
            for c in &mut terms {
                *c |= u8::from(c.wrapping_sub(b'A') < 26) << 5;
            }
        }
        let from = |i: u32| if i >= 64 { 0 } else { u64::MAX << i };
        let an = m.alpha | m.digit;
        // The typographic punctuation the masks know: where each of its
        // three-byte characters starts, and all their bytes. Any other
        // non-ASCII byte is strange: its piece goes the general way.
        let typo = m.e2 & (m.x80 >> 1);
        let (quote, other) = (typo & (m.quote3 >> 2), typo & (m.other3 >> 2));
        let starts = quote | other;
        let known = starts | starts << 1 | starts << 2;
        let strange = m.nonascii & !known;
        // Bytes inside a segment of letters, digits and joiners (WB5-WB13b):
        // `:.'` between letters, `,;.'` between digits, and ‘ ’ (three bytes
        // wide) between either; then hyphens between two alphanumeric
        // bytes when they join.
        let joined = (m.midletter & (m.alpha << 1) & (m.alpha >> 1)) | (m.midnum & (m.digit << 1) & (m.digit >> 1));
        let joined3 = quote & (((m.alpha << 1) & (m.alpha >> 3)) | ((m.digit << 1) & (m.digit >> 3)));
        let mut tok = an | m.under | joined | joined3 | joined3 << 1 | joined3 << 2;
        if self.join_hyphens {
            tok |= m.hyphen & (an << 1) & (an >> 1);
        }
        let mut done = 0;
        let mut start = (!m.space).trailing_zeros();
        if start == 64 {
            return 64;
        }
        loop {
            let end = (m.space & from(start)).trailing_zeros();
            if end == 64 {
                return done;
            }
            let next = (!m.space & from(end)).trailing_zeros();
            if next == 64 && !at_end {
                return done;
            }
            let piece = from(start) & !from(end);
            // A strange byte in the piece, or right after the whitespace
            // (it might attach to the whitespace, WB4): not ours.
            if strange & (piece | (1u64 << next.min(63)) & from(next)) != 0 {
                return done;
            }
            let mut rest = piece;
            while rest != 0 {
                let s = rest.trailing_zeros();
                let e = if tok >> s & 1 == 1 {
                    (!tok & from(s)).trailing_zeros()
                } else if starts >> s & 1 == 1 {
                    s + 3
                } else {
                    s + 1
                };
                rest &= from(e);
                let span = from(s) & !from(e);
                let (i, j) = (s as usize, e as usize);
                let plain = m.nonascii & span == 0;
                let kind = if m.alpha & span != 0 {
                    TokenKind::Word
                } else if plain {
                    classify_ascii(&window[i..j])
                } else if tok >> s & 1 == 0 {
                    // One of the typographic characters, all punctuation
                    // (`tests::typographic_punctuation_is_punct`).
                    TokenKind::Punct
                } else {
                    classify(std::str::from_utf8(&window[i..j]).expect("whole characters"))
                };
                if !self.keeps(kind) {
                    continue;
                }
                let term = if plain {
                    // SAFETY: these bytes are ASCII (their non-ASCII mask is
                    // zero), and lower-casing ASCII letters keeps them ASCII.
                    debug_assert!(terms[i..j].is_ascii());
                    unsafe { std::str::from_utf8_unchecked(&terms[i..j]) }
                } else {
                    // ASCII and whole typographic characters: valid UTF-8.
                    std::str::from_utf8(&terms[i..j]).expect("whole characters")
                };
                let Buffers { term: unified, stemmed } = buf;
                let term = if self.unify_apostrophes && !plain && term.contains('’') {
                    unified.clear();
                    push_unified(unified, term);
                    unified.as_str()
                } else {
                    term
                };
                self.finish(base + i, base + j, kind, term, stemmed, stemmer, f);
            }
            done = end as usize;
            if next == 64 {
                return 64;
            }
            start = next;
        }
    }

    /// Steps 2-5 on any sequence of segments (`(offset, segment)`, in order).
    fn general_piece<'a>(
        &self,
        text: &'a str,
        segments: impl Iterator<Item = (usize, &'a str)>,
        buf: &mut Buffers,
        stemmer: Option<&rust_stemmers::Stemmer>,
        f: &mut impl FnMut(usize, usize, TokenKind, &str),
    ) {
        // 2. hyphenated words joined.
        let mut segs = segments.peekable();
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
                self.emit(text, ps, pe, buf, stemmer, f);
            }
        }
        if let Some((ps, pe)) = pending {
            self.emit(text, ps, pe, buf, stemmer, f);
        }
    }

    fn keeps(&self, kind: TokenKind) -> bool {
        match kind {
            TokenKind::Word => true,
            TokenKind::Number => self.keep_numbers,
            TokenKind::Punct => self.keep_punct,
            TokenKind::Symbol => self.keep_symbols,
        }
    }

    /// 3-5: classify, filter, normalise one token into `buf`, and pass it on.
    fn emit(
        &self,
        text: &str,
        start: usize,
        end: usize,
        buf: &mut Buffers,
        stemmer: Option<&rust_stemmers::Stemmer>,
        f: &mut impl FnMut(usize, usize, TokenKind, &str),
    ) {
        let surface = &text[start..end];
        let kind = classify(surface);
        if !self.keeps(kind) {
            return;
        }
        let Buffers { term, stemmed } = buf;
        term.clear();
        if self.unify_apostrophes && !surface.is_ascii() && surface.contains('’') {
            push_unified(term, surface);
        } else {
            term.push_str(surface);
        }
        if self.lowercase {
            if term.is_ascii() {
                term.make_ascii_lowercase();
            } else {
                let lower = term.to_lowercase();
                term.clear();
                term.push_str(&lower);
            }
        }
        self.finish(start, end, kind, term, stemmed, stemmer, f);
    }

    /// 5: drops a stopword, stems (into `stemmed`), and passes the term on.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn finish(
        &self,
        start: usize,
        end: usize,
        kind: TokenKind,
        term: &str,
        stemmed: &mut String,
        stemmer: Option<&rust_stemmers::Stemmer>,
        f: &mut impl FnMut(usize, usize, TokenKind, &str),
    ) {
        if !self.stopwords.is_empty() {
            let hit = if self.lowercase { self.stopwords.contains(term) } else { self.stopwords.contains(&term.to_lowercase()) };
            if hit {
                return;
            }
        }
        match stemmer {
            Some(st) => {
                stemmed.clear();
                stemmed.push_str(&st.stem(term));
                f(start, end, kind, stemmed);
            }
            None => f(start, end, kind, term),
        }
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

    /// The tokens through the general steps only: UAX #29 segments of the
    /// whole text straight from `unicode-segmentation`, no ASCII fast path.
    fn general(t: &Tokenizer, text: &str) -> Vec<Token> {
        use unicode_segmentation::UnicodeSegmentation;
        let stemmer = t.stemmer.map(rust_stemmers::Stemmer::create);
        let mut out = Vec::new();
        let segs = text.split_word_bound_indices().filter(|(_, s)| !s.trim().is_empty());
        t.general_piece(text, segs, &mut Buffers::default(), stemmer.as_ref(), &mut |start, end, kind, term: &str| {
            out.push(Token { start, end, kind, term: term.to_owned() })
        });
        out
    }

    fn presets() -> Vec<Tokenizer> {
        vec![
            Tokenizer::quanteda(),
            Tokenizer::words(),
            Tokenizer::words().numbers(false).lowercase(false),
            Tokenizer::words().remove_stopwords("en").unwrap().stem("en").unwrap(),
            Tokenizer { join_hyphens: false, ..Tokenizer::quanteda() },
        ]
    }

    /// Every preset gives the same tokens on both paths.
    fn fast_equals_general(s: &str) {
        for t in presets() {
            assert_eq!(t.tokenize(s), general(&t, s), "{s:?}");
        }
    }

    #[test]
    fn typographic_punctuation_is_punct() {
        for c in words::TYPOGRAPHIC {
            assert_eq!(classify(&c.to_string()), TokenKind::Punct, "{c}");
        }
    }

    #[test]
    fn fast_path_on_typographic_punctuation() {
        let s = "“Tokayev’s” visit—the 1’000 l’Express ‘a’ ’s b’ … x–y Kassym-Jomart’s U.S.’ a’’b 7’5";
        fast_equals_general(s);
        let got = terms(&Tokenizer::words(), s);
        assert_eq!(&got[..4], ["tokayev's", "visit", "the", "1'000"]);
    }

    #[test]
    fn fast_path_on_hyphens_and_joiners() {
        let s = "Kassym-Jomart x_-y a--b 2024-2028 covid-19 -a b- U.S.-led 7,600-km $-5 a.-b 3.5-4 e.g.-x";
        fast_equals_general(s);
        let got = terms(&Tokenizer::quanteda(), s);
        assert_eq!(&got[..4], ["kassym-jomart", "x_", "-", "y"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_path_equals_general_path(s in "[a-zA-Z0-9_.,;:'\"\\- \t\r\n$!?()é’‘“”—–…\u{308}\u{a0}\u{2010}\u{2024}Ж\u{1f600}\u{200d}]{0,40}") {
            fast_equals_general(&s);
        }

        #[test]
        fn fast_path_equals_general_path_long(s in "([a-zA-Z0-9_.,;:'\\-]{1,70}|[ \n]{1,3}|[‘’“”—–…]{1,2}|[é\u{308}\u{a0}\u{2027}])*") {
            fast_equals_general(&s);
        }

        #[test]
        fn fast_path_equals_general_path_any(s in proptest::prelude::any::<String>()) {
            fast_equals_general(&s);
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
