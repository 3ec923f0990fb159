//! Voices: who is quoted, who is reported, and how the author frames them.
//!
//! # Direct quotations
//!
//! A quotation runs from an opening mark to its closing mark within one
//! paragraph, across sentences if need be: `“…”`, `«…»`, straight `"…"`
//! (paired in order), and `‘…’` when `‘` opens a word and `’` does not sit
//! between letters (so an apostrophe never closes a quote). A mark left
//! open runs to the end of its paragraph.
//!
//! Each quotation is attributed by looking, in its sentence, first after
//! the closing mark for `, VERB SPEAKER` ("testified Nikita Mendkovic") or
//! `, SPEAKER VERB` ("he also stated"), then before the opening mark for
//! `SPEAKER … VERB:` ("Putin also noted that “…”"). VERB is a reporting
//! verb from [`REPORTING_VERBS`]; an evaluative adverb before it ("rightly
//! noted", [`EVALUATIVE`]) is kept and flagged. SPEAKER is, in order of
//! preference: an actor of the gazetteer, a run of capitalised words (a
//! name), or a pronoun (`he`, `she`, `they`), which is resolved to the
//! speaker of the previous attributed quotation in the document, and
//! marked as resolved.
//!
//! A quotation with no attribution is `unattributed` when it has at least
//! [`MIN_SPEECH_WORDS`] words, and `short` otherwise: most short quoted
//! spans are scare quotes or titles (“multi-vector”, “Kazakhstanskaya
//! Pravda”), not speech.
//!
//! # Indirect speech
//!
//! A sentence outside quotations where a speaker is followed, within a few
//! words, by a reporting verb and `that` ("Pashinyan bluntly stated that"),
//! or that opens with `According to X,`.
//!
//! These are rules, not a parser: the table has the sentence of every row
//! so that a reader can check each attribution.

use polars::prelude::*;
use regex::Regex;

use crate::corpus::{columns, Corpus};
use crate::dictionary::Dictionary;
use crate::error::Result;

/// Reporting verbs that attribute speech (past and present forms).
pub const REPORTING_VERBS: &[&str] = &[
    "said", "says", "stated", "states", "noted", "notes", "added", "adds", "emphasized", "emphasised", "emphasizes", "stressed", "stresses",
    "highlighted", "declared", "announced", "claimed", "claims", "argued", "argues", "warned", "warns", "told", "wrote", "writes",
    "explained", "confirmed", "testified", "recalled", "remarked", "insisted", "acknowledged", "admitted", "suggested", "believes",
    "described", "replied", "asked", "continued", "concluded", "observed", "pointed out", "expressed confidence",
];

/// Adverbs that make an attribution evaluative: the author endorses (or
/// rejects) the quoted view.
pub const EVALUATIVE: &[&str] =
    &["rightly", "correctly", "aptly", "wisely", "fairly", "justly", "reasonably", "accurately", "truthfully", "wrongly", "falsely", "incorrectly"];

/// A quotation shorter than this, without attribution, is taken as a
/// scare quote or a title (`short`), not as speech.
pub const MIN_SPEECH_WORDS: usize = 6;

/// One voice: a quotation or a reported statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Voice {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// 0-based sentence where it starts.
    pub sentence: usize,
    /// `direct`, `unattributed`, `short`, `indirect` or `according_to`.
    pub kind: &'static str,
    /// The speaker as written, if found.
    pub speaker: Option<String>,
    /// The gazetteer actor of the speaker, if any.
    pub actor: Option<String>,
    /// The actor's side, or `other` for a named speaker outside the
    /// gazetteer.
    pub side: Option<String>,
    /// The reporting verb.
    pub verb: Option<String>,
    /// The evaluative adverb before the verb, if any.
    pub evaluative: Option<String>,
    /// Whether the speaker was a pronoun resolved to the previous speaker.
    pub resolved: bool,
    /// Byte span of the quotation (or of the sentence, for indirect speech).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// Byte spans of the quotations of a text (marks included).
pub fn quotation_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut para_start = 0;
    for para in text.split_inclusive('\n') {
        let mut open: Option<(usize, char)> = None;
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            let next = chars.get(k + 1).map(|x| x.1);
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            match open {
                None => {
                    let opens = match c {
                        '“' | '«' | '"' => true,
                        '‘' => !letter(prev),
                        _ => false,
                    };
                    if opens {
                        open = Some((i, c));
                    }
                }
                Some((s, o)) => {
                    let closes = match (o, c) {
                        ('“', '”') | ('«', '»') | ('"', '"') => true,
                        ('‘', '’') => !(letter(prev) && letter(next)),
                        _ => false,
                    };
                    if closes {
                        out.push((para_start + s, para_start + i + c.len_utf8()));
                        open = None;
                    }
                }
            }
        }
        if let Some((s, _)) = open {
            out.push((para_start + s, para_start + para.trim_end().len()));
        }
        para_start += para.len();
    }
    out
}

