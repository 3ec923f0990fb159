//! Entities: the persons, organisations and places a corpus names, found
//! without a gazetteer, and merged across spellings.
//!
//! [`discover`] reads a [`Corpus`] and returns its [`Entities`]: every name
//! mention, in document and text order, with its byte span into
//! [`Document::text`](crate::Document), its [`Kind`] and the `canonical`
//! name of the entity it refers to. [`Entities::table`] gives them as a
//! DataFrame, [`Entities::summary`] one row per entity, and
//! [`Entities::gazetteer_toml`] drafts a gazetteer in the shipped format
//! (`dictionaries/README.md`) for a person to edit and pass to
//! [`crate::framing::actors::Actors`], the quotations and the tone tables.
//!
//! # How names are found
//!
//! Pure rules, no model. Each word token (newsframe's tokenizer, hyphenated
//! words whole) is judged by its capitalisation, its place in the sentence
//! and what the rest of the corpus does with it:
//!
//! - a capitalised word inside a sentence is a name, unless the corpus
//!   writes it lower-case more often than capitalised ("Government");
//! - a capitalised word at the start of a sentence (or after an opening
//!   quote or a colon, or anywhere in a title-case headline) is a name only
//!   when the corpus also capitalises it mid-sentence, or it is in the
//!   shipped lists (countries, cities, regions, first names), or its shape
//!   says so (an inner capital, "McDonald"); a word the corpus writes
//!   lower-case elsewhere is not a name;
//! - acronyms (two or more capitals, "NATO", "U.S.") are names, except in
//!   a line written in capitals, where a word is a name only when the
//!   corpus writes it so elsewhere;
//! - stopwords, months, days and the pronoun "I" never are;
//! - demonyms ("Russian") and titles ("President", "Mr.") are not names
//!   but tell the type of the name after them: in "Russian President
//!   Vladimir Putin" the mention is "Vladimir Putin", a person;
//! - adjacent name words form one mention; "of", "for", "de" and the like
//!   join two parts when the first ends in an organisation or place head
//!   ("Ministry of Foreign Affairs"); a possessive `'s` is left out of the
//!   span.
//!
//! A span is the name alone (no title, article or possessive), as in the
//! seed corpus' hand coding: "U.S. President Donald Trump" gives the place
//! "U.S." and the person "Donald Trump". One nesting is kept: a known place
//! inside an organisation's name is a place mention too ("UK" in "UK
//! Government", "Texas" in "University of Texas").
//!
//! # How names are typed
//!
//! Votes from the mention and its context, summed over all mentions of the
//! entity: a title before it (person); its head word (the last, or the one
//! before "of": "University of Texas") an organisation head ("Ministry",
//! "Party", "University", "News", "Times") or a place head ("Republic",
//! "River"); the whole name in the country, city or region lists (place); an
//! acronym (organisation, or place for US, UK, UAE...); a first name from
//! the list (person); "in/across/near X" and "X, Texas" (place); "X, who",
//! "X himself" (person); "X said" (person, only for an entity with a
//! multi-word name: "Microsoft said"); "the X" (organisation). "at", "to"
//! and "from" take organisations as often as places and do not vote. A
//! one-word name that can only be a surname of persons in the corpus is a
//! person. An entity with no vote is a person when it has a multi-word
//! name, an organisation otherwise.
//!
//! # How spellings are merged
//!
//! Each name is reduced to its name words (titles, demonyms and possessives
//! removed), and each word to a transliteration-folding key
//! ([`translit::name_key`]: Tokayev/Tokaev, Kassym-Jomart/Kasym-Zhomart,
//! Zelensky/Zelenskyy meet). Names with the same key are one entity. Then:
//! two multi-word names merge when their last words match and their first
//! words match or one is an initial ("V. Putin"), or their first words
//! match and one ends in a patronymic (-vich, -vna, -uly, -kyzy); a
//! one-word name joins the multi-word name of the same type whose last word
//! it is (a surname; for an organisation or place only a head word, "the
//! Court" for "Supreme Court", not "America" for "South America"), or, for
//! a person, whose first word it is; it is looked up in the same document
//! first and then in the corpus, and joins when exactly one entity fits
//! (per document: "Trump" can be Donald Trump in one article and stay on
//! its own in another that also names Ivanka Trump); acronyms are compared
//! letter for letter, and an acronym joins the one organisation or place
//! whose initials it is ("EU", "European Union"), or the name it follows in
//! brackets. The
//! canonical name is the entity's most frequent multi-word spelling
//! (persons) or most frequent spelling (others), ties broken by length and
//! then alphabetically.
//!
//! # Where it falls short
//!
//! Capitalisation is the main cue, so a corpus in all capitals, or one
//! whose headlines are the only place a name appears, gives little to go
//! on. Works, events, products and laws ("Internet Explorer 9", "World
//! Cup") are capitalised too and are reported as one of the three types.
//! Metonyms are typed as written ("Moscow said" is a place). A one-word
//! name that several entities could claim ("Smith" beside two Smiths) stays
//! on its own. `VALIDATION.md` reports precision and recall against human
//! coding.

pub(crate) mod lists;
pub mod translit;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use polars::prelude::*;

use crate::corpus::{columns, segment, Corpus};
use crate::error::{Error, Result};
use crate::tokens::{Token, TokenKind, Tokenizer};

/// The type of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person.
    Person,
    /// An organisation: a state body, party, company, outlet, team, bloc.
    Organization,
    /// A place: a country, city, region or geographic feature.
    Place,
}

impl Kind {
    /// `person`, `organization` or `place`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }

    const ALL: [Kind; 3] = [Kind::Person, Kind::Organization, Kind::Place];
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mention of a named entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The document's index in [`Corpus::docs`].
    pub doc: usize,
    /// First byte of the mention in the document's text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The name as written (`Putin` in "President Putin's"): titles,
    /// honorifics and a possessive are context, not part of the span.
    pub text: String,
    /// Its type (the type of its entity).
    pub kind: Kind,
    /// The canonical name of its entity.
    pub canonical: String,
}

/// The named entities of a corpus: every mention, in document and text
/// order (a mention before the shorter ones it holds).
#[derive(Clone, Debug)]
pub struct Entities {
    /// The mentions.
    pub mentions: Vec<Mention>,
    /// The document ids, by document index.
    pub doc_ids: Vec<String>,
    /// Per mention, the name as written without titles and possessive
    /// ("Tokaev"), parallel to `mentions`.
    spellings: Vec<String>,
}

/// The type column.
pub const TYPE: &str = "type";
/// The canonical-name column.
pub const CANONICAL: &str = "canonical";

/// The entity mentions of a corpus as a table: `doc_id`, `start`, `end`
/// (byte offsets into the document text), `text`, `type`, `canonical`.
pub fn entities_table(corpus: &Corpus) -> Result<DataFrame> {
    discover(corpus).table()
}

