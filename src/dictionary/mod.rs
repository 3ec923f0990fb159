//! Dictionaries: categories of words and phrases, matched in the text with
//! an audit trail.
//!
//! A stage beside [`crate::counts`]: where counts take every term, a
//! dictionary looks up chosen ones (quanteda's `tokens_lookup`). A
//! [`Dictionary`] maps categories to patterns; [`Dictionary::lookup`]
//! finds them in a corpus and returns a [`Lookup`], whose tables give
//! every match ([`Lookup::audit`]) and the scores per document or group
//! ([`Lookup::scores`]).
//!
//! # Patterns
//!
//! - `word`: the token, exactly (case-insensitively unless the dictionary
//!   says `case_sensitive = true`);
//! - `econom*`, `?ussia`: a glob on the token (`*` any run of characters,
//!   `?` one character);
//! - `strategic partnership`: a phrase, a run of tokens inside one
//!   sentence; each word of it may be a glob;
//! - `re:^anti-\w+$`: a regular expression on the token (`regex` syntax;
//!   it must match the whole token when anchored, as here).
//!
//! Tokens are [`Tokenizer::words`] tokens (hyphenated words whole, curly
//! apostrophes straight), so `Kassym-Jomart` is one token. A token ending
//! in the possessive `'s` (or a bare `'`) also matches as the word without
//! it: `Tokayev's` matches `tokayev`.
//!
//! # The matching rule: longest match, no overlaps
//!
//! Sentence by sentence, left to right: at each token, every pattern that
//! matches there is tried and the longest match (in tokens) wins; its
//! tokens are consumed, and matching resumes after it. So `strategic
//! partnership` is one match, and `partnership` alone does not match inside
//! it. A phrase never spans two sentences.
//!
//! The [`Scope`] says among which patterns the longest match is chosen:
//! - [`Scope::Category`] (the default, as quanteda's `tokens_lookup` with
//!   `nested_scope = "key"`): within each category; categories are
//!   independent, so `I believe` can be a hedge and its `I` first-person;
//! - [`Scope::Dictionary`]: across all categories, so a span belongs to one
//!   category only (a gazetteer: `Gulf States` is not also `States`). When
//!   patterns of several categories tie for the longest match, it counts
//!   once for each of them.
//!
//! # Files
//!
//! [`Dictionary::open`] reads:
//! - newsframe's own format, TOML (`.toml`) or YAML (`.yml`/`.yaml` with a
//!   top-level `category` list): see `dictionaries/README.md`;
//! - quanteda's YAML dictionaries (a nested mapping of categories to lists
//!   of patterns; nested keys are joined with `.`, as quanteda does);
//! - LIWC `.dic` files (category ids between `%` lines, then one word and
//!   its category ids a line).
//!
//! Errors name the file and the line or the field.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use polars::prelude::*;
use regex::Regex;
use serde::Deserialize;

use crate::corpus::segment::Span;
use crate::corpus::{columns, Corpus};
use crate::error::{Error, Result};
use crate::tokens::{Token, Tokenizer};

/// The category column of dictionary tables.
pub const CATEGORY: &str = "category";
/// The pattern column of the audit table.
pub const PATTERN: &str = "pattern";
/// The matched-text column of the audit table.
pub const MATCHED: &str = "matched";

/// The size limit of a dictionary file: 1 GiB.
pub const MAX_FILE: u64 = 1 << 30;

/// One word of a pattern.
#[derive(Clone, Debug)]
enum Word {
    Exact(String),
    Prefix(String),
    Glob(Regex),
    Regex(Regex),
}

impl Word {
    fn matches(&self, term: &str) -> bool {
        match self {
            Word::Exact(w) => w == term,
            Word::Prefix(p) => term.starts_with(p.as_str()),
            Word::Glob(r) | Word::Regex(r) => r.is_match(term),
        }
    }
}

