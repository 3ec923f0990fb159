//! A table file read, gunzipped and checked on a thread of its own, and
//! handed over in blocks, so that parsing overlaps decompression.
//!
//! This is the fast path for the common case: a UTF-8 file (with or without
//! a byte-order mark) with few control characters. On the way, each block
//! is checked by the rules of [`super::decode`]: it must be valid UTF-8
//! (blocks end on character boundaries), hold no NUL byte, and its control
//! characters are counted. Anything else (UTF-16, another encoding, binary
//! content, a gzip error, a file over the size limit, a quote left open at
//! the end) makes [`Blocks::finish`] say so, and the caller
//! loads the file the ordinary way instead, which decodes or rejects it and
//! says why. Both ways give the same corpus (`tabular::tests`).

use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::thread::JoinHandle;

use super::decode::{self, Controls};

/// What the reading thread found in the whole file.
pub(crate) struct Checked {
    /// The warning on control characters, if any (the same as
    /// [`decode::decode_table`]'s).
    pub note: Option<String>,
}

/// The blocks of a file being read on another thread, as a [`Read`].
pub(crate) struct Blocks {
    rx: Option<Receiver<Vec<u8>>>,
    back: Sender<Vec<u8>>,
    current: Vec<u8>,
    pos: usize,
    reader: Option<JoinHandle<Option<Checked>>>,
}

impl Blocks {
    /// Starts reading `path` (gunzipped when `gzip`) in blocks of about
    /// `block` bytes, `limit` bytes at most; `csv`: check its quotes too.
    /// `None` if the file cannot be opened (the ordinary path then reports
    /// why).
    pub fn open(path: &Path, gzip: bool, block: usize, limit: u64, csv: bool) -> Option<Blocks> {
        let file = std::fs::File::open(path).ok()?;
        let (tx, rx) = sync_channel::<Vec<u8>>(4);
        let (back, spare) = channel::<Vec<u8>>();
        let reader = std::thread::Builder::new()
            .name("newsframe-read".into())
            .spawn(move || {
                let input: Box<dyn Read> = if gzip {
                    Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 16, file)))
                } else {
                    Box::new(file)
                };
                read_blocks(Box::new(input.take(limit.saturating_add(1))), block.max(4), limit, csv, &tx, &spare)
            })
            .ok()?;
        Some(Blocks { rx: Some(rx), back, current: vec![], pos: 0, reader: Some(reader) })
    }

    /// Stops reading (if not done) and says whether the whole file passed
    /// the checks, with its note.
    pub fn finish(mut self) -> Option<Checked> {
        self.rx = None;
        self.reader.take()?.join().ok().flatten()
    }
}

impl Read for Blocks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.current.len() {
            let Some(next) = self.rx.as_ref().and_then(|rx| rx.recv().ok()) else { return Ok(0) };
            let used = std::mem::replace(&mut self.current, next);
            let _ = self.back.send(used);
            self.pos = 0;
        }
        let n = buf.len().min(self.current.len() - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Where the last whole character of `b` ends: before an incomplete UTF-8
/// sequence at the very end, if there is one.
fn char_boundary(b: &[u8]) -> usize {
    for back in 1..=b.len().min(3) {
        let lead = b[b.len() - back];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let need = match lead {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        return if need > back { b.len() - back } else { b.len() };
    }
    b.len()
}

/// The reading thread: fills blocks, checks them, sends them on. Returns
/// `None` as soon as the file needs the ordinary path (or the parser hung
/// up).
fn read_blocks(mut input: Box<dyn Read>, block: usize, limit: u64, csv: bool, tx: &std::sync::mpsc::SyncSender<Vec<u8>>, spare: &Receiver<Vec<u8>>) -> Option<Checked> {
    let mut controls = Controls::default();
    let mut quotes = super::quotes::Quotes::default();
    let mut total: u64 = 0;
    // Newlines before the first control, for its line number.
    let mut newlines = 0;
    let mut offset = 0;
    let mut carry: Vec<u8> = vec![];
    let mut first = true;
    // Blocks end on character boundaries, so a C1 control (one two-byte
    // character) is never cut, and each block is scanned on its own.
    let mut pass_on = |block: Vec<u8>| -> Option<()> {
        let c = decode::scan(&block, offset, None);
        if csv {
            quotes.feed(&block);
        }
        if controls.first.is_none() {
            let upto = c.first.map_or(block.len(), |at| at - offset);
            newlines += block[..upto].iter().filter(|&&b| b == b'\n').count();
        }
        controls = controls.then(c);
        offset += block.len();
        tx.send(block).ok()
    };
    loop {
        let mut buf = spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(block + 4));
        buf.clear();
        buf.append(&mut carry);
        let want = block.saturating_sub(buf.len()) as u64;
        let before = buf.len();
        input.by_ref().take(want).read_to_end(&mut buf).ok()?;
        total += (buf.len() - before) as u64;
        if total > limit {
            return None;
        }
        let at_end = buf.len() < block;
        if first {
            first = false;
            if encoding_rs::Encoding::for_bom(&buf).is_some_and(|(enc, _)| enc != encoding_rs::UTF_8) {
                return None;
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
        }
        if !at_end {
            carry.extend_from_slice(&buf[char_boundary(&buf)..]);
            buf.truncate(buf.len() - carry.len());
        }
        if buf.contains(&0) || std::str::from_utf8(&buf).is_err() {
            return None;
        }
        pass_on(buf)?;
        if at_end {
            break;
        }
    }
    if decode::too_many_controls(&controls) || quotes.open_at_end().is_some() || quotes.bad_close().is_some() {
        return None;
    }
    Some(Checked { note: controls.first.map(|_| decode::controls_note(controls.all, 1 + newlines)) })
}

#[cfg(test)]
mod tests {
    use super::char_boundary;

    #[test]
    fn blocks_end_on_character_boundaries() {
        let s = "aé€😀".as_bytes();
        for cut in 0..=s.len() {
            let b = &s[..cut];
            let k = char_boundary(b);
            assert!(std::str::from_utf8(&b[..k]).is_ok(), "{cut}");
            assert!(cut - k <= 3);
            assert_eq!(k == cut, std::str::from_utf8(b).is_ok(), "{cut}");
        }
    }
}
