//! Word segmentation: UAX #29 word boundaries, with an ASCII fast path.
//!
//! [`segments`] yields the non-whitespace segments of a text between UAX #29
//! word boundaries, each with its byte offset, exactly as
//! `unicode-segmentation`'s `split_word_bound_indices` does after dropping
//! whitespace-only segments. English news is almost all ASCII, and for
//! ASCII the UAX #29 rules reduce to a few byte comparisons, so the text is
//! cut into [`pieces`] at ASCII whitespace and each all-ASCII piece is
//! segmented by hand ([`ascii_segment_end`]); any piece with a non-ASCII
//! byte goes to `unicode-segmentation`.
//!
//! Why the cut is safe: a piece starts right after ASCII whitespace and with
//! an ASCII byte. There is always a word boundary there (only WB3d joins a
//! space to a following space, and whitespace segments are dropped anyway),
//! and no rule looks back across whitespace. A non-ASCII byte after
//! whitespace could be a combining mark that WB4 attaches to the space, so
//! such a position is never a cut. `tests::fast_path_equals_uax29` checks
//! the equivalence on arbitrary strings.
//!
//! The ASCII rules (UAX #29, for the ASCII repertoire): letters, digits and
//! `_` join (WB5, WB8–WB10, WB13a/b); `:`, `.` and `'` join two letters
//! (WB6/7); `,`, `;`, `.` and `'` join two digits (WB11/12); every other
//! non-whitespace byte is a segment of its own.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// A stretch of text between runs of ASCII whitespace: `start..end`, and
/// whether it is all ASCII. Segments never cross a piece's edges, so each
/// piece can be segmented (and its hyphenated words joined) on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub ascii: bool,
}

/// The pieces of `text`, in order.
#[cfg(test)]
pub(crate) fn pieces(text: &str) -> Pieces<'_> {
    Pieces { bytes: text.as_bytes(), pos: 0 }
}

/// Iterator returned by [`pieces`].
pub(crate) struct Pieces<'a> {
    bytes: &'a [u8],
    pos: usize,
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// ASCII whitespace as `str::trim` sees it (Unicode White_Space).
#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// `(end, ascii)` of the run of non-whitespace bytes from `i`: eight bytes
/// at a time while there is neither whitespace nor a control byte in them.
#[inline]
fn run_end(b: &[u8], mut i: usize) -> (usize, bool) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACE: u64 = 0x2121_2121_2121_2121;
    let mut ascii = true;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // High bit of each byte below 0x21 (exact for the lowest such byte).
        let low = w.wrapping_sub(SPACE) & !w & HIGH;
        if low != 0 {
            let k = (low.trailing_zeros() / 8) as usize;
            ascii &= w & HIGH & ((1u64 << (8 * k)) - 1) == 0;
            i += k;
            if is_space(b[i]) {
                return (i, ascii);
            }
            // A control byte: part of the run.
            i += 1;
            continue;
        }
        ascii &= w & HIGH == 0;
        i += 8;
    }
    while i < b.len() && !is_space(b[i]) {
        ascii &= b[i] < 0x80;
        i += 1;
    }
    (i, ascii)
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let b = self.bytes;
        let space_start = self.pos;
        let mut i = self.pos;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            self.pos = i;
            return None;
        }
        let first = i;
        let mut ascii = true;
        let end = loop {
            let (end, run_ascii) = run_end(b, i);
            ascii &= run_ascii;
            i = end;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i >= b.len() || b[i] < 0x80 {
                break end;
            }
            // Whitespace followed by a non-ASCII character: not a safe cut.
            ascii = false;
        };
        self.pos = end;
        // A non-ASCII piece takes the whitespace before it: a mark right
        // after whitespace attaches to it (WB4).
        let start = if ascii || b[first] < 0x80 { first } else { space_start };
        Some(Piece { start, end, ascii })
    }
}

