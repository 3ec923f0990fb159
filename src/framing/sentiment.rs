//! Sentiment: VADER compound scores per sentence, and the tone of the
//! sentences that mention each actor.
//!
//! [`Vader`] is a line-by-line port of vaderSentiment 3.3.2 (Hutto &
//! Gilbert 2014, MIT licence; its lexicons ship in `src/framing/vader/`),
//! including its quirks: the "but" rule rescales the first occurrence of
//! each repeated score, as the Python code does. `tests/vader.rs` compares
//! it with Python vaderSentiment on every sentence of the seed corpus
//! (reference scores in `tests/data/vader/`, made by
//! `scripts/vader_reference.py`).
//!
//! VADER was built for social-media English; on news prose it reads
//! evaluative vocabulary, not stance or framing. Use it as one more pointer
//! to sentences worth reading. For the tone toward one target in a
//! sentence (a person, a state), see [`crate::framing::tone`].

use std::collections::{BTreeMap, HashMap, HashSet};

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::dictionary::Dictionary;
use crate::error::Result;

const LEXICON: &str = include_str!("vader/vader_lexicon.txt");
const EMOJI: &str = include_str!("vader/emoji_utf8_lexicon.txt");

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

const NEGATE: &[&str] = &[
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't",
    "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
    "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt",
    "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't",
    "wouldn't", "rarely", "seldom", "despite",
];

const BOOSTERS_UP: &[&str] = &[
    "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply", "effing", "enormous",
    "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin",
    "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
    "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
    "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber",
    "unbelievably", "unusually", "utter", "utterly", "very",
];

const BOOSTERS_DOWN: &[&str] = &[
    "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little", "marginal", "marginally",
    "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of",
];

const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// VADER scores of a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    /// Normalised sum of valences, in [-1, 1] (not rounded).
    pub compound: f64,
    /// Share of positive valence.
    pub pos: f64,
    /// Share of neutral tokens.
    pub neu: f64,
    /// Share of negative valence.
    pub neg: f64,
}

/// The VADER analyser: its lexicons, loaded once.
#[derive(Clone, Debug)]
pub struct Vader {
    lexicon: HashMap<String, f64>,
    emoji: HashMap<char, String>,
    boosters: HashMap<&'static str, f64>,
}

impl Default for Vader {
    fn default() -> Vader {
        Vader::new()
    }
}

/// Python's `str.isupper`: at least one cased character, none lower-case.
fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// Python's `token.strip(string.punctuation)`, kept only when more than two
/// characters remain (otherwise the token is likely an emoticon).
fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