/// Whether a quotation is long enough to be speech ([`MIN_SPEECH_WORDS`]
/// words or more) rather than a scare quote or a title.
pub fn is_speech(quotation: &str) -> bool {
    quotation.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() >= MIN_SPEECH_WORDS
}

/// The kind of a quotation without a speaker.
fn unattributed_kind(quotation: &str) -> &'static str {
    if is_speech(quotation) {
        "unattributed"
    } else {
        "short"
    }
}

struct Rules {
    after_verb_first: Regex,
    after_speaker_first: Regex,
    before: Regex,
    indirect: Regex,
    according: Regex,
    name: Regex,
}

fn rules() -> Rules {
    let verbs = REPORTING_VERBS.iter().map(|v| regex::escape(v)).collect::<Vec<_>>().join("|");
    let eval = EVALUATIVE.join("|");
    let speaker = r"(?:[Hh]e|[Ss]he|[Tt]hey|(?:the |The )?\p{Lu}[\p{L}\-’']*(?:\s+[\p{L}][\p{L}\-’']*){0,6}?)";
    Rules {
        after_verb_first: Regex::new(&format!(r"^\s*[,.]?\s*(?:(?P<eval>{eval})\s+)?(?:also\s+)?(?P<verb>{verbs})\s+(?P<speaker>[^.;!?]+)")).expect("static regex"),
        after_speaker_first: Regex::new(&format!(r"^\s*[,.]?\s*(?P<speaker>{speaker})\s+(?:also\s+)?(?:(?P<eval>{eval})\s+)?(?P<verb>{verbs})\b")).expect("static regex"),
        before: Regex::new(&format!(r"(?P<speaker>[^.;!?]*?)\s*\b(?:(?P<eval>{eval})\s+)?(?P<verb>{verbs})\b[^“”«»\x22]*?[:,]?\s*$")).expect("static regex"),
        indirect: Regex::new(&format!(r"(?P<speaker>[^.;!?]*?)\s*\b(?:(?P<eval>{eval})\s+)?(?:\w+ly\s+)?(?P<verb>{verbs})\s+that\b")).expect("static regex"),
        according: Regex::new(r"(?i)^\s*according to (?P<speaker>[^,]+),").expect("static regex"),
        name: Regex::new(r"\p{Lu}[\p{L}\-’']+(?:\s+\p{Lu}[\p{L}\-’']+)+").expect("static regex"),
    }
}

/// A speaker found by a rule: the raw text and its byte span.
type Raw<'t> = (&'t str, usize, usize);