/// A pattern as written, and compiled.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The pattern as written in the dictionary.
    pub pattern: String,
    words: Vec<Word>,
}

/// A category: a name, what it is, and its patterns.
#[derive(Clone, Debug)]
pub struct Category {
    /// The name (`economic_consequences`, `tokayev`).
    pub name: String,
    /// What it captures, and how it was built.
    pub description: String,
    /// An optional grouping of categories (for actors: which side they
    /// belong to).
    pub group: Option<String>,
    /// The patterns.
    pub entries: Vec<Entry>,
}

/// Among which patterns the longest match is chosen (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Within each category; categories are independent.
    #[default]
    Category,
    /// Across the whole dictionary.
    Dictionary,
}

/// A dictionary: named categories of patterns.
#[derive(Clone, Debug)]
pub struct Dictionary {
    /// Its name.
    pub name: String,
    /// What it is for and where it comes from.
    pub description: String,
    /// Whether patterns match case-sensitively (default: no).
    pub case_sensitive: bool,
    /// Among which patterns the longest match is chosen.
    pub scope: Scope,
    /// The categories, in file order.
    pub categories: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    scope: Scope,
    category: Vec<CategorySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategorySpec {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    group: Option<String>,
    patterns: Vec<String>,
}

fn glob_regex(glob: &str) -> std::result::Result<Regex, regex::Error> {
    let mut re = String::from("^");
    for c in glob.chars() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re)
}

impl Entry {
    /// Compiles a pattern (see the module docs for the syntax).
    pub fn new(pattern: &str, case_sensitive: bool) -> std::result::Result<Entry, String> {
        let written = pattern.trim();
        if written.is_empty() {
            return Err("an empty pattern".into());
        }
        if let Some(re) = written.strip_prefix("re:") {
            let re = if case_sensitive { re.to_string() } else { format!("(?i){re}") };
            let r = Regex::new(&re).map_err(|e| format!("bad regular expression `{written}`: {e}"))?;
            return Ok(Entry { pattern: written.to_string(), words: vec![Word::Regex(r)] });
        }
        let norm = written.replace('’', "'");
        let norm = if case_sensitive { norm } else { norm.to_lowercase() };
        let words = norm
            .split_whitespace()
            .map(|w| {
                let body = w.trim_end_matches('*');
                if !w.contains(['*', '?']) {
                    Ok(Word::Exact(w.to_string()))
                } else if w.ends_with('*') && !body.contains(['*', '?']) && !body.is_empty() {
                    Ok(Word::Prefix(body.to_string()))
                } else {
                    glob_regex(w).map(Word::Glob).map_err(|e| format!("bad glob `{w}`: {e}"))
                }
            })
            .collect::<std::result::Result<Vec<_>, String>>()?;
        Ok(Entry { pattern: written.to_string(), words })
    }

    /// Number of tokens this entry matches at `i`, if it does.
    fn match_at(&self, terms: &[(String, Option<String>)], i: usize) -> Option<usize> {
        if i + self.words.len() > terms.len() {
            return None;
        }
        for (k, w) in self.words.iter().enumerate() {
            let (term, bare) = &terms[i + k];
            if !(w.matches(term) || bare.as_deref().is_some_and(|b| w.matches(b))) {
                return None;
            }
        }
        Some(self.words.len())
    }
}