/// Finds the persons, organisations and places named in the corpus (see
/// the module docs for the rules).
pub fn discover(corpus: &Corpus) -> Entities {
    // Two passes, each document tokenized in each (so that only the
    // documents being read hold their tokens): the corpus' case counts,
    // then the candidates.
    let tokenizer = Tokenizer::quanteda().lowercase(false);
    let stats = CaseStats::new(corpus, &tokenizer);
    let per_doc: Vec<Vec<Candidate>> = par_map(corpus.docs(), |i, d| {
        let mut out = vec![];
        find_candidates(i, &d.text, &DocTokens::new(&d.text, &tokenizer), &stats, &mut out);
        out
    });
    resolve(corpus, per_doc.into_iter().flatten().collect())
}

/// `f` over the items on every core, results in the items' order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    if threads <= 1 {
        return items.iter().enumerate().map(|(i, x)| f(i, x)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| s.spawn(move || part.iter().enumerate().map(|(k, x)| f(c * chunk + k, x)).collect::<Vec<R>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("entity discovery worker panicked")).collect()
    })
}

impl Entities {
    /// The mentions table: `doc_id`, `start`, `end`, `text`, `type`,
    /// `canonical`, one row a mention, in document and text order.
    pub fn table(&self) -> Result<DataFrame> {
        let m = &self.mentions;
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), m.iter().map(|x| self.doc_ids[x.doc].as_str()).collect::<Vec<_>>()),
            Column::new("start".into(), m.iter().map(|x| x.start as u64).collect::<Vec<_>>()),
            Column::new("end".into(), m.iter().map(|x| x.end as u64).collect::<Vec<_>>()),
            Column::new("text".into(), m.iter().map(|x| x.text.as_str()).collect::<Vec<_>>()),
            Column::new(TYPE.into(), m.iter().map(|x| x.kind.as_str()).collect::<Vec<_>>()),
            Column::new(CANONICAL.into(), m.iter().map(|x| x.canonical.as_str()).collect::<Vec<_>>()),
        ])?)
    }

    /// One row per entity: `canonical`, `type`, `n_mentions`, `n_docs`,
    /// `spellings` (the names as written, titles and possessives removed,
    /// most frequent first, joined by `; `); sorted by mentions
    /// (descending), then canonical name.
    pub fn summary(&self) -> Result<DataFrame> {
        let rows = self.entity_rows();
        Ok(DataFrame::new_infer_height(vec![
            Column::new(CANONICAL.into(), rows.iter().map(|r| r.canonical.as_str()).collect::<Vec<_>>()),
            Column::new(TYPE.into(), rows.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>()),
            Column::new("n_mentions".into(), rows.iter().map(|r| r.n_mentions).collect::<Vec<_>>()),
            Column::new("n_docs".into(), rows.iter().map(|r| r.n_docs).collect::<Vec<_>>()),
            Column::new("spellings".into(), rows.iter().map(|r| r.spellings.join("; ")).collect::<Vec<_>>()),
        ])?)
    }

    /// The canonical names of the entities of one type, most mentioned
    /// first.
    pub fn names_of(&self, kind: Kind) -> Vec<String> {
        self.entity_rows().into_iter().filter(|r| r.kind == kind).map(|r| r.canonical).collect()
    }

    /// A draft gazetteer in the shipped TOML format: one category per
    /// entity (name = canonical name, group = its type, patterns = its
    /// spellings), most mentioned first, then by name; case-sensitive, with
    /// dictionary scope. Edit the groups into sides before use.
    pub fn gazetteer_toml(&self, name: &str) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        out.push_str("# A gazetteer drafted by `newsframe entities --draft-gazetteer`: one category per entity\n");
        out.push_str("# found in the corpus, with the spellings seen. Check each category, merge or split\n");
        out.push_str("# entities, add metonyms and titles, and replace each `group` (the entity's type) with\n");
        out.push_str("# the side the actor belongs to. See dictionaries/README.md for the format.\n");
        out.push_str(&format!("name = {}\n", q(name)));
        out.push_str(&format!("description = {}\n", q("Persons, organizations and places found by newsframe's entity discovery (draft).")));
        out.push_str("case_sensitive = true\nscope = \"dictionary\"\n");
        let rows = self.entity_rows();
        if rows.is_empty() {
            out.push_str("# No entities were found.\ncategory = []\n");
        }
        for r in rows {
            let patterns: Vec<String> = r.spellings.iter().map(|s| q(s)).collect();
            out.push_str(&format!(
                "\n[[category]]\nname = {}\ngroup = {}\ndescription = {}\npatterns = [{}]\n",
                q(&r.canonical),
                q(r.kind.as_str()),
                q(&format!("{} mentions in {} documents.", r.n_mentions, r.n_docs)),
                patterns.join(", ")
            ));
        }
        out
    }

    /// Writes [`Entities::gazetteer_toml`] to `path`; an error names the
    /// file when it cannot be written, or when there is no entity to write.
    pub fn write_gazetteer(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        if self.mentions.is_empty() {
            return Err(Error::field(path, None, "draft gazetteer", "no entities were found in the corpus, so there is nothing to draft"));
        }
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("draft gazetteer");
        std::fs::write(path, self.gazetteer_toml(name))
            .map_err(|e| Error::field(path, None, "draft gazetteer", format!("cannot write the file: {e}")))
    }

    fn entity_rows(&self) -> Vec<EntityRow> {
        let mut by: BTreeMap<(&str, Kind), (u64, HashSet<usize>, HashMap<&str, u64>)> = BTreeMap::new();
        for (m, s) in self.mentions.iter().zip(&self.spellings) {
            let e = by.entry((m.canonical.as_str(), m.kind)).or_default();
            e.0 += 1;
            e.1.insert(m.doc);
            *e.2.entry(s.as_str()).or_default() += 1;
        }
        let mut rows: Vec<EntityRow> = by
            .into_iter()
            .map(|((c, kind), (n, docs, sp))| {
                let mut sp: Vec<(&str, u64)> = sp.into_iter().collect();
                sp.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                EntityRow {
                    canonical: c.to_string(),
                    kind,
                    n_mentions: n,
                    n_docs: docs.len() as u64,
                    spellings: sp.into_iter().map(|s| s.0.to_string()).collect(),
                }
            })
            .collect();
        rows.sort_by(|a, b| b.n_mentions.cmp(&a.n_mentions).then(a.canonical.cmp(&b.canonical)).then(a.kind.cmp(&b.kind)));
        rows
    }
}

struct EntityRow {
    canonical: String,
    kind: Kind,
    n_mentions: u64,
    n_docs: u64,
    spellings: Vec<String>,
}

// ---------------------------------------------------------------- lists

struct Lists {
    stop: HashSet<String>,
    countries: HashSet<&'static str>,
    demonyms: HashSet<&'static str>,
    cities: HashSet<&'static str>,
    regions: HashSet<&'static str>,
    first_names: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    org_heads: HashSet<&'static str>,
    place_heads: HashSet<&'static str>,
    event_heads: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
    openers: HashSet<&'static str>,
}