/// Finds the voices of every document, with speakers looked up in the
/// gazetteer.
pub fn voices(corpus: &Corpus, gazetteer: &Dictionary) -> Vec<Voice> {
    let r = rules();
    let actors = gazetteer.lookup(corpus);
    let mut out = vec![];
    for (d, doc) in corpus.docs().iter().enumerate() {
        let text = &doc.text;
        let sentences = doc.sentences();
        // The gazetteer's matches are in document order: this document's.
        let all = actors.matches();
        let doc_matches = &all[all.partition_point(|m| m.doc < d)..all.partition_point(|m| m.doc <= d)];
        let sentence_of = |pos: usize| sentences.iter().position(|s| pos < s.end).unwrap_or(sentences.len().saturating_sub(1));
        let spans = quotation_spans(text);
        // Candidates in text order: (start, end, sentence, kind, speaker, verb, eval).
        let mut found: Vec<(usize, usize, usize, &'static str, Option<Raw>, Option<&str>, Option<&str>)> = vec![];
        for &(qs, qe) in &spans {
            let s = sentence_of(qs);
            let sent_end = sentences.get(sentence_of(qe.saturating_sub(1))).map_or(text.len(), |x| x.end);
            let sent_start = sentences.get(s).map_or(0, |x| x.start);
            let after = &text[qe..sent_end.max(qe)];
            let hit = r
                .after_verb_first
                .captures(after)
                .or_else(|| r.after_speaker_first.captures(after))
                .map(|c| (qe, c))
                .or_else(|| {
                    let from = spans.iter().filter(|&&(_, e)| e <= qs).map(|&(_, e)| e).max().unwrap_or(0).max(sent_start);
                    r.before.captures(&text[from..qs]).map(|c| (from, c))
                });
            match hit {
                Some((base, c)) if c.name("speaker").is_some_and(|m| !m.as_str().trim().is_empty()) => {
                    let sp = c.name("speaker").expect("checked");
                    found.push((qs, qe, s, "direct", Some((sp.as_str(), base + sp.start(), base + sp.end())), c.name("verb").map(|m| m.as_str()), c.name("eval").map(|m| m.as_str())));
                }
                _ => {
                    found.push((qs, qe, s, unattributed_kind(&text[qs..qe]), None, None, None));
                }
            }
        }
        for (s, span) in sentences.iter().enumerate() {
            if spans.iter().any(|&(a, b)| a < span.end && b > span.start) {
                continue;
            }
            let sent = &text[span.start..span.end];
            let (kind, c) = if let Some(c) = r.according.captures(sent) {
                ("according_to", c)
            } else if let Some(c) = r.indirect.captures(sent) {
                ("indirect", c)
            } else {
                continue;
            };
            let sp = c.name("speaker").expect("group");
            found.push((span.start, span.end, s, kind, Some((sp.as_str(), span.start + sp.start(), span.start + sp.end())), c.name("verb").map(|m| m.as_str()), c.name("eval").map(|m| m.as_str())));
        }
        found.sort_by_key(|f| (f.0, f.3));
        // Speakers, in text order, so that a pronoun can take the previous
        // speaker.
        let mut last: Option<(String, Option<String>, Option<String>, usize)> = None;
        for (start, end, s, kind, raw, verb, eval) in found {
            let mut v = Voice {
                doc: d,
                sentence: s,
                kind,
                speaker: None,
                actor: None,
                side: None,
                verb: verb.map(str::to_string),
                evaluative: eval.map(str::to_string),
                resolved: false,
                start,
                end,
            };
            if let Some((raw, a, b)) = raw {
                // The subject is the last comma-separated part before the verb.
                let cut = raw.rfind(',').map_or(0, |i| i + 1);
                let part = raw[cut..].trim().trim_matches(|c: char| c == '–' || c == '-').trim();
                let a = a + cut;
                let elided = matches!(part, "and" | "and also" | "he" | "He" | "she" | "She" | "they" | "They" | "he also" | "He also");
                if elided {
                    // Resolved to the previous speaker within two sentences.
                    match &last {
                        Some((sp, act, side, at)) if s <= at + 2 => {
                            v.speaker = Some(sp.clone());
                            v.actor = act.clone();
                            v.side = side.clone();
                            v.resolved = true;
                        }
                        _ => v.speaker = Some(part.to_string()),
                    }
                } else {
                    let m = doc_matches.iter().filter(|m| m.start >= a && m.end <= b).last();
                    let words = part.split_whitespace().count();
                    // Outside the gazetteer, a speaker is a noun phrase that
                    // starts with a capital or `the` (or the pronoun `it`).
                    let nominal = part.starts_with(char::is_uppercase) || part.starts_with("the ") || part == "it";
                    let speaker = match m {
                        Some(m) => Some(actors.text_of(m).to_string()),
                        None if !nominal => None,
                        None if words <= 8 => Some(part.to_string()),
                        None => r.name.find_iter(part).last().map(|m| m.as_str().to_string()),
                    };
                    if speaker.is_none() && kind != "direct" {
                        continue;
                    }
                    if speaker.is_none() {
                        v.kind = unattributed_kind(&text[start..end]);
                        v.verb = None;
                        v.evaluative = None;
                    }
                    v.actor = m.map(|m| actors.category_of(m).to_string());
                    v.side = match m {
                        Some(m) => actors.dictionary().categories[m.category].group.clone(),
                        None => speaker.as_ref().map(|_| "other".to_string()),
                    };
                    v.speaker = speaker;
                }
                if let Some(sp) = &v.speaker {
                    if !elided || v.resolved {
                        last = Some((sp.clone(), v.actor.clone(), v.side.clone(), s));
                    }
                }
            }
            out.push(v);
        }
    }
    out
}

/// The voices as a table: `doc_id`, `sentence_id` (1-based), `kind`,
/// `speaker`, `actor`, `side`, `verb`, `evaluative`, `resolved`, `text`
/// (the quotation, or the sentence), `start`, `end`.
pub fn voices_table(corpus: &Corpus, gazetteer: &Dictionary) -> Result<DataFrame> {
    let v = voices(corpus, gazetteer);
    let docs = corpus.docs();
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), v.iter().map(|v| docs[v.doc].id.as_str()).collect::<Vec<_>>()),
        Column::new(columns::SENTENCE_ID.into(), v.iter().map(|v| v.sentence as u32 + 1).collect::<Vec<_>>()),
        Column::new(columns::KIND.into(), v.iter().map(|v| v.kind).collect::<Vec<_>>()),
        Column::new("speaker".into(), v.iter().map(|v| v.speaker.as_deref()).collect::<Vec<_>>()),
        Column::new("actor".into(), v.iter().map(|v| v.actor.as_deref()).collect::<Vec<_>>()),
        Column::new("side".into(), v.iter().map(|v| v.side.as_deref()).collect::<Vec<_>>()),
        Column::new("verb".into(), v.iter().map(|v| v.verb.as_deref()).collect::<Vec<_>>()),
        Column::new("evaluative".into(), v.iter().map(|v| v.evaluative.as_deref()).collect::<Vec<_>>()),
        Column::new("resolved".into(), v.iter().map(|v| v.resolved).collect::<Vec<_>>()),
        Column::new(columns::TEXT.into(), v.iter().map(|v| &docs[v.doc].text[v.start..v.end]).collect::<Vec<_>>()),
        Column::new(columns::START.into(), v.iter().map(|v| v.start as u64).collect::<Vec<_>>()),
        Column::new(columns::END.into(), v.iter().map(|v| v.end as u64).collect::<Vec<_>>()),
    ])?)
}