impl Dictionary {
    /// A dictionary from `(category, patterns)` pairs, case-insensitive.
    pub fn from_pairs<C, P, S>(name: &str, categories: C) -> Result<Dictionary>
    where
        C: IntoIterator<Item = (S, P)>,
        P: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut cats = vec![];
        for (c, ps) in categories {
            let entries = ps
                .into_iter()
                .map(|p| Entry::new(p.as_ref(), false).map_err(|m| Error::argument(format!("category `{}`: {m}", c.as_ref()))))
                .collect::<Result<Vec<_>>>()?;
            cats.push(Category { name: c.as_ref().to_string(), description: String::new(), group: None, entries });
        }
        Ok(Dictionary { name: name.to_string(), description: String::new(), case_sensitive: false, scope: Scope::Category, categories: cats })
    }

    /// Reads a dictionary file: newsframe TOML or YAML, quanteda YAML, or
    /// LIWC `.dic`, by its extension (and, for YAML, its shape).
    ///
    /// The file must be a regular file (a FIFO is refused, not waited on)
    /// of at most [`MAX_FILE`] bytes, in UTF-8 (a byte-order mark is
    /// dropped), without NUL or other control characters; the error names
    /// the line at fault and how to fix it.
    pub fn open(path: impl AsRef<Path>) -> Result<Dictionary> {
        let path = path.as_ref();
        let bytes = crate::corpus::paths::read_checked(path, None, MAX_FILE)?;
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        let line_at = |b: &[u8], at: usize| 1 + b[..at].iter().filter(|&&c| c == b'\n').count() as u64;
        if encoding_rs::Encoding::for_bom(&bytes).is_some() {
            return Err(Error::syntax(path, "dictionary", Some(1), "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let b = e.as_bytes();
            Error::syntax(
                path,
                "dictionary",
                Some(line_at(b, at)),
                format!(
                    "not valid UTF-8 (byte 0x{:02X}; a Latin-1 or Windows-1252 file, as older LIWC dictionaries are?); save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`",
                    b[at]
                ),
            )
        })?;
        if let Some((at, c)) = text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            return Err(Error::syntax(
                path,
                "dictionary",
                Some(line_at(text.as_bytes(), at)),
                format!("a control character U+{:04X}: a dictionary is text; remove it", c as u32),
            ));
        }
        if text.trim().is_empty() {
            return Err(Error::new(crate::error::ErrorKind::Empty { path: path.to_path_buf() }));
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Dictionary::from_toml_str(path, &text),
            "yml" | "yaml" => {
                // YAML 1.2 booleans (`true`/`false` only): a pattern `no` or
                // `yes` stays a word. The budget grows with the file: a
                // dictionary's nodes, events and scalars are bounded by its
                // bytes, while aliases (which are not) keep serde-saphyr's
                // limits, so an alias bomb is still refused.
                let n = text.len();
                let budget = serde_saphyr::budget! {
                    max_nodes: n.max(250_000),
                    max_events: (2 * n).max(1_000_000),
                    max_total_scalar_bytes: n.max(64 << 20),
                };
                let options = serde_saphyr::options! { strict_booleans: true, budget: budget };
                let value: serde_json::Value = serde_saphyr::from_str_with_options(&text, options)
                    .map_err(|e| Error::syntax(path, "YAML dictionary", None, e.to_string()))?;
                if value.get("category").is_some_and(|c| c.is_array()) {
                    let spec: FileSpec = serde_json::from_value(value)
                        .map_err(|e| Error::syntax(path, "YAML dictionary", None, e.to_string()))?;
                    Dictionary::from_spec(path, spec)
                } else {
                    Dictionary::from_quanteda(path, &value)
                }
            }
            "dic" => Dictionary::from_liwc(path, &text),
            _ => Err(Error::field(path, None, "extension", "a dictionary is .toml, .yml/.yaml (newsframe or quanteda) or .dic (LIWC)")),
        }
    }

    /// Parses newsframe's TOML format; `path` names the source in errors.
    pub fn from_toml_str(path: impl AsRef<Path>, text: &str) -> Result<Dictionary> {
        let path = path.as_ref();
        let spec: FileSpec = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| 1 + text[..s.start].matches('\n').count() as u64);
            Error::syntax(path, "TOML dictionary", line, e.message().to_string())
        })?;
        Dictionary::from_spec(path, spec)
    }

    fn from_spec(path: &Path, spec: FileSpec) -> Result<Dictionary> {
        let mut categories: Vec<Category> = vec![];
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, c) in spec.category.into_iter().enumerate() {
            if let Some(&first) = names.get(&c.name) {
                return Err(Error::field(
                    path,
                    None,
                    &format!("category[{}].name", i + 1),
                    format!("`{}` is defined twice (categories {} and {}); rename one", c.name, first + 1, i + 1),
                ));
            }
            names.insert(c.name.clone(), i);
            let entries = c
                .patterns
                .iter()
                .map(|p| Entry::new(p, spec.case_sensitive).map_err(|m| Error::field(path, None, &format!("category `{}`", c.name), m)))
                .collect::<Result<Vec<_>>>()?;
            if entries.is_empty() {
                return Err(Error::field(path, None, &format!("category `{}`", c.name), "no patterns"));
            }
            categories.push(Category { name: c.name, description: c.description, group: c.group, entries });
        }
        Ok(Dictionary { name: spec.name, description: spec.description, case_sensitive: spec.case_sensitive, scope: spec.scope, categories })
    }

    /// quanteda's YAML: `category: [patterns]`, nested mappings allowed.
    fn from_quanteda(path: &Path, value: &serde_json::Value) -> Result<Dictionary> {
        fn walk(path: &Path, prefix: &str, v: &serde_json::Value, out: &mut Vec<Category>) -> Result<()> {
            let serde_json::Value::Object(map) = v else {
                return Err(Error::field(path, None, if prefix.is_empty() { "(top level)" } else { prefix }, "expected a mapping of categories"));
            };
            for (k, v) in map {
                let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                match v {
                    serde_json::Value::Array(items) => {
                        let entries = items
                            .iter()
                            .map(|p| {
                                let p = match p {
                                    serde_json::Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                };
                                Entry::new(&p, false).map_err(|m| Error::field(path, None, &name, m))
                            })
                            .collect::<Result<Vec<_>>>()?;
                        out.push(Category { name, description: String::new(), group: None, entries });
                    }
                    serde_json::Value::String(s) => {
                        let e = Entry::new(s, false).map_err(|m| Error::field(path, None, &name, m))?;
                        out.push(Category { name, description: String::new(), group: None, entries: vec![e] });
                    }
                    serde_json::Value::Object(_) => walk(path, &name, v, out)?,
                    _ => return Err(Error::field(path, None, &name, "expected a list of patterns or a mapping")),
                }
            }
            Ok(())
        }
        let mut categories = vec![];
        walk(path, "", value, &mut categories)?;
        // `a: {b: […]}` and `a.b: […]` would be one name twice.
        let mut seen = std::collections::HashSet::new();
        for c in &categories {
            if !seen.insert(c.name.as_str()) {
                return Err(Error::field(path, None, &c.name, "this category name occurs twice (nested keys are joined with `.`); rename one"));
            }
        }
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Dictionary { name, description: "imported from a quanteda YAML dictionary".into(), case_sensitive: false, scope: Scope::Category, categories })
    }

    /// LIWC `.dic`: `%`, `id<TAB>name` lines, `%`, then `word<TAB>id...`.
    ///
    /// A word line is its word (or phrase), then its category ids. With
    /// tabs, the first tab-separated field is the word and the others are
    /// ids; with spaces only, the trailing fields that are numbers or
    /// defined ids are the ids and the rest is the word (the first field is
    /// always the word, so `1990 12` is the word `1990` in category 12).
    /// An id that the category list does not define is an error naming it.
    fn from_liwc(path: &Path, text: &str) -> Result<Dictionary> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let liwc = |line: u64, m: String| Error::syntax(path, "LIWC dictionary", Some(line), m);
        let mut lines = text.lines().enumerate().map(|(i, l)| (i as u64 + 1, l.trim_end_matches('\r')));
        let first = lines.by_ref().find(|(_, l)| !l.trim().is_empty());
        if first.map(|(_, l)| l.trim()) != Some("%") {
            return Err(Error::syntax(path, "LIWC dictionary", first.map(|f| f.0), "expected `%` opening the category list"));
        }
        let mut ids: Vec<(String, String)> = vec![];
        // id → (index, line); name → line.
        let mut index: HashMap<String, (usize, u64)> = HashMap::new();
        let mut names: HashMap<String, u64> = HashMap::new();
        let mut closed = false;
        let mut list_end = 0;
        for (n, l) in lines.by_ref() {
            let l = l.trim();
            if l == "%" {
                closed = true;
                list_end = n;
                break;
            }
            if l.is_empty() {
                continue;
            }
            let mut parts = l.split_whitespace();
            let (Some(id), Some(name)) = (parts.next(), parts.next()) else {
                return Err(liwc(n, format!("expected `id<TAB>category`, found `{l}`")));
            };
            if let Some(&(_, first)) = index.get(id) {
                return Err(liwc(n, format!("category id {id} is defined twice (lines {first} and {n})")));
            }
            if let Some(&first) = names.get(name) {
                return Err(liwc(n, format!("category name `{name}` is used twice (lines {first} and {n}); the rows of the two could not be told apart, rename one")));
            }
            index.insert(id.to_string(), (ids.len(), n));
            names.insert(name.to_string(), n);
            ids.push((id.to_string(), name.to_string()));
        }
        if !closed {
            return Err(Error::syntax(path, "LIWC dictionary", None, "the category list is not closed by `%`"));
        }
        let id_like = |f: &str| index.contains_key(f) || (!f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        let mut patterns: Vec<Vec<Entry>> = vec![vec![]; ids.len()];
        for (n, l) in lines {
            if l.trim().is_empty() {
                continue;
            }
            // Word, then category ids; a phrase's words are separated by
            // spaces and the ids by tabs.
            let tabbed: Vec<&str> = l.split('\t').map(str::trim).filter(|f| !f.is_empty()).collect();
            let (word, id_fields): (String, Vec<&str>) = if tabbed.len() > 1 {
                (tabbed[0].to_string(), tabbed[1..].iter().flat_map(|f| f.split_whitespace()).collect())
            } else {
                let fields: Vec<&str> = l.split_whitespace().collect();
                let split = fields.iter().rposition(|f| !id_like(f)).map_or(1, |p| p + 1).max(1);
                (fields[..split].join(" "), fields[split..].to_vec())
            };
            if id_fields.is_empty() {
                return Err(liwc(n, format!("`{word}` has no category ids; expected the word, a tab, then the ids of its categories")));
            }
            let entry = Entry::new(&word, false).map_err(|m| liwc(n, m))?;
            for id in id_fields {
                let Some(&(k, _)) = index.get(id) else {
                    return Err(liwc(
                        n,
                        format!("category id {id} (for `{word}`) is not defined in the category list (which ends on line {list_end}); add it there, or remove it here"),
                    ));
                };
                patterns[k].push(entry.clone());
            }
        }
        let categories = ids
            .into_iter()
            .zip(patterns)
            .map(|((_, name), entries)| Category { name, description: String::new(), group: None, entries })
            .collect();
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Dictionary { name, description: "imported from a LIWC .dic file".into(), case_sensitive: false, scope: Scope::Category, categories })
    }

    /// The categories as a table: `category, group, description, patterns`
    /// (the patterns joined by `; `).
    pub fn table(&self) -> Result<DataFrame> {
        let c = &self.categories;
        Ok(DataFrame::new_infer_height(vec![
            Column::new(CATEGORY.into(), c.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()),
            Column::new("group".into(), c.iter().map(|c| c.group.as_deref()).collect::<Vec<_>>()),
            Column::new("description".into(), c.iter().map(|c| c.description.as_str()).collect::<Vec<_>>()),
            Column::new(
                "patterns".into(),
                c.iter().map(|c| c.entries.iter().map(|e| e.pattern.as_str()).collect::<Vec<_>>().join("; ")).collect::<Vec<_>>(),
            ),
        ])?)
    }

    /// Finds the dictionary's patterns in every document.
    pub fn lookup(&self, corpus: &Corpus) -> Lookup {
        self.lookup_outside(corpus, &[])
    }

    /// Like [`Dictionary::lookup`], but tokens inside the given byte spans
    /// (one list per document, in corpus order; missing lists mean none)
    /// are neither matched nor counted as words: used to leave quotations
    /// out of an author's stance.
    pub fn lookup_outside(&self, corpus: &Corpus, skip: &[Vec<(usize, usize)>]) -> Lookup {
        let tokenizer = Tokenizer::words().lowercase(false);
        let indexes: Vec<Index> = match self.scope {
            Scope::Dictionary => vec![Index::new(self, |_| true)],
            Scope::Category => (0..self.categories.len()).map(|c| Index::new(self, move |k| k == c)).collect(),
        };
        let mut matches = vec![];
        let mut n_words = vec![];
        let mut sentences = vec![];
        for (d, doc) in corpus.docs().iter().enumerate() {
            let spans = skip.get(d).map(Vec::as_slice).unwrap_or(&[]);
            let inside = |t: &Token| spans.iter().any(|&(a, b)| t.start >= a && t.end <= b);
            let toks: Vec<Token> = tokenizer.tokenize(&doc.text).into_iter().filter(|t| !inside(t)).collect();
            let doc_sentences = doc.sentences();
            let sids = crate::tokens::table::sentence_indices_in(&doc_sentences, &toks);
            n_words.push(toks.len() as u64);
            sentences.push(doc_sentences);
            let mut i = 0;
            while i < toks.len() {
                let s = sids[i];
                let end = sids[i..].iter().position(|&x| x != s).map_or(toks.len(), |p| i + p);
                let sentence = &toks[i..end];
                let terms: Vec<(String, Option<String>)> = sentence
                    .iter()
                    .map(|t| {
                        let term = if self.case_sensitive { t.term.clone() } else { t.term.to_lowercase() };
                        let bare = term.strip_suffix("'s").or_else(|| term.strip_suffix('\'')).filter(|b| !b.is_empty()).map(str::to_owned);
                        (term, bare)
                    })
                    .collect();
                let first = matches.len();
                for index in &indexes {
                    let mut k = 0;
                    while k < terms.len() {
                        let hits = index.longest_at(&terms, k);
                        match hits.first() {
                            Some(&(len, _, _)) => {
                                for &(_, c, e) in &hits {
                                    matches.push(Match {
                                        doc: d,
                                        sentence: s,
                                        category: c,
                                        entry: e,
                                        start: sentence[k].start,
                                        end: sentence[k + len - 1].end,
                                    });
                                }
                                k += len;
                            }
                            None => k += 1,
                        }
                    }
                }
                matches[first..].sort_by_key(|m| (m.start, m.category));
                i = end;
            }
        }
        Lookup { dictionary: Arc::new(self.clone()), corpus: Arc::new(corpus.clone()), matches, n_words, sentences }
    }
}