/// Words that often open a sentence and are not in the stopword list.
const OPENERS: &[&str] = &[
    "despite", "however", "meanwhile", "although", "also", "yet", "still", "earlier", "later", "today", "yesterday",
    "tomorrow", "last", "next", "according", "following", "since", "unlike", "like", "many", "several", "most", "while",
    "thus", "hence", "therefore", "moreover", "furthermore", "instead", "indeed", "perhaps", "besides", "among", "within",
    "without", "throughout", "including", "amid", "though", "unless", "whether", "every", "another", "such", "even", "thanks",
    "recently", "currently", "previously", "finally", "first", "second", "third", "then", "now", "here", "there", "overall",
    "together", "during", "against", "speaking", "asked", "according", "dear", "new", "former", "both", "many", "some",
    "let", "please", "well", "so", "as", "unlike", "given", "under", "upon", "toward", "towards", "across", "behind", "beyond",
];

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let set = |l: &[&'static str]| l.iter().copied().collect::<HashSet<_>>();
        Lists {
            stop: stop_words::lookup("en").unwrap_or_default().iter().map(|w| w.to_lowercase()).collect(),
            countries: set(lists::COUNTRIES),
            demonyms: set(lists::DEMONYMS),
            cities: set(lists::CITIES),
            regions: set(lists::REGIONS),
            first_names: set(lists::FIRST_NAMES),
            titles: set(lists::TITLES),
            org_heads: set(lists::ORG_HEADS),
            place_heads: set(lists::PLACE_HEADS),
            event_heads: set(lists::EVENT_HEADS),
            not_names: set(lists::NOT_NAMES),
            openers: set(OPENERS),
        }
    })
}

impl Lists {
    fn is_place_name(&self, lower: &str) -> bool {
        self.countries.contains(lower) || self.cities.contains(lower) || self.regions.contains(lower)
    }
    fn is_known_name(&self, lower: &str) -> bool {
        self.is_place_name(lower) || self.first_names.contains(lower)
    }
    fn is_demonym(&self, lower: &str) -> bool {
        self.demonyms.contains(lower) || (lower.contains('-') && lower.split('-').all(|p| self.demonyms.contains(p)))
    }
}

// ---------------------------------------------------------------- tokens

/// A document's tokens, with where each sentence starts.
struct DocTokens {
    tokens: Vec<Token>,
    /// Per token: the index of its sentence.
    sentence: Vec<usize>,
    /// Per token: its capitalisation says nothing (first word of a
    /// sentence, after an opening quote or colon, or in a title-case line).
    initial: Vec<bool>,
    /// Per token: its line is written in capitals.
    shouted: Vec<bool>,
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Lower-cased, curly apostrophes straightened, possessive removed.
fn lower_key(s: &str) -> String {
    let s = s.replace('’', "'").to_lowercase();
    s.strip_suffix("'s").or_else(|| s.strip_suffix('\'')).unwrap_or(&s).to_string()
}

/// Two or more letters, all upper-case (dots allowed: `U.S`).
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && s.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit()) && s.chars().next().is_some_and(char::is_uppercase)
}

/// An inner capital after a lower-case letter ("McDonald", "DeSantis",
/// "Kassym-Jomart" counts through its hyphen).
fn has_name_shape(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2).any(|w| (w[0].is_lowercase() || w[0] == '-') && w[1].is_uppercase())
}

impl DocTokens {
    fn new(text: &str, tokenizer: &Tokenizer) -> DocTokens {
        let tokens = tokenizer.tokenize(text);
        let paras = segment::paragraphs(text);
        let sents = segment::sentences(text, &paras);
        let mut sentence = vec![0; tokens.len()];
        let mut initial = vec![false; tokens.len()];
        let mut s = 0;
        let mut seen_word = false;
        let mut after_opener = false;
        for (i, t) in tokens.iter().enumerate() {
            while s + 1 < sents.len() && t.start >= sents[s].1.end {
                s += 1;
                seen_word = false;
            }
            if s < sents.len() && t.start >= sents[s].1.end {
                // After the last sentence (should not happen): its own.
                seen_word = false;
            }
            sentence[i] = s;
            let surface = &text[t.start..t.end];
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    initial[i] = !seen_word || after_opener;
                    seen_word = true;
                    after_opener = false;
                }
                _ => {
                    after_opener = matches!(surface, ":" | "\"" | "“" | "‘" | "«" | "(" | "—" | "–") || (surface == "'" && i + 1 < tokens.len() && tokens[i + 1].start == t.end);
                }
            }
        }
        // Title-case lines (headlines: no full stop at the end, most longer
        // content words capitalised).
        let stop = &lists().stop;
        let mut shouted = vec![false; tokens.len()];
        let mut first = 0;
        for p in &paras {
            while first < tokens.len() && tokens[first].start < p.start {
                first += 1;
            }
            let mut last = first;
            while last < tokens.len() && tokens[last].end <= p.end {
                last += 1;
            }
            let content: Vec<&str> = tokens[first..last]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| &text[t.start..t.end])
                .filter(|w| w.chars().count() >= 4 && !stop.contains(&w.to_lowercase()))
                .collect();
            let caps = content.iter().filter(|w| is_cap(w)).count();
            let upper = content.iter().filter(|w| is_acronym(w)).count();
            if content.len() >= 3 && upper * 10 >= content.len() * 6 {
                shouted[first..last].iter_mut().for_each(|x| *x = true);
            }
            let ends_sentence = text[p.start..p.end].trim_end_matches(['"', '”', '’', '\'', ')']).ends_with('.');
            if !ends_sentence && content.len() >= 3 && caps * 10 >= content.len() * 7 {
                initial[first..last].iter_mut().for_each(|x| *x = true);
            }
            first = last;
        }
        DocTokens { tokens, sentence, initial, shouted }
    }
}

/// How the corpus writes each word: capitalised inside sentences, and
/// lower-case anywhere.
struct CaseStats {
    mid_cap: HashMap<String, u32>,
    lower: HashMap<String, u32>,
    /// Acronyms seen outside lines written in capitals.
    acronyms: HashMap<String, u32>,
}

impl CaseStats {
    /// Counts over the whole corpus, a share of the documents on each
    /// core; each document's tokens are dropped once counted.
    fn new(corpus: &Corpus, tokenizer: &Tokenizer) -> CaseStats {
        let docs = corpus.docs();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, docs.len().max(1));
        let chunk = docs.len().div_ceil(threads).max(1);
        let parts: Vec<CaseStats> = std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut st = CaseStats { mid_cap: HashMap::new(), lower: HashMap::new(), acronyms: HashMap::new() };
                        for d in part {
                            st.add(&d.text, &DocTokens::new(&d.text, tokenizer));
                        }
                        st
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("entity discovery worker panicked")).collect()
        });
        let mut all = CaseStats { mid_cap: HashMap::new(), lower: HashMap::new(), acronyms: HashMap::new() };
        for p in parts {
            for (mine, theirs) in [(&mut all.mid_cap, p.mid_cap), (&mut all.lower, p.lower), (&mut all.acronyms, p.acronyms)] {
                for (k, n) in theirs {
                    *mine.entry(k).or_default() += n;
                }
            }
        }
        all
    }

    fn add(&mut self, text: &str, dt: &DocTokens) {
        for (i, t) in dt.tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let s = &text[t.start..t.end];
            if is_cap(s) {
                if is_acronym(s) {
                    if !dt.shouted[i] {
                        *self.acronyms.entry(s.to_string()).or_default() += 1;
                    }
                } else if !dt.initial[i] {
                    *self.mid_cap.entry(lower_key(s)).or_default() += 1;
                }
            } else if s.chars().next().is_some_and(char::is_lowercase) {
                *self.lower.entry(lower_key(s)).or_default() += 1;
            }
        }
    }

    fn mid_cap(&self, k: &str) -> u32 {
        self.mid_cap.get(k).copied().unwrap_or(0)
    }
    fn lower(&self, k: &str) -> u32 {
        self.lower.get(k).copied().unwrap_or(0)
    }
    fn acronym(&self, s: &str) -> u32 {
        self.acronyms.get(s).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------- candidates

/// What a token can be in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Not part of a name.
    None,
    /// A name word.
    Name,
    /// A title ("President", "Mr").
    Title,
    /// A demonym ("Russian").
    Demonym,
    /// A capitalised word that the corpus mostly writes lower-case, or an
    /// organisation/place head by itself: part of a name only beside a
    /// name word or ending in a head.
    Weak,
    /// A lower-case joining word ("of", "de").
    Connector,
}

