//! Turning bytes from disk into text, without losing anything.
//!
//! The rules, in order:
//! 1. An empty file, or one holding only whitespace, is an error.
//! 2. A UTF-16 byte-order mark means UTF-16; it is decoded and a warning says
//!    so.
//! 3. A NUL byte anywhere else means binary content: an error; so do C0
//!    control characters above 0.5% of the text. Fewer control characters
//!    (and C1 controls, U+0080-U+009F, the trace of mojibake) are kept and
//!    reported with the line of the first.
//! 4. Valid UTF-8 (with or without a BOM) is taken as is; the BOM is removed.
//! 5. Anything else is decoded as Windows-1252 (a superset of Latin-1 for
//!    printable text) with `encoding_rs`, and a warning says so.
//! 6. CRLF and lone CR line endings become LF, so that offsets and line
//!    numbers mean the same on every platform. (Tables do this per field
//!    instead, on all cores: the CSV reader takes CRLF records as they are.)
//!
//! It does not guess other encodings (Shift-JIS, KOI8-R, ...): a corpus in one
//! of those should be converted first.

use std::path::Path;

use crate::error::{Error, ErrorKind, Result};

/// Decoded text and, when the bytes were not plain UTF-8, a note saying what
/// was done.
pub(crate) struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes bytes it owns, without copying them when they are UTF-8 (a large
/// table is then held in memory once, not twice).
pub(crate) fn decode_owned(path: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let mut d = decode_table(path, bytes)?;
    d.text = normalize_newlines(d.text);
    Ok(d)
}

/// [`decode_owned`] without rule 6, for tables whose fields are normalised
/// one by one.
pub(crate) fn decode_table(path: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let utf16 = encoding_rs::Encoding::for_bom(&bytes).is_some_and(|(enc, _)| enc != encoding_rs::UTF_8);
    if utf16 || bytes.iter().all(|b| b.is_ascii_whitespace()) || bytes.contains(&0) {
        return decode_bytes(path, &bytes);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{FEFF}') {
                s.drain(..3);
            }
            finish(path, s, None)
        }
        Err(e) => decode_bytes(path, e.as_bytes()),
    }
}

/// Decodes bytes already in memory (`path` is used in messages only).
pub(crate) fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty { path: path.to_path_buf() }));
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            let mut note = format!("decoded as {} (byte-order mark)", enc.name());
            if had_errors {
                note.push_str("; some bytes were invalid and became U+FFFD");
            }
            return finish(path, text.into_owned(), Some(note));
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::new(ErrorKind::Binary { path: path.to_path_buf(), offset }));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => finish(path, s.to_owned(), None),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            let line = 1 + body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            let note = format!(
                "not valid UTF-8 (first bad byte on line {line}); decoded as windows-1252/Latin-1"
            );
            finish(path, text.into_owned(), Some(note))
        }
    }
}

fn finish(path: &Path, text: String, note: Option<String>) -> Result<Decoded> {
    // C0 control characters other than tab, line breaks and form feed are a
    // sign of binary data that happens to decode; more than a few in a
    // thousand and the file is rejected. C1 controls (U+0080-U+009F) and a
    // stray C0 are kept, and reported: in real corpora they are mojibake
    // (UTF-8 read as windows-1252 somewhere upstream), not binary content.
    let is_c0 = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
    let controls = scan_controls(text.as_bytes());
    let Controls { all, first, .. } = controls;
    if too_many_controls(&controls) {
        let offset = text.char_indices().find(|&(_, c)| is_c0(c)).map_or(0, |(i, _)| i);
        return Err(Error::new(ErrorKind::Binary { path: path.to_path_buf(), offset }));
    }
    let mut note = note;
    if let Some(at) = first {
        let msg = controls_note(all, 1 + text[..at].matches('\n').count());
        note = Some(match note {
            Some(n) => format!("{n}; {msg}"),
            None => msg,
        });
    }
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty { path: path.to_path_buf() }));
    }
    Ok(Decoded { text, note })
}

/// Whether these controls in a text make it binary (rule 3).
pub(crate) fn too_many_controls(c: &Controls) -> bool {
    c.c0 > 0 && c.c0 * 1000 > c.chars.max(1) * 5
}

/// The warning about `all` control characters, the first on `line`.
pub(crate) fn controls_note(all: usize, line: usize) -> String {
    format!("{all} control character(s), the first on line {line}; kept as is (often mojibake from an upstream decoding error)")
}

/// Control characters in a text: C0 (other than tab, LF, CR, form feed),
/// all controls (C0 as before, DEL, C1), characters, and the byte offset of
/// the first control.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Controls {
    pub c0: usize,
    pub all: usize,
    pub chars: usize,
    pub first: Option<usize>,
}

