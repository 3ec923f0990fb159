//! Voices: who is quoted, who is reported, and how the author frames them.
//!
//! The events come from [`super::attribution`] (source, cue and content in
//! the PARC/PolNeAR scheme; its module documentation gives the rules). This
//! module adds the gazetteer: the named mentions the extractor resolves
//! sources to are the gazetteer's matches plus the capitalised-name
//! heuristic ([`super::attribution::name_mentions`]), and each source is
//! tied to its gazetteer actor and side.
//!
//! [`voices_table`] has one row an event; [`voice_shares`] counts who gets
//! a voice in each group.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::dictionary::Dictionary;
use crate::error::Result;

pub use super::attribution::{quotation_spans, Attribution, Kind, Mention, MentionType, SourceType, EVALUATIVE, MIN_SPEECH_WORDS};
use super::attribution::{extract, name_mentions};

/// Whether a quotation is long enough to be speech ([`MIN_SPEECH_WORDS`]
/// words or more) rather than a scare quote or a title.
pub fn is_speech(quotation: &str) -> bool {
    quotation.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() >= MIN_SPEECH_WORDS
}

/// One voice: an attribution event with the gazetteer actor of its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Voice {
    /// The event.
    pub attribution: Attribution,
    /// The gazetteer actor of the source, if any.
    pub actor: Option<String>,
    /// The actor's side (its category's `group`).
    pub side: Option<String>,
}

/// The type of a gazetteer match, by the capitalised-name heuristic's word
/// lists (a place, an organization, or a person).
fn gazetteer_type(name: &str) -> MentionType {
    super::attribution::classify_name(name)
}

/// Finds the voices of every document. With a gazetteer, its matches are
/// named mentions too (the gazetteer category is the mention's canonical
/// name when no longer name covers it), and each source gets its actor.
pub fn voices_with(corpus: &Corpus, gazetteer: Option<&Dictionary>) -> Vec<Voice> {
    let names: Vec<Vec<Mention>> = corpus.docs().iter().enumerate().map(|(d, doc)| name_mentions(d, &doc.text)).collect();
    voices_with_names(corpus, gazetteer, &names)
}

/// The named mentions of [`super::entities::discover`] (entity discovery
/// without a gazetteer), per document, as the extractor's input: pass
/// them to [`voices_with_names`] in place of the capitalised-name
/// heuristic. (On the seeds and PolNeAR dev they give the same figures as
/// the heuristic, within a point; VALIDATION.md.)
pub fn discovered_names(corpus: &Corpus) -> Vec<Vec<Mention>> {
    let mut per: Vec<Vec<Mention>> = vec![vec![]; corpus.len()];
    for m in super::entities::discover(corpus).mentions {
        let kind = match m.kind {
            super::entities::Kind::Person => MentionType::Person,
            super::entities::Kind::Organization => MentionType::Organization,
            super::entities::Kind::Place => MentionType::Place,
        };
        if let Some(v) = per.get_mut(m.doc) {
            v.push(Mention { doc: m.doc, start: m.start, end: m.end, kind, canonical: m.canonical });
        }
    }
    per
}

