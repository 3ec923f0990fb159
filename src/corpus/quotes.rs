//! Where a CSV quote is left open.
//!
//! The `csv` crate, like most CSV readers, takes a quoted field that is
//! never closed as running to the end of the file: a file whose last
//! column opens a quote and never closes it loads as fewer rows, the rest
//! of the file swallowed into one field, with no error. This scanner
//! follows the quoting rules of the reader newsframe uses (`csv_core` with
//! its defaults: `,` between fields, `"` quotes, a quote inside a quoted
//! field written twice, a quote inside an unquoted field taken as is) and
//! says where a quote still open at the end of the file was opened.
//!
//! It also finds the same mistake in the middle of a file: a quote left
//! open runs on to the next quote, usually the opening quote of a later
//! field, and the characters after it follow the "closing" quote directly
//! (`…,"Opened\n…rows…\nd7,"quoted"…`). In a well-formed file a closing
//! quote is followed by a comma, a line break or the end. A quoted field
//! that spans lines and is closed by a quote followed by anything else is
//! reported with the line where it opened and the line where it closed.
//! (On one line, `"a"b` is left to the reader, which takes it as `ab`.)
//!
//! It sees the file in pieces (blocks as they are read), jumping from
//! quote to quote with `memchr`, so it costs little next to parsing.

/// The quoting state of a CSV file read so far.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quotes {
    /// Inside a quoted field.
    in_quotes: bool,
    /// Inside a quoted field, just after a quote: the next byte says
    /// whether it closed the field or was the first of a doubled quote.
    pending: bool,
    /// The next byte starts a field (file start, after `,`, CR or LF).
    at_start: bool,
    /// Bytes seen so far.
    offset: usize,
    /// The byte offset of the quote that opened the current quoted field.
    open_at: usize,
    /// The current quoted field holds a line break.
    spans_lines: bool,
    /// The first quoted field spanning lines whose closing quote is
    /// followed by something other than `,`, CR, LF: (opening, closing)
    /// byte offsets.
    bad_close: Option<(usize, usize)>,
}

impl Default for Quotes {
    fn default() -> Quotes {
        Quotes { in_quotes: false, pending: false, at_start: true, offset: 0, open_at: 0, spans_lines: false, bad_close: None }
    }
}

impl Quotes {
    /// Follows the next bytes of the file.
    pub fn feed(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            if self.pending {
                self.pending = false;
                if bytes[i] == b'"' {
                    i += 1;
                    continue;
                }
                // The quote closed the field; this byte is outside it.
                self.in_quotes = false;
                self.at_start = false;
                if self.spans_lines && self.bad_close.is_none() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
                    self.bad_close = Some((self.open_at, self.offset + i - 1));
                }
            }
            match memchr::memchr(b'"', &bytes[i..]) {
                Some(k) if self.in_quotes => {
                    self.spans_lines = self.spans_lines || memchr::memchr(b'\n', &bytes[i..i + k]).is_some();
                    i += k + 1;
                    self.pending = true;
                }
                Some(k) => {
                    let starts = if k == 0 { self.at_start } else { matches!(bytes[i + k - 1], b',' | b'\n' | b'\r') };
                    if starts {
                        self.in_quotes = true;
                        self.spans_lines = false;
                        self.open_at = self.offset + i + k;
                    }
                    self.at_start = false;
                    i += k + 1;
                }
                None => {
                    if self.in_quotes {
                        self.spans_lines = self.spans_lines || memchr::memchr(b'\n', &bytes[i..]).is_some();
                    } else {
                        self.at_start = matches!(bytes[n - 1], b',' | b'\n' | b'\r');
                    }
                    i = n;
                }
            }
        }
        self.offset += n;
    }

    /// At the end of the file: the byte offset of the quote still open, if
    /// one is.
    pub fn open_at_end(&self) -> Option<usize> {
        (self.in_quotes && !self.pending).then_some(self.open_at)
    }

    /// The first quoted field that spans lines and is closed by a quote
    /// followed by something other than a comma or a line break: its
    /// opening and closing quotes' byte offsets.
    pub fn bad_close(&self) -> Option<(usize, usize)> {
        self.bad_close
    }
}

#[cfg(test)]
mod tests {
    use super::Quotes;
    use proptest::prelude::*;

    fn open(s: &str) -> Option<usize> {
        let mut q = Quotes::default();
        q.feed(s.as_bytes());
        q.open_at_end()
    }

    #[test]
    fn quotes_left_open_are_found_where_they_open() {
        assert_eq!(open("a,b\n1,\"x\"\n"), None);
        assert_eq!(open("a,b\n1,\"x\"\"y\"\n"), None);
        assert_eq!(open("a,b\n1,\"x\"\"\n"), Some(6));
        assert_eq!(open("a,b\n1,\"x\n2,y\n"), Some(6));
        // A quote inside an unquoted field is a character.
        assert_eq!(open("a,b\n1,x\"y\n"), None);
        // A quoted field may be followed by more characters.
        assert_eq!(open("a,b\n1,\"x\"y\"z\n"), None);
        assert_eq!(open("\"a\",\"b\"\r\n\"1\",\"open"), Some(13));
        assert_eq!(open("\"\""), None);
        assert_eq!(open("\""), Some(0));
    }

    fn bad(s: &str) -> Option<(usize, usize)> {
        let mut q = Quotes::default();
        q.feed(s.as_bytes());
        q.bad_close()
    }

    #[test]
    fn a_quote_open_in_the_middle_is_found_where_it_closes_badly() {
        // Row 2 opens a quote; row 4's quoted field "closes" it.
        let s = "id,text\n1,fine\n2,\"opened\n3,swallowed\n4,\"quoted\"\n5,after\n";
        assert_eq!(bad(s), Some((s.find("\"opened").unwrap(), s.find("\"quoted").unwrap())));
        // Quoted fields spanning lines, closed properly, are fine; so is
        // `"a"b` on one line.
        assert_eq!(bad("id,text\n1,\"two\nlines\"\n2,\"a\"b\n3,\"x\"\"\ny\"\r\n"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Fed in any pieces, the same answer; and the answer agrees with the
        /// csv crate: when no quote is open at the end, every record ends
        /// where the file says it does (the last field does not run to the
        /// end with the quote in it).
        #[test]
        fn pieces_do_not_matter_and_agree_with_the_csv_crate(
            bytes in proptest::collection::vec(prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'a')], 0..40),
            cut in 0usize..40,
        ) {
            let mut whole = Quotes::default();
            whole.feed(&bytes);
            let cut = cut.min(bytes.len());
            let mut parts = Quotes::default();
            parts.feed(&bytes[..cut]);
            parts.feed(&bytes[cut..]);
            prop_assert_eq!(whole.open_at_end(), parts.open_at_end());
            prop_assert_eq!(whole.bad_close(), parts.bad_close());
            // Append a line break, a quote and a record: when a quote was
            // open, the quote closes it and the record stands alone; when
            // none was, the quote opens a field that swallows the record.
            let mut probe = bytes.clone();
            probe.extend_from_slice(b"\n\"\nPROBE\n");
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&probe[..]);
            let last: Vec<Vec<u8>> = reader.byte_records().filter_map(|r| r.ok()).map(|r| r.iter().map(<[u8]>::to_vec).collect::<Vec<_>>().concat()).collect();
            let probe_alone = last.last().is_some_and(|r| r == b"PROBE");
            prop_assert_eq!(whole.open_at_end().is_some(), probe_alone);
        }
    }
}