/// Who gets a voice in each group: `group`, `side`, `n` (attributed
/// voices: direct, indirect and according-to), `share` of the group's
/// attributed voices; sorted by group, then count (descending), then side.
pub fn voice_shares(corpus: &Corpus, gazetteer: &Dictionary, by: &str) -> Result<DataFrame> {
    corpus.check_group(by)?;
    let mut counts: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for v in voices(corpus, gazetteer) {
        if matches!(v.kind, "direct" | "indirect" | "according_to") {
            let side = v.side.unwrap_or_else(|| "unknown".into());
            *counts.entry((corpus.group_of(&corpus.docs()[v.doc], by), side)).or_default() += 1;
        }
    }
    let mut totals: std::collections::BTreeMap<&str, u64> = Default::default();
    for ((g, _), n) in &counts {
        *totals.entry(g.as_str()).or_default() += n;
    }
    let mut rows: Vec<(&str, &str, u64, f64)> =
        counts.iter().map(|((g, s), &n)| (g.as_str(), s.as_str(), n, n as f64 / totals[g.as_str()] as f64)).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
        Column::new("side".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new("n".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        Column::new("share".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
    ])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotation_marks_pair_and_apostrophes_do_not_close() {
        let t = "He said “one. Two” and ‘Tokayev’s view’ then \"x\" and “open\nnext";
        let got: Vec<&str> = quotation_spans(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["“one. Two”", "‘Tokayev’s view’", "\"x\"", "“open"]);
    }

    #[test]
    fn seed_attributions() {
        let c = Corpus::open("seeds").unwrap();
        let g = crate::framing::shipped("actors").unwrap();
        let v = voices(&c, &g);
        let wtn = c.docs().iter().position(|d| d.id == "world-today-news").unwrap();
        let of = |d: usize| v.iter().filter(move |x| x.doc == d);
        let rightly = of(wtn).find(|x| x.evaluative.as_deref() == Some("rightly")).expect("rightly noted");
        assert_eq!(rightly.verb.as_deref(), Some("noted"));
        assert_eq!(rightly.speaker.as_deref(), Some("Nikita Mendkovich"));
        assert_eq!(rightly.actor.as_deref(), Some("Mendkovich"));
        assert!(of(wtn).any(|x| x.evaluative.as_deref() == Some("correctly") && x.speaker.as_deref() == Some("Andrey Perla")));
        assert!(of(wtn).any(|x| x.resolved && x.speaker.as_deref() == Some("Nikita Mendkovich") && x.verb.as_deref() == Some("stated")));
        let saenko = c.docs().iter().position(|d| d.id == "saenko").unwrap();
        assert!(of(saenko).any(|x| x.kind == "direct" && x.actor.as_deref() == Some("Tokayev")));
        assert!(of(saenko).any(|x| x.kind == "direct" && x.actor.as_deref() == Some("Putin")));
        let mp = c.docs().iter().position(|d| d.id == "moscow-post").unwrap();
        assert!(of(mp).any(|x| x.kind == "indirect" && x.actor.as_deref() == Some("Pashinyan")));
        assert!(v.iter().any(|x| x.kind == "short"));
    }
}