/// [`voices_with`] with the named mentions given (one list per document,
/// e.g. [`discovered_names`]) instead of the capitalised-name heuristic.
pub fn voices_with_names(corpus: &Corpus, gazetteer: Option<&Dictionary>, names: &[Vec<Mention>]) -> Vec<Voice> {
    let lookup = gazetteer.map(|g| g.lookup(corpus));
    let mut out = vec![];
    for (d, doc) in corpus.docs().iter().enumerate() {
        let text = &doc.text;
        let mut gaz: Vec<(usize, usize, String, Option<String>)> = vec![];
        if let Some(l) = &lookup {
            let all = l.matches();
            for m in &all[all.partition_point(|m| m.doc < d)..all.partition_point(|m| m.doc <= d)] {
                gaz.push((m.start, m.end, l.category_of(m).to_string(), l.dictionary().categories[m.category].group.clone()));
            }
        }
        let names: Vec<Mention> = names.get(d).cloned().unwrap_or_default();
        let mut mentions: Vec<Mention> = vec![];
        for &(s, e, ref cat, _) in &gaz {
            // A longer capitalised name covering the match keeps its full form.
            if !names.iter().any(|n| n.start <= s && n.end >= e) {
                let kind = names.iter().find(|n| n.start == s && n.end == e).map_or_else(|| gazetteer_type(&text[s..e]), |n| n.kind);
                mentions.push(Mention { doc: d, start: s, end: e, kind, canonical: cat.clone() });
            }
        }
        mentions.extend(names);
        for a in extract(d, text, &mentions) {
            let (mut actor, mut side) = (None, None);
            if a.source.is_some() {
                // The gazetteer match inside the source span, or (for a
                // resolved source) a match whose text is part of the name.
                let hit = a
                    .source_span
                    .filter(|_| !a.resolved)
                    .and_then(|(s0, s1)| gaz.iter().filter(|g| g.0 >= s0 && g.1 <= s1).last())
                    .or_else(|| {
                        let name = a.source.as_deref().unwrap_or("");
                        gaz.iter().filter(|g| g.2 == name || contains_words(name, &text[g.0..g.1])).max_by_key(|g| g.1 - g.0)
                    });
                if let Some(g) = hit {
                    actor = Some(g.2.clone());
                    side = g.3.clone();
                }
            }
            out.push(Voice { attribution: a, actor, side });
        }
    }
    out
}

/// Finds the voices of every document, with sources looked up in the
/// gazetteer.
pub fn voices(corpus: &Corpus, gazetteer: &Dictionary) -> Vec<Voice> {
    voices_with(corpus, Some(gazetteer))
}

/// The voices as a table, one row an event, in text order:
///
/// `doc_id`, `kind` (`direct`, `mixed`, `indirect`, `scare`), `source` (the
/// resolved name, or the phrase for a group, document or role; null when
/// unattributed or unresolved), `source_type` (`person`, `organization`,
/// `group`, `document`, `pronoun-unresolved`, `unattributed`),
/// `source_start`, `source_end` (the source as written in this event, null
/// when it has none), `cue`, `content_start`, `content_end`, `start`,
/// `end` (the whole event), `text` (the event), `resolved`,
/// `resolved_from` (the pronoun, role or `previous speaker` it was resolved
/// from), `actor`, `side` (gazetteer actor and its group), `evaluative`
/// ("rightly"), `sentence_id` (1-based), `cue_start`, `cue_end`, `content`
/// (the content's text). Offsets are bytes into the document's text.
pub fn voices_table(corpus: &Corpus, gazetteer: &Dictionary) -> Result<DataFrame> {
    table_of(corpus, &voices(corpus, gazetteer))
}

/// [`voices_table`] with or without a gazetteer.
pub fn voices_table_with(corpus: &Corpus, gazetteer: Option<&Dictionary>) -> Result<DataFrame> {
    table_of(corpus, &voices_with(corpus, gazetteer))
}

