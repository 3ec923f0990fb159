//! Attribution extraction: who says (or thinks) what, in the PARC/PolNeAR
//! scheme of source, cue and content.
//!
//! An [`Attribution`] has a *source* (who: "Haley Morris", "he", "the
//! Kremlin", "experts"), a *cue* (the reporting word: "said", "according
//! to", "as … noted") and a *content* (what is reported), each with byte
//! offsets into [`crate::Document::text`]. Its `kind` is:
//!
//! - `direct`: the content is a quotation ("“…,” Morris said"; "He said:
//!   “…”"). A quotation whose paragraph ends without a closing mark and whose
//!   next paragraph opens with a quotation mark continues there (the news
//!   convention), and is one event. `“A,” he said, “B.”` is one event too.
//! - `mixed`: a paraphrase holding a quoted fragment ("Morris says the
//!   candidate has “always run a lean campaign”").
//! - `indirect`: no quotation marks ("X said that …", "according to X, …",
//!   "as X noted, …", "X emphasized the importance of …", "…, he said").
//! - `scare`: a quoted span without a cue of fewer than
//!   [`MIN_SPEECH_WORDS`] words: a scare quote or a title, not speech.
//!
//! A quotation of speech length with no cue of its own is credited to the
//! speaker of the previous event when that event is in the same or the
//! previous paragraph (a quotation continuing a speaker's turn: `resolved`
//! is true and `resolved_from` is `previous speaker`), and is otherwise
//! `unattributed`: it is never credited to a neighbouring word.
//!
//! # Sources
//!
//! The source is the noun phrase before the cue ("Spokeswoman Haley
//! Morris says"), after it in inversion ("…,” said Nikita Mendkovich"), or
//! after "according to" / "in the opinion of". Its `source_type` is
//! `person`, `organization`, `group`, `document`, `pronoun-unresolved` or
//! `unattributed`:
//!
//! - a named mention (from the input list of [`Mention`]s: a gazetteer's
//!   matches, discovered entities, or the capitalised-name heuristic
//!   [`name_mentions`]) gives the name and its type;
//! - a pronoun (`he`, `she`, `they`, `it`, the relative `who`) and a definite
//!   title or role ("the minister", "the head of state") is resolved to the
//!   nearest compatible named antecedent: for `he`/`she`/roles, the source of
//!   an event in the last three sentences or else the nearest named person
//!   before it, of compatible gender where it can be told (Mr./Mrs./Ms.,
//!   common first names, Russian surname endings -ova/-eva/-ina/-aya);
//!   for `they`, an earlier group or organization source; for `who`, the
//!   name right before it. A resolved row keeps its surface form in
//!   `resolved_from`. An unresolved pronoun has no source name
//!   (`pronoun-unresolved`): "it", "he" or "and" is never a source name.
//! - a group ("experts", "officials", "Republicans"), an organization ("the
//!   Kremlin", "the campaign", "CNN") or a document ("the joint statement",
//!   "a poll") is typed as such by its head word.
//!
//! These are rules, not a parser. They were developed on PolNeAR's train
//! split and are measured on its dev split and on the hand-coded seeds
//! (VALIDATION.md, "Voices: attribution extraction").

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::corpus::segment;

/// A quoted span without a cue shorter than this is a scare quote or a
/// title, not speech.
pub const MIN_SPEECH_WORDS: usize = 6;

/// Adverbs that make an attribution evaluative: the author endorses (or
/// rejects) the quoted view.
pub const EVALUATIVE: &[&str] =
    &["rightly", "correctly", "aptly", "wisely", "fairly", "justly", "reasonably", "accurately", "truthfully", "wrongly", "falsely", "incorrectly"];

/// Reporting verbs (lemmas) that attribute speech or thought to the subject.
pub const SPEECH_VERBS: &[&str] = &[
    "say", "add", "note", "announce", "report", "suggest", "write", "explain", "insist", "acknowledge", "admit", "argue", "claim", "state",
    "stress", "emphasize", "emphasise", "highlight", "declare", "assert", "confirm", "deny", "recall", "remark", "reply", "respond", "answer",
    "predict", "vow", "pledge", "promise", "testify", "observe", "conclude", "contend", "maintain", "allege", "complain", "concede", "tweet",
    "comment", "mention", "reveal", "disclose", "indicate", "estimate", "caution", "boast", "counter", "retort", "reiterate", "underline",
    "underscore", "clarify", "propose", "recommend", "describe", "agree", "speculate", "hint", "proclaim", "quip", "joke", "lament", "acknowledge",
    "believe", "think", "fear", "hope", "doubt", "suspect", "worry", "expect", "show", "find", "criticize", "criticise", "praise", "accuse",
    "blame", "demand", "question", "dismiss", "reject", "call", "describe", "characterize", "label", "brand", "welcome", "condemn", "denounce",
    "defend", "threaten", "predict", "announce", "assure", "reassure", "endorse", "support", "oppose", "cite", "acknowledge", "applaud",
    "understand", "recognize", "recognise", "realize", "realise", "know", "see", "view", "want", "wish", "seek", "intend",
];

/// Reporting verbs that take the addressee as object before the content
/// ("told reporters that", "urged voters to").
pub const ADDRESSEE_VERBS: &[&str] = &["tell", "inform", "assure", "remind", "warn", "ask", "urge", "advise", "notify", "convince", "reassure"];

/// Participles that are cues only in the passive with an agent ("is
/// considered by many experts").
const PASSIVE_ONLY: &[&str] = &["considered", "seen", "viewed", "regarded", "perceived", "deemed"];

const AUX_BE: &[&str] = &["is", "was", "are", "were", "be", "been", "being", "widely", "often", "generally", "also", "still"];

/// Multi-word cues.
const PHRASE_CUES: &[&[&str]] = &[&["point", "out"], &["points", "out"], &["pointed", "out"], &["pointing", "out"], &["called", "for"], &["calls", "for"], &["calling", "for"]];

/// Words that head a group source.
const GROUP_NOUNS: &[&str] = &[
    "experts", "officials", "analysts", "observers", "critics", "supporters", "voters", "sources", "residents", "people", "diplomats",
    "lawmakers", "politicians", "economists", "scientists", "researchers", "leaders", "members", "activists", "advocates", "opponents",
    "republicans", "democrats", "conservatives", "liberals", "aides", "advisers", "advisors", "allies", "authorities", "investigators",
    "prosecutors", "police", "others", "many", "some", "several", "most", "few", "both", "all", "americans", "citizens", "delegates",
    "donors", "staffers", "strategists", "insiders", "commentators", "journalists", "reporters", "pundits", "specialists", "scholars",
    "participants", "parties", "sides", "countries", "states", "nations", "governments", "ministers", "representatives", "senators",
    "candidates", "organizers", "protesters", "demonstrators", "workers", "employees", "executives", "republican", "democrat", "percent",
    "majority", "half", "third", "quarter", "respondents", "share", "plurality", "minority", "independents", "evangelicals", "women", "men",
];

/// Words that head a document source.
const DOCUMENT_NOUNS: &[&str] = &[
    "statement", "statements", "report", "reports", "poll", "polls", "survey", "surveys", "study", "studies", "document", "documents",
    "declaration", "letter", "article", "memo", "analysis", "data", "tweet", "post", "book", "filing", "resolution", "treaty", "agreement",
    "communiqué", "communique", "release", "website", "ad", "advertisement", "video", "email", "emails", "transcript", "record", "records",
    "figures", "numbers", "estimates", "research", "review", "audit", "ruling", "decision", "complaint", "lawsuit", "indictment", "bill",
    "law", "constitution", "message", "speech", "interview", "editorial", "column", "op-ed", "story", "publication", "newspaper", "paper",
    "results", "findings", "evidence", "model", "forecast", "index", "map", "plan", "platform", "proposal", "strategy", "concept", "doctrine",
];

/// Events and things that are not sources ("the visit emphasized").
const EVENT_NOUNS: &[&str] = &[
    "visit", "meeting", "talks", "trip", "event", "discussion", "discussions", "negotiations", "creation", "move", "fact", "summit",
    "conference", "ceremony", "agenda", "situation", "process", "development", "war", "crisis", "election", "vote", "result", "outcome",
    "way", "thing", "things", "idea", "issue", "problem", "question", "case", "time", "year", "day", "week",
];

/// Words that head an organization source.
const ORGANIZATION_NOUNS: &[&str] = &[
    "kremlin", "ministry", "convention", "campaign", "company", "government", "administration", "committee", "department", "agency", "office", "council",
    "commission", "party", "embassy", "house", "senate", "congress", "parliament", "court", "bank", "fund", "union", "institute", "university",
    "foundation", "association", "organization", "organisation", "corporation", "firm", "group", "network", "channel", "service", "bureau",
    "center", "centre", "board", "team", "cabinet", "presidency", "secretariat", "mission", "delegation", "side", "press", "media", "times",
    "post", "news", "journal", "magazine", "agency", "duma", "assembly", "federation", "coalition", "alliance", "movement", "club", "inc",
    "corp", "ltd", "llc", "co", "nato", "un", "eu", "csto", "sco", "brics", "fbi", "cia", "pentagon", "ap", "cnn", "reuters", "afp", "tass",
];

/// Titles and roles that a definite noun phrase ("the minister") may carry,
/// and that are left out of a name ("Spokeswoman Haley Morris").
const ROLE_NOUNS: &[&str] = &[
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "spokesperson", "leader", "chairman", "chairwoman", "chair",
    "secretary", "ambassador", "director", "candidate", "governor", "senator", "sen", "rep", "gov", "representative", "official", "analyst",
    "expert", "correspondent", "author", "observer", "aide", "adviser", "advisor", "head", "chief", "premier", "king", "queen", "prince",
    "chancellor", "mayor", "general", "gen", "commander", "speaker", "nominee", "manager", "strategist", "attorney", "lawyer", "judge",
    "professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "ceo", "founder", "economist", "scientist", "researcher", "journalist",
    "reporter", "columnist", "editor", "host", "pastor", "father", "deputy", "vice", "former", "state", "foreign", "prime", "acting",
    "campaign", "press", "white", "house", "democratic", "republican", "presidential", "political", "senior", "top", "first", "lady",
    "colonel", "col", "lieutenant", "lt", "captain", "capt", "sgt", "sergeant", "gen.", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.",
    "hon", "honorable", "his", "her", "their", "its", "our", "my", "the", "a", "an", "this", "that", "kazakh", "russian", "american",
];

/// Role nouns that can be the head of a person source ("the minister").
const PERSON_ROLES: &[&str] = &[
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "leader", "chairman", "chairwoman", "secretary", "ambassador",
    "director", "candidate", "governor", "senator", "representative", "official", "analyst", "expert", "correspondent", "author", "observer",
    "aide", "adviser", "advisor", "head", "chief", "premier", "king", "queen", "prince", "chancellor", "mayor", "general", "commander",
    "speaker", "nominee", "manager", "strategist", "attorney", "lawyer", "judge", "professor", "economist", "scientist", "researcher",
    "journalist", "reporter", "columnist", "editor", "host", "deputy", "man", "woman", "source", "politician", "diplomat", "lawmaker",
    "businessman", "businesswoman", "founder", "ceo", "colleague", "counterpart", "interlocutor", "guest", "host", "pollster", "historian",
    "political scientist", "state", "incumbent", "contender", "rival", "opponent", "challenger", "billionaire", "mogul", "frontrunner",
];

/// Female first names common in news (an incomplete, general list: it only
/// helps to tell `she` from `he` when resolving pronouns).
const FEMALE_NAMES: &[&str] = &[
    "hillary", "sarah", "nancy", "elizabeth", "maria", "mary", "anna", "anne", "ann", "olga", "marine", "angela", "theresa", "kamala",
    "carly", "huma", "kellyanne", "donna", "debbie", "haley", "nikki", "michelle", "melania", "ivanka", "chelsea", "jennifer", "jessica",
    "susan", "karen", "lisa", "linda", "barbara", "patricia", "margaret", "catherine", "katherine", "kate", "emily", "emma", "julia", "laura",
    "rachel", "rebecca", "amy", "heather", "megyn", "hope", "katrina", "kirsten", "dianne", "diane", "tammy", "maxine", "nina", "natalia",
    "natalya", "tatiana", "tatyana", "irina", "elena", "yelena", "svetlana", "maria", "marina", "valentina", "ekaterina", "yekaterina",
    "lyudmila", "galina", "dina", "aigul", "dariga", "gulnara", "ursula", "christine", "kaja", "giorgia", "jacinda", "liz", "victoria",
    "samantha", "susana", "janet", "condoleezza", "madeleine", "sheila", "jill", "martha", "helen", "alice", "claire", "jane", "joan",
    "judith", "ruth", "sandra", "sharon", "stephanie", "teresa", "wendy", "zoe", "abigail", "alexandra", "andrea", "caroline", "cynthia",
    "deborah", "denise", "dana", "ellen", "erin", "eva", "gina", "gloria", "grace", "hannah", "irene", "jacqueline", "jean", "joyce",
    "julie", "kathleen", "kelly", "kim", "kristen", "lauren", "lori", "marie", "melissa", "monica", "nicole", "pamela", "paula", "sally",
    "sophia", "tina", "valerie", "virginia", "yvonne", "loretta", "debra", "dana", "ilhan", "alexandria", "marsha", "lindsey",
];