/// A mention found in one document, before merging.
#[derive(Clone, Debug)]
struct Candidate {
    doc: usize,
    start: usize,
    end: usize,
    /// The name words (titles and demonyms removed, possessive removed).
    words: Vec<String>,
    /// Type votes: person, organisation, place, and (fourth) verbs of
    /// speech after the name, which count for a person only when the
    /// entity has a multi-word name.
    votes: [f32; 4],
}

fn role(text: &str, dt: &DocTokens, i: usize, stats: &CaseStats) -> Role {
    let l = lists();
    let t = &dt.tokens[i];
    let s = &text[t.start..t.end];
    if t.kind != TokenKind::Word {
        return Role::None;
    }
    let key = lower_key(s);
    if !is_cap(s) {
        return if lists::CONNECTORS.contains(&key.as_str()) { Role::Connector } else { Role::None };
    }
    if key.chars().count() == 1 {
        // A single capital: an initial ("V." before a name).
        let dot = text[t.end..].starts_with('.');
        return if dot && key != "i" && key != "a" { Role::Name } else { Role::None };
    }
    if is_acronym(s) {
        if lists::PLACE_ACRONYMS.contains(&s) {
            return Role::Name;
        }
        // A shouted word ("UNLESS") is not an acronym; in a line written in
        // capitals, a word is a name only when the corpus capitalises it
        // elsewhere ("TRUMP", not "PHOTOS").
        if l.stop.contains(&key) || l.openers.contains(key.as_str()) || l.not_names.contains(key.as_str()) {
            return Role::None;
        }
        if dt.shouted[i] {
            let (mid, low) = (stats.mid_cap(&key), stats.lower(&key));
            let known = l.is_known_name(&key) || (mid > 0 && low <= mid);
            let acronym_elsewhere = stats.acronym(s) > 0;
            return if known || acronym_elsewhere { Role::Name } else { Role::None };
        }
        return Role::Name;
    }
    if l.titles.contains(key.as_str()) {
        return Role::Title;
    }
    if l.is_demonym(&key) {
        return Role::Demonym;
    }
    if l.not_names.contains(key.as_str()) || (l.stop.contains(&key) && !l.is_known_name(&key)) {
        return Role::None;
    }
    let (mid, low) = (stats.mid_cap(&key), stats.lower(&key));
    let head = l.org_heads.contains(key.as_str()) || l.place_heads.contains(key.as_str());
    if !dt.initial[i] {
        if head || (low >= 1 && low > mid) {
            return Role::Weak;
        }
        return Role::Name;
    }
    // Sentence-initial: the corpus decides.
    if l.is_known_name(&key) || has_name_shape(s) {
        return Role::Name;
    }
    if mid > 0 && low <= mid {
        return if head { Role::Weak } else { Role::Name };
    }
    if low > 0 || l.openers.contains(key.as_str()) || ["ly", "ing", "ed"].iter().any(|x| key.ends_with(x)) {
        return if head { Role::Weak } else { Role::None };
    }
    // Never seen elsewhere: a name if a name word follows directly.
    let next = dt.tokens.get(i + 1);
    if let Some(n) = next {
        let ns = &text[n.start..n.end];
        let adjacent = text[t.end..n.start].chars().all(|c| c == ' ');
        if adjacent && n.kind == TokenKind::Word && is_cap(ns) && !dt.initial[i + 1] && dt.sentence[i + 1] == dt.sentence[i] {
            let nk = lower_key(ns);
            if !l.stop.contains(&nk) && !l.titles.contains(nk.as_str()) && !l.not_names.contains(nk.as_str()) {
                return Role::Name;
            }
        }
    }
    if head { Role::Weak } else { Role::None }
}

/// The surface of a token without a possessive.
fn bare(s: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(b) = s.strip_suffix(suffix) {
            if !b.is_empty() {
                return b;
            }
        }
    }
    s
}

fn is_possessive(s: &str) -> bool {
    bare(s).len() != s.len()
}

/// Directions that, before a demonym, make an adjective ("Central Asian").
const DIRECTIONS: &[&str] = &[
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "upper", "lower", "greater", "inner", "outer", "middle",
];

/// Institution words that can stand for a name ("the Republic") but do
/// not begin a person's name.
const INSTITUTIONS: &[&str] =
    &["republic", "kingdom", "federation", "state", "government", "ministry", "party", "union", "council", "committee", "parliament"];

/// Words after a name that mark a person ("Tokayev, who", "Putin himself").
const PERSON_WORDS: &[&str] = &["who", "himself", "herself", "he", "she", "his", "her"];
/// Verbs of speech after a name: persons mostly, organisations too.
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "noted", "stated", "explained", "believes", "believed", "wrote", "argued", "recalled",
    "stressed", "emphasized", "emphasised", "thinks", "thought", "asked", "replied", "claimed", "insisted",
];
const PLACE_PREPS: &[&str] = &["in", "across", "near", "throughout", "visited", "outside", "inside", "within", "around"];
const PERSON_CUES: &[&str] = &["by", "with"];

