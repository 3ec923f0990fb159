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

/// Reads a file and decodes it by the rules above.
pub(crate) fn read_text_file(path: &Path) -> Result<Decoded> {
    if path.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::Other, "is a folder, expected a file"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_owned(path, bytes)
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
    let Controls { c0, all, chars, first } = scan_controls(text.as_bytes());
    if c0 > 0 && c0 * 1000 > chars.max(1) * 5 {
        let offset = text.char_indices().find(|&(_, c)| is_c0(c)).map_or(0, |(i, _)| i);
        return Err(Error::new(ErrorKind::Binary { path: path.to_path_buf(), offset }));
    }
    let mut note = note;
    if let Some(at) = first {
        let line = 1 + text[..at].matches('\n').count();
        let msg = format!("{all} control character(s), the first on line {line}; kept as is (often mojibake from an upstream decoding error)");
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

/// Control characters in a text: C0 (other than tab, LF, CR, form feed),
/// all controls (C0 as before, DEL, C1), characters, and the byte offset of
/// the first control.
#[derive(Default)]
struct Controls {
    c0: usize,
    all: usize,
    chars: usize,
    first: Option<usize>,
}

/// Counts [`Controls`] in one pass over the bytes, in two halves on two
/// threads when the text is large (this runs on whole corpora). A C0
/// control or DEL is one byte, a C1 control is 0xC2 followed by 0x80-0x9F,
/// and every byte that is not a UTF-8 continuation byte starts a character.
fn scan_controls(bytes: &[u8]) -> Controls {
    fn scan(bytes: &[u8], offset: usize) -> Controls {
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
                0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
                _ => false,
            };
            if control {
                out.all += 1;
                out.first.get_or_insert(offset + i);
            }
        }
        out
    }
    if bytes.len() < 1 << 24 {
        return scan(bytes, 0);
    }
    // Split before a byte that starts a character, so that a C1 pair is
    // never cut.
    let mut mid = bytes.len() / 2;
    while mid < bytes.len() && bytes[mid] & 0xC0 == 0x80 {
        mid += 1;
    }
    let (a, b) = bytes.split_at(mid);
    let (x, y) = std::thread::scope(|s| {
        let h = s.spawn(|| scan(b, mid));
        (scan(a, 0), h.join().expect("a scanning thread panicked"))
    });
    Controls { c0: x.c0 + y.c0, all: x.all + y.all, chars: x.chars + y.chars, first: x.first.or(y.first) }
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
    use super::normalize_newlines;

    #[test]
    fn line_breaks_become_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n\r".into()), "a\nb\nc\n\n\n");
        assert_eq!(normalize_newlines("Астана\r\n—\r".into()), "Астана\n—\n");
        assert_eq!(normalize_newlines("no breaks".into()), "no breaks");
    }
}