/// Capitalised words that are not names on their own at the start of a
/// sentence or anywhere.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "our", "my", "this", "that", "these",
    "those", "in", "on", "at", "for", "but", "and", "or", "so", "if", "when", "while", "as", "after", "before", "since", "because",
    "although", "though", "yet", "however", "meanwhile", "moreover", "also", "still", "then", "there", "here", "what", "who", "which",
    "where", "why", "how", "with", "without", "by", "from", "to", "of", "about", "according", "during", "despite", "under", "over",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "today", "yesterday", "tomorrow", "not", "no", "yes", "all", "some",
    "many", "most", "every", "each", "both", "one", "two", "three", "first", "last", "next", "new", "now", "just", "even", "only", "such",
    "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "is", "was", "are", "were", "will", "would", "can", "could", "should", "did", "do",
    "does", "has", "have", "had", "let", "our", "your", "said", "says", "asked", "according", "speaking", "asked", "like", "unlike", "among",
    "between", "through", "thus", "therefore", "instead", "indeed", "perhaps", "maybe", "again", "already", "earlier", "later", "once",
];

/// Whether a lower-cased word names a place (a country, a city, a region or
/// a US state, from the lists of [`super::entities`]: one list of places for
/// the whole crate), or is a word of a compound state name ("united",
/// "states", "kingdom", "republic", "union").
fn is_place(w: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        use super::entities::lists::{CITIES, COUNTRIES, REGIONS};
        COUNTRIES.iter().chain(CITIES).chain(REGIONS).copied().filter(|p| !p.contains(' ')).chain(["united", "states", "kingdom", "republic", "union", "western", "york"]).collect()
    });
    set.contains(w)
}

/// Auxiliaries, negation and adverbs that may sit between a source and its
/// cue ("has also said", "did not deny").
const BETWEEN: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "may", "might", "must", "should", "did", "does", "do",
    "not", "n't", "never", "also", "previously", "recently", "later", "earlier", "once", "then", "again", "often", "always", "already",
    "still", "just", "even", "further", "repeatedly", "reportedly", "publicly", "privately", "separately", "long", "since", "first", "last",
    "been", "be", "being", "too", "now", "yet", "soon", "ultimately", "initially",
];

/// Words that end a source noun phrase, walking back from the cue.
const NP_STOP: &[&str] = &[
    "that", "which", "when", "while", "and", "but", "or", "because", "if", "after", "before", "since", "than", "so", "where", "what", "why",
    "how", "as", "to", "is", "was", "are", "were", "be", "been", "said", "says", "say", "told", "tells", "this", "these", "those", "there",
    "whether", "though", "although", "unless", "until", "whom", "whose", "then", "not", "nor", "yet", "about", "into", "like", "by", "with",
    "without", "against", "over", "under", "between", "among", "through", "during", "despite", "also", "has", "have", "had", "will", "would",
    "could", "can", "may", "might", "must", "should", "did", "does", "do", "it's", "it’s", "he's", "he’s", "she's", "she’s", "let's", "let’s", "let",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "who", "i", "we", "you", "which"];

/// The type of a named mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionType {
    /// A person.
    Person,
    /// An organization (a state speaking by its capital counts here).
    Organization,
    /// A place.
    Place,
    /// Anything else.
    Other,
}

/// A named mention in a document: the input that tells the extractor who
/// is named where. It can come from a gazetteer, from entity discovery or
/// from [`name_mentions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// First byte of the mention in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it names.
    pub kind: MentionType,
    /// The name the mention stands for ("Haley Morris" for "Morris").
    pub canonical: String,
}

/// The type of a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceType {
    /// A named or resolved person, or a person by role.
    Person,
    /// An organization or a state.
    Organization,
    /// A group of people ("experts").
    Group,
    /// A document ("the joint statement").
    Document,
    /// A pronoun that could not be resolved.
    PronounUnresolved,
    /// No source.
    Unattributed,
}

impl SourceType {
    /// The name in the tables: `person`, `organization`, `group`,
    /// `document`, `pronoun-unresolved`, `unattributed`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Group => "group",
            SourceType::Document => "document",
            SourceType::PronounUnresolved => "pronoun-unresolved",
            SourceType::Unattributed => "unattributed",
        }
    }
}

/// The kind of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A quotation with its source (or unattributed).
    Direct,
    /// A paraphrase holding a quoted fragment.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
    /// A short quoted span without a cue: a scare quote or a title.
    Scare,
}

impl Kind {
    /// `direct`, `mixed`, `indirect` or `scare`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Mixed => "mixed",
            Kind::Indirect => "indirect",
            Kind::Scare => "scare",
        }
    }

    /// Whether the kind is reported speech (not a scare quote).
    pub fn is_speech(self) -> bool {
        !matches!(self, Kind::Scare)
    }
}

/// One attribution event.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// 0-based sentence where the event starts.
    pub sentence: usize,
    /// Its kind.
    pub kind: Kind,
    /// The source's name: the (resolved) name, or the noun phrase as
    /// written for a group, document or role; `None` when unattributed or
    /// unresolved.
    pub source: Option<String>,
    /// The type of the source.
    pub source_type: SourceType,
    /// The source's span as written in this event (the pronoun, for a
    /// resolved pronoun); `None` when the event has no source in its text.
    pub source_span: Option<(usize, usize)>,
    /// The cue ("said", "according to") and its span.
    pub cue: Option<(usize, usize)>,
    /// The content's span.
    pub content: (usize, usize),
    /// The whole event's span (source, cue and content).
    pub span: (usize, usize),
    /// Whether the source was resolved from a pronoun, a role or the
    /// previous speaker.
    pub resolved: bool,
    /// The surface form it was resolved from ("he", "the minister",
    /// "previous speaker").
    pub resolved_from: Option<String>,
    /// The evaluative adverb before the cue ("rightly"), if any.
    pub evaluative: Option<(usize, usize)>,
}

/// Byte spans of the quotations of a text (marks included), within one
/// paragraph each: `“…”`, `«…»`, straight `"…"` (paired in order), and
/// `‘…’` when `‘` opens a word and `’` does not sit between letters (so an
/// apostrophe never closes a quote). A mark left open runs to the end of
/// its paragraph.
pub fn quotation_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut para_start = 0;
    for para in text.split_inclusive('\n') {
        let mut open: Option<(usize, char)> = None;
        // Two apostrophes ('') are a straight double quotation mark (the
        // New York Times' style): one mark of two bytes.
        let mut chars: Vec<(usize, char)> = vec![];
        let mut wide: Vec<usize> = vec![];
        let mut it = para.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c == '\'' && it.peek().is_some_and(|&(_, n)| n == '\'') {
                it.next();
                chars.push((i, '"'));
                wide.push(i);
            } else {
                chars.push((i, c));
            }
        }
        let width = |i: usize, c: char| if c == '"' && wide.binary_search(&i).is_ok() { 2 } else { c.len_utf8() };
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            let next = chars.get(k + 1).map(|x| x.1);
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            match open {
                None => {
                    let opens = match c {
                        '“' | '«' | '"' | '„' => true,
                        '‘' => !letter(prev),
                        _ => false,
                    };
                    if opens {
                        open = Some((i, c));
                    }
                }
                Some((s, o)) => {
                    let closes = match (o, c) {
                        ('“', '”') | ('«', '»') | ('"', '"') | ('„', '“') | ('„', '”') => true,
                        ('‘', '’') => !(letter(prev) && letter(next)),
                        _ => false,
                    };
                    if closes {
                        out.push((para_start + s, para_start + i + width(i, c)));
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

/// The number of words (runs holding a letter or digit) of a span.
fn n_words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// A token: a word or one punctuation character, as a byte span.
#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    word: bool,
}

const ABBREV: &[&str] = &["mr", "mrs", "ms", "dr", "sen", "gov", "rep", "gen", "st", "jr", "sr", "lt", "col", "prof", "u.s", "u.k", "u.n", "inc", "corp", "co", "ltd"];

/// Tokens of `text[from..to]`: words keep inner apostrophes, hyphens and
/// dots between letters ("O’Malley", "Kassym-Jomart", "U.S"), and the dot of
/// an abbreviation ("Mr.").
fn tokenize(text: &str, from: usize, to: usize) -> Vec<Tok> {
    let mut out = vec![];
    let seg = &text[from..to];
    let chars: Vec<(usize, char)> = seg.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = k + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '’' | '\'' | '-' | '.' | '‐') && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                    j += 2;
                } else {
                    break;
                }
            }
            let mut end = chars.get(j).map_or(seg.len(), |x| x.0);
            let initial = seg[i..end].chars().count() == 1 && c.is_uppercase();
            if j < chars.len() && chars[j].1 == '.' && (initial || ABBREV.contains(&seg[i..end].to_lowercase().as_str())) {
                end += 1;
                j += 1;
            }
            out.push(Tok { s: from + i, e: from + end, word: true });
            k = j;
        } else {
            out.push(Tok { s: from + i, e: from + i + c.len_utf8(), word: false });
            k += 1;
        }
    }
    out
}

fn is_open_quote(c: &str) -> bool {
    matches!(c, "“" | "«" | "\"" | "„" | "‘")
}

/// Inflected forms of a verb lemma.
fn forms(lemma: &str) -> Vec<String> {
    let irregular: &[(&str, &[&str])] = &[
        ("say", &["say", "says", "said", "saying"]),
        ("tell", &["tell", "tells", "told", "telling"]),
        ("write", &["write", "writes", "wrote", "written", "writing"]),
        ("think", &["think", "thinks", "thought", "thinking"]),
        ("find", &["find", "finds", "found", "finding"]),
        ("understand", &["understand", "understands", "understood", "understanding"]),
        ("know", &["know", "knows", "knew", "knowing"]),
        ("see", &["see", "sees", "saw", "seeing"]),
        ("show", &["show", "shows", "showed", "shown", "showing"]),
        ("tweet", &["tweet", "tweets", "tweeted", "tweeting"]),
        ("admit", &["admit", "admits", "admitted", "admitting"]),
        ("counter", &["counter", "counters", "countered", "countering"]),
        ("answer", &["answer", "answers", "answered", "answering"]),
        ("question", &["question", "questions", "questioned", "questioning"]),
        ("label", &["label", "labels", "labeled", "labelled", "labeling", "labelling"]),
        ("threaten", &["threaten", "threatens", "threatened", "threatening"]),
        ("quip", &["quip", "quips", "quipped", "quipping"]),
        ("seek", &["seek", "seeks", "sought", "seeking"]),
    ];
    if let Some((_, f)) = irregular.iter().find(|(l, _)| *l == lemma) {
        return f.iter().map(|s| s.to_string()).collect();
    }
    let mut out = vec![lemma.to_string()];
    if let Some(stem) = lemma.strip_suffix('e') {
        out.extend([format!("{lemma}s"), format!("{lemma}d"), format!("{stem}ing")]);
    } else if let Some(stem) = lemma.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        out.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{lemma}ing")]);
    } else if lemma.ends_with("ss") || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') {
        out.extend([format!("{lemma}es"), format!("{lemma}ed"), format!("{lemma}ing")]);
    } else {
        out.extend([format!("{lemma}s"), format!("{lemma}ed"), format!("{lemma}ing")]);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CueClass {
    Speech,
    Addressee,
}

fn cue_lexicon() -> &'static HashMap<String, CueClass> {
    static LEX: OnceLock<HashMap<String, CueClass>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut m = HashMap::new();
        for l in SPEECH_VERBS {
            for f in forms(l) {
                m.insert(f, CueClass::Speech);
            }
        }
        for f in PASSIVE_ONLY {
            m.insert(f.to_string(), CueClass::Speech);
        }
        for l in ADDRESSEE_VERBS {
            for f in forms(l) {
                m.insert(f, CueClass::Addressee);
            }
        }
        m
    })
}