fn negated(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

fn normalize(score: f64) -> f64 {
    let n = score / (score * score + 15.0).sqrt();
    n.clamp(-1.0, 1.0)
}

impl Vader {
    /// Loads the lexicons.
    pub fn new() -> Vader {
        let lexicon = LEXICON
            .lines()
            .filter_map(|l| {
                let mut f = l.trim().split('\t');
                Some((f.next()?.to_string(), f.next()?.parse().ok()?))
            })
            .collect();
        let emoji = EMOJI
            .lines()
            .filter_map(|l| {
                let mut f = l.trim().split('\t');
                let (e, d) = (f.next()?, f.next()?);
                let mut cs = e.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Some((c, d.to_string())),
                    _ => None,
                }
            })
            .collect();
        let boosters = BOOSTERS_UP.iter().map(|w| (*w, B_INCR)).chain(BOOSTERS_DOWN.iter().map(|w| (*w, B_DECR))).collect();
        Vader { lexicon, emoji, boosters }
    }

    fn scalar_inc_dec(&self, word: &str, valence: f64, cap_diff: bool) -> f64 {
        let Some(&b) = self.boosters.get(word.to_lowercase().as_str()) else { return 0.0 };
        let mut scalar = if valence < 0.0 { -b } else { b };
        if is_upper(word) && cap_diff {
            scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        scalar
    }

    /// The polarity scores of a text, as `SentimentIntensityAnalyzer
    /// .polarity_scores` computes them (compound not rounded).
    pub fn scores(&self, text: &str) -> Scores {
        let mut no_emoji = String::with_capacity(text.len());
        let mut prev_space = true;
        for c in text.chars() {
            if let Some(d) = self.emoji.get(&c) {
                if !prev_space {
                    no_emoji.push(' ');
                }
                no_emoji.push_str(d);
                prev_space = false;
            } else {
                no_emoji.push(c);
                prev_space = c == ' ';
            }
        }
        let text = no_emoji.trim();
        let words: Vec<&str> = text.split_whitespace().map(strip_punc_if_word).collect();
        let (lower, mut sentiments) = self.valences(&words);
        but_check(&lower, &mut sentiments);
        score_valence(&sentiments, text)
    }

    /// The valence of each whitespace-separated word of `text`, with its
    /// byte span, after VADER's word-level rules (negation in the three
    /// words before, boosters, capitals, "no", "least", idioms) but before
    /// the sentence-level ones (the "but" rule, "!" and "?" emphasis,
    /// normalisation). Emoji are not translated. The target-aware scorer in
    /// [`crate::framing::tone`] weights these by their distance to a target.
    pub fn word_valences(&self, text: &str) -> Vec<(usize, usize, f64)> {
        let spans: Vec<(usize, usize)> = text
            .split_whitespace()
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                (start, start + w.len())
            })
            .collect();
        let words: Vec<&str> = spans.iter().map(|&(a, b)| strip_punc_if_word(&text[a..b])).collect();
        let (_, sentiments) = self.valences(&words);
        spans.into_iter().zip(sentiments).map(|((a, b), v)| (a, b, v)).collect()
    }

    /// The word-level valences of VADER's `polarity_scores` loop, and the
    /// lower-cased words.
    fn valences(&self, words: &[&str]) -> (Vec<String>, Vec<f64>) {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let n_upper = words.iter().filter(|w| is_upper(w)).count();
        let cap_diff = n_upper > 0 && n_upper < words.len();
        let in_lex = |w: &str| self.lexicon.contains_key(w);
        let mut sentiments: Vec<f64> = vec![];
        for (i, item) in words.iter().enumerate() {
            let lw = lower[i].as_str();
            if self.boosters.contains_key(lw) || (i + 1 < words.len() && lw == "kind" && lower[i + 1] == "of") {
                sentiments.push(0.0);
                continue;
            }
            let mut valence = 0.0;
            if let Some(&v) = self.lexicon.get(lw) {
                valence = v;
                if lw == "no" && i + 1 < words.len() && in_lex(&lower[i + 1]) {
                    valence = 0.0;
                }
                if (i > 0 && lower[i - 1] == "no")
                    || (i > 1 && lower[i - 2] == "no")
                    || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor"))
                {
                    valence = v * N_SCALAR;
                }
                if is_upper(item) && cap_diff {
                    valence += if valence > 0.0 { C_INCR } else { -C_INCR };
                }
                for start_i in 0..3 {
                    if i > start_i && !in_lex(&lower[i - (start_i + 1)]) {
                        let mut s = self.scalar_inc_dec(words[i - (start_i + 1)], valence, cap_diff);
                        if start_i == 1 && s != 0.0 {
                            s *= 0.95;
                        }
                        if start_i == 2 && s != 0.0 {
                            s *= 0.9;
                        }
                        valence += s;
                        valence = negation_check(valence, &lower, start_i, i);
                        if start_i == 2 {
                            valence = self.special_idioms_check(valence, &lower, i);
                        }
                    }
                }
                // "least" as negation.
                if i > 1 && !in_lex(&lower[i - 1]) && lower[i - 1] == "least" {
                    if lower[i - 2] != "at" && lower[i - 2] != "very" {
                        valence *= N_SCALAR;
                    }
                } else if i > 0 && !in_lex(&lower[i - 1]) && lower[i - 1] == "least" {
                    valence *= N_SCALAR;
                }
            }
            sentiments.push(valence);
        }
        (lower, sentiments)
    }

    fn special_idioms_check(&self, mut valence: f64, w: &[String], i: usize) -> f64 {
        let onezero = format!("{} {}", w[i - 1], w[i]);
        let twoonezero = format!("{} {} {}", w[i - 2], w[i - 1], w[i]);
        let twoone = format!("{} {}", w[i - 2], w[i - 1]);
        let threetwoone = format!("{} {} {}", w[i - 3], w[i - 2], w[i - 1]);
        let threetwo = format!("{} {}", w[i - 3], w[i - 2]);
        let special = |s: &str| SPECIAL_CASES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
        for seq in [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo] {
            if let Some(v) = special(seq) {
                valence = v;
                break;
            }
        }
        if w.len() - 1 > i {
            if let Some(v) = special(&format!("{} {}", w[i], w[i + 1])) {
                valence = v;
            }
        }
        if w.len() - 1 > i + 1 {
            if let Some(v) = special(&format!("{} {} {}", w[i], w[i + 1], w[i + 2])) {
                valence = v;
            }
        }
        for ngram in [&threetwoone, &threetwo, &twoone] {
            if let Some(b) = self.boosters.get(ngram.as_str()) {
                valence += b;
            }
        }
        valence
    }
}