fn find_candidates(doc: usize, text: &str, dt: &DocTokens, stats: &CaseStats, out: &mut Vec<Candidate>) {
    let l = lists();
    let n = dt.tokens.len();
    let roles: Vec<Role> = (0..n).map(|i| role(text, dt, i, stats)).collect();
    // A token `j` continues the group after token `j - 1` when only a space
    // (or a glued abbreviation dot and a space) lies between them.
    let joined = |a: usize, b: usize| -> bool {
        if dt.sentence[a] != dt.sentence[b] {
            return false;
        }
        let gap = &text[dt.tokens[a].end..dt.tokens[b].start];
        let prev = &text[dt.tokens[a].start..dt.tokens[a].end];
        if is_possessive(prev) {
            return false;
        }
        gap == " " || (gap == ". " && (prev.chars().count() <= 3 || is_acronym(prev)) && is_cap(prev))
    };
    // The tokens to group: a full stop glued to an abbreviation or initial
    // ("Mr.", "U.S.", "V.") is skipped, so that the words on both sides of
    // it can join.
    let abbrev = |k: usize| {
        let s = &text[dt.tokens[k].start..dt.tokens[k].end];
        is_cap(s) && (s.chars().count() <= 3 || s.contains('.'))
    };
    let order: Vec<usize> =
        (0..n).filter(|&k| !(k > 0 && &text[dt.tokens[k].start..dt.tokens[k].end] == "." && dt.tokens[k].start == dt.tokens[k - 1].end && abbrev(k - 1))).collect();
    let tok = |p: usize| order[p];
    let mut p = 0;
    while p < order.len() {
        let i = tok(p);
        if !matches!(roles[i], Role::Name | Role::Title | Role::Demonym | Role::Weak) {
            p += 1;
            continue;
        }
        // Grow the group.
        let mut group = vec![i];
        let mut q = p + 1;
        while q < order.len() {
            let last = *group.last().expect("non-empty");
            let j = tok(q);
            match roles[j] {
                Role::Name | Role::Title | Role::Demonym | Role::Weak if joined(last, j) => {
                    group.push(j);
                    q += 1;
                }
                Role::Connector if joined(last, j) => {
                    // "Ministry of X", "Rio de Janeiro": take the connector
                    // (and a following "the") when a capitalised name word
                    // comes next and the part before ends in a head, or the
                    // connector is a name particle.
                    // "of" may follow a head up to three words back ("Centre
                    // for Control of ..."), but not in a titled person's
                    // name ("Secretary of State John Kerry of ..."); "for"
                    // and "on" follow an organisation head directly ("Bank
                    // for International Settlements", "Council on ...").
                    let ck = lower_key(&text[dt.tokens[j].start..dt.tokens[j].end]);
                    let key_of = |k: usize| lower_key(&text[dt.tokens[k].start..dt.tokens[k].end]);
                    let is_head = |k: usize| {
                        let hk = key_of(k);
                        l.org_heads.contains(hk.as_str()) || l.place_heads.contains(hk.as_str())
                    };
                    let titled = group.iter().any(|&k| roles[k] == Role::Title);
                    let head = match ck.as_str() {
                        "of" => !titled && group.iter().rev().take(3).any(|&k| is_head(k)),
                        "for" | "on" => l.org_heads.contains(key_of(last).as_str()),
                        _ => false,
                    };
                    let particle = !matches!(ck.as_str(), "of" | "for" | "on" | "and" | "&");
                    let mut r = q + 1;
                    if r < order.len() && head && ck == "of" && key_of(tok(r)) == "the" && joined(j, tok(r)) {
                        r += 1;
                    }
                    let ok = (head || (particle && roles[last] == Role::Name))
                        && ck != "and"
                        && r < order.len()
                        && joined(tok(r - 1), tok(r))
                        && matches!(roles[tok(r)], Role::Name | Role::Weak | Role::Demonym | Role::Title);
                    if !ok {
                        break;
                    }
                    group.extend((q..=r).map(tok));
                    q = r + 1;
                }
                _ => break,
            }
        }
        p = q;
        emit_group(doc, text, dt, &roles, &group, out);
    }
}

fn emit_group(doc: usize, text: &str, dt: &DocTokens, roles: &[Role], group: &[usize], out: &mut Vec<Candidate>) {
    let l = lists();
    let surf = |k: usize| &text[dt.tokens[k].start..dt.tokens[k].end];
    let key = |k: usize| lower_key(surf(k));
    // Trim trailing titles, demonyms and connectors: "Putin Russian" is not
    // one name.
    let mut g: Vec<usize> = group.to_vec();
    let ends_demonym = roles[*g.last().expect("non-empty")] == Role::Demonym;
    while g.len() > 1 && matches!(roles[*g.last().expect("non-empty")], Role::Title | Role::Demonym | Role::Connector) {
        g.pop();
    }
    // "Central Asian", "South African": a direction before a demonym is
    // part of the adjective, not a name.
    if ends_demonym && g.len() == 1 && DIRECTIONS.contains(&key(g[0]).as_str()) {
        return;
    }
    // Its head: the word before the first connector ("University of
    // Texas"), or the last word.
    let head = g.iter().position(|&k| roles[k] == Role::Connector).map_or(*g.last().expect("non-empty"), |c| g[c.saturating_sub(1)]);
    let head_key = key(head);
    let ends_org = l.org_heads.contains(head_key.as_str());
    let ends_place = l.place_heads.contains(head_key.as_str());
    // Events, laws and prizes ("World Cup", "Clean Air Act") are not
    // persons, organisations or places; a known place at their front is.
    if l.event_heads.contains(head_key.as_str()) {
        let place = g.iter().take_while(|&&k| roles[k] == Role::Name).count();
        for cut in (1..=place.min(3)).rev() {
            let name: Vec<&str> = g[..cut].iter().map(|&k| bare(surf(k))).collect();
            if l.is_place_name(&name.join(" ").to_lowercase()) && cut < g.len() {
                emit_group(doc, text, dt, roles, &g[..cut], out);
                break;
            }
        }
        return;
    }
    // An institution word before a name is not part of it when nothing
    // joins them: "the President of the Republic Tokayev" names Tokayev.
    if !ends_org && !ends_place && !g.iter().any(|&k| roles[k] == Role::Connector) {
        while g.len() > 1 && roles[g[0]] == Role::Weak && INSTITUTIONS.contains(&key(g[0]).as_str()) && roles[g[1]] == Role::Name {
            g.remove(0);
        }
    }
    let last = *g.last().expect("non-empty");
    // A known place directly before a person's name is its own mention:
    // "Kazakhstan Kassym-Jomart Tokayev".
    if !ends_org && !ends_place && !g.iter().any(|&k| roles[k] == Role::Title) {
        for cut in (1..g.len().min(4)).rev() {
            let prefix: Vec<&str> = g[..cut].iter().map(|&k| bare(surf(k))).collect();
            let name = prefix.join(" ");
            let rest: Vec<&str> = g[cut..].iter().map(|&k| bare(surf(k))).collect();
            let rest = rest.join(" ");
            let rest_place = l.is_place_name(&rest.to_lowercase()) || lists::PLACE_ACRONYMS.contains(&rest.trim_end_matches('.'));
            let rest_ok = !rest_place && roles[g[cut]] == Role::Name && g[..cut].iter().all(|&k| roles[k] == Role::Name);
            if rest_ok && (l.is_place_name(&name.to_lowercase()) || lists::PLACE_ACRONYMS.contains(&name.as_str())) {
                emit_group(doc, text, dt, roles, &g[..cut], out);
                emit_group(doc, text, dt, roles, &g[cut..], out);
                return;
            }
        }
    }
    let has_name = g.iter().any(|&k| roles[k] == Role::Name);
    let n_caps = g.iter().filter(|&&k| roles[k] != Role::Connector).count();
    if !has_name && !((ends_org || ends_place) && n_caps >= 2) {
        return;
    }
    // A person with titles: [prefix][titles][name words].
    let first_title = g.iter().position(|&k| roles[k] == Role::Title);
    let last_title = g.iter().rposition(|&k| roles[k] == Role::Title);
    if let (Some(ft), Some(lt)) = (first_title, last_title) {
        let rest = &g[lt + 1..];
        if !ends_org && !ends_place && rest.iter().any(|&k| roles[k] == Role::Name) {
            let name: Vec<usize> = rest.iter().copied().filter(|&k| roles[k] != Role::Demonym).collect();
            let prefix: Vec<usize> = g[..ft].to_vec();
            // The name after the titles is the person mention.
            let start = dt.tokens[name[0]].start;
            let mut votes = context_votes(text, dt, g[0], last);
            votes[0] += 3.0;
            push(doc, text, dt, start, &name, votes, out);
            // A place or organisation before the title is its own mention.
            if prefix.iter().any(|&k| roles[k] == Role::Name) {
                let p: Vec<usize> = prefix.iter().copied().filter(|&k| roles[k] != Role::Demonym).collect();
                let votes = name_votes(text, dt, &p, roles);
                push(doc, text, dt, dt.tokens[p[0]].start, &p, votes, out);
            }
            return;
        }
    }
    // Titles and demonyms at the front are left out unless the name is an
    // organisation or place ("Russian Academy of Sciences").
    let mut front = 0;
    if !ends_org && !ends_place {
        while front < g.len() && matches!(roles[g[front]], Role::Title | Role::Demonym) {
            front += 1;
        }
    }
    let words: Vec<usize> = g[front..].to_vec();
    if words.is_empty() || !words.iter().any(|&k| matches!(roles[k], Role::Name | Role::Weak)) {
        return;
    }
    if !words.iter().any(|&k| roles[k] == Role::Name) && !(ends_org || ends_place) {
        return;
    }
    let mut votes = name_votes(text, dt, &words, roles);
    let title_before = front > 0 && g[..front].iter().any(|&k| roles[k] == Role::Title);
    if title_before {
        votes[0] += 3.0;
    }
    let start = dt.tokens[words[0]].start;
    push(doc, text, dt, start, &words, votes, out);
    // A known place inside an organisation's name is also a place
    // mention: "UK Government", "University of Texas".
    if ends_org && words.len() >= 2 {
        let mut a = 0;
        while a < words.len() {
            let mut found = 0;
            for len in (1..=3.min(words.len() - a)).rev() {
                let part = &words[a..a + len];
                if part.len() == words.len() || !part.iter().all(|&k| roles[k] == Role::Name) {
                    continue;
                }
                let name: Vec<&str> = part.iter().map(|&k| bare(surf(k))).collect();
                let name = name.join(" ");
                if l.is_place_name(&name.to_lowercase()) || lists::PLACE_ACRONYMS.contains(&name.as_str()) {
                    let mut v = [0.0f32; 4];
                    v[2] += 4.0;
                    push(doc, text, dt, dt.tokens[part[0]].start, part, v, out);
                    found = len;
                    break;
                }
            }
            a += found.max(1);
        }
    }
}