impl Controls {
    /// Adds the counts of the bytes that follow (`other`).
    pub fn then(self, other: Controls) -> Controls {
        Controls { c0: self.c0 + other.c0, all: self.all + other.all, chars: self.chars + other.chars, first: self.first.or(other.first) }
    }
}

/// [`Controls`] of `bytes`, whose first byte is at `offset` in the text;
/// `next` is the byte after them, if any (a C1 control is a pair).
///
/// Eight bytes at a time: a word with no byte below 0x20, no DEL and no
/// 0xC2 holds no control, and its characters are its bytes that are not
/// UTF-8 continuation bytes. Other words go byte by byte
/// (`tests::fast_scan_equals_bytewise_scan`).
pub(crate) fn scan(bytes: &[u8], offset: usize, next: Option<u8>) -> Controls {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte equal to zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut out = Controls::default();
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let below_20 = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
        if below_20 | zero(w ^ (0x7F * ONES)) | zero(w ^ (0xC2 * ONES)) == 0 {
            // Continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear.
            let continuation = w & HIGH & !(w << 1);
            out.chars += 8 - continuation.count_ones() as usize;
            i += 8;
            continue;
        }
        let after = bytes.get(i + 8).copied().or(next);
        out = out.then(scan_bytes(chunk, offset + i, after));
        i += 8;
    }
    out.then(scan_bytes(&bytes[i..], offset + i, next))
}

/// [`scan`], one byte at a time.
fn scan_bytes(bytes: &[u8], offset: usize, next: Option<u8>) -> Controls {
    let mut out = Controls::default();
    for (i, &b) in bytes.iter().enumerate() {
        out.chars += usize::from(b & 0xC0 != 0x80);
        let control = match b {
            b'\t' | b'\n' | b'\r' | 0x0C => false,
            0..=0x1F => {
                out.c0 += 1;
                true
            }
            0x7F => true,
            0xC2 => bytes.get(i + 1).copied().or(next).is_some_and(|n| (0x80..=0x9F).contains(&n)),
            _ => false,
        };
        if control {
            out.all += 1;
            out.first.get_or_insert(offset + i);
        }
    }
    out
}

/// Counts [`Controls`] in one pass over the bytes, in two halves on two
/// threads when the text is large (this runs on whole corpora).
fn scan_controls(bytes: &[u8]) -> Controls {
    if bytes.len() < 1 << 24 {
        return scan(bytes, 0, None);
    }
    let mid = bytes.len() / 2;
    let (a, b) = bytes.split_at(mid);
    let (x, y) = std::thread::scope(|s| {
        let h = s.spawn(|| scan(b, mid, None));
        (scan(a, 0, b.first().copied()), h.join().expect("a scanning thread panicked"))
    });
    x.then(y)
}

/// CRLF and lone CR become LF.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    // In place, one pass: CR LF loses its CR, a lone CR becomes LF.
    let mut bytes = text.into_bytes();
    let mut w = 0;
    for r in 0..bytes.len() {
        let b = bytes[r];
        if b == b'\r' {
            if bytes.get(r + 1) == Some(&b'\n') {
                continue;
            }
            bytes[w] = b'\n';
        } else {
            bytes[w] = b;
        }
        w += 1;
    }
    bytes.truncate(w);
    String::from_utf8(bytes).expect("replacing or removing CR bytes keeps UTF-8 valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn fast_scan_equals_bytewise_scan(
            bytes in proptest::collection::vec(prop_oneof![Just(0xC2u8), Just(0x85), Just(0x9F), Just(0xA0), Just(b'\n'), Just(0x7F), Just(1), Just(0x80), Just(0xE2), 0u8..=255, b'a'..=b'z'], 0..80),
            cut in 0usize..80,
        ) {
            prop_assert_eq!(scan(&bytes, 7, None), scan_bytes(&bytes, 7, None));
            // Scanned in two parts (as blocks of a stream are), the same.
            let cut = cut.min(bytes.len());
            let (a, b) = bytes.split_at(cut);
            prop_assert_eq!(scan(a, 0, b.first().copied()).then(scan(b, cut, None)), scan_bytes(&bytes, 0, None));
        }
    }

    #[test]
    fn line_breaks_become_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n\r".into()), "a\nb\nc\n\n\n");
        assert_eq!(normalize_newlines("Астана\r\n—\r".into()), "Астана\n—\n");
        assert_eq!(normalize_newlines("no breaks".into()), "no breaks");
    }
}
