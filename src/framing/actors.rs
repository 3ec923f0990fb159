//! Actors: who is named, how often, in which spelling, and with whom.
//!
//! A gazetteer is a [`Dictionary`] whose categories are actors (a person, a
//! state, a bloc) and whose patterns are their names, metonyms ("the
//! Kremlin") and transliterations ("Tokayev", "Tokaev"); each category's
//! `group` says which side the actor belongs to. The shipped gazetteer is
//! [`crate::framing::shipped`]`("actors")`: case-sensitive (`US` is not `us`)
//! and with dictionary scope (a span names one actor: `Gulf States` is not
//! also `States`).

use std::collections::{BTreeMap, HashSet};

use polars::prelude::*;

use crate::corpus::{columns, Corpus};
use crate::dictionary::{Dictionary, Lookup, CATEGORY};
use crate::error::Result;

/// The actor column.
pub const ACTOR: &str = "actor";
/// The side column (the gazetteer category's `group`).
pub const SIDE: &str = "side";
/// The spelling column.
pub const SPELLING: &str = "spelling";

/// The mentions of a gazetteer's actors in a corpus.
#[derive(Clone, Debug)]
pub struct Actors {
    lookup: Lookup,
}

/// The spelling of a mention: the matched text without a possessive.
fn spelling(text: &str) -> String {
    let t = text.replace('’', "'");
    t.strip_suffix("'s").or_else(|| t.strip_suffix('\'')).unwrap_or(&t).to_string()
}

impl Actors {
    /// Finds the gazetteer's actors in the corpus.
    pub fn new(corpus: &Corpus, gazetteer: &Dictionary) -> Actors {
        Actors { lookup: gazetteer.lookup(corpus) }
    }

    /// The lookup behind the tables (its [`Lookup::audit`] lists every
    /// mention in its sentence).
    pub fn lookup(&self) -> &Lookup {
        &self.lookup
    }

    /// Mentions per group and actor, zeros included: the columns of
    /// [`Lookup::scores`] with `category` renamed `actor`, plus `side`.
    pub fn mentions(&self, by: &str) -> Result<DataFrame> {
        let mut df = self.lookup.scores(by)?;
        let dict = self.lookup.dictionary();
        let sides: Vec<Option<&str>> = {
            let names = crate::display::get_column(&df, CATEGORY)?.str()?.clone();
            names
                .iter()
                .map(|n| dict.categories.iter().find(|c| Some(c.name.as_str()) == n).and_then(|c| c.group.as_deref()))
                .collect()
        };
        df.rename(CATEGORY, ACTOR.into())?;
        df.insert_column(2, Column::new(SIDE.into(), sides))?;
        Ok(df)
    }