/// Type votes of a name from its own words and its context.
fn name_votes(text: &str, dt: &DocTokens, words: &[usize], roles: &[Role]) -> [f32; 4] {
    let l = lists();
    let surf = |k: usize| bare(&text[dt.tokens[k].start..dt.tokens[k].end]);
    let first = words[0];
    let last = *words.last().expect("non-empty");
    let mut v = context_votes(text, dt, first, last);
    let name: Vec<&str> = words.iter().map(|&k| surf(k)).collect();
    let lower = name.join(" ").to_lowercase();
    let head = words.iter().position(|&k| roles[k] == Role::Connector).map_or(last, |c| words[c.saturating_sub(1)]);
    let last_key = lower_key(surf(head));
    let first_key = lower_key(surf(first));
    if l.is_place_name(&lower) || lists::PLACE_ACRONYMS.contains(&name.join(" ").as_str()) {
        v[2] += 4.0;
    } else if l.org_heads.contains(last_key.as_str()) {
        v[1] += 3.0;
    } else if l.place_heads.contains(last_key.as_str()) {
        v[2] += 3.0;
    } else if words.len() == 1 && is_acronym(name[0]) {
        v[1] += 2.0;
    } else if words.len() >= 2 && l.first_names.contains(first_key.as_str()) {
        v[0] += 2.0;
    } else if words.len() >= 2 && words.iter().all(|&k| roles[k] == Role::Name) && name.iter().all(|w| !is_acronym(w)) {
        v[0] += 0.5;
    }
    // A name whose words include a place name ("Bank of England") is not a
    // person.
    v
}

/// Votes from the words around a name.
fn context_votes(text: &str, dt: &DocTokens, first: usize, last: usize) -> [f32; 4] {
    let mut v = [0.0f32; 4];
    let word = |k: usize| lower_key(&text[dt.tokens[k].start..dt.tokens[k].end]);
    if first > 0 && dt.sentence[first - 1] == dt.sentence[first] {
        let p = word(first - 1);
        if PLACE_PREPS.contains(&p.as_str()) {
            v[2] += 1.0;
        } else if p == "the" {
            v[1] += 1.0;
        } else if lists().titles.contains(p.as_str()) && dt.tokens[first - 1].kind == TokenKind::Word {
            v[0] += 2.0;
        } else if PERSON_CUES.contains(&p.as_str()) {
            v[0] += 0.25;
        }
    }
    // "Irving, Texas", "Livorno, Tuscany": a name beside a known place
    // after a comma is a place.
    let l = lists();
    let place_at = |k: usize| -> bool {
        let w = word(k);
        dt.tokens[k].kind == TokenKind::Word && (l.is_place_name(&w) || lists::PLACE_ACRONYMS.contains(&bare(&text[dt.tokens[k].start..dt.tokens[k].end])))
    };
    let comma = |k: usize| &text[dt.tokens[k].start..dt.tokens[k].end] == ",";
    if last + 2 < dt.tokens.len() && comma(last + 1) && place_at(last + 2) && dt.sentence[last + 2] == dt.sentence[last] {
        v[2] += 1.0;
    }
    if first >= 2 && comma(first - 1) && place_at(first - 2) && dt.sentence[first - 2] == dt.sentence[first] {
        v[2] += 1.0;
    }
    let last_surface = &text[dt.tokens[last].start..dt.tokens[last].end];
    if is_possessive(last_surface) {
        return v;
    }
    let mut k = last + 1;
    if k < dt.tokens.len() && &text[dt.tokens[k].start..dt.tokens[k].end] == "," {
        k += 1;
    }
    if k < dt.tokens.len() && dt.sentence[k] == dt.sentence[last] {
        let w = word(k);
        if PERSON_WORDS.contains(&w.as_str()) {
            v[0] += 1.0;
        } else if SPEECH_VERBS.contains(&w.as_str()) {
            v[3] += 0.5;
        }
    }
    v
}

