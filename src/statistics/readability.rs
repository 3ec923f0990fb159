//! Readability and lexical diversity of each document.
//!
//! Readability uses the classic formulas on the prose: words and letters
//! from the [`Tokenizer::words`](crate::tokens::Tokenizer::words) preset,
//! sentences from [`segment`](crate::corpus::segment), and syllables from an
//! English heuristic (vowel groups, a silent final `e`, at least one per
//! word). Formulas:
//!
//! | measure | formula |
//! |---|---|
//! | Flesch reading ease | 206.835 − 1.015·W/S − 84.6·Y/W |
//! | Flesch–Kincaid grade | 0.39·W/S + 11.8·Y/W − 15.59 |
//! | Gunning fog | 0.4·(W/S + 100·C/W) |
//! | SMOG | 1.043·√(C·30/S) + 3.1291 |
//! | Coleman–Liau | 0.0588·L − 0.296·S100 − 15.8 |
//! | ARI | 4.71·K/W + 0.5·W/S − 21.43 |
//!
//! W words, S sentences, Y syllables, C words of three or more syllables,
//! L letters per 100 words, S100 sentences per 100 words, K letters and
//! digits. The syllable heuristic is English-only and approximate (quanteda
//! uses a dictionary with a fallback of the same kind), so scores are
//! comparable within this tool, not to the decimal with other tools.
//!
//! Lexical diversity: TTR (types / tokens), MATTR (the mean TTR of every
//! window of 50 tokens; Covington & McFall 2010) and MTLD (McCarthy & Jarvis
//! 2010, factor threshold 0.72, mean of the forward and backward passes).

use std::collections::HashMap;

use polars::prelude::*;

use crate::corpus::{columns, segment, Corpus};
use crate::error::Result;
use crate::tokens::{TokenKind, Tokenizer};

/// Syllables in an English word, by a vowel-group heuristic.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut n = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    // A silent final e ("state"), but not "-le" after a consonant ("table").
    if w.len() > 2 && w[w.len() - 1] == 'e' && !vowel(w[w.len() - 2]) && !(w[w.len() - 2] == 'l' && !vowel(w[w.len() - 3])) {
        n -= 1;
    }
    n.max(1)
}

/// Readability scores of one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Readability {
    /// Flesch reading ease.
    pub flesch: f64,
    /// Flesch–Kincaid grade level.
    pub flesch_kincaid: f64,
    /// Gunning fog index.
    pub gunning_fog: f64,
    /// SMOG grade.
    pub smog: f64,
    /// Coleman–Liau index.
    pub coleman_liau: f64,
    /// Automated readability index.
    pub ari: f64,
}

/// The readability of `text`.
pub fn readability(text: &str) -> Readability {
    let words: Vec<&str> = Tokenizer::words()
        .tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Number)
        .map(|t| &text[t.start..t.end])
        .collect();
    let w = words.len().max(1) as f64;
    let s = segment::sentences(text, &segment::paragraphs(text)).len().max(1) as f64;
    let syl: Vec<usize> = words.iter().map(|x| syllables(x)).collect();
    let y = syl.iter().sum::<usize>() as f64;
    let c = syl.iter().filter(|&&n| n >= 3).count() as f64;
    let letters = words.iter().map(|x| x.chars().filter(|c| c.is_alphabetic()).count()).sum::<usize>() as f64;
    let chars = words.iter().map(|x| x.chars().filter(|c| c.is_alphanumeric()).count()).sum::<usize>() as f64;
    Readability {
        flesch: 206.835 - 1.015 * w / s - 84.6 * y / w,
        flesch_kincaid: 0.39 * w / s + 11.8 * y / w - 15.59,
        gunning_fog: 0.4 * (w / s + 100.0 * c / w),
        smog: 1.043 * (c * 30.0 / s).sqrt() + 3.1291,
        coleman_liau: 0.0588 * (letters / w * 100.0) - 0.296 * (s / w * 100.0) - 15.8,
        ari: 4.71 * chars / w + 0.5 * w / s - 21.43,
    }
}

/// Type-token ratio.
pub fn ttr(terms: &[String]) -> f64 {
    if terms.is_empty() {
        return 0.0;
    }
    let types: std::collections::HashSet<&String> = terms.iter().collect();
    types.len() as f64 / terms.len() as f64
}