/// The end of the segment that starts at `start` in the all-ASCII piece
/// ending at `end`.
#[inline]
pub(crate) fn ascii_segment_end(b: &[u8], start: usize, end: usize) -> usize {
    let mut j = start + 1;
    if is_word_byte(b[start]) {
        while j < end {
            if is_word_byte(b[j]) {
                j += 1;
            } else if j + 1 < end {
                let (prev, mid, next) = (b[j - 1], b[j], b[j + 1]);
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic() && matches!(mid, b':' | b'.' | b'\'');
                let digits = prev.is_ascii_digit() && next.is_ascii_digit() && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    j += 2;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
    }
    j
}

/// The byte classes of a 64-byte window, one bit a byte (bit `k` for byte
/// `k`): what [`crate::tokens::Tokenizer`] needs to segment the all-ASCII
/// pieces of the window with a few bit operations instead of a loop over
/// bytes. [`Masks::of`] uses SSE2 on x86-64 and [`Masks::scalar`] elsewhere
/// (`tests::sse2_masks_equal_scalar_masks`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// ASCII whitespace (`is_space`).
    pub space: u64,
    /// Bytes 0x80 and above.
    pub nonascii: u64,
    pub alpha: u64,
    pub digit: u64,
    /// `_`.
    pub under: u64,
    /// `:`, `.`, `'`: join two letters (WB6/7).
    pub midletter: u64,
    /// `,`, `;`, `.`, `'`: join two digits (WB11/12).
    pub midnum: u64,
    /// `-`.
    pub hyphen: u64,
    /// 0xE2 and 0x80: the first two bytes of the typographic punctuation
    /// below.
    pub e2: u64,
    pub x80: u64,
    /// 0x98, 0x99: third bytes of ‘ and ’ (U+2018/9, MidNumLet: they join
    /// letters and digits as `.` does).
    pub quote3: u64,
    /// 0x93, 0x94, 0x9C, 0x9D, 0xA6: third bytes of – — “ ” … (U+2013/4,
    /// U+201C/D, U+2026: Word_Break Other, a segment each).
    pub other3: u64,
}

/// The typographic punctuation the fast path knows (see [`Masks::quote3`]
/// and [`Masks::other3`]); every other non-ASCII character sends its piece
/// to `unicode-segmentation`.
#[cfg(test)]
pub(crate) const TYPOGRAPHIC: [char; 7] = ['‘', '’', '–', '—', '“', '”', '…'];

impl Masks {
    /// The masks of `w`.
    #[inline]
    pub fn of(w: &[u8; 64]) -> Masks {
        #[cfg(target_arch = "x86_64")]
        {
            Masks::sse2(w)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Masks::scalar(w)
        }
    }

    /// The masks, one byte at a time.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    pub fn scalar(w: &[u8; 64]) -> Masks {
        let mut m = Masks::default();
        for (k, &b) in w.iter().enumerate() {
            let bit = 1u64 << k;
            let set = |mask: &mut u64, on: bool| {
                if on {
                    *mask |= bit;
                }
            };
            set(&mut m.space, is_space(b));
            set(&mut m.nonascii, b >= 0x80);
            set(&mut m.alpha, b.is_ascii_alphabetic());
            set(&mut m.digit, b.is_ascii_digit());
            set(&mut m.under, b == b'_');
            set(&mut m.midletter, matches!(b, b':' | b'.' | b'\''));
            set(&mut m.midnum, matches!(b, b',' | b';' | b'.' | b'\''));
            set(&mut m.hyphen, b == b'-');
            set(&mut m.e2, b == 0xE2);
            set(&mut m.x80, b == 0x80);
            set(&mut m.quote3, matches!(b, 0x98 | 0x99));
            set(&mut m.other3, matches!(b, 0x93 | 0x94 | 0x9C | 0x9D | 0xA6));
        }
        m
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn sse2(w: &[u8; 64]) -> Masks {
        use std::arch::x86_64::*;
        let mut m = Masks::default();
        for q in 0..4 {
            // SAFETY: SSE2 is part of the x86-64 baseline, and the load reads
            // 16 bytes inside `w` (q * 16 + 16 <= 64), unaligned.
            let bits = unsafe {
                let v = _mm_loadu_si128(w.as_ptr().add(q * 16).cast());
                let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
                // `v - lo <= n` as unsigned bytes: min(x, n) == x.
                let within = |x: __m128i, n: u8| _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(n as i8)), x);
                let mask = |x: __m128i| _mm_movemask_epi8(x) as u16 as u64;
                let space = _mm_or_si128(eq(b' '), within(_mm_sub_epi8(v, _mm_set1_epi8(9)), 4));
                let alpha = within(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8)), 25);
                let digit = within(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 9);
                let (dot, quote) = (eq(b'.'), eq(b'\''));
                let dot_quote = _mm_or_si128(dot, quote);
                [
                    mask(space),
                    mask(v),
                    mask(alpha),
                    mask(digit),
                    mask(eq(b'_')),
                    mask(_mm_or_si128(dot_quote, eq(b':'))),
                    mask(_mm_or_si128(dot_quote, _mm_or_si128(eq(b','), eq(b';')))),
                    mask(eq(b'-')),
                    mask(eq(0xE2)),
                    mask(eq(0x80)),
                    mask(_mm_or_si128(eq(0x98), eq(0x99))),
                    mask(_mm_or_si128(_mm_or_si128(eq(0x93), eq(0x94)), _mm_or_si128(_mm_or_si128(eq(0x9C), eq(0x9D)), eq(0xA6)))),
                ]
            };
            let shift = 16 * q;
            m.space |= bits[0] << shift;
            m.nonascii |= bits[1] << shift;
            m.alpha |= bits[2] << shift;
            m.digit |= bits[3] << shift;
            m.under |= bits[4] << shift;
            m.midletter |= bits[5] << shift;
            m.midnum |= bits[6] << shift;
            m.hyphen |= bits[7] << shift;
            m.e2 |= bits[8] << shift;
            m.x80 |= bits[9] << shift;
            m.quote3 |= bits[10] << shift;
            m.other3 |= bits[11] << shift;
        }
        m
    }
}