fn negation_check(mut valence: f64, w: &[String], start_i: usize, i: usize) -> f64 {
    let so_this = |s: &str| s == "so" || s == "this";
    match start_i {
        0 => {
            if negated(&w[i - 1]) {
                valence *= N_SCALAR;
            }
        }
        1 => {
            if w[i - 2] == "never" && so_this(&w[i - 1]) {
                valence *= 1.25;
            } else if w[i - 2] == "without" && w[i - 1] == "doubt" {
            } else if negated(&w[i - 2]) {
                valence *= N_SCALAR;
            }
        }
        _ => {
            // Python: `a and (b or c) or (d or e)`.
            if (w[i - 3] == "never" && so_this(&w[i - 2])) || so_this(&w[i - 1]) {
                valence *= 1.25;
            } else if w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt") {
            } else if negated(&w[i - 3]) {
                valence *= N_SCALAR;
            }
        }
    }
    valence
}

/// The contrastive "but": scores before it halved, after it 1.5 times, with
/// vaderSentiment's `list.index` lookup (the first equal score is the one
/// rescaled).
fn but_check(lower: &[String], sentiments: &mut [f64]) {
    let Some(bi) = lower.iter().position(|w| w == "but") else { return };
    for k in 0..sentiments.len() {
        let s = sentiments[k];
        let si = sentiments.iter().position(|&x| x == s).expect("s is in the list");
        if si < bi {
            sentiments[si] = s * 0.5;
        } else if si > bi {
            sentiments[si] = s * 1.5;
        }
    }
}

fn score_valence(sentiments: &[f64], text: &str) -> Scores {
    if sentiments.is_empty() {
        return Scores { compound: 0.0, pos: 0.0, neu: 0.0, neg: 0.0 };
    }
    let mut sum: f64 = sentiments.iter().sum();
    let ep = text.matches('!').count().min(4) as f64 * 0.292;
    let qm_count = text.matches('?').count();
    let qm = if qm_count > 1 {
        if qm_count <= 3 {
            qm_count as f64 * 0.18
        } else {
            0.96
        }
    } else {
        0.0
    };
    let amp = ep + qm;
    if sum > 0.0 {
        sum += amp;
    } else if sum < 0.0 {
        sum -= amp;
    }
    let compound = normalize(sum);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0.0);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        }
        if s < 0.0 {
            neg += s - 1.0;
        }
        if s == 0.0 {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += amp;
    } else if pos < neg.abs() {
        neg -= amp;
    }
    let total = pos + neg.abs() + neu;
    Scores { compound, pos: (pos / total).abs(), neu: (neu / total).abs(), neg: (neg / total).abs() }
}

/// VADER scores of every sentence: `doc_id`, `sentence_id`, `compound`,
/// `pos`, `neu`, `neg`, `text`.
pub fn sentence_sentiment(corpus: &Corpus) -> Result<DataFrame> {
    let vader = Vader::new();
    let (mut ids, mut sid, mut c, mut p, mut n0, mut n1, mut t) = (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for d in corpus.docs() {
        for (k, s) in d.sentences().iter().enumerate() {
            let text = &d.text[s.start..s.end];
            let sc = vader.scores(text);
            ids.push(d.id.as_str());
            sid.push(k as u32 + 1);
            c.push(sc.compound);
            p.push(sc.pos);
            n0.push(sc.neu);
            n1.push(sc.neg);
            t.push(text);
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), ids),
        Column::new(columns::SENTENCE_ID.into(), sid),
        Column::new("compound".into(), c),
        Column::new("pos".into(), p),
        Column::new("neu".into(), n0),
        Column::new("neg".into(), n1),
        Column::new(columns::TEXT.into(), t),
    ])?)
}

