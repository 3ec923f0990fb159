//! Term ids for one counting thread, looked up in batches.
//!
//! Counting is one hash lookup per token, and on a corpus of 200 thousand
//! distinct terms most of the lookups of rare terms miss every cache: the
//! time goes into waiting for memory, one lookup after another. So the
//! counter looks terms up in [`Batch`]es: when a term joins a batch its hash
//! is computed and its table slot prefetched, and by the time the batch is
//! resolved the slots are (mostly) in cache. That needs the slot's address
//! before the lookup, which `hashbrown` does not give, hence this small
//! open-addressing table (linear probing, at most half full).
//!
//! Each distinct term is stored once in an arena. A slot holds the term's
//! first eight bytes, its length and its id, so that a term of up to eight
//! bytes (most words) is compared in the slot alone, and a longer one
//! compares the rest in the arena.

/// A slot of the table (24 bytes); `id == EMPTY` marks a free one.
#[derive(Clone, Copy)]
struct Slot {
    head: u64,
    tail: u64,
    len: u32,
    id: u32,
}

impl Slot {
    #[inline]
    fn key(&self) -> Key {
        Key { head: self.head, tail: self.tail, len: self.len }
    }
}

/// What a slot knows of its term: the first and the last eight bytes
/// (zero-padded, overlapping when shorter than 16) and the length. For a
/// term of up to 16 bytes this is the whole term.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    head: u64,
    tail: u64,
    len: u32,
}

impl Key {
    #[inline]
    fn of(term: &[u8]) -> Key {
        let n = term.len();
        let tail = if n > 8 { head(&term[(n - 8).max(8)..]) } else { 0 };
        // Saturating: a longer term still compares in full (len > 16).
        Key { head: head(term), tail, len: u32::try_from(n).unwrap_or(u32::MAX) }
    }
}

const EMPTY: u32 = u32::MAX;
const FREE: Slot = Slot { head: 0, tail: 0, len: 0, id: EMPTY };

/// Term → id, ids dense from 0 in order of first appearance.
pub(super) struct Vocabulary {
    slots: Vec<Slot>,
    /// `(start, end)` of each term in `arena`, by id.
    spans: Vec<(usize, usize)>,
    arena: String,
    hasher: foldhash::fast::FixedState,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary { slots: vec![FREE; 1 << 12], spans: vec![], arena: String::new(), hasher: Default::default() }
    }
}