fn table_of(corpus: &Corpus, v: &[Voice]) -> Result<DataFrame> {
    let docs = corpus.docs();
    let t = |x: &Voice| docs[x.attribution.doc].text.as_str();
    let span = |x: &Voice, s: Option<(usize, usize)>| s.map(|(a, b)| &t(x)[a..b]);
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), v.iter().map(|x| docs[x.attribution.doc].id.as_str()).collect::<Vec<_>>()),
        Column::new(columns::KIND.into(), v.iter().map(|x| x.attribution.kind.as_str()).collect::<Vec<_>>()),
        Column::new("source".into(), v.iter().map(|x| x.attribution.source.as_deref()).collect::<Vec<_>>()),
        Column::new("source_type".into(), v.iter().map(|x| x.attribution.source_type.as_str()).collect::<Vec<_>>()),
        Column::new("source_start".into(), v.iter().map(|x| x.attribution.source_span.map(|s| s.0 as u64)).collect::<Vec<_>>()),
        Column::new("source_end".into(), v.iter().map(|x| x.attribution.source_span.map(|s| s.1 as u64)).collect::<Vec<_>>()),
        Column::new("cue".into(), v.iter().map(|x| span(x, x.attribution.cue)).collect::<Vec<_>>()),
        Column::new("content_start".into(), v.iter().map(|x| x.attribution.content.0 as u64).collect::<Vec<_>>()),
        Column::new("content_end".into(), v.iter().map(|x| x.attribution.content.1 as u64).collect::<Vec<_>>()),
        Column::new(columns::START.into(), v.iter().map(|x| x.attribution.span.0 as u64).collect::<Vec<_>>()),
        Column::new(columns::END.into(), v.iter().map(|x| x.attribution.span.1 as u64).collect::<Vec<_>>()),
        Column::new(columns::TEXT.into(), v.iter().map(|x| &t(x)[x.attribution.span.0..x.attribution.span.1]).collect::<Vec<_>>()),
        Column::new("resolved".into(), v.iter().map(|x| x.attribution.resolved).collect::<Vec<_>>()),
        Column::new("resolved_from".into(), v.iter().map(|x| x.attribution.resolved_from.as_deref()).collect::<Vec<_>>()),
        Column::new("actor".into(), v.iter().map(|x| x.actor.as_deref()).collect::<Vec<_>>()),
        Column::new("side".into(), v.iter().map(|x| x.side.as_deref()).collect::<Vec<_>>()),
        Column::new("evaluative".into(), v.iter().map(|x| span(x, x.attribution.evaluative)).collect::<Vec<_>>()),
        Column::new(columns::SENTENCE_ID.into(), v.iter().map(|x| x.attribution.sentence as u32 + 1).collect::<Vec<_>>()),
        Column::new("cue_start".into(), v.iter().map(|x| x.attribution.cue.map(|s| s.0 as u64)).collect::<Vec<_>>()),
        Column::new("cue_end".into(), v.iter().map(|x| x.attribution.cue.map(|s| s.1 as u64)).collect::<Vec<_>>()),
        Column::new("content".into(), v.iter().map(|x| &t(x)[x.attribution.content.0..x.attribution.content.1]).collect::<Vec<_>>()),
    ])?)
}

/// The side a voice counts under in [`voice_shares`]: the gazetteer side,
/// `other` for a source outside the gazetteer, `unresolved` for an
/// unresolved pronoun, `unattributed` for none.
fn side_of(v: &Voice) -> String {
    match (&v.side, v.attribution.source_type) {
        (Some(s), _) => s.clone(),
        (None, SourceType::Unattributed) => "unattributed".into(),
        (None, SourceType::PronounUnresolved) => "unresolved".into(),
        (None, _) => "other".into(),
    }
}