/// Entries indexed by their first word when it is exact; the rest scanned.
struct Index<'a> {
    dict: &'a Dictionary,
    exact: HashMap<&'a str, Vec<(usize, usize)>>,
    other: Vec<(usize, usize)>,
}

impl<'a> Index<'a> {
    fn new(dict: &'a Dictionary, include: impl Fn(usize) -> bool) -> Index<'a> {
        let mut exact: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut other = vec![];
        for (c, cat) in dict.categories.iter().enumerate().filter(|(c, _)| include(*c)) {
            for (e, entry) in cat.entries.iter().enumerate() {
                match entry.words.first() {
                    Some(Word::Exact(w)) => exact.entry(w.as_str()).or_default().push((c, e)),
                    _ => other.push((c, e)),
                }
            }
        }
        Index { dict, exact, other }
    }

    /// The longest matches at `k`: `(length, category, entry)`, one per
    /// category (its first entry of that length), in category order.
    fn longest_at(&self, terms: &[(String, Option<String>)], k: usize) -> Vec<(usize, usize, usize)> {
        let (term, bare) = &terms[k];
        let mut cands: Vec<(usize, usize)> = vec![];
        for key in std::iter::once(term.as_str()).chain(bare.as_deref()) {
            if let Some(v) = self.exact.get(key) {
                cands.extend(v);
            }
        }
        cands.extend(&self.other);
        let mut best = 0;
        let mut hits: Vec<(usize, usize, usize)> = vec![];
        for (c, e) in cands {
            if let Some(len) = self.dict.categories[c].entries[e].match_at(terms, k) {
                if len > best {
                    best = len;
                    hits.clear();
                }
                if len == best {
                    // One hit per category: its first entry in file order.
                    match hits.iter_mut().find(|h| h.1 == c) {
                        Some(h) => h.2 = h.2.min(e),
                        None => hits.push((len, c, e)),
                    }
                }
            }
        }
        hits.sort_by_key(|h| h.1);
        hits
    }
}

/// One match of a dictionary pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// 0-based sentence of the document.
    pub sentence: usize,
    /// Index of the category in the dictionary.
    pub category: usize,
    /// Index of the entry in the category.
    pub entry: usize,
    /// First byte of the matched text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// The matches of a dictionary in a corpus, with what is needed to score
/// them.
#[derive(Clone, Debug)]
pub struct Lookup {
    dictionary: Arc<Dictionary>,
    corpus: Arc<Corpus>,
    matches: Vec<Match>,
    n_words: Vec<u64>,
    /// Each document's sentences, split once.
    sentences: Vec<Vec<Span>>,
}

impl Lookup {
    /// Every match, in document and text order.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// The dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The category name of a match.
    pub fn category_of(&self, m: &Match) -> &str {
        &self.dictionary.categories[m.category].name
    }