/// Tone toward each actor: the mean compound score of the sentences that
/// mention it, per group: `group`, `actor`, `n_sentences`, `mean_compound`,
/// `share_negative` (compound ≤ -0.05), `share_positive` (≥ 0.05, VADER's
/// usual thresholds). Actors never mentioned in a group are left out.
///
/// This scores whole sentences: an actor named in a sentence that praises
/// someone else gets the praise, and a mean over one or two sentences is
/// shown like any other. [`crate::framing::tone::actor_tone`] scores each
/// mention toward the actor itself, with an interval and a low-n flag; the
/// `sentiment --tone` command uses it.
pub fn tone(corpus: &Corpus, gazetteer: &Dictionary, by: &str) -> Result<DataFrame> {
    corpus.check_group(by)?;
    let vader = Vader::new();
    let lookup = gazetteer.lookup(corpus);
    let mut seen: HashSet<(usize, usize, usize)> = HashSet::new();
    let mut acc: BTreeMap<(String, usize), Vec<f64>> = BTreeMap::new();
    let sentences: Vec<_> = corpus.docs().iter().map(|d| d.sentences()).collect();
    // A sentence naming several actors is scored once.
    let mut scores: HashMap<(usize, usize), f64> = HashMap::new();
    for m in lookup.matches() {
        if !seen.insert((m.doc, m.sentence, m.category)) {
            continue;
        }
        let d = &corpus.docs()[m.doc];
        let score = *scores.entry((m.doc, m.sentence)).or_insert_with(|| {
            let s = &sentences[m.doc][m.sentence];
            vader.scores(&d.text[s.start..s.end]).compound
        });
        acc.entry((corpus.group_of(d, by), m.category)).or_default().push(score);
    }
    let rows: Vec<_> = acc.into_iter().collect();
    let names = |c: usize| gazetteer.categories[c].name.as_str();
    let mean = |v: &Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let share = |v: &Vec<f64>, f: fn(f64) -> bool| v.iter().filter(|&&x| f(x)).count() as f64 / v.len() as f64;
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0 .0.as_str()).collect::<Vec<_>>()),
        Column::new("actor".into(), rows.iter().map(|r| names(r.0 .1)).collect::<Vec<_>>()),
        Column::new("n_sentences".into(), rows.iter().map(|r| r.1.len() as u32).collect::<Vec<_>>()),
        Column::new("mean_compound".into(), rows.iter().map(|r| mean(&r.1)).collect::<Vec<_>>()),
        Column::new("share_negative".into(), rows.iter().map(|r| share(&r.1, |x| x <= -0.05)).collect::<Vec<_>>()),
        Column::new("share_positive".into(), rows.iter().map(|r| share(&r.1, |x| x >= 0.05)).collect::<Vec<_>>()),
    ])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// vaderSentiment 3.3.2's own examples, scored by the Python package.
    #[test]
    fn python_examples() {
        let v = Vader::new();
        for (text, want) in [
            ("VADER is smart, handsome, and funny.", 0.8316),
            ("VADER is smart, handsome, and funny!", 0.8439),
            ("VADER is very smart, handsome, and funny.", 0.8545),
            ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
            ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
            ("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469),
            ("VADER is not smart, handsome, nor funny.", -0.7424),
            ("The book was good.", 0.4404),
            ("At least it isn't a horrible book.", 0.431),
            ("The book was only kind of good.", 0.3832),
            ("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
            ("Today SUX!", -0.5461),
            ("Today only kinda sux! But I'll get by, lol", 0.5249),
            ("Make sure you :) or :D today!", 0.8633),
            ("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875),
            ("Not bad at all", 0.431),
        ] {
            let got = v.scores(text).compound;
            assert!((got - want).abs() < 5e-5, "{text}: {got} vs {want}");
        }
    }
}