/// The piece of `text` that starts at or after `pos` (the end of the
/// previous piece, or 0), by the scalar rules of [`pieces`].
pub(crate) fn piece_at(text: &str, pos: usize) -> Option<Piece> {
    Pieces { bytes: text.as_bytes(), pos }.next()
}

/// The non-whitespace segments of one piece, as `(offset, segment)`.
pub(crate) enum PieceSegments<'a> {
    Ascii { text: &'a str, pos: usize, end: usize },
    Unicode { offset: usize, it: UWordBoundIndices<'a> },
}

/// The segments of piece `p` of `text`.
pub(crate) fn piece_segments(text: &str, p: Piece) -> PieceSegments<'_> {
    if p.ascii {
        PieceSegments::Ascii { text, pos: p.start, end: p.end }
    } else {
        PieceSegments::Unicode { offset: p.start, it: text[p.start..p.end].split_word_bound_indices() }
    }
}

impl<'a> Iterator for PieceSegments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            PieceSegments::Ascii { text, pos, end } => {
                if *pos >= *end {
                    return None;
                }
                let start = *pos;
                *pos = ascii_segment_end(text.as_bytes(), start, *end);
                Some((start, &text[start..*pos]))
            }
            PieceSegments::Unicode { offset, it } => loop {
                match it.next() {
                    Some((_, s)) if s.trim().is_empty() => continue,
                    Some((i, s)) => return Some((*offset + i, s)),
                    None => return None,
                }
            },
        }
    }
}

/// The non-whitespace word segments of `text`, as `(offset, segment)`.
#[cfg(test)]
pub(crate) fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    pieces(text).flat_map(move |p| piece_segments(text, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().filter(|(_, s)| !s.trim().is_empty()).collect()
    }

    #[test]
    fn ascii_rules() {
        let s = "Mr. Tokayev's 7,600-km border: U.S. a:b 3.5 x_1 $28bn -- 'quoted' e.g.\r\n\tend";
        assert_eq!(segments(s).collect::<Vec<_>>(), reference(s));
        let got: Vec<&str> = segments(s).map(|(_, w)| w).collect();
        assert_eq!(&got[..6], ["Mr", ".", "Tokayev's", "7,600", "-", "km"]);
    }

    #[test]
    fn masks_of_every_byte() {
        for b in 0..=255u8 {
            let mut w = [b; 64];
            w[7] = b' ';
            assert_eq!(Masks::of(&w), Masks::scalar(&w), "{b:#x}");
        }
    }

    #[test]
    fn mixed_scripts_and_marks() {
        for s in ["Tokayev’s “visit” — Астана, café", "a \u{308}b", " \u{301}", "x\u{a0}y z", "日本語 text", "a\u{200d}\u{1f600} b"] {
            assert_eq!(segments(s).collect::<Vec<_>>(), reference(s), "{s:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[cfg(target_arch = "x86_64")]
        #[test]
        fn sse2_masks_equal_scalar_masks(w in proptest::array::uniform32(any::<u8>()), v in proptest::array::uniform32(any::<u8>())) {
            let mut window = [0u8; 64];
            window[..32].copy_from_slice(&w);
            window[32..].copy_from_slice(&v);
            prop_assert_eq!(Masks::sse2(&window), Masks::scalar(&window));
        }

        #[test]
        fn fast_path_equals_uax29(s in "[a-zA-Z0-9_.,;:'\"\\- \t\r\n\u{0b}\u{0c}$!?()é’\u{308}\u{a0}\u{2019}Ж日\u{1f600}\u{200d}\u{0}]{0,40}") {
            prop_assert_eq!(segments(&s).collect::<Vec<_>>(), reference(&s));
        }

        #[test]
        fn fast_path_equals_uax29_any(s in any::<String>()) {
            prop_assert_eq!(segments(&s).collect::<Vec<_>>(), reference(&s));
        }
    }
}