/// Moving-average TTR over windows of `window` tokens (the plain TTR when
/// the text is shorter than one window).
pub fn mattr(terms: &[String], window: usize) -> f64 {
    if terms.len() <= window || window == 0 {
        return ttr(terms);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in &terms[..window] {
        *counts.entry(t).or_default() += 1;
    }
    let mut sum = counts.len() as f64 / window as f64;
    for i in window..terms.len() {
        let out = terms[i - window].as_str();
        let c = counts.get_mut(out).expect("in window");
        *c -= 1;
        if *c == 0 {
            counts.remove(out);
        }
        *counts.entry(terms[i].as_str()).or_default() += 1;
        sum += counts.len() as f64 / window as f64;
    }
    sum / (terms.len() - window + 1) as f64
}

fn mtld_pass<'a>(terms: impl Iterator<Item = &'a String>, threshold: f64) -> f64 {
    let (mut factors, mut types, mut n) = (0.0, std::collections::HashSet::new(), 0usize);
    let mut ratio = 1.0;
    for t in terms {
        n += 1;
        types.insert(t);
        ratio = types.len() as f64 / n as f64;
        if ratio <= threshold {
            factors += 1.0;
            types.clear();
            n = 0;
            ratio = 1.0;
        }
    }
    if n > 0 {
        factors += (1.0 - ratio) / (1.0 - threshold);
    }
    factors
}

/// MTLD: tokens per factor, mean of forward and backward passes.
pub fn mtld(terms: &[String]) -> f64 {
    let len = terms.len() as f64;
    let f = mtld_pass(terms.iter(), 0.72);
    let b = mtld_pass(terms.iter().rev(), 0.72);
    let per = |x: f64| if x > 0.0 { len / x } else { len };
    (per(f) + per(b)) / 2.0
}

/// One row a document: `doc_id`, the six readability scores, `ttr`,
/// `mattr` (window 50), `mtld`. Diversity is computed on the
/// [`Tokenizer::words`] terms.
pub fn readability_table(corpus: &Corpus) -> Result<DataFrame> {
    let t = Tokenizer::words();
    let mut cols: Vec<(&str, Vec<f64>)> = ["flesch", "flesch_kincaid", "gunning_fog", "smog", "coleman_liau", "ari", "ttr", "mattr", "mtld"]
        .iter()
        .map(|n| (*n, vec![]))
        .collect();
    for d in corpus.docs() {
        let r = readability(&d.text);
        let terms: Vec<String> = t.tokenize(&d.text).into_iter().map(|t| t.term).collect();
        for (i, v) in [r.flesch, r.flesch_kincaid, r.gunning_fog, r.smog, r.coleman_liau, r.ari, ttr(&terms), mattr(&terms, 50), mtld(&terms)]
            .into_iter()
            .enumerate()
        {
            cols[i].1.push(v);
        }
    }
    let mut out = vec![Column::new(columns::DOC_ID.into(), corpus.docs().iter().map(|d| d.id.as_str()).collect::<Vec<_>>())];
    out.extend(cols.into_iter().map(|(n, v)| Column::new(n.into(), v)));
    Ok(DataFrame::new_infer_height(out)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_heuristic_on_common_words() {
        for (w, n) in [("the", 1), ("state", 1), ("table", 2), ("visit", 2), ("Kazakhstan", 3), ("government", 3), ("sanctions", 2)] {
            assert_eq!(syllables(w), n, "{w}");
        }
        // A known miss: vowels in hiatus count as one group ("co-op", "-tion"
        // is right, but "coo" is one group), so 4 instead of 5.
        assert_eq!(syllables("cooperation"), 4);
    }

    #[test]
    fn readability_formulas_by_hand() {
        // 6 words, 1 sentence, 6 syllables, 17 letters, no complex word.
        let r = readability("The cat sat on the mat.");
        assert!((r.flesch - (206.835 - 1.015 * 6.0 - 84.6)).abs() < 1e-9);
        assert!((r.flesch_kincaid - (0.39 * 6.0 + 11.8 - 15.59)).abs() < 1e-9);
        assert!((r.gunning_fog - 0.4 * 6.0).abs() < 1e-9);
        assert!((r.smog - 3.1291).abs() < 1e-9);
        assert!((r.coleman_liau - (0.0588 * (17.0 / 6.0 * 100.0) - 0.296 * (100.0 / 6.0) - 15.8)).abs() < 1e-9);
        assert!((r.ari - (4.71 * 17.0 / 6.0 + 3.0 - 21.43)).abs() < 1e-9);
    }

    #[test]
    fn diversity_measures() {
        let t = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(ttr(&t("a b a b")), 0.5);
        // Windows of 2 over "a a b b": {a}, {a,b}, {b} → (0.5 + 1 + 0.5) / 3.
        assert!((mattr(&t("a a b b"), 2) - 2.0 / 3.0).abs() < 1e-12);
        // All distinct: no factor completes; the partial factor is 0, so MTLD
        // falls back to the length.
        assert_eq!(mtld(&t("a b c d")), 4.0);
        // "a a": TTR drops to 0.5 ≤ 0.72 at the second token → one factor in
        // each direction → 2 tokens per factor.
        assert_eq!(mtld(&t("a a")), 2.0);
    }
}