    /// The matched text of a match, as written in the document.
    pub fn text_of(&self, m: &Match) -> &str {
        &self.corpus.docs()[m.doc].text[m.start..m.end]
    }

    /// Words (tokens of [`Tokenizer::words`]) looked at in each document.
    pub fn n_words(&self) -> &[u64] {
        &self.n_words
    }

    /// The audit table, one row a match: `doc_id`, `sentence_id` (1-based,
    /// as in the sentences table), `category`, `pattern`, `matched` (the
    /// text as written), `start`, `end` (byte offsets in the document
    /// text), and `sentence` (its text), so that every coding decision can
    /// be read in context.
    pub fn audit(&self) -> Result<DataFrame> {
        let docs = self.corpus.docs();
        let sentences = &self.sentences;
        let m = &self.matches;
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), m.iter().map(|m| docs[m.doc].id.as_str()).collect::<Vec<_>>()),
            Column::new(columns::SENTENCE_ID.into(), m.iter().map(|m| m.sentence as u32 + 1).collect::<Vec<_>>()),
            Column::new(CATEGORY.into(), m.iter().map(|m| self.category_of(m)).collect::<Vec<_>>()),
            Column::new(
                PATTERN.into(),
                m.iter().map(|m| self.dictionary.categories[m.category].entries[m.entry].pattern.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(MATCHED.into(), m.iter().map(|m| self.text_of(m)).collect::<Vec<_>>()),
            Column::new(columns::START.into(), m.iter().map(|m| m.start as u64).collect::<Vec<_>>()),
            Column::new(columns::END.into(), m.iter().map(|m| m.end as u64).collect::<Vec<_>>()),
            Column::new(
                "sentence".into(),
                m.iter()
                    .map(|m| {
                        let s = &sentences[m.doc][m.sentence];
                        &docs[m.doc].text[s.start..s.end]
                    })
                    .collect::<Vec<_>>(),
            ),
        ])?)
    }

    /// Scores per group (`by`: a metadata column or `doc_id`) and category,
    /// one row for every pair, zeros included: `group`, `category`, `n`
    /// (matches), `n_words` (words in the group), `per_1000` (matches per
    /// 1,000 words), `sentences_with` (sentences with at least one match),
    /// `n_sentences`, `share_sentences`. Groups sort by name, categories in
    /// dictionary order.
    pub fn scores(&self, by: &str) -> Result<DataFrame> {
        self.corpus.check_group(by)?;
        let docs = self.corpus.docs();
        let group_of: Vec<String> = docs.iter().map(|d| self.corpus.group_of(d, by)).collect();
        let mut groups: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for (d, g) in group_of.iter().enumerate() {
            let e = groups.entry(g.as_str()).or_default();
            e.0 += self.n_words[d];
            e.1 += self.sentences[d].len() as u64;
        }
        let ncat = self.dictionary.categories.len();
        let mut n: HashMap<(&str, usize), u64> = HashMap::new();
        let mut sentences: std::collections::HashSet<(usize, usize, usize)> = std::collections::HashSet::new();
        for m in &self.matches {
            *n.entry((group_of[m.doc].as_str(), m.category)).or_default() += 1;
            sentences.insert((m.doc, m.sentence, m.category));
        }
        let mut with: HashMap<(&str, usize), u64> = HashMap::new();
        for &(d, _, c) in &sentences {
            *with.entry((group_of[d].as_str(), c)).or_default() += 1;
        }
        let (mut g_col, mut c_col, mut n_col, mut w_col, mut r_col, mut sw_col, mut ns_col, mut sh_col) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        for (g, &(words, nsent)) in &groups {
            for c in 0..ncat {
                let k = n.get(&(*g, c)).copied().unwrap_or(0);
                let sw = with.get(&(*g, c)).copied().unwrap_or(0);
                g_col.push(*g);
                c_col.push(self.dictionary.categories[c].name.as_str());
                n_col.push(k);
                w_col.push(words);
                r_col.push(if words > 0 { 1000.0 * k as f64 / words as f64 } else { 0.0 });
                sw_col.push(sw);
                ns_col.push(nsent);
                sh_col.push(if nsent > 0 { sw as f64 / nsent as f64 } else { 0.0 });
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::GROUP.into(), g_col),
            Column::new(CATEGORY.into(), c_col),
            Column::new("n".into(), n_col),
            Column::new("n_words".into(), w_col),
            Column::new("per_1000".into(), r_col),
            Column::new("sentences_with".into(), sw_col),
            Column::new("n_sentences".into(), ns_col),
            Column::new("share_sentences".into(), sh_col),
        ])?)
    }

    /// Scores per sentence: one row for each sentence and category with at
    /// least one match: `doc_id`, `sentence_id`, `category`, `n`.
    pub fn sentence_scores(&self) -> Result<DataFrame> {
        let docs = self.corpus.docs();
        let mut counts: BTreeMap<(usize, usize, usize), u32> = BTreeMap::new();
        for m in &self.matches {
            *counts.entry((m.doc, m.sentence, m.category)).or_default() += 1;
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), counts.keys().map(|k| docs[k.0].id.as_str()).collect::<Vec<_>>()),
            Column::new(columns::SENTENCE_ID.into(), counts.keys().map(|k| k.1 as u32 + 1).collect::<Vec<_>>()),
            Column::new(CATEGORY.into(), counts.keys().map(|k| self.dictionary.categories[k.2].name.as_str()).collect::<Vec<_>>()),
            Column::new("n".into(), counts.values().copied().collect::<Vec<_>>()),
        ])?)
    }
}

#[cfg(test)]
mod tests;