/// The first (up to) eight bytes of `b`, little-endian, zero-padded.
#[inline]
fn head(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    match n {
        0 => 0,
        1..=3 => u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)),
        // Two overlapping four-byte reads: the shared bytes are the same.
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl Vocabulary {
    /// The hash of a term with this key: a multiply-fold of its first and
    /// last eight bytes and its length (foldhash's mixing step), or
    /// foldhash itself for terms over 16 bytes.
    #[inline]
    fn hash(&self, term: &[u8], key: Key) -> u64 {
        use std::hash::BuildHasher;
        const K0: u64 = 0x243f_6a88_85a3_08d3;
        const K1: u64 = 0x1319_8a2e_0370_7344;
        if term.len() <= 16 {
            fold_mul(key.head ^ K0, key.tail ^ K1 ^ u64::from(key.len) << 56)
        } else {
            self.hasher.hash_one(term)
        }
    }

    /// Whether `n` more terms can get an id (ids are `u32`, one value
    /// marks a free slot).
    pub(super) fn has_room(&self, n: usize) -> bool {
        self.spans.len().saturating_add(n) < EMPTY as usize
    }

    /// Number of distinct terms.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The term with this id.
    pub(super) fn term(&self, id: usize) -> &str {
        let (a, b) = self.spans[id];
        &self.arena[a..b]
    }

    /// The id of `term`, added if new (one lookup, not batched).
    pub(super) fn intern(&mut self, term: &str) -> u32 {
        let key = Key::of(term.as_bytes());
        let hash = self.hash(term.as_bytes(), key);
        self.id(term, key, hash)
    }

    /// The id of `term`, if it has one.
    pub(super) fn get(&self, term: &str) -> Option<u32> {
        let key = Key::of(term.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = self.hash(term.as_bytes(), key) as usize & mask;
        loop {
            let s = self.slots[i];
            if s.id == EMPTY {
                return None;
            }
            if s.key() == key && self.term(s.id as usize) == term {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks the CPU to bring the first slot for `hash` into cache.
    #[inline]
    fn prefetch(&self, hash: u64) {
        prefetch(&self.slots[hash as usize & (self.slots.len() - 1)]);
    }

    /// The id of `term`, added if new.
    #[inline]
    fn id(&mut self, term: &str, key: Key, hash: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.id == EMPTY {
                break;
            }
            if s.key() == key && (key.len <= 16 || {
                let (a, b) = self.spans[s.id as usize];
                self.arena.as_bytes()[a..b] == *term.as_bytes()
            }) {
                return s.id;
            }
            i = (i + 1) & mask;
        }
        self.insert(i, term, key)
    }

    #[cold]
    fn insert(&mut self, at: usize, term: &str, key: Key) -> u32 {
        // The counter checks `has_room` before each document.
        debug_assert!(self.spans.len() < EMPTY as usize);
        let id = self.spans.len() as u32;
        let start = self.arena.len();
        self.arena.push_str(term);
        self.spans.push((start, self.arena.len()));
        self.slots[at] = Slot { head: key.head, tail: key.tail, len: key.len, id };
        if self.spans.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Doubles the table and puts every term back.
    fn grow(&mut self) {
        let mut slots = vec![FREE; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for s in &self.slots {
            if s.id == EMPTY {
                continue;
            }
            let (a, b) = self.spans[s.id as usize];
            let mut i = self.hash(&self.arena.as_bytes()[a..b], s.key()) as usize & mask;
            while slots[i].id != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = *s;
        }
        self.slots = slots;
    }
}

/// Asks the CPU to bring `x` into cache (a hint; nothing on other
/// architectures than x86-64).
#[inline]
pub(super) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint, and the address is a valid reference.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Terms waiting to be looked up, with their slots prefetched.
#[derive(Default)]
pub(super) struct Batch {
    text: String,
    /// `(end in text, key, hash)` of each term.
    terms: Vec<(usize, Key, u64)>,
    ids: Vec<u32>,
}

impl Batch {
    /// How many terms a batch holds: enough lookups in flight to hide
    /// memory latency, few enough that their slots stay in cache.
    pub(super) const SIZE: usize = 32;

    /// Adds a term; returns whether the batch is full.
    #[inline]
    pub(super) fn push(&mut self, vocab: &Vocabulary, term: &str) -> bool {
        let key = Key::of(term.as_bytes());
        let hash = vocab.hash(term.as_bytes(), key);
        vocab.prefetch(hash);
        self.text.push_str(term);
        self.terms.push((self.text.len(), key, hash));
        self.terms.len() >= Batch::SIZE
    }

    /// Looks every term up (adding new ones) and returns their ids, in
    /// order; leaves the batch empty for the next terms.
    #[inline]
    pub(super) fn resolve(&mut self, vocab: &mut Vocabulary) -> &[u32] {
        self.ids.clear();
        let mut start = 0;
        for &(end, key, hash) in &self.terms {
            self.ids.push(vocab.id(&self.text[start..end], key, hash));
            start = end;
        }
        self.text.clear();
        self.terms.clear();
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_across_growth_and_lengths() {
        let mut v = Vocabulary::default();
        let mut b = Batch::default();
        let words: Vec<String> = (0..20_000)
            .map(|i| match i % 4 {
                0 => format!("w{i}"),
                1 => format!("term-number-{i}"),
                2 => format!("a-much-longer-term-than-sixteen-bytes-{i}"),
                _ => "x".repeat(i % 9),
            })
            .collect();
        let mut first = vec![];
        for pass in 0..2 {
            let mut ids = vec![];
            for w in &words {
                if b.push(&v, w) {
                    ids.extend_from_slice(b.resolve(&mut v));
                }
            }
            ids.extend_from_slice(b.resolve(&mut v));
            assert_eq!(ids.len(), words.len());
            for (w, &id) in words.iter().zip(&ids) {
                assert_eq!(v.term(id as usize), w);
            }
            if pass == 0 {
                first = ids;
            } else {
                assert_eq!(ids, first);
            }
        }
        let distinct: std::collections::HashSet<&String> = words.iter().collect();
        assert_eq!(v.len(), distinct.len());
        assert!(v.slots.len() >= 2 * v.len());
    }

    #[test]
    fn heads_keep_every_byte_of_short_terms() {
        let terms = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "\0", "a\0"];
        let heads: std::collections::HashSet<(u64, usize)> = terms.iter().map(|t| (head(t.as_bytes()), t.len())).collect();
        assert_eq!(heads.len(), terms.len());
        // Up to 16 bytes, the key is the whole term.
        let k = Key::of(b"0123456789abcdef");
        assert_eq!((k.head, k.tail, k.len), (u64::from_le_bytes(*b"01234567"), u64::from_le_bytes(*b"89abcdef"), 16));
        let k = Key::of(b"0123456789ab");
        assert_eq!(k.tail, u64::from_le_bytes(*b"89ab\0\0\0\0"));
        assert!(Key::of(b"0123456789abcdef-x") != Key::of(b"0123456789abcdef-y"));
        assert_eq!(head(b"abcdefg"), u64::from_le_bytes(*b"abcdefg\0"));
        assert_eq!(head(b"abc"), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
    }
}