fn push(doc: usize, text: &str, dt: &DocTokens, start: usize, words: &[usize], votes: [f32; 4], out: &mut Vec<Candidate>) {
    let last = &dt.tokens[*words.last().expect("non-empty")];
    let surface = &text[last.start..last.end];
    let mut end = last.start + bare(surface).len();
    // Keep a glued abbreviation dot: "U.S.", "D.C.", "Inc.".
    if text[end..].starts_with('.') && (surface.contains('.') || surface.chars().count() == 1) {
        end += 1;
    }
    let words: Vec<String> = words
        .iter()
        .map(|&k| {
            let s = bare(&text[dt.tokens[k].start..dt.tokens[k].end]);
            if text[dt.tokens[k].end..].starts_with('.') && (s.chars().count() == 1 || s.contains('.')) { format!("{s}.") } else { s.to_string() }
        })
        .collect();
    out.push(Candidate { doc, start, end, words, votes });
}

// ---------------------------------------------------------------- merging

/// Whether a word is a patronymic (-vich, -vna, -uly, -kyzy, -ovich).
fn is_patronymic(w: &str) -> bool {
    let w = w.to_lowercase();
    ["vich", "vna", "ichna", "uly", "kyzy", "ovych", "ivna"].iter().any(|s| w.ends_with(s)) && w.chars().count() > 5
}

