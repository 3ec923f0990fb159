//! Word segmentation: UAX #29 word boundaries, with an ASCII fast path.
//!
//! [`segments`] yields the non-whitespace segments of a text between UAX #29
//! word boundaries, each with its byte offset, exactly as
//! `unicode-segmentation`'s `split_word_bound_indices` does after dropping
//! whitespace-only segments. English news is almost all ASCII, and for
//! ASCII the UAX #29 rules reduce to a few byte comparisons, so the text is
//! cut into pieces at ASCII whitespace and each all-ASCII piece is segmented
//! by hand; any piece with a non-ASCII byte goes to `unicode-segmentation`.
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

/// The non-whitespace word segments of `text`, as `(offset, segment)`.
pub(crate) fn segments(text: &str) -> Segments<'_> {
    Segments { text, pos: 0, piece_end: 0, unicode: None }
}

/// Iterator returned by [`segments`].
pub(crate) struct Segments<'a> {
    text: &'a str,
    /// Next byte to look at.
    pos: usize,
    /// End of the current all-ASCII piece (`pos < piece_end` while in one).
    piece_end: usize,
    /// The current non-ASCII piece: its offset and its UAX #29 segments.
    unicode: Option<(usize, UWordBoundIndices<'a>)>,
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

impl<'a> Segments<'a> {
    /// Finds the next piece from `self.pos` (which is not whitespace):
    /// returns its end and whether it is all ASCII.
    fn next_piece(&self) -> (usize, bool) {
        let b = self.text.as_bytes();
        let mut i = self.pos;
        let mut ascii = true;
        loop {
            while i < b.len() && !is_space(b[i]) {
                ascii &= b[i] < 0x80;
                i += 1;
            }
            let end = i;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i >= b.len() || b[i] < 0x80 {
                return (end, ascii);
            }
            // Whitespace followed by a non-ASCII character: not a safe cut.
            ascii = false;
        }
    }

    /// One segment of the all-ASCII piece, starting at `self.pos`.
    fn ascii_segment(&mut self) -> (usize, &'a str) {
        let b = self.text.as_bytes();
        let (start, end) = (self.pos, self.piece_end);
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
        self.pos = j;
        (start, &self.text[start..j])
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((offset, it)) = &mut self.unicode {
                match it.next() {
                    Some((_, s)) if s.trim().is_empty() => continue,
                    Some((i, s)) => return Some((*offset + i, s)),
                    None => self.unicode = None,
                }
            }
            if self.pos < self.piece_end {
                return Some(self.ascii_segment());
            }
            let b = self.text.as_bytes();
            let space_start = self.pos;
            while self.pos < b.len() && is_space(b[self.pos]) {
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return None;
            }
            let (end, ascii) = self.next_piece();
            if ascii {
                self.piece_end = end;
            } else {
                // The whitespace goes with a non-ASCII piece: a mark after it
                // attaches to it (WB4).
                let start = if b[self.pos] < 0x80 { self.pos } else { space_start };
                self.unicode = Some((start, self.text[start..end].split_word_bound_indices()));
                self.pos = end;
                self.piece_end = end;
            }
        }
    }
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
    fn mixed_scripts_and_marks() {
        for s in ["Tokayev’s “visit” — Астана, café", "a \u{308}b", " \u{301}", "x\u{a0}y z", "日本語 text", "a\u{200d}\u{1f600} b"] {
            assert_eq!(segments(s).collect::<Vec<_>>(), reference(s), "{s:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
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