    /// Which spelling each group uses for each actor: `group`, `actor`,
    /// `spelling` (the matched text, possessive `'s` removed), `n`; sorted
    /// by group, actor (gazetteer order), count (descending), spelling.
    pub fn spellings(&self, by: &str) -> Result<DataFrame> {
        let corpus = self.lookup.corpus();
        corpus.check_group(by)?;
        let mut counts: BTreeMap<(String, usize, String), u64> = BTreeMap::new();
        for m in self.lookup.matches() {
            let g = corpus.group_of(&corpus.docs()[m.doc], by);
            *counts.entry((g, m.category, spelling(self.lookup.text_of(m)))).or_default() += 1;
        }
        let mut rows: Vec<((String, usize, String), u64)> = counts.into_iter().collect();
        rows.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(a.0 .1.cmp(&b.0 .1)).then(b.1.cmp(&a.1)).then(a.0 .2.cmp(&b.0 .2)));
        let dict = self.lookup.dictionary();
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0 .0.as_str()).collect::<Vec<_>>()),
            Column::new(ACTOR.into(), rows.iter().map(|r| dict.categories[r.0 .1].name.as_str()).collect::<Vec<_>>()),
            Column::new(SPELLING.into(), rows.iter().map(|r| r.0 .2.as_str()).collect::<Vec<_>>()),
            Column::new("n".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        ])?)
    }

    /// Co-occurrence of actors within sentences: `group`, `actor_a`,
    /// `actor_b` (a before b in gazetteer order), `pair` (`a + b`),
    /// `n_sentences` (sentences
    /// naming both); pairs that never co-occur are left out. Sorted by
    /// group, count (descending), then the pair in gazetteer order.
    pub fn cooccurrence(&self, by: &str) -> Result<DataFrame> {
        let corpus = self.lookup.corpus();
        corpus.check_group(by)?;
        let mut per_sentence: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for m in self.lookup.matches() {
            let v = per_sentence.entry((m.doc, m.sentence)).or_default();
            if !v.contains(&m.category) {
                v.push(m.category);
            }
        }
        let mut counts: BTreeMap<(String, usize, usize), u64> = BTreeMap::new();
        for ((d, _), mut cats) in per_sentence {
            cats.sort_unstable();
            let g = corpus.group_of(&corpus.docs()[d], by);
            for i in 0..cats.len() {
                for j in i + 1..cats.len() {
                    *counts.entry((g.clone(), cats[i], cats[j])).or_default() += 1;
                }
            }
        }
        let mut rows: Vec<((String, usize, usize), u64)> = counts.into_iter().collect();
        rows.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(b.1.cmp(&a.1)).then((a.0 .1, a.0 .2).cmp(&(b.0 .1, b.0 .2))));
        let dict = self.lookup.dictionary();
        let name = |c: usize| dict.categories[c].name.as_str();
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), rows.iter().map(|r| r.0 .0.as_str()).collect::<Vec<_>>()),
            Column::new("actor_a".into(), rows.iter().map(|r| name(r.0 .1)).collect::<Vec<_>>()),
            Column::new("actor_b".into(), rows.iter().map(|r| name(r.0 .2)).collect::<Vec<_>>()),
            Column::new("pair".into(), rows.iter().map(|r| format!("{} + {}", name(r.0 .1), name(r.0 .2))).collect::<Vec<_>>()),
            Column::new("n_sentences".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        ])?)
    }

    /// The sentences (0-based, per document index) that mention an actor.
    pub fn sentences_of(&self, actor: &str) -> HashSet<(usize, usize)> {
        self.lookup.matches().iter().filter(|m| self.lookup.category_of(m) == actor).map(|m| (m.doc, m.sentence)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::get_column;

    fn seeds() -> (Corpus, Actors) {
        let c = Corpus::open("seeds").unwrap();
        let a = Actors::new(&c, &crate::framing::shipped("actors").unwrap());
        (c, a)
    }

    #[test]
    fn tokayev_is_spelled_differently_by_outlet() {
        let (_, a) = seeds();
        let s = a.spellings("doc_id").unwrap();
        let rows: Vec<(String, String, String)> = (0..s.height())
            .map(|i| {
                let get = |c: &str| get_column(&s, c).unwrap().str().unwrap().get(i).unwrap().to_string();
                (get("group"), get("actor"), get("spelling"))
            })
            .filter(|r| r.1 == "Tokayev")
            .collect();
        let of = |g: &str| rows.iter().filter(|r| r.0 == g).map(|r| r.2.as_str()).collect::<Vec<_>>();
        assert!(of("world-today-news").contains(&"Tokaev"));
        assert!(of("world-today-news").contains(&"Kasim-Jomart Kemelevich"));
        assert!(!of("world-today-news").iter().any(|s| s.contains("Tokayev")));
        assert!(of("daryo").contains(&"Kasym-Zhomart Tokayev"));
        for g in ["moscow-post", "rt", "saenko", "daryo"] {
            assert!(of(g).iter().all(|s| !s.contains("Tokaev")), "{g}");
        }
    }

    #[test]
    fn us_is_not_the_pronoun_and_gulf_states_is_not_the_us() {
        let (c, a) = seeds();
        for m in a.lookup().matches() {
            let t = a.lookup().text_of(m);
            assert_ne!(t, "us");
            if a.lookup().category_of(m) == "United States" {
                assert!(!c.docs()[m.doc].text[..m.start].ends_with("Gulf "), "{t}");
            }
        }
        let co = a.cooccurrence("doc_id").unwrap();
        assert!(co.height() > 0);
        let mentions = a.mentions("doc_id").unwrap();
        assert_eq!(mentions.height(), 5 * a.lookup().dictionary().categories.len());
    }
}