/// Who gets a voice in each group: `group`, `side`, `n` (reported-speech
/// events: direct, mixed and indirect, scare quotes left out), `share` of
/// the group's events. A group without any event has one row with side
/// `none`, `n` 0 and `share` 0, so no group goes missing. Sorted by group,
/// then count (descending), then side.
pub fn voice_shares(corpus: &Corpus, gazetteer: &Dictionary, by: &str) -> Result<DataFrame> {
    corpus.check_group(by)?;
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for d in corpus.docs() {
        totals.entry(corpus.group_of(d, by)).or_default();
    }
    for v in voices(corpus, gazetteer) {
        if v.attribution.kind.is_speech() {
            let g = corpus.group_of(&corpus.docs()[v.attribution.doc], by);
            *counts.entry((g.clone(), side_of(&v))).or_default() += 1;
            *totals.entry(g).or_default() += 1;
        }
    }
    let mut rows: Vec<(&str, &str, u64, f64)> =
        counts.iter().map(|((g, s), &n)| (g.as_str(), s.as_str(), n, n as f64 / totals[g.as_str()] as f64)).collect();
    for (g, &n) in &totals {
        if n == 0 {
            rows.push((g.as_str(), "none", 0, 0.0));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
        Column::new("side".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new("n".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        Column::new("share".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
    ])?)
}

/// Whether `words` occurs in `name` as whole words ("Andrey Koshkin" in
/// "the expert on international relations Andrey Koshkin"), so that a
/// resolved source finds its gazetteer actor whether the gazetteer matched
/// one word of the name or several.
fn contains_words(name: &str, words: &str) -> bool {
    !words.is_empty()
        && name.match_indices(words).any(|(i, _)| {
            let before = name[..i].chars().next_back();
            let after = name[i + words.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
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
        let doc = |id: &str| c.docs().iter().position(|d| d.id == id).unwrap();
        let of = |d: usize| v.iter().filter(move |x| x.attribution.doc == d);
        let text = |x: &Voice, s: Option<(usize, usize)>| s.map(|(a, b)| c.docs()[x.attribution.doc].text[a..b].to_string());
        let wtn = doc("world-today-news");
        let rightly = of(wtn).find(|x| text(x, x.attribution.evaluative).as_deref() == Some("rightly")).expect("rightly noted");
        assert_eq!(text(rightly, rightly.attribution.cue).as_deref(), Some("noted"));
        assert_eq!(rightly.attribution.source.as_deref(), Some("Nikita Mendkovich"));
        assert_eq!(rightly.actor.as_deref(), Some("Mendkovich"));
        let saenko = doc("saenko");
        assert!(of(saenko).any(|x| x.attribution.kind == Kind::Direct && x.actor.as_deref() == Some("Tokayev")));
        assert!(of(saenko).any(|x| x.attribution.kind == Kind::Direct && x.actor.as_deref() == Some("Putin")));
        assert!(v.iter().any(|x| x.attribution.kind == Kind::Scare));
        // Never a pronoun or a conjunction as a source name.
        for x in &v {
            if let Some(s) = &x.attribution.source {
                assert!(!matches!(s.to_lowercase().as_str(), "it" | "he" | "she" | "they" | "and" | "who"), "{s}");
            }
        }
    }

    #[test]
    fn a_resolved_source_keeps_its_gazetteer_actor() {
        // world today news quotes each of its three experts twice; the
        // second quotation's source is resolved from the first ("he"), and
        // must count under the expert's actor and side like the first.
        let c = Corpus::open("seeds").unwrap();
        let g = crate::framing::shipped("actors").unwrap();
        let v = voices(&c, &g);
        let wtn = c.docs().iter().position(|d| d.id == "world-today-news").unwrap();
        for expert in ["Mendkovich", "Koshkin", "Perla"] {
            let events: Vec<&Voice> = v.iter().filter(|x| x.attribution.doc == wtn && x.attribution.source.as_deref().is_some_and(|s| s.ends_with(expert))).collect();
            assert!(events.iter().any(|x| x.attribution.resolved), "{expert}: a resolved event");
            for x in &events {
                assert_eq!(x.actor.as_deref(), Some(expert), "{expert}: {:?}", x.attribution.source);
                assert!(x.side.is_some(), "{expert}: no side");
            }
        }
        assert!(contains_words("the expert Andrey Koshkin", "Andrey Koshkin") && contains_words("Andrey Koshkin", "Koshkin"));
        assert!(!contains_words("Koshkinov", "Koshkin") && !contains_words("Andrey Koshkin", ""));
    }

    #[test]
    fn shares_count_indirect_speech_and_keep_silent_groups() {
        let c = Corpus::open("seeds").unwrap();
        let g = crate::framing::shipped("actors").unwrap();
        let shares = voice_shares(&c, &g, "doc_id").unwrap();
        let groups = crate::display::get_column(&shares, "group").unwrap().str().unwrap().clone();
        for d in c.docs() {
            assert!(groups.iter().any(|x| x == Some(d.id.as_str())), "{}", d.id);
        }
        let n: u64 = crate::display::get_column(&shares, "n").unwrap().u64().unwrap().iter().flatten().sum();
        let speech = voices(&c, &g).iter().filter(|x| x.attribution.kind.is_speech()).count() as u64;
        assert_eq!(n, speech);
        assert!(voices(&c, &g).iter().any(|x| x.attribution.kind == Kind::Indirect));
    }

    #[test]
    fn discovered_entities_plug_in_as_names() {
        let c = Corpus::open("seeds").unwrap();
        let names = discovered_names(&c);
        assert_eq!(names.len(), c.len());
        let v = voices_with_names(&c, None, &names);
        let saenko = c.docs().iter().position(|d| d.id == "saenko").unwrap();
        assert!(v.iter().any(|x| x.attribution.doc == saenko && x.attribution.kind == Kind::Direct && x.attribution.source.as_deref().is_some_and(|s| s.contains("Putin"))));
        assert!(v.iter().all(|x| x.actor.is_none()));
    }
}
