//! A tokenized corpus: the corpus, its tokens, and the tables built on them.

use std::sync::Arc;

use polars::prelude::*;

use super::{Token, TokenKind, Tokenizer};
use crate::corpus::{columns, segment, Corpus, Document};
use crate::error::Result;

/// The column of token positions (0-based within the document).
pub const POSITION: &str = "position";
/// The column of surface forms (the text sliced by `start..end`).
pub const TOKEN: &str = "token";
/// The column of normalised terms (what is counted).
pub const TERM: &str = "term";

/// The 0-based sentence (as in [`Corpus::sentences`]) of each token of a
/// document, in one pass over tokens and sentences together.
pub(crate) fn sentence_indices(doc: &Document, toks: &[Token]) -> Vec<usize> {
    sentence_indices_in(&doc.sentences(), toks)
}

/// [`sentence_indices`] with the document's sentences already split.
pub(crate) fn sentence_indices_in(sentences: &[segment::Span], toks: &[Token]) -> Vec<usize> {
    let mut s = 0;
    toks.iter()
        .map(|t| {
            while s + 1 < sentences.len() && t.start >= sentences[s].end {
                s += 1;
            }
            s
        })
        .collect()
}

/// A corpus and its tokens, one vector per document (same order).
#[derive(Clone, Debug)]
pub struct Tokens {
    corpus: Arc<Corpus>,
    docs: Vec<Vec<Token>>,
    tokenizer: Tokenizer,
}

impl Tokens {
    /// Tokenizes every document of `corpus` (keeping a copy of it; see
    /// [`Tokens::of`] to share it instead).
    pub fn new(corpus: &Corpus, tokenizer: &Tokenizer) -> Tokens {
        Tokens::of(Arc::new(corpus.clone()), tokenizer)
    }

    /// Tokenizes every document of a shared corpus, without copying it.
    pub fn of(corpus: Arc<Corpus>, tokenizer: &Tokenizer) -> Tokens {
        let docs = corpus.docs().iter().map(|d| tokenizer.tokenize(&d.text)).collect();
        Tokens { corpus, docs, tokenizer: tokenizer.clone() }
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The tokenizer that made these tokens.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The documents with their tokens.
    pub fn iter(&self) -> impl Iterator<Item = (&Document, &[Token])> {
        self.corpus.docs().iter().zip(self.docs.iter().map(Vec::as_slice))
    }

    /// The tokens table, one row a token: `doc_id`, `sentence_id` (1-based,
    /// as in [`Corpus::sentences`]), `position` (0-based in the document),
    /// `token` (the surface form, `text[start..end]`), `term`, `kind`,
    /// `start`, `end`.
    pub fn table(&self) -> Result<DataFrame> {
        let (mut ids, mut sid, mut pos, mut tok, mut term, mut kind, mut start, mut end) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        for (d, toks) in self.iter() {
            for (i, (t, s)) in toks.iter().zip(sentence_indices(d, toks)).enumerate() {
                ids.push(d.id.as_str());
                sid.push(s as u32 + 1);
                pos.push(i as u32);
                tok.push(&d.text[t.start..t.end]);
                term.push(t.term.as_str());
                kind.push(t.kind.as_str());
                start.push(t.start as u64);
                end.push(t.end as u64);
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), ids),
            Column::new(columns::SENTENCE_ID.into(), sid),
            Column::new(POSITION.into(), pos),
            Column::new(TOKEN.into(), tok),
            Column::new(TERM.into(), term),
            Column::new(columns::KIND.into(), kind),
            Column::new(columns::START.into(), start),
            Column::new(columns::END.into(), end),
        ])?)
    }

    /// N-grams: every run of `n` consecutive tokens of a document becomes one
    /// token, its term the terms joined by `_` (quanteda's
    /// `tokens_ngrams`), its offsets from the first token's start to the
    /// last one's end. `n` below 1 is treated as 1.
    pub fn ngrams(&self, n: usize) -> Tokens {
        let n = n.max(1);
        let docs = self
            .docs
            .iter()
            .map(|d| {
                d.windows(n)
                    .map(|w| Token {
                        start: w[0].start,
                        end: w[n - 1].end,
                        kind: if w.iter().all(|t| t.kind == w[0].kind) { w[0].kind } else { TokenKind::Word },
                        term: w.iter().map(|t| t.term.as_str()).collect::<Vec<_>>().join("_"),
                    })
                    .collect()
            })
            .collect();
        Tokens { corpus: self.corpus.clone(), docs, tokenizer: self.tokenizer.clone() }
    }
}