fn is_initial(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 1
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    /// Puts `child`'s set under `root`'s root, which stays the root.
    fn attach(&mut self, child: usize, root: usize) {
        let (c, r) = (self.find(child), self.find(root));
        if c != r {
            self.0[c] = r;
        }
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

fn argmax(v: [f32; 4]) -> Option<Kind> {
    let best = v[..3].iter().cloned().fold(0.0f32, f32::max);
    if best <= 0.0 {
        return None;
    }
    Kind::ALL.iter().zip(v).find(|(_, x)| *x == best).map(|(k, _)| *k)
}

fn resolve(corpus: &Corpus, cands: Vec<Candidate>) -> Entities {
    // Forms: candidates with the same folded key.
    let mut form_of: HashMap<String, usize> = HashMap::new();
    let mut forms: Vec<Vec<String>> = vec![];
    // The written words of the first candidate of each form (for the
    // initial and patronymic tests).
    let mut written: Vec<Vec<String>> = vec![];
    let mut cand_form = Vec::with_capacity(cands.len());
    for c in &cands {
        // Acronyms are compared letter for letter (USSS is not US); other
        // words by their transliteration key.
        let k: Vec<String> = c
            .words
            .iter()
            .map(|w| if is_acronym(w) { w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase() } else { translit::word_key(&w.replace('.', "")) })
            .collect();
        let joined = k.join(" ");
        let f = match form_of.get(&joined) {
            Some(&f) => f,
            None => {
                forms.push(k);
                written.push(c.words.clone());
                form_of.insert(joined, forms.len() - 1);
                forms.len() - 1
            }
        };
        cand_form.push(f);
    }
    let mut form_votes = vec![[0.0f32; 4]; forms.len()];
    let mut form_n = vec![0.0f32; forms.len()];
    let mut form_docs: Vec<Vec<usize>> = vec![vec![]; forms.len()];
    for (c, &f) in cands.iter().zip(&cand_form) {
        for t in 0..4 {
            form_votes[f][t] += c.votes[t];
        }
        form_n[f] += 1.0;
        if form_docs[f].last() != Some(&c.doc) {
            form_docs[f].push(c.doc);
        }
    }
    for d in &mut form_docs {
        d.sort_unstable();
        d.dedup();
    }
    let mut uf = UnionFind((0..forms.len()).collect());
    // Multi-word forms, indexed by their last and first words.
    let multi: Vec<usize> = (0..forms.len()).filter(|&f| forms[f].len() >= 2).collect();
    let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_first: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &f in &multi {
        by_last.entry(forms[f].last().expect("multi").as_str()).or_default().push(f);
        by_first.entry(forms[f][0].as_str()).or_default().push(f);
    }
    let clash = |a: usize, b: usize| matches!((argmax(form_votes[a]), argmax(form_votes[b])), (Some(x), Some(y)) if x != y);
    // Same last word, and the same first word or an initial of it
    // ("V. Putin", "Donald J. Trump").
    for fs in by_last.values() {
        for (ai, &a) in fs.iter().enumerate() {
            for &b in &fs[ai + 1..] {
                let (fa, fb) = (&forms[a], &forms[b]);
                let (wa, wb) = (&written[a], &written[b]);
                let first_ok = fa[0] == fb[0]
                    || (is_initial(&wa[0]) && fb[0].starts_with(fa[0].chars().next().unwrap_or(' ')))
                    || (is_initial(&wb[0]) && fa[0].starts_with(fb[0].chars().next().unwrap_or(' ')));
                if first_ok && !clash(a, b) {
                    uf.union(a, b);
                }
            }
        }
    }
    // A first name and a patronymic ("Vladimir Vladimirovich") joins the
    // one full name with that first name.
    for &a in &multi {
        if !is_patronymic(written[a].last().expect("multi")) {
            continue;
        }
        let others: Vec<usize> = by_first[forms[a][0].as_str()].iter().copied().filter(|&b| b != a && !is_patronymic(written[b].last().expect("multi"))).collect();
        let mut roots: Vec<usize> = others.iter().map(|&b| uf.find(b)).collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 && !clash(a, others[0]) {
            uf.union(a, roots[0]);
        }
    }
    // The kind of each multi-word entity so far.
    let mut root_votes: HashMap<usize, [f32; 4]> = HashMap::new();
    for &f in &multi {
        let v = root_votes.entry(uf.find(f)).or_default();
        for t in 0..3 {
            v[t] += form_votes[f][t];
        }
    }
    let mut root_n: HashMap<usize, f32> = HashMap::new();
    for &f in &multi {
        *root_n.entry(uf.find(f)).or_default() += form_n[f];
    }
    let multi_kind = |uf: &mut UnionFind, f: usize| -> Option<Kind> { argmax(root_votes.get(&uf.find(f)).copied().unwrap_or_default()).or(Some(Kind::Person)) };
    // A person by a title or a first name on most mentions, not only by
    // having two capitalised words ("Google Chrome").
    let surely_person = |uf: &mut UnionFind, f: usize| -> bool {
        let r = uf.find(f);
        match (root_votes.get(&r), root_n.get(&r)) {
            (Some(v), Some(n)) => v[0] >= 1.5 * n,
            _ => false,
        }
    };
    // One-word forms join a multi-word entity in the same document, or
    // else in the corpus, when exactly one fits. The join is made per
    // document ("Trump" is Donald Trump in one article and Ivanka Trump in
    // another): a one-word form resolved in a document gets a node of its
    // own for that document.
    let mut doc_node: HashMap<(usize, usize), usize> = HashMap::new();
    let mut kind_hint: HashMap<usize, Kind> = HashMap::new();
    for s in (0..forms.len()).filter(|&f| forms[f].len() == 1) {
        if is_initial(&written[s][0]) {
            continue;
        }
        let w = forms[s][0].as_str();
        // Its own kind blocks a merge only when the evidence is strong
        // (a list, a head or a title on average, not a preposition).
        let own = argmax(form_votes[s]).filter(|k| form_votes[s][*k as usize] >= 2.0 * form_n[s]);
        let mut fitting: Vec<usize> = vec![];
        // A surname joins a person; for organisations and places only a
        // head word does ("the Court" for "Supreme Court"), not a name of
        // its own ("America" is not "South America", "House" not "White
        // House").
        let lw = written[s][0].to_lowercase();
        let head_word = lists().org_heads.contains(lw.as_str()) || lists().place_heads.contains(lw.as_str());
        for &f in by_last.get(w).into_iter().flatten() {
            let k = multi_kind(&mut uf, f);
            if (own.is_none() || own == k) && (k == Some(Kind::Person) || head_word) {
                fitting.push(f);
            }
        }
        for &f in by_first.get(w).into_iter().flatten() {
            let k = multi_kind(&mut uf, f);
            if k == Some(Kind::Person) && surely_person(&mut uf, f) && own.is_none_or(|o| o == Kind::Person) && !is_patronymic(written[f].last().expect("multi")) {
                fitting.push(f);
            }
        }
        if fitting.is_empty() {
            continue;
        }
        // When it fits entities of one kind only, it takes that kind, even
        // where it cannot tell which ("Mohamed" beside two Mohameds).
        let mut kinds: Vec<Option<Kind>> = fitting.iter().map(|&f| multi_kind(&mut uf, f)).collect();
        kinds.sort();
        kinds.dedup();
        if let [Some(k)] = kinds[..] {
            kind_hint.insert(s, k);
        }
        let mut resolved: Vec<(usize, usize)> = vec![];
        let mut unresolved: Vec<usize> = vec![];
        for &d in &form_docs[s] {
            let mut roots: Vec<usize> = fitting.iter().copied().filter(|&f| form_docs[f].binary_search(&d).is_ok()).map(|f| uf.find(f)).collect();
            roots.sort_unstable();
            roots.dedup();
            match roots.len() {
                0 => unresolved.push(d),
                1 => resolved.push((d, roots[0])),
                _ => {}
            }
        }
        if !unresolved.is_empty() {
            let mut roots: Vec<usize> = fitting.iter().map(|&f| uf.find(f)).collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                resolved.extend(unresolved.iter().map(|&d| (d, roots[0])));
            }
        }
        for (d, root) in resolved {
            let node = uf.0.len();
            uf.0.push(node);
            uf.attach(node, root);
            doc_node.insert((s, d), node);
        }
    }
    // An acronym joins the one organisation or place whose capitalised
    // words it abbreviates, anywhere in the corpus ("EU", "European Union").
    let initials = |words: &[String]| -> String { words.iter().filter(|w| is_cap(w)).filter_map(|w| w.chars().next()).collect() };
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for &f in &multi {
        if written[f].iter().filter(|w| is_cap(w)).count() >= 2 && !written[f].iter().any(|w| is_acronym(w)) {
            by_initials.entry(initials(&written[f])).or_default().push(f);
        }
    }
    for s in (0..forms.len()).filter(|&f| forms[f].len() == 1 && is_acronym(&written[f][0])) {
        let a: String = written[s][0].chars().filter(|c| c.is_alphabetic()).collect();
        let Some(fs) = by_initials.get(&a) else { continue };
        let mut roots: Vec<usize> = vec![];
        for &f in fs {
            if multi_kind(&mut uf, f) != Some(Kind::Person) {
                roots.push(uf.find(f));
            }
        }
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.attach(s, roots[0]);
        }
    }
    let node_of: Vec<usize> = cands.iter().zip(&cand_form).map(|(c, &f)| doc_node.get(&(f, c.doc)).copied().unwrap_or(f)).collect();
    // Acronyms introduced in brackets after their expansion:
    // "Collective Security Treaty Organization (CSTO)".
    for (i, c) in cands.iter().enumerate() {
        if let Some(next) = cands.get(i + 1) {
            let text = &corpus.docs()[c.doc].text;
            if next.doc == c.doc && next.words.len() == 1 && is_acronym(&next.words[0]) && c.words.len() >= 2 {
                let between = &text[c.end..next.start.min(text.len()).max(c.end)];
                let initials: String = c.words.iter().filter(|w| is_cap(w)).filter_map(|w| w.chars().next()).collect();
                if between.trim() == "(" && initials == next.words[0].replace('.', "") {
                    uf.union(node_of[i], node_of[i + 1]);
                }
            }
        }
    }
    // Clusters: kind (votes summed over the mentions), canonical name.
    struct Cluster<'a> {
        votes: [f32; 4],
        multiword: bool,
        spellings: HashMap<&'a str, u64>,
    }
    let spelled: Vec<String> = cands.iter().map(|c| c.words.join(" ")).collect();
    let roots: Vec<usize> = node_of.iter().map(|&n| uf.find(n)).collect();
    let mut clusters: BTreeMap<usize, Cluster> = BTreeMap::new();
    for (i, c) in cands.iter().enumerate() {
        let e = clusters.entry(roots[i]).or_insert_with(|| Cluster { votes: [0.0; 4], multiword: false, spellings: HashMap::new() });
        for t in 0..4 {
            e.votes[t] += c.votes[t];
        }
        if let Some(k) = kind_hint.get(&cand_form[i]) {
            e.votes[*k as usize] += 2.0;
        }
        e.multiword |= c.words.len() >= 2;
        *e.spellings.entry(spelled[i].as_str()).or_default() += 1;
    }
    let mut labels: HashMap<usize, (Kind, String)> = HashMap::new();
    for (r, cl) in clusters {
        let mut v = cl.votes;
        // Verbs of speech count for a person with a multi-word name; a
        // one-word name leans to an organisation ("Microsoft said").
        if cl.multiword {
            v[0] += v[3];
        } else {
            v[1] += 0.5;
        }
        let kind = argmax(v).unwrap_or(if cl.multiword { Kind::Person } else { Kind::Organization });
        let mut options: Vec<(&str, u64)> = cl.spellings.into_iter().collect();
        let n_words = |s: &str| s.split_whitespace().count();
        let good_person = |s: &str| n_words(s) >= 2 && !s.split_whitespace().any(|w| is_initial(w) || is_patronymic(w));
        if kind == Kind::Person && options.iter().any(|(s, _)| good_person(s)) {
            options.retain(|(s, _)| good_person(s));
        }
        options.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())).then(a.0.cmp(b.0)));
        labels.insert(r, (kind, options[0].0.to_string()));
    }
    let mut mentions: Vec<(Mention, String)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (kind, canonical) = labels[&roots[i]].clone();
            let text = corpus.docs()[c.doc].text[c.start..c.end].to_string();
            (Mention { doc: c.doc, start: c.start, end: c.end, text, kind, canonical }, spelled[i].clone())
        })
        .collect();
    mentions.sort_by(|a, b| (a.0.doc, a.0.start, std::cmp::Reverse(a.0.end)).cmp(&(b.0.doc, b.0.start, std::cmp::Reverse(b.0.end))));
    mentions.dedup_by(|a, b| a.0.doc == b.0.doc && a.0.start == b.0.start && a.0.end == b.0.end);
    let (mentions, spellings) = mentions.into_iter().unzip();
    Entities { mentions, doc_ids: corpus.docs().iter().map(|d| d.id.clone()).collect(), spellings }
}

#[cfg(test)]
mod tests;