fn lower(text: &str, t: Tok) -> String {
    text[t.s..t.e].to_lowercase()
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The capitalised-name heuristic: runs of capitalised words (initials,
/// "O’Malley", "Kassym-Jomart", inner "of"/"de"/"bin"), without leading
/// titles ("Spokeswoman", "Mr.", "President") and without sentence-initial
/// function words. A surname alone takes the canonical form of an earlier
/// full name ending in it. Typed organization by head word or acronym,
/// place by [`is_place`], person otherwise.
pub fn name_mentions(doc: usize, text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = vec![];
    // Words seen capitalised inside a sentence: a single capitalised word
    // at the start of a sentence ("Subsequently") is a name only if it is
    // one of them.
    let mut inner_caps: std::collections::HashSet<&str> = Default::default();
    for para in segment::paragraphs(text) {
        let toks = tokenize(text, para.start, para.end);
        for k in 1..toks.len() {
            let prev = &text[toks[k - 1].s..toks[k - 1].e];
            if toks[k].word && text[toks[k].s..].starts_with(char::is_uppercase) && !matches!(prev, "." | "!" | "?" | "“" | "\"" | "«" | ":" | "‘") {
                inner_caps.insert(&text[toks[k].s..toks[k].e]);
            }
        }
    }
    for para in segment::paragraphs(text) {
        let toks = tokenize(text, para.start, para.end);
        let mut k = 0;
        while k < toks.len() {
            let t = toks[k];
            let w = &text[t.s..t.e];
            let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            if !(t.word && cap(w)) {
                k += 1;
                continue;
            }
            let mut j = k;
            while j < toks.len() {
                let wj = &text[toks[j].s..toks[j].e];
                if toks[j].word && cap(wj) {
                    j += 1;
                } else if toks[j].word
                    && matches!(wj, "of" | "de" | "bin" | "al" | "van" | "von" | "der" | "la" | "du")
                    && j + 1 < toks.len()
                    && j > k
                    && toks[j + 1].word
                    && cap(&text[toks[j + 1].s..toks[j + 1].e])
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // Drop leading function words and titles.
            let mut a = k;
            while a < j {
                let lw = lower(text, toks[a]);
                let lw = lw.trim_end_matches('.');
                if in_list(NOT_NAMES, lw) || ((in_list(ROLE_NOUNS, lw) || is_place(lw) || is_demonym(lw)) && a + 1 < j) {
                    a += 1;
                } else {
                    break;
                }
            }
            // Drop a trailing possessive.
            if a < j {
                let (s, mut e) = (toks[a].s, toks[j - 1].e);
                let tail = &text[s..e];
                for suf in ["’s", "'s", "’", "'"] {
                    if tail.ends_with(suf) && tail.len() > suf.len() {
                        e -= suf.len();
                        break;
                    }
                }
                let name = &text[s..e];
                let lname = name.to_lowercase();
                let kind = classify_name(name);
                let initial = k == 0 || matches!(&text[toks[k - 1].s..toks[k - 1].e], "." | "!" | "?" | "“" | "\"" | "«" | ":" | "‘");
                let single = a + 1 == j;
                if !in_list(NOT_NAMES, &lname) && !(initial && single && a == k && !inner_caps.contains(&text[toks[a].s..toks[a].e])) {
                    out.push(Mention { doc, start: s, end: e, kind, canonical: name.to_string() });
                }
            }
            k = j.max(k + 1);
        }
    }
    canonicalize(text, &mut out);
    out
}

/// The type of a name by its words: an acronym or a name with an
/// organization word ("State Department") is an organization, a place name
/// ([`is_place`]) a place, anything else a person.
pub fn classify_name(name: &str) -> MentionType {
    let lname = name.to_lowercase();
    if !lname.contains(' ') && is_demonym(&lname) {
        return MentionType::Other;
    }
    let last = lname.rsplit(' ').next().unwrap_or("");
    if name.chars().count() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '.') {
        MentionType::Organization
    } else if in_list(ORGANIZATION_NOUNS, last) || lname.split(' ').count() > 1 && lname.split(' ').any(|w| in_list(ORGANIZATION_NOUNS, w)) {
        MentionType::Organization
    } else if lname.split(' ').all(|w| is_place(w) || in_list(NOT_NAMES, w)) {
        MentionType::Place
    } else {
        MentionType::Person
    }
}

/// A nationality adjective ("Russian", "Kazakh", "Kazakhstani"): not a
/// name on its own.
fn is_demonym(w: &str) -> bool {
    // (The longer list of `entities::lists::DEMONYMS` was tried here and
    // lost three right sources on PolNeAR train, 8,383 to 8,380.)
    const LIST: &[&str] = &["kazakh", "uzbek", "tajik", "kyrgyz", "turkmen", "french", "dutch", "british", "english", "chinese", "japanese", "swiss", "thai", "greek", "czech", "polish", "turkish", "danish", "irish", "scottish", "welsh", "spanish", "finnish", "swedish", "soviet", "western", "eastern", "american", "european", "asian", "african"];
    let one = |w: &str| LIST.contains(&w) || (w.len() > 5 && ["ian", "ean", "ese", "stani", "ish"].iter().any(|s| w.ends_with(s)) && !w.ends_with("christian"));
    // "Russian-Kazakh" too.
    w.split(['-', '‐']).all(one)
}

/// A mention of a surname alone (or a shorter form) takes the canonical
/// name of the nearest earlier mention of the same type ending in it.
fn canonicalize(_text: &str, mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let short = mentions[i].canonical.clone();
        if short.contains(' ') && mentions[i].kind != MentionType::Person {
            continue;
        }
        let last = short.rsplit(' ').next().unwrap_or("").to_string();
        let found = (0..i).rev().map(|j| &mentions[j]).find(|m| {
            m.kind == mentions[i].kind && m.canonical.len() > short.len() && (m.canonical.ends_with(&format!(" {short}")) || m.canonical.ends_with(&format!(" {last}")))
        });
        if let Some(m) = found {
            let c = m.canonical.clone();
            mentions[i].canonical = c;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// The gender of a name, where it can be told from its title, first name
/// or a Russian surname ending.
fn gender_of(text_before: &str, name: &str) -> Gender {
    let before = text_before.trim_end().to_lowercase();
    let lw = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    match lw.trim_end_matches('.') {
        "mr" | "sir" | "king" | "prince" | "father" | "spokesman" | "chairman" | "businessman" => return Gender::Male,
        "mrs" | "ms" | "miss" | "queen" | "princess" | "spokeswoman" | "chairwoman" | "lady" | "businesswoman" => return Gender::Female,
        _ => {}
    }
    let lname = name.to_lowercase();
    let words: Vec<&str> = lname.split([' ', '-']).collect();
    if words.len() > 1 && in_list(FEMALE_NAMES, words[0]) {
        return Gender::Female;
    }
    let last = words.last().copied().unwrap_or("");
    if last.len() > 4 && ["ova", "eva", "ina", "aya", "skaya"].iter().any(|s| last.ends_with(s)) {
        return Gender::Female;
    }
    if words.len() > 1 || ["ov", "ev", "in", "sky", "ich"].iter().any(|s| last.ends_with(s)) {
        // A first name not on the female list, or a male surname ending:
        // most often a man in news; kept as unknown unless the ending says so.
        if ["ov", "ev", "sky", "ich"].iter().any(|s| last.ends_with(s)) {
            return Gender::Male;
        }
    }
    Gender::Unknown
}

fn compatible(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

/// A source noun phrase as found, before resolution.
#[derive(Clone, Debug)]
struct RawSource {
    span: (usize, usize),
}

/// A raw event, before sources are resolved.
#[derive(Clone, Debug)]
struct Raw {
    kind: Kind,
    source: Option<RawSource>,
    cue: Option<(usize, usize)>,
    content: (usize, usize),
    evaluative: Option<(usize, usize)>,
    /// Credited to the previous speaker (a quotation continuing a turn).
    continuation: bool,
    /// The source is the subject of an earlier cue of the same sentence
    /// ("… and wrote"; "…, saying").
    elided: bool,
}

struct Sent {
    start: usize,
    end: usize,
    toks: Vec<Tok>,
}

/// Finds the attributions of one document.
///
/// `mentions` are the named mentions of this document (any order; a
/// gazetteer's, discovered entities, or [`name_mentions`]); where they
/// overlap, the longer one wins.
pub fn extract(doc: usize, text: &str, mentions: &[Mention]) -> Vec<Attribution> {
    let paragraphs = segment::paragraphs(text);
    let sentences: Vec<Sent> = segment::sentences(text, &paragraphs)
        .into_iter()
        .map(|(_, s)| Sent { start: s.start, end: s.end, toks: tokenize(text, s.start, s.end) })
        .collect();
    let mut mentions: Vec<Mention> = mentions.to_vec();
    mentions.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mention> = vec![];
    for m in mentions {
        if m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end && kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    let mentions = kept;
    let quotes = merge_quotes(text, &paragraphs, quotation_spans(text));
    let in_quote = |pos: usize| quotes.iter().any(|&(a, b)| a <= pos && pos < b);
    let lex = cue_lexicon();

    let mut raws: Vec<Raw> = vec![];
    let mut used_cues: Vec<(usize, usize)> = vec![];
    let mut quote_done = vec![false; quotes.len()];

    // 1. Quotations with a cue of their own: first after them ("“…,” said
    // X"), then, for those left, before them ("X said: “…”"), so that a
    // quoted title inside the source phrase ("noted “First Russian”
    // columnist Andrey Perla") does not take the cue.
    for qi in 0..quotes.len() {
        if quote_done[qi] {
            continue;
        }
        let (qs, qe) = quotes[qi];
        let para_end = paragraphs.iter().find(|p| qe <= p.end).map_or(text.len(), |p| p.end);
        // Tokens after the quotation, to the end of the paragraph (at most 14).
        let after: Vec<Tok> = tokenize(text, qe.min(para_end.max(qe)), para_end.max(qe)).into_iter().take(14).collect();
        let inner = text[qs..qe].trim_end_matches(['”', '"', '»', '’', '\'', ' ']);
        let ends_sentence = inner.ends_with(['.', '!', '?']);
        // A short quoted fragment inside a sentence ("hailed the vote as
        // “fantastic,” telling reporters") is not a quotation of its own.
        let mid_sentence = text[..qs].trim_end().chars().next_back().is_some_and(char::is_alphanumeric);
        if mid_sentence && n_words(&text[qs..qe]) < MIN_SPEECH_WORDS {
            continue;
        }
        let Some((src, cue, ev, consumed_to)) = after_quote(text, &after, lex, ends_sentence, inner.ends_with(',')) else { continue };
        let mut content = (qs, qe);
        // “A,” he said, “B.”: the next quotation right after is the same event.
        if qi + 1 < quotes.len() {
            let (ns, ne) = quotes[qi + 1];
            let gap = &text[consumed_to.min(ns)..ns];
            // A next quotation with an attribution of its own is another event.
            let own = {
                let next_after: Vec<Tok> = tokenize(text, ne.min(para_end.max(ne)), para_end.max(ne)).into_iter().take(14).collect();
                let next_inner = text[ns..ne].trim_end_matches(['”', '"', '»', '’', '\'', ' ']);
                after_quote(text, &next_after, lex, next_inner.ends_with(['.', '!', '?']), next_inner.ends_with(',')).is_some()
            };
            if !own && ns >= consumed_to && ns < para_end && gap.trim().trim_matches([',', ':', ';', '—', '–', '.']).trim().is_empty() && !gap.contains('\n') {
                content.1 = ne;
                quote_done[qi + 1] = true;
            }
        }
        if let Some(c) = cue {
            used_cues.push(c);
        }
        raws.push(Raw { kind: Kind::Direct, source: src, cue, content, evaluative: ev, continuation: false, elided: false });
        quote_done[qi] = true;
    }
    for qi in 0..quotes.len() {
        if quote_done[qi] {
            continue;
        }
        let (qs, _) = quotes[qi];
        let Some(si) = sentences.iter().position(|s| qs < s.end.max(s.start + 1)) else { break };
        let from = quotes[..qi].iter().rev().map(|q| q.1).find(|&e| e <= qs).unwrap_or(0).max(sentences[si].start);
        let mut before = tokenize(text, from, qs);
        // "He said:" closing the paragraph before the quotation.
        if before.is_empty() && si > 0 && text[sentences[si - 1].start..sentences[si - 1].end].ends_with(':') && quotes[..qi].iter().all(|q| q.1 <= sentences[si - 1].start) {
            before = sentences[si - 1].toks.clone();
        }
        if let Some((src, cue, ev, coordinated)) = before_quote(text, &before, lex) {
            if used_cues.contains(&cue) {
                continue;
            }
            used_cues.push(cue);
            let elided = coordinated && src.is_none();
            raws.push(Raw { kind: Kind::Direct, source: src, cue: Some(cue), content: quotes[qi], evaluative: ev, continuation: false, elided });
            quote_done[qi] = true;
        }
    }

    // 2. Cues outside quotations: indirect and mixed speech.
    for (si, s) in sentences.iter().enumerate() {
        let toks = &s.toks;
        let mut k = 0;
        while k < toks.len() {
            let t = toks[k];
            if !t.word || in_quote(t.s) || used_cues.iter().any(|&(a, b)| a <= t.s && t.s < b) {
                k += 1;
                continue;
            }
            let w = lower(text, t);
            let next_w = toks.get(k + 1).filter(|x| x.word).map(|x| lower(text, *x));
            let hit = if w == "according" && next_w.as_deref() == Some("to") {
                according(text, s, k, 2, &quotes)
            } else if w == "in" && toks.len() > k + 3 && matches!(lower(text, toks[k + 1]).as_str(), "the") && matches!(lower(text, toks[k + 2]).as_str(), "opinion" | "view" | "words") && lower(text, toks[k + 3]) == "of" {
                according(text, s, k, 4, &quotes)
            } else if w == "in" && k == 0 {
                in_document(text, s, lex)
            } else if let Some(class) = lex.get(&w).copied().filter(|_| text[t.s..].starts_with(char::is_lowercase) && cue_form_ok(text, toks, k, &w)) {
                let mut cue_end = k + 1;
                if let Some(n) = &next_w {
                    if PHRASE_CUES.iter().any(|p| p[0] == w && p[1] == n) {
                        cue_end = k + 2;
                    }
                }
                verb_cue(text, s, k, cue_end, class, &quotes)
            } else {
                None
            };
            if let Some(mut raw) = hit {
                // Keep the content inside the sentence and clean of a final full stop.
                raw.content = trim_content(text, raw.content);
                // A content after its cue ends at its clause's end.
                if raw.cue.is_some_and(|c| c.1 <= raw.content.0) {
                    if let Some(c) = toks.iter().position(|x| x.s >= raw.content.0) {
                        raw.content.1 = clause_end(text, toks, c, raw.content.1, &quotes);
                        raw.content = trim_content(text, raw.content);
                    }
                }
                let inside_earlier = raws.iter().any(|r: &Raw| r.kind != Kind::Direct && r.content.0 < t.s && t.s < r.content.1)
                    && !raw.source.as_ref().is_some_and(|src| {
                        // A new clause with its own subject ("…, and Clinton said") may sit inside an earlier content.
                        let i = toks.iter().position(|x| x.s == src.span.0).unwrap_or(0);
                        i > 0 && (matches!(&text[toks[i - 1].s..toks[i - 1].e], "," | ";") || matches!(word_at(text, toks, i - 1).as_str(), "and" | "but" | "while" | "whereas"))
                    })
                    // "…, emphasizing that …": a participle after a comma is a new event of the same subject.
                    && !(w.ends_with("ing") && k > 0 && &text[toks[k - 1].s..toks[k - 1].e] == ",");
                if !inside_earlier && raw.content.0 < raw.content.1 && n_words(&text[raw.content.0..raw.content.1]) >= 3 {
                    let (a, b) = raw.content;
                    let holds: Vec<usize> = quotes.iter().enumerate().filter(|(_, &(qa, qb))| qa < b && a < qb).map(|(i, _)| i).collect();
                    let whole_quote = holds.len() == 1 && {
                        let (qa, qb) = quotes[holds[0]];
                        n_words(&text[a..qa.max(a)]) + n_words(&text[qb.min(b)..b]) <= 1
                    };
                    if holds.iter().any(|&i| quote_done[i]) && whole_quote {
                        // Already a direct event.
                    } else {
                        raw.kind = if holds.is_empty() {
                            Kind::Indirect
                        } else if whole_quote {
                            Kind::Direct
                        } else {
                            Kind::Mixed
                        };
                        for i in holds {
                            quote_done[i] = true;
                        }
                        if let Some(c) = raw.cue {
                            used_cues.push(c);
                        }
                        let _ = si;
                        raws.push(raw);
                    }
                }
            }
            k += 1;
        }
    }

    // A content ends where the next event's source or cue starts ("Trump
    // said X, and Clinton said Y").
    raws.sort_by_key(|r| (r.content.0, r.content.1));
    let starts: Vec<(usize, usize)> = raws
        .iter()
        .flat_map(|r| [r.source.as_ref().map(|s| s.span.0), r.cue.map(|c| c.0)].into_iter().flatten().filter(|&p| p <= r.content.0).map(|p| (p, r.content.0)).collect::<Vec<_>>())
        .collect();
    for r in raws.iter_mut() {
        if !matches!(r.kind, Kind::Indirect | Kind::Mixed) {
            continue;
        }
        if let Some(&(p, _)) = starts.iter().filter(|&&(p, c)| p > r.content.0 && p < r.content.1 && c > p).min() {
            let mut e = p;
            let head = text[r.content.0..e].trim_end();
            let head = head.strip_suffix(" and").or_else(|| head.strip_suffix(" but")).unwrap_or(head).trim_end_matches([',', ';', ' ']);
            e = r.content.0 + head.len();
            r.content.1 = e;
        }
    }
    raws.retain(|r| r.content.0 < r.content.1);

    // 3. Quotations left: continuation of the previous speaker, unattributed, or scare quotes.
    for (i, &(qs, qe)) in quotes.iter().enumerate() {
        if quote_done[i] {
            continue;
        }
        let para = paragraphs.iter().position(|p| qs < p.end.max(p.start + 1)).unwrap_or(0);
        let same_para_event = raws.iter().any(|r| r.content.1 <= qs && r.cue.is_some() && r.kind.is_speech() && paragraphs[para].start <= r.content.0);
        let whole_sentence = text[qs..qe].trim_end_matches(['”', '"', '»', '’']).ends_with(['.', '!', '?']);
        if n_words(&text[qs..qe]) < MIN_SPEECH_WORDS && !(same_para_event && whole_sentence) {
            raws.push(Raw { kind: Kind::Scare, source: None, cue: None, content: (qs, qe), evaluative: None, continuation: false, elided: false });
            continue;
        }
        // A quotation later in the paragraph of a direct event, with nothing
        // but that event's attribution between, continues its content.
        if let Some(r) = raws.iter_mut().filter(|r| r.content.1 <= qs && r.kind.is_speech()).max_by_key(|r| r.content.1) {
            let between_end = [Some(r.content.1), r.cue.map(|c| c.1), r.source.as_ref().map(|s| s.span.1)].into_iter().flatten().max().unwrap_or(r.content.1);
            let gap = &text[between_end.min(qs)..qs];
            // The gap is the rest of the attribution's sentence ("“A,” said X,
            // a professor at Y. “B.”") or a few words.
            let rest_of_sentence = n_words(gap) <= 40 && gap.trim_end().ends_with(['.', '!', '?']) && !gap.contains(['“', '”', '"', '«', '»']) && !gap.contains("''");
            if r.kind == Kind::Direct && r.cue.is_some() && paragraphs[para].start <= r.content.0 && !gap.contains('\n') && (n_words(gap) <= 6 || rest_of_sentence) {
                r.content.1 = qe;
                continue;
            }
        }
        let prev = raws.iter().filter(|r| r.content.1 <= qs && r.kind.is_speech() && r.cue.is_some()).max_by_key(|r| r.content.1);
        let cont = prev.is_some_and(|r| {
            let rp = paragraphs.iter().position(|p| r.content.0 < p.end.max(p.start + 1)).unwrap_or(0);
            rp + 1 >= para
        });
        raws.push(Raw { kind: Kind::Direct, source: None, cue: None, content: (qs, qe), evaluative: None, continuation: cont, elided: false });
    }
    raws.sort_by_key(|r| (r.content.0, r.content.1, r.kind));

    resolve(doc, text, &sentences, &mentions, raws)
}

/// Joins a quotation left open at the end of its paragraph with the next
/// paragraph's quotation when that paragraph opens with a quotation mark.
fn merge_quotes(text: &str, paragraphs: &[segment::Span], quotes: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = vec![];
    for (a, b) in quotes {
        if let Some(last) = out.last_mut() {
            let open_ended = !text[last.0..last.1].ends_with(['”', '"', '»', '’']) || text[last.0..last.1].chars().count() == 1;
            let para_of = |pos: usize| paragraphs.iter().position(|p| pos < p.end.max(p.start + 1));
            let (pl, pa) = (para_of(last.1.saturating_sub(1)), para_of(a));
            if open_ended && pl.is_some() && pa == pl.map(|p| p + 1) && paragraphs[pa.unwrap_or(0)].start == a {
                last.1 = b;
                continue;
            }
        }
        out.push((a, b));
    }
    out
}

fn word_at(text: &str, toks: &[Tok], k: usize) -> String {
    toks.get(k).filter(|t| t.word).map_or(String::new(), |t| lower(text, *t))
}

fn is_cue(text: &str, toks: &[Tok], k: usize, lex: &HashMap<String, CueClass>) -> Option<usize> {
    let w = word_at(text, toks, k);
    if w.is_empty() || !text[toks[k].s..].starts_with(char::is_lowercase) || !cue_form_ok(text, toks, k, &w) {
        return None;
    }
    if !lex.contains_key(&w) && !quote_cue(&w) {
        return None;
    }
    let n = word_at(text, toks, k + 1);
    if PHRASE_CUES.iter().any(|p| p[0] == w && p[1] == n) {
        return Some(k + 2);
    }
    Some(k + 1)
}

/// Verbs that introduce speech only right beside a quotation ("She
/// continued, “…”", "“…!” the crowd chanted"); elsewhere they are rarely
/// attributions ("continued to rise", "read the bill").
const QUOTE_CUES: &[&str] = &["continue", "shout", "chant", "yell", "scream", "exclaim", "cry", "read", "begin", "post", "bark", "boom", "snap", "sing", "plead", "muse", "whisper", "interject", "interrupt", "tell"];

fn quote_cue(w: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| QUOTE_CUES.iter().flat_map(|l| forms(l)).chain(["cried".to_string(), "began".to_string(), "sang".to_string()]).collect()).contains(w)
}

/// The evaluative adverb right before token `k`, skipping "also".
fn evaluative_before(text: &str, toks: &[Tok], k: usize) -> Option<(usize, usize)> {
    let mut j = k;
    while j > 0 {
        let w = word_at(text, toks, j - 1);
        if in_list(EVALUATIVE, &w) {
            return Some((toks[j - 1].s, toks[j - 1].e));
        }
        if w == "also" || w == "very" || w == "quite" {
            j -= 1;
            continue;
        }
        return None;
    }
    None
}

/// After a quotation: `, said X` / `, X said` (with adverbs and auxiliaries
/// between). Returns the source, the cue, the evaluative adverb and where
/// the attribution ends.
fn after_quote(
    text: &str,
    toks: &[Tok],
    lex: &HashMap<String, CueClass>,
    ends_sentence: bool,
    ends_comma: bool,
) -> Option<(Option<RawSource>, Option<(usize, usize)>, Option<(usize, usize)>, usize)> {
    let mut k = 0;
    while k < toks.len() && !toks[k].word && matches!(&text[toks[k].s..toks[k].e], "," | "—" | "–" | "-") {
        k += 1;
    }
    if k < toks.len() && !toks[k].word {
        return None;
    }
    // Inverted: (adverbs) CUE SOURCE.
    let mut j = k;
    while j < toks.len() && (in_list(BETWEEN, &word_at(text, toks, j)) || in_list(EVALUATIVE, &word_at(text, toks, j))) {
        j += 1;
    }
    if let Some(ce) = is_cue(text, toks, j, lex).filter(|_| !word_at(text, toks, j).ends_with("ing")) {
        let cue = (toks[j].s, toks[ce - 1].e);
        let ev = evaluative_before(text, toks, j);
        let mut e = ce;
        // Words of the phrase, and a quoted title inside it ("“First Russian” columnist").
        while e < toks.len() && e - ce < 10 && (toks[e].word && !in_list(NP_STOP, &word_at(text, toks, e)) || matches!(&text[toks[e].s..toks[e].e], "“" | "”" | "\"" | "«" | "»")) {
            e += 1;
        }
        while e > ce && !toks[e - 1].word {
            e -= 1;
        }
        if e > ce {
            let mut src = RawSource { span: (toks[ce].s, toks[e - 1].e) };
            let mut end = toks[e - 1].e;
            // "noted the head of the Club, Nikita Mendkovich": the name in apposition.
            if e + 1 < toks.len() && &text[toks[e].s..toks[e].e] == "," {
                let mut n = e + 1;
                while n < toks.len() && toks[n].word && n - e <= 4 && text[toks[n].s..].starts_with(char::is_uppercase) {
                    n += 1;
                }
                if n > e + 1 && (n == toks.len() || !toks[n].word) {
                    src = RawSource { span: (toks[e + 1].s, toks[n - 1].e) };
                    end = toks[n - 1].e;
                }
            }
            if !ends_sentence || closes_soon(text, toks, e) {
                return Some((Some(src), Some(cue), ev, end));
            }
        }
    }
    // SOURCE (adverbs) CUE, the source with an apposition between commas
    // or brackets ("the White House spokesman, Josh Earnest, said").
    let mut j = k;
    // Commas and brackets of an apposition, "&" ("Research & Trading"), and
    // the dot closing an abbreviation ("Mitch McConnell, R-Ky., said").
    let punct = |i: usize| {
        let p = &text[toks[i].s..toks[i].e];
        matches!(p, "," | "(" | ")" | "&")
            || p == "." && i > 0 && toks[i - 1].word && toks[i - 1].e == toks[i].s && text[toks[i - 1].s..].starts_with(char::is_uppercase) && toks[i - 1].e - toks[i - 1].s <= 5 && toks.get(i + 1).is_some_and(|n| &text[n.s..n.e] == ",")
    };
    while j < toks.len() && (toks[j].word || punct(j) && j > k) && j - k < 14 {
        if in_list(BETWEEN, &word_at(text, toks, j)) || in_list(EVALUATIVE, &word_at(text, toks, j)) || is_cue(text, toks, j, lex).is_some() {
            break;
        }
        if in_list(NP_STOP, &word_at(text, toks, j)) {
            return None;
        }
        j += 1;
    }
    let mut np_end = j;
    while np_end > k && !toks[np_end - 1].word {
        np_end -= 1;
    }
    if np_end == k {
        return None;
    }
    while j < toks.len() && (in_list(BETWEEN, &word_at(text, toks, j)) || in_list(EVALUATIVE, &word_at(text, toks, j))) {
        j += 1;
    }
    let Some(ce) = is_cue(text, toks, j, lex) else {
        // "“…,” the expert on international relations Andrey Koshkin.": a
        // quotation ending in a comma, then a phrase with a name and the
        // end of the sentence, is attributed without a cue.
        let mut e = k;
        while e < toks.len() && toks[e].word && e - k < 12 {
            e += 1;
        }
        let ends = toks.get(e).is_none_or(|t| matches!(&text[t.s..t.e], "." | "!" | "?"));
        let cap = |t: &Tok| text[t.s..].starts_with(char::is_uppercase);
        let named = e >= k + 2 && cap(&toks[e - 1]) && cap(&toks[e - 2]);
        if ends_comma && ends && named && e > k {
            return Some((Some(RawSource { span: (toks[k].s, toks[e - 1].e) }), None, None, toks[e - 1].e));
        }
        return None;
    };
    if ends_sentence && !closes_soon(text, toks, ce) {
        return None;
    }
    let ev = evaluative_before(text, toks, j);
    Some((Some(RawSource { span: (toks[k].s, toks[np_end - 1].e) }), Some((toks[j].s, toks[ce - 1].e)), ev, toks[ce - 1].e))
}

/// Whether the sentence ends (or a comma comes) within a few tokens of `k`.
fn closes_soon(text: &str, toks: &[Tok], k: usize) -> bool {
    for t in toks.iter().skip(k).take(4) {
        let w = &text[t.s..t.e];
        if !t.word && matches!(w, "." | "!" | "?" | ";" | "," | "“" | "\"" | "(") {
            return true;
        }
    }
    toks.len() <= k + 3
}

/// Before a quotation: `X said: “…”`, `X told reporters that “…”`,
/// `X said, “…”`.
fn before_quote(text: &str, toks: &[Tok], lex: &HashMap<String, CueClass>) -> Option<(Option<RawSource>, (usize, usize), Option<(usize, usize)>, bool)> {
    let n = toks.len();
    if n == 0 {
        return None;
    }
    let last = &text[toks[n - 1].s..toks[n - 1].e];
    let introduces = !toks[n - 1].word && matches!(last, ":" | ",") || word_at(text, toks, n - 1) == "that" || is_cue(text, toks, n - 1, lex).is_some();
    if !introduces {
        return None;
    }
    // The cue within the last six tokens.
    let lo = n.saturating_sub(7);
    for k in (lo..n).rev() {
        if let Some(ce) = is_cue(text, toks, k, lex) {
            // Between the cue and the quote: an addressee or a time phrase, no verb.
            let between_ok = toks[ce.min(n)..n].iter().all(|t| t.word || matches!(&text[t.s..t.e], ":" | ","));
            if !between_ok {
                return None;
            }
            // A quotation-side cue needs a colon or comma before the
            // quotation ("She continued: “…”", not "would continue “to …”").
            if ce == n && !lex.contains_key(&word_at(text, toks, k)) {
                return None;
            }
            let cue = (toks[k].s, toks[ce - 1].e);
            let ev = evaluative_before(text, toks, k);
            let src = np_before(text, toks, k);
            // "…, saying, “…”", "upon saying, “…”": the subject of the sentence.
            let pw = if k > 0 { text[toks[k - 1].s..toks[k - 1].e].to_lowercase() } else { String::new() };
            if word_at(text, toks, k).ends_with("ing") && matches!(pw.as_str(), "," | "by" | "upon" | "after" | "before" | "when" | "while") {
                if let Some(subj) = sentence_subject(text, toks, k) {
                    return Some((Some(subj), cue, ev, true));
                }
                // "“…,” said X, adding that “…”": the source of the sentence's earlier event.
                if src.is_none() {
                    return Some((None, cue, ev, true));
                }
            }
            return Some((src, cue, ev, src_none_coordinated(text, toks, k)));
        }
        if !toks[k].word && !matches!(&text[toks[k].s..toks[k].e], ":" | ",") {
            return None;
        }
    }
    None
}

/// The source noun phrase before the cue at token `k`: back over adverbs
/// and auxiliaries, then over the words of the phrase (at most eight) to a
/// punctuation mark or a function word. An apposition ("Haley Morris, a
/// spokeswoman, said") gives the name before it; a relative `who` gives
/// `who` (resolved later to the name before it).
fn np_before(text: &str, toks: &[Tok], k: usize) -> Option<RawSource> {
    np_before_near(text, toks, k).or_else(|| {
        // "Oliver K. Hedge, who appraises golf courses for Cushman &
        // Wakefield, said": a long apposition after the name that opens
        // the sentence.
        let mut j = k;
        while j > 0 && toks[j - 1].word && (in_list(BETWEEN, &word_at(text, toks, j - 1)) || is_ly_adverb(text, toks[j - 1])) {
            j -= 1;
        }
        if j < 2 || &text[toks[j - 1].s..toks[j - 1].e] != "," {
            return None;
        }
        let mut e = 0;
        while e < j && e < 6 && toks[e].word && (text[toks[e].s..].starts_with(char::is_uppercase) || (e > 0 && matches!(word_at(text, toks, e).as_str(), "of" | "de" | "van" | "von"))) {
            e += 1;
        }
        let name_like = e > 0 && e < j - 1 && &text[toks[e].s..toks[e].e] == "," && !in_list(NOT_NAMES, &word_at(text, toks, 0)) && !toks[..e].iter().any(|t| in_list(NOT_NAMES, &lower(text, *t).trim_end_matches('.')) && !matches!(lower(text, *t).as_str(), "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr"));
        name_like.then(|| RawSource { span: (toks[0].s, toks[e - 1].e) })
    })
}

fn np_before_near(text: &str, toks: &[Tok], k: usize) -> Option<RawSource> {
    let mut j = k;
    while j > 0 && toks[j - 1].word && (in_list(BETWEEN, &word_at(text, toks, j - 1)) || in_list(EVALUATIVE, &word_at(text, toks, j - 1)) || is_ly_adverb(text, toks[j - 1])) {
        j -= 1;
    }
    let end = j;
    // "Haley Morris, a spokeswoman for the campaign, said" and "Trump, who …, said".
    if j > 1 && !toks[j - 1].word && &text[toks[j - 1].s..toks[j - 1].e] == "," {
        let lo = j.saturating_sub(16);
        // The dot closing an abbreviation ("McCain, R-Ariz., said") is not a boundary.
        let abbrev_dot = |i: usize| &text[toks[i].s..toks[i].e] == "." && i > 0 && toks[i - 1].word && toks[i - 1].e == toks[i].s;
        let c2 = (lo..j - 1).rev().find(|&i| !toks[i].word && !abbrev_dot(i))?;
        if &text[toks[c2].s..toks[c2].e] != "," {
            return None;
        }
        // "A longtime official, Howard Ingram, said": the name between the commas.
        let inner = &toks[c2 + 1..j - 1];
        if !inner.is_empty() && inner.len() <= 5 && inner.iter().all(|t| t.word && text[t.s..].starts_with(char::is_uppercase)) {
            return Some(RawSource { span: (inner[0].s, inner[inner.len() - 1].e) });
        }
        // "Haley Morris, a spokeswoman, said": the name before them.
        let mut a = c2;
        while a > 0 && toks[a - 1].word && c2 - a < 5 && (text[toks[a - 1].s..].starts_with(char::is_uppercase) || in_list(PRONOUNS, &word_at(text, toks, a - 1))) {
            a -= 1;
        }
        if a < c2 && !in_list(NOT_NAMES, &word_at(text, toks, a)) || a < c2 && in_list(PRONOUNS, &word_at(text, toks, a)) {
            return Some(RawSource { span: (toks[a].s, toks[c2 - 1].e) });
        }
        return None;
    }
    if j > 0 && matches!(word_at(text, toks, j - 1).as_str(), "who" | "which") {
        return Some(RawSource { span: (toks[j - 1].s, toks[j - 1].e) });
    }
    while j > 0 && toks[j - 1].word && end - j < 8 {
        let w = word_at(text, toks, j - 1);
        if in_list(NP_STOP, &w) {
            break;
        }
        j -= 1;
        if in_list(PRONOUNS, &w) {
            break;
        }
    }
    if j == end {
        return None;
    }
    // Leading prepositions are not part of the phrase.
    while j < end && matches!(word_at(text, toks, j).as_str(), "in" | "on" | "at" | "for" | "from" | "of") {
        j += 1;
    }
    if j == end {
        return None;
    }
    let first = word_at(text, toks, j);
    // Apposition: ", a spokeswoman for the campaign, said" after a name.
    if matches!(first.as_str(), "a" | "an") && j >= 2 && !toks[j - 1].word && &text[toks[j - 1].s..toks[j - 1].e] == "," {
        let mut a = j - 1;
        let name_end = a;
        while a > 0 && toks[a - 1].word && name_end - a < 5 && text[toks[a - 1].s..].starts_with(char::is_uppercase) {
            a -= 1;
        }
        if a < name_end {
            return Some(RawSource { span: (toks[a].s, toks[name_end - 1].e) });
        }
    }
    Some(RawSource { span: (toks[j].s, toks[end - 1].e) })
}

/// Whether the cue at `k` follows "and" or "but" directly ("… and wrote").
fn src_none_coordinated(text: &str, toks: &[Tok], k: usize) -> bool {
    k > 0 && matches!(word_at(text, toks, k - 1).as_str(), "and" | "but")
}

/// The subject at the start of the sentence (after an opening adverbial
/// and its comma), for "…, saying" and "… and wrote": a pronoun, or a run
/// of capitalised words (with "the").
fn sentence_subject(text: &str, toks: &[Tok], before: usize) -> Option<RawSource> {
    let mut a = 0;
    let first = word_at(text, toks, 0);
    if is_ly(&first) || matches!(first.as_str(), "on" | "in" | "at" | "after" | "during" | "speaking" | "meanwhile" | "however" | "earlier" | "later" | "also" | "yesterday" | "today" | "then" | "last" | "since" | "among" | "thus" | "before" | "when" | "while" | "with" | "despite" | "following" | "amid" | "as" | "for") {
        a = toks[..before.min(toks.len())].iter().take(10).position(|t| !t.word && &text[t.s..t.e] == ",").map(|i| i + 1)?;
    }
    let w = word_at(text, toks, a);
    if in_list(&["he", "she", "they", "it", "we"], &w) {
        return Some(RawSource { span: (toks[a].s, toks[a].e) });
    }
    let mut e = a;
    if w == "the" {
        e += 1;
    }
    while e < before && e - a < 6 && toks[e].word && text[toks[e].s..].starts_with(char::is_uppercase) {
        e += 1;
    }
    if e == a || (e == a + 1 && w == "the") {
        return None;
    }
    Some(RawSource { span: (toks[a].s, toks[e - 1].e) })
}

/// Base forms that are more often nouns ("a report", "state officials")
/// count as cues only after a pronoun subject or an auxiliary; `find`
/// counts only with "that".
fn cue_form_ok(text: &str, toks: &[Tok], k: usize, w: &str) -> bool {
    if PASSIVE_ONLY.contains(&w) {
        return k > 0 && AUX_BE.contains(&word_at(text, toks, k - 1).as_str());
    }
    const NOUNISH: &[&str] = &[
        "state", "report", "call", "question", "comment", "answer", "claim", "estimate", "demand", "show", "find", "hope", "fear", "doubt",
        "worry", "counter", "label", "brand", "tweet", "promise", "pledge", "vow", "joke", "welcome", "blame", "reply", "respond", "note",
        "defend", "reject", "praise", "record", "quip", "remark", "concede", "maintain", "mention", "caution", "hint", "dismiss", "support",
        "cite", "oppose", "endorse", "supports", "applaud", "states", "remarks", "comments",
    ];
    if matches!(w, "find" | "finds" | "found" | "finding" | "know" | "knows" | "knew" | "knowing" | "understanding") && !(k + 1..(k + 4).min(toks.len())).any(|i| word_at(text, toks, i) == "that") {
        return false;
    }
    // "sees China as a deterrent", "views the talks as": only with "as".
    if matches!(w, "see" | "sees" | "saw" | "seeing" | "view" | "views" | "viewing") && !(k + 1..(k + 9).min(toks.len())).any(|i| word_at(text, toks, i) == "as") {
        return false;
    }
    if NOUNISH.contains(&w) {
        let pw = if k > 0 { word_at(text, toks, k - 1) } else { String::new() };
        // After a document or group noun, the form is a verb ("polls show",
        // "Republicans support"); "the survey" before it is not ("a survey support").
        if k > 0 && toks[k - 1].word && (in_list(DOCUMENT_NOUNS, &pw) || in_list(GROUP_NOUNS, &pw)) && pw.ends_with('s') && !matches!(pw.as_str(), "news" | "this" | "its" | "his" | "percent" | "majority" | "half" | "third" | "quarter" | "share" | "plurality" | "minority") {
            return true;
        }
        return matches!(pw.as_str(), "i" | "we" | "you" | "they" | "will" | "would" | "could" | "can" | "may" | "might" | "should" | "did" | "does" | "do" | "must" | "not" | "also" | "to");
    }
    true
}

fn is_ly(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !matches!(w, "only" | "family" | "ally" | "rally" | "italy" | "early")
}

fn is_ly_adverb(text: &str, t: Tok) -> bool {
    let w = &text[t.s..t.e];
    w.len() > 4 && w.ends_with("ly") && w.starts_with(char::is_lowercase) && !matches!(w, "only" | "family" | "ally" | "rally" | "italy")
}

/// "according to X" (and "in the opinion of X"): the cue runs `width`
/// tokens from `k`.
fn according(text: &str, s: &Sent, k: usize, width: usize, quotes: &[(usize, usize)]) -> Option<Raw> {
    let toks = &s.toks;
    let cue = (toks[k].s, toks[k + width - 1].e);
    let a = k + width;
    let mut e = a;
    while e < toks.len() && toks[e].word && e - a < 8 && !matches!(word_at(text, toks, e).as_str(), "that" | "which" | "who" | "and" | "but" | "is" | "was" | "are" | "were") {
        e += 1;
    }
    if e == a {
        return None;
    }
    // The source phrase ends at the first comma.
    let src = RawSource { span: (toks[a].s, toks[e - 1].e) };
    // At the start of the sentence (after at most an opening adverbial: "In
    // addition, according to …,"), the content follows the comma; in the
    // middle, between commas, the content is the sentence around it; at the
    // end, the content precedes the cue.
    let words_before = toks[..k].iter().filter(|t| t.word).count();
    let initial = words_before == 0 || (words_before <= 3 && k > 0 && &text[toks[k - 1].s..toks[k - 1].e] == ",") || toks[..k].iter().all(|t| !t.word || matches!(word_at(text, toks, 0).as_str(), "and" | "but"));
    let comma_after = toks.get(e).is_some_and(|t| &text[t.s..t.e] == ",");
    let words_after = toks.iter().skip(e).filter(|t| t.word).count();
    let content = if !initial && comma_after && words_after >= 4 && k > 0 && &text[toks[k - 1].s..toks[k - 1].e] == "," {
        (clause_start(text, toks, k, quotes).unwrap_or(s.start), s.end)
    } else if initial {
        let c = toks[e..].iter().position(|t| !t.word && &text[t.s..t.e] == ",").map(|i| e + i + 1).unwrap_or(e);
        (toks.get(c).map_or(s.end, |t| t.s), s.end)
    } else {
        let mut b = k;
        while b > 0 && !toks[b - 1].word && matches!(&text[toks[b - 1].s..toks[b - 1].e], "," | "(" | "—" | "–") {
            b -= 1;
        }
        if b == 0 {
            return None;
        }
        // A quotation covering the cue's left side is its content as a whole.
        let start = clause_start(text, toks, b, quotes).unwrap_or(s.start);
        (start, toks[b - 1].e)
    };
    Some(Raw { kind: Kind::Indirect, source: Some(src), cue: Some(cue), content, evaluative: None, continuation: false, elided: false })
}

/// "In the latest poll, Trump leads …": a sentence opening with "in" and a
/// phrase headed by a document that finds or reports ("poll", "survey",
/// "report", "filing"), then a comma; the source is the phrase, the cue
/// "in", the content the clause after the comma. Not when that clause has a
/// reporting verb of its own ("In a statement, X said …": X is the source).
fn in_document(text: &str, s: &Sent, lex: &HashMap<String, CueClass>) -> Option<Raw> {
    const FINDING: &[&str] = &["poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "analysis", "data", "filing", "filings", "records", "documents", "ruling", "findings", "results", "memo", "letter", "statement"];
    let toks = &s.toks;
    let comma = toks.iter().take(14).position(|t| !t.word && &text[t.s..t.e] == ",")?;
    if comma < 2 || !toks[1..comma].iter().all(|t| t.word || matches!(&text[t.s..t.e], "-" | "’" | "'")) {
        return None;
    }
    let head = word_at(text, toks, comma - 1);
    if !in_list(FINDING, &head) {
        return None;
    }
    if toks[comma + 1..].iter().enumerate().any(|(i, t)| t.word && lex.contains_key(&lower(text, *t)) && cue_form_ok(text, toks, comma + 1 + i, &lower(text, *t))) {
        return None;
    }
    let c = toks.get(comma + 1)?;
    let src = RawSource { span: (toks[1].s, toks[comma - 1].e) };
    Some(Raw { kind: Kind::Indirect, source: Some(src), cue: Some((toks[0].s, toks[0].e)), content: (c.s, s.end), evaluative: None, continuation: false, elided: false })
}

/// Where the clause holding token `b - 1` starts: after the last `;` or
/// sentence start.
fn clause_start(text: &str, toks: &[Tok], b: usize, _quotes: &[(usize, usize)]) -> Option<usize> {
    let i = toks[..b].iter().rposition(|t| !t.word && matches!(&text[t.s..t.e], ";"))?;
    toks.get(i + 1).map(|t| t.s)
}

/// A reporting verb at tokens `k..ce` of the sentence.
fn verb_cue(text: &str, s: &Sent, k: usize, ce: usize, class: CueClass, quotes: &[(usize, usize)]) -> Option<Raw> {
    let toks = &s.toks;
    let w = word_at(text, toks, k);
    let cue = (toks[k].s, toks[ce - 1].e);
    let ev = evaluative_before(text, toks, k);
    let prev = if k > 0 { Some(&text[toks[k - 1].s..toks[k - 1].e]) } else { None };
    // Not a cue: "the said", "to say", "say, …" as an interjection, nouns ("a report").
    let pw = if k > 0 { word_at(text, toks, k - 1) } else { String::new() };
    if matches!(pw.as_str(), "a" | "an" | "the" | "to" | "his" | "her" | "their" | "its" | "this" | "that" | "our" | "my" | "your" | "of" | "in" | "on" | "for" | "with" | "by" | "from" | "at" | "without" | "any" | "no" | "every" | "each" | "these" | "those" | "two" | "three" | "four" | "five" | "both" | "all" | "many" | "several" | "other" | "various" | "whose") {
        return None;
    }
    // The passive with an agent: "The CSTO is considered by many experts to
    // be a dead organization": the source follows "by", the clause is the
    // content.
    if AUX_BE.contains(&pw.as_str()) && (w.ends_with("ed") || PASSIVE_ONLY.contains(&w.as_str()) || matches!(w.as_str(), "said" | "told" | "shown" | "found" | "thought" | "written")) {
        let lim = (ce + 8).min(toks.len());
        let by = (ce..lim).take_while(|&i| toks[i].word).find(|&i| word_at(text, toks, i) == "by");
        if let Some(by) = by {
            let mut e = by + 1;
            while e < toks.len() && toks[e].word && e - by <= 6 && !matches!(word_at(text, toks, e).as_str(), "to" | "as" | "that" | "and" | "for" | "in") {
                e += 1;
            }
            if e > by + 1 {
                let src = RawSource { span: (toks[by + 1].s, toks[e - 1].e) };
                let start = clause_start(text, toks, k, quotes).unwrap_or(s.start);
                return Some(Raw { kind: Kind::Indirect, source: Some(src), cue: Some(cue), content: (start, s.end), evaluative: ev, continuation: false, elided: false });
            }
        }
        // Without an agent, the subject of a passive is not its source ("Putin was welcomed").
        return None;
    }
    if PASSIVE_ONLY.contains(&w.as_str()) {
        return None;
    }
    // "As X noted, …" / "…, as X noted."
    let as_at = (0..k).rev().take(8).find(|&i| word_at(text, toks, i) == "as" && (i == 0 || !toks[i - 1].word || i + 1 < k));
    let np = np_before(text, toks, k);
    if let (Some(ai), Some(src)) = (as_at, np.as_ref()) {
        if toks[ai].s <= src.span.0 && toks[ai + 1..k].iter().all(|t| t.word) {
            let content = if toks[..ai].iter().all(|t| !t.word || matches!(word_at(text, toks, 0).as_str(), "but" | "and" | "yet" | "so")) && ai <= 1 {
                let c = toks[ce..].iter().position(|t| !t.word && &text[t.s..t.e] == ",").map(|i| ce + i + 1)?;
                (toks.get(c).map_or(s.end, |t| t.s), s.end)
            } else {
                let mut b = ai;
                while b > 0 && !toks[b - 1].word {
                    b -= 1;
                }
                if b == 0 {
                    return None;
                }
                (clause_start(text, toks, b, quotes).unwrap_or(s.start), toks[b - 1].e)
            };
            return Some(Raw { kind: Kind::Indirect, source: np, cue: Some(cue), content, evaluative: ev, continuation: false, elided: false });
        }
    }
    // Inverted at the end: "…, said Trump." / "…, Trump said."
    let comma_before = |i: usize| i > 0 && !toks[i - 1].word && matches!(&text[toks[i - 1].s..toks[i - 1].e], "," | "—" | "–");
    let rest_words = toks[ce..].iter().take_while(|t| t.word).count();
    let rest_ends = toks.get(ce + rest_words).is_none_or(|t| matches!(&text[t.s..t.e], "." | "!" | "?" | ";" | ","));
    if comma_before(k) && rest_words > 0 && rest_words <= 8 && rest_ends && !w.ends_with("ing") {
        let mut e = ce;
        while e < toks.len() && toks[e].word && !in_list(NP_STOP, &word_at(text, toks, e)) {
            e += 1;
        }
        if e > ce && e - ce == rest_words {
            let src = RawSource { span: (toks[ce].s, toks[e - 1].e) };
            let b = k - 1;
            if b == 0 {
                return None;
            }
            let start = clause_start(text, toks, b, quotes).unwrap_or(s.start);
            return Some(Raw { kind: Kind::Indirect, source: Some(src), cue: Some(cue), content: (start, toks[b - 1].e), evaluative: ev, continuation: false, elided: false });
        }
    }
    // "…, Trump said." with the source before the cue and nothing after.
    let after_words = toks[ce..].iter().filter(|t| t.word).count();
    if let Some(src) = &np {
        let si = toks.iter().position(|t| t.s == src.span.0).unwrap_or(k);
        let colon_after = toks.get(ce).is_some_and(|t| &text[t.s..t.e] == ":");
        if after_words <= 4 && !colon_after && comma_before(si) && toks[ce..].iter().take_while(|t| t.word).count() == after_words {
            let b = si - 1;
            if b == 0 {
                return None;
            }
            let start = clause_start(text, toks, b, quotes).unwrap_or(s.start);
            return Some(Raw { kind: Kind::Indirect, source: np, cue: Some(cue), content: (start, toks[b - 1].e), evaluative: ev, continuation: false, elided: false });
        }
    }
    // "Those who now have the right to vote, he said, must still register":
    // a parenthetical attribution; the content is the clause around it.
    if let Some(src) = &np {
        let si = toks.iter().position(|t| t.s == src.span.0).unwrap_or(k);
        let comma_after = toks.get(ce).is_some_and(|t| &text[t.s..t.e] == ",");
        if comma_before(si) && si >= 3 && comma_after && toks[ce + 1..].iter().filter(|t| t.word).count() >= 2 && toks[..si - 1].iter().filter(|t| t.word).count() >= 2 {
            let start = clause_start(text, toks, si - 1, quotes).unwrap_or(s.start);
            let end = toks[ce..].iter().find(|t| !t.word && &text[t.s..t.e] == ";").map_or(s.end, |t| t.s);
            return Some(Raw { kind: Kind::Indirect, source: np, cue: Some(cue), content: (start, end), evaluative: ev, continuation: false, elided: false });
        }
    }
    // SOURCE CUE (addressee) (that) CONTENT.
    let (src, elided) = match np {
        Some(n) => (Some(n), false),
        None => {
            // "…, saying …" and "… and wrote …": the subject of the sentence.
            let participle = w.ends_with("ing") && prev == Some(",");
            let coordinated = pw == "and" || pw == "but";
            if !(participle || coordinated) {
                return None;
            }
            match sentence_subject(text, toks, k) {
                Some(n) => (Some(n), true),
                None => return None,
            }
        }
    };
    let mut c = ce;
    if class == CueClass::Addressee {
        let lim = (c + 6).min(toks.len());
        if let Some(i) = (c..lim).find(|&i| word_at(text, toks, i) == "that" || (!toks[i].word && matches!(&text[toks[i].s..toks[i].e], "," | ":")) || is_open_quote(&text[toks[i].s..toks[i].e])) {
            c = i;
        } else if let Some(i) = (c..lim).find(|&i| word_at(text, toks, i) == "to") {
            c = i;
        }
    }
    // Skip a time or place phrase before "that" ("said Tuesday that").
    let lim = (c + 8).min(toks.len());
    if let Some(i) = (c..lim).find(|&i| word_at(text, toks, i) == "that") {
        if toks[c..i].iter().all(|t| t.word || &text[t.s..t.e] == ",") {
            c = i + 1;
        }
    }
    while c < toks.len() && !toks[c].word && matches!(&text[toks[c].s..toks[c].e], "," | ":" | "—" | "–") {
        c += 1;
    }
    if c >= toks.len() {
        return None;
    }
    // The content ends at a semicolon, and at the next cue's clause ("…, and Clinton said …"): left to trimming.
    let end = toks[c..].iter().find(|t| !t.word && &text[t.s..t.e] == ";").map_or(s.end, |t| t.s);
    Some(Raw { kind: Kind::Indirect, source: src, cue: Some(cue), content: (toks[c].s, end), evaluative: ev, continuation: false, elided })
}

/// Where a reported clause that starts at token `c` ends (at most at
/// `end`): before a semicolon, and before a comma that opens another
/// clause: a coordinated clause ("…, but …", "…, and he …"), a subordinate
/// or relative clause ("…, although …", "…, which …", "…, who …"). Punctuation inside
/// quotation marks does not count, and the clause keeps at least three words.
fn clause_end(text: &str, toks: &[Tok], c: usize, end: usize, quotes: &[(usize, usize)]) -> usize {
    let in_q = |p: usize| quotes.iter().any(|&(a, b)| a <= p && p < b);
    let mut words = 0;
    for i in c..toks.len() {
        let t = toks[i];
        if t.s >= end {
            break;
        }
        if t.word {
            words += 1;
            continue;
        }
        if in_q(t.s) || words < 3 {
            continue;
        }
        let nw = word_at(text, toks, i + 1);
        let nn = word_at(text, toks, i + 2);
        // (Dashes, brackets and participles were tried and lowered PolNeAR
        // train recall: they end a clause as often as they continue it.)
        let cut = match &text[t.s..t.e] {
            ";" => true,
            "," => {
                matches!(nw.as_str(), "but" | "although" | "though" | "while" | "whereas" | "yet" | "which" | "who" | "whom" | "whose" | "according" | "meaning" | "despite" | "after" | "when" | "where")
                    || (nw == "and" && in_list(&["he", "she", "they", "it", "we", "i", "you", "there"], &nn))
            }
            _ => false,
        };
        if cut {
            return t.s;
        }
    }
    end
}

/// Drops a final full stop (and spaces) from a content span, keeping a
/// closing quotation mark.
fn trim_content(text: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let mut b = b.min(text.len()).max(a);
    while b > a {
        let Some(c) = text[a..b].chars().next_back() else { break };
        if c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '—' | '–') {
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    (a, b)
}

/// Resolves the raw sources to names and types, in text order.
fn resolve(doc: usize, text: &str, sentences: &[Sent], mentions: &[Mention], raws: Vec<Raw>) -> Vec<Attribution> {
    let sentence_of = |pos: usize| sentences.iter().position(|s| pos < s.end).unwrap_or(sentences.len().saturating_sub(1));
    let mut genders: HashMap<String, Gender> = HashMap::new();
    for m in mentions.iter().filter(|m| m.kind == MentionType::Person) {
        let g = gender_of(&text[..m.start], &text[m.start..m.end]);
        let e = genders.entry(m.canonical.clone()).or_insert(Gender::Unknown);
        if *e == Gender::Unknown {
            *e = g;
        }
    }
    let gender = |name: &str| genders.get(name).copied().unwrap_or(Gender::Unknown);
    // (name, type, sentence, end) of the sources so far.
    let mut history: Vec<(String, SourceType, usize, usize)> = vec![];
    let mut out = vec![];
    for r in raws {
        let start_pos = [Some(r.content.0), r.cue.map(|c| c.0), r.source.as_ref().map(|s| s.span.0), r.evaluative.map(|e| e.0)].into_iter().flatten().min().unwrap_or(r.content.0);
        let si = sentence_of(r.cue.map_or(r.content.0, |c| c.0));
        let mut a = Attribution {
            doc,
            sentence: sentence_of(r.content.0.min(start_pos)),
            kind: r.kind,
            source: None,
            source_type: SourceType::Unattributed,
            source_span: r.source.as_ref().map(|s| s.span),
            cue: r.cue,
            content: r.content,
            span: (start_pos, 0),
            resolved: false,
            resolved_from: None,
            evaluative: r.evaluative,
        };
        let ends = [Some(r.content.1), r.cue.map(|c| c.1), r.source.as_ref().map(|s| s.span.1), r.evaluative.map(|e| e.1)];
        a.span.1 = ends.iter().flatten().copied().max().unwrap_or(r.content.1);
        if r.kind == Kind::Scare {
            out.push(a);
            continue;
        }
        let recent = |history: &[(String, SourceType, usize, usize)], want: &dyn Fn(&str, SourceType) -> bool, within: usize| {
            history.iter().rev().find(|(n, t, s, _)| si <= s + within && want(n, *t)).cloned()
        };
        let same_sentence = if r.elided { history.iter().rev().find(|h| h.2 == si).cloned() } else { None };
        if let Some((n, t, _, _)) = same_sentence {
            // "X called … and wrote …": the subject of the earlier cue.
            a.source = Some(n);
            a.source_type = t;
            a.resolved = true;
            a.resolved_from = Some("elided subject".into());
        } else if r.continuation || (r.elided && r.source.is_none()) {
            if let Some((n, t, _, _)) = history.last().cloned().filter(|h| si <= h.2 + 3) {
                a.source = Some(n);
                a.source_type = t;
                a.resolved = true;
                a.resolved_from = Some(if r.continuation { "previous speaker".into() } else { "elided subject".into() });
            } else if r.elided {
                continue;
            }
        } else if let Some(src) = &r.source {
            let (s0, s1) = src.span;
            let surface = text[s0..s1].to_string();
            // ASCII lower-casing keeps byte offsets.
            let lw = surface.to_ascii_lowercase();
            let inside: Vec<&Mention> = mentions.iter().filter(|m| m.start >= s0 && m.end <= s1).collect();
            // The head of the phrase: the words before a preposition.
            // ("officials familiar with the system": the words before a
            // post-nominal adjective too.)
            let head_end = ["of", "for", "at", "from", "in", "on", "with", "familiar", "close", "involved", "briefed", "knowledgeable", "aware", "speaking", "who", "that"]
                .iter()
                .filter_map(|p| lw.find(&format!(" {p} ")))
                .min()
                .map_or(s1, |i| s0 + i);
            let trimmed_end = s0 + surface.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            // "Mr. Conant, the Republican consultant": the name before the comma.
            let first_part_end = surface.find([',', '(']).map_or(s1, |i| s0 + i);
            let named = inside
                .iter()
                .filter(|m| m.kind == MentionType::Person && m.end <= first_part_end && first_part_end < s1)
                .last()
                .or_else(|| inside.iter()
                .filter(|m| m.kind == MentionType::Person && m.end + 3 >= trimmed_end && m.end <= s1)
                .last())
                .or_else(|| inside.iter().filter(|m| m.start < head_end && matches!(m.kind, MentionType::Person | MentionType::Organization | MentionType::Place)).last())
                .copied();
            let head_word = lw[..head_end - s0].split_whitespace().last().unwrap_or("").trim_end_matches(['’', '\'', 's']).to_string();
            let head_full = lw[..head_end - s0].split_whitespace().last().unwrap_or("").to_string();
            if in_list(PRONOUNS, lw.as_str()) {
                let want_gender = match lw.as_str() {
                    "he" => Some(Gender::Male),
                    "she" => Some(Gender::Female),
                    _ => None,
                };
                let found = match lw.as_str() {
                    "he" | "she" => {
                        let g = want_gender.unwrap_or(Gender::Unknown);
                        let pick = |n: &str, t: SourceType| t == SourceType::Person && compatible(gender(n), g);
                        recent(&history, &pick, 3).map(|h| (h.0, h.1)).or_else(|| {
                            mentions.iter().rev().find(|m| m.end <= s0 && m.kind == MentionType::Person && compatible(gender(&m.canonical), g)).map(|m| (m.canonical.clone(), SourceType::Person))
                        })
                    }
                    "they" => recent(&history, &|_, t| matches!(t, SourceType::Group | SourceType::Organization), 3).map(|h| (h.0, h.1)),
                    "it" => recent(&history, &|_, t| matches!(t, SourceType::Organization | SourceType::Document), 2).map(|h| (h.0, h.1)).or_else(|| {
                        let from = sentences.get(si.saturating_sub(2)).map_or(0, |x| x.start);
                        mentions.iter().rev().find(|m| m.end <= s0 && m.start >= from && matches!(m.kind, MentionType::Organization | MentionType::Place)).map(|m| (m.canonical.clone(), SourceType::Organization))
                    }),
                    "who" | "which" => mentions.iter().rev().find(|m| m.end <= s0 && text[m.end..s0].trim().trim_matches(',').trim().is_empty()).map(|m| {
                        (m.canonical.clone(), if m.kind == MentionType::Person { SourceType::Person } else { SourceType::Organization })
                    }),
                    _ => None,
                };
                match found {
                    Some((n, t)) => {
                        a.source = Some(n);
                        a.source_type = t;
                        a.resolved = true;
                        a.resolved_from = Some(surface.clone());
                    }
                    None => {
                        a.source_type = SourceType::PronounUnresolved;
                    }
                }
            } else if let Some(m) = named.filter(|_| {
                // A name that modifies a common head noun ("Kazakhstani experts", "the Clinton campaign") is not the source.
                let head_lower = surface[..head_end - s0].split_whitespace().last().is_some_and(|w| w.starts_with(char::is_lowercase));
                !(head_lower && (in_list(GROUP_NOUNS, &head_full) || in_list(DOCUMENT_NOUNS, &head_word) || in_list(ORGANIZATION_NOUNS, &head_word) || in_list(PERSON_ROLES, &head_word)))
            }) {
                a.source = Some(m.canonical.clone());
                a.source_type = match m.kind {
                    MentionType::Person => SourceType::Person,
                    _ => SourceType::Organization,
                };
                // "a spokesman for the Clinton campaign": a role of an organization.
                if m.kind != MentionType::Person && in_list(PERSON_ROLES, &head_word) {
                    a.source = Some(surface.clone());
                    a.source_type = SourceType::Person;
                }
            } else if in_list(DOCUMENT_NOUNS, &head_full) || in_list(DOCUMENT_NOUNS, &head_word) {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Document;
            } else if in_list(GROUP_NOUNS, &head_full) {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Group;
            } else if in_list(ORGANIZATION_NOUNS, &head_word) {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Organization;
            } else if in_list(PERSON_ROLES, &head_word) {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Person;
                // A definite role ("the minister", "the Russian leader", "the
                // President of Kazakhstan") is resolved to the named person
                // whose titles in the text share most of its words (the
                // words before each mention: "Russian President Vladimir
                // Putin"), the nearest earlier one on a tie.
                if lw.starts_with("the ") {
                    let role_words: Vec<String> = lw.split_whitespace().skip(1).filter(|w| !matches!(*w, "of" | "the" | "and")).map(|w| w.trim_end_matches(['’', '\'', 's']).to_string()).collect();
                    let stem = |w: &str| w.chars().take(5).collect::<String>();
                    let mut best: Option<(usize, usize, String)> = None;
                    for m in mentions.iter().filter(|m| m.end <= s0 && m.kind == MentionType::Person && classify_name(&m.canonical) == MentionType::Person) {
                        let titles: Vec<String> = mentions
                            .iter()
                            .filter(|x| x.canonical == m.canonical)
                            .flat_map(|x| text[..x.start].split_whitespace().rev().take(3).chain(text[x.start..x.end].split_whitespace()).map(|w| w.to_lowercase()).collect::<Vec<_>>())
                            .chain(m.canonical.to_lowercase().split_whitespace().map(str::to_string).collect::<Vec<_>>())
                            .collect();
                        let score = role_words.iter().filter(|w| titles.iter().any(|t| stem(t) == stem(w))).count();
                        if score > 0 && best.as_ref().is_none_or(|b| (score, m.end) > (b.0, b.1)) {
                            best = Some((score, m.end, m.canonical.clone()));
                        }
                    }
                    let fallback = || {
                        if surface.chars().skip(4).any(char::is_uppercase) {
                            None
                        } else {
                            recent(&history, &|_, t| t == SourceType::Person, 3).map(|h| h.0)
                        }
                    };
                    if let Some(n) = best.map(|b| b.2).or_else(fallback) {
                        a.source = Some(n);
                        a.resolved = true;
                        a.resolved_from = Some(surface.clone());
                    }
                }
            } else if (!inside.is_empty() || !surface.contains(' ') && !is_ly(&lw) && !is_demonym(&lw))
                && surface.split_whitespace().any(|w| w.starts_with(char::is_uppercase) && !in_list(NOT_NAMES, &w.to_lowercase()))
            {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Person;
            } else if head_full.ends_with('s') && head_full.len() > 3 {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Group;
            } else if lw.split_whitespace().next().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) || matches!(w, "the" | "a" | "an" | "one" | "some" | "many" | "most" | "several" | "all" | "both" | "each" | "every" | "his" | "her" | "their" | "its"))
                && !in_list(EVENT_NOUNS, &head_word)
                && !lw.split_whitespace().any(|w| in_list(BETWEEN, w) || is_ly(w))
            {
                a.source = Some(surface.clone());
                a.source_type = SourceType::Person;
            } else if r.cue.is_some_and(|(c0, _)| text[c0..].get(..9).is_some_and(|w| w.eq_ignore_ascii_case("according"))) {
                // Whatever follows "according to" is the source ("according to
                // the website"), a document unless it names someone.
                a.source = Some(surface.clone());
                a.source_type = if surface.split_whitespace().skip(1).any(|w| w.starts_with(char::is_uppercase)) { SourceType::Organization } else { SourceType::Document };
            } else {
                // Not a plausible source ("the move", "this").
                if r.kind == Kind::Indirect {
                    continue;
                }
                a.source_span = None;
            }
        }
        if let Some(n) = &a.source {
            history.push((n.clone(), a.source_type, si, a.span.1));
        }
        out.push(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Attribution> {
        let m = name_mentions(0, text);
        extract(0, text, &m)
    }

    fn show(text: &str, a: &Attribution) -> (String, String, String, String) {
        (
            a.kind.as_str().to_string(),
            a.source.clone().unwrap_or_default(),
            a.source_type.as_str().to_string(),
            text[a.content.0..a.content.1].to_string(),
        )
    }

    #[test]
    fn quotation_after_the_rest_of_its_attribution_sentence_is_the_same_event() {
        let t = "“The results showed he is a viable candidate,” said Robert Oldendick, a political science professor at the university. “It will cause voters to take him more seriously.”";
        let v = run(t);
        let got: Vec<_> = v.iter().map(|a| show(t, a)).collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "Robert Oldendick");
        assert!(got[0].3.ends_with("more seriously.”"), "{got:?}");
    }

    #[test]
    fn sources_with_abbreviations_participles_and_long_appositions() {
        let t = "“There has been a lot of talk in the last day about this,” Sen. Mitch McConnell, R-Ky., said.";
        assert_eq!(run(t)[0].source.as_deref(), Some("Mitch McConnell"));
        let t = "Speaking on television, Sen. John McCain, R-Ariz., said the comments were wildly inaccurate.";
        assert_eq!(run(t)[0].source.as_deref(), Some("John McCain"));
        let t = "Before the convention, Police Chief Calvin Williams lobbied to suspend open-carry rights downtown, saying, “The fewer guns on the streets, the better.”";
        let v = run(t);
        assert_eq!(v[0].kind, Kind::Direct);
        assert!(v[0].source.as_deref().is_some_and(|n| n.ends_with("Calvin Williams")), "{v:?}");
        let t = "Oliver K. Hedge, who appraises golf course properties for Cushman & Wakefield, said the golf industry had made great strides.";
        let v = run(t);
        assert_eq!(v[0].source.as_deref(), Some("Oliver K. Hedge"), "{v:?}");
        assert_eq!(&t[v[0].content.0..v[0].content.1], "the golf industry had made great strides");
    }

    #[test]
    fn indirect_contents_end_at_their_clause_and_parentheticals_take_the_clause_around() {
        let t = "Voters said they had not heard anything to pull them away from Sanders, who also held a rally in Mason City.";
        let v = run(t);
        assert_eq!(&t[v[0].content.0..v[0].content.1], "they had not heard anything to pull them away from Sanders");
        let t = "Those who now have the right to vote, he said, must still register to do so.";
        let v = run(t);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(&t[v[0].content.0..v[0].content.1], "Those who now have the right to vote, he said, must still register to do so");
        // A quotation-side cue needs a colon or comma: "continue" here is not one.
        let t = "She said that her campaign would continue “to break barriers” across the nation.";
        let v = run(t);
        assert_eq!(v.iter().filter(|a| a.kind == Kind::Direct).count(), 0, "{v:?}");
    }

    #[test]
    fn documents_and_groups_as_sources() {
        let t = "It quietly uses a network run by one of the major intelligence agencies, according to officials familiar with the system.";
        let v = run(t);
        assert_eq!(v[0].source.as_deref(), Some("officials familiar with the system"));
        let t = "Recent polls show that Clinton leads in the state by a wide margin.";
        let v = run(t);
        assert_eq!(v[0].source_type, SourceType::Document, "{v:?}");
        assert_eq!(&t[v[0].content.0..v[0].content.1], "Clinton leads in the state by a wide margin");
        let t = "In the latest poll, Trump leads Clinton by three points among likely voters.";
        let v = run(t);
        assert_eq!(v[0].source.as_deref(), Some("the latest poll"), "{v:?}");
        // "the state" is not a cue, nor "states" after a noun.
        let t = "Many of them represent states with large device makers and want to repeal the tax.";
        assert!(run(t).iter().all(|a| a.cue.is_none_or(|c| &t[c.0..c.1] != "states")));
    }

    #[test]
    fn direct_quote_with_source_after_and_pronoun_resolved() {
        let t = "Spokeswoman Haley Morris spoke on Monday.\n\n“We will compete vigorously for the nomination,” she said. “And we will win.”";
        let got: Vec<_> = run(t).iter().map(|a| show(t, a)).collect();
        assert_eq!(got[0].0, "direct");
        assert_eq!(got[0].1, "Haley Morris");
        assert_eq!(got[0].2, "person");
        assert!(got[0].3.starts_with("“We will compete"));
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn indirect_according_to_and_as_noted() {
        let t = "According to Kazakhstani experts, the visit was a success. Relations are strong, as Foreign Minister Sergei Lavrov recently noted.";
        let v = run(t);
        let got: Vec<_> = v.iter().map(|a| show(t, a)).collect();
        assert_eq!(got[0], ("indirect".into(), "Kazakhstani experts".into(), "group".into(), "the visit was a success".into()));
        assert_eq!(got[1].1, "Sergei Lavrov");
        assert_eq!(got[1].3, "Relations are strong");
    }

    #[test]
    fn mixed_and_scare_quotes() {
        let t = "Morris says the candidate has “always run a lean campaign and will continue to do so.” The “multi-vector” policy stays.";
        let v = run(t);
        let got: Vec<_> = v.iter().map(|a| show(t, a)).collect();
        assert_eq!(got[0].0, "mixed");
        assert_eq!(got[0].1, "Morris");
        assert_eq!(got[1].0, "scare");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn unresolved_pronoun_and_unattributed_quote_have_no_source_name() {
        let t = "“This is a long quotation that nobody said at all here.”\n\nIt said that the talks went well.";
        let v = run(t);
        assert_eq!(v[0].source_type, SourceType::Unattributed);
        assert_eq!(v[0].source, None);
        assert_eq!(v[1].source_type, SourceType::PronounUnresolved);
        assert_eq!(v[1].source, None);
    }

    #[test]
    fn multi_paragraph_quote_is_one_event() {
        let t = "Putin said: “The first paragraph of the speech goes on\n“and the second paragraph ends it here.”";
        let v = run(t);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].source.as_deref(), Some("Putin"));
        assert_eq!(&t[v[0].content.0..v[0].content.1], "“The first paragraph of the speech goes on\n“and the second paragraph ends it here.”");
    }

    fn check_offsets(text: &str, v: &[Attribution]) -> Result<(), proptest::test_runner::TestCaseError> {
        use proptest::prop_assert;
        let ok = |p: usize| p <= text.len() && text.is_char_boundary(p);
        let mut last = 0;
        for a in v {
            prop_assert!(a.content.0 <= a.content.1 && ok(a.content.0) && ok(a.content.1), "content {:?}", a.content);
            prop_assert!(a.span.0 <= a.span.1 && ok(a.span.0) && ok(a.span.1), "span {:?}", a.span);
            prop_assert!(a.span.0 <= a.content.0 && a.content.1 <= a.span.1, "content outside span");
            for (x, y) in [a.source_span, a.cue, a.evaluative].into_iter().flatten() {
                prop_assert!(x <= y && ok(x) && ok(y) && a.span.0 <= x && y <= a.span.1, "part {:?} of {:?}", (x, y), a.span);
            }
            prop_assert!(a.content.0 >= last, "events out of order");
            last = a.content.0;
            if let Some(s) = &a.source {
                prop_assert!(!matches!(s.to_lowercase().as_str(), "it" | "he" | "she" | "they" | "and" | "who" | "i" | "we"), "source {s}");
            }
        }
        Ok(())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]
        #[test]
        fn never_panics_and_offsets_are_char_boundaries_in_order(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec!["“", "”", "\"", "‘", "’", "«", "»", ", ", ". ", "\n", "\n\n", " said ", "according to ", "He ", "she ", "who ", "the minister ", "As ", " noted, ", "Mr. Putin ", "told reporters that ", "and wrote ", ":", "Астана ", "experts ", "—", "saying ", "that "
                ]).prop_map(str::to_string),
                "[a-zA-Z ]{1,8}", "\\PC{1,3}",
            ], 0..40)
        ) {
            let text: String = parts.concat();
            let v = run(&text);
            check_offsets(&text, &v)?;
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let v = run(&text);
            check_offsets(&text, &v)?;
        }
    }
}
