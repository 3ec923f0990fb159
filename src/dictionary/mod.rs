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
//!   it must match the whole token when anchored, as here). It sees the
//!   token as written, not lower-cased: in a case-insensitive dictionary
//!   it is compiled with the `(?i)` flag, so it ignores case unless it
//!   says otherwise, and `re:^(?-i:us)$` matches `us` but not `US` or
//!   `Us`. (Words and globs are matched against the lower-cased token.)
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
//! # Negation and required context
//!
//! Two per-category options (in newsframe's TOML/YAML format) leave matches
//! out; the left-out matches are listed, with the reason, by
//! [`Lookup::excluded`], never dropped unseen:
//!
//! - `negation = true` (on a category, or at the top of the file for all):
//!   a cue with a negator ([`NEGATORS`]: "does not quarrel", "no
//!   disagreements", "without conflict"), an averting verb ([`AVERTING`]:
//!   "avoid confrontation") or an agreement word ([`AGREEMENT`]: "jointly
//!   condemn") among the [`NEGATION_WINDOW`] (three) words before it in its
//!   clause (the window stops at [`CLAUSE_BREAKS`]: "No, this is war" counts),
//!   or `agree` among the three words after it ("both sides agreed"), is not
//!   counted;
//! - `requires = ["Russia*", "Kremlin"]`: a cue counts only when its
//!   sentence also matches one of these patterns (a threat frame that needs
//!   its agent named: "fear of invasion from China" is not a Russian threat).
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
    /// Whether the word matches a token: exact words, prefixes and globs
    /// look at its key (lower-cased unless the dictionary is
    /// case-sensitive), regular expressions at the token as written, so
    /// that `(?-i:...)` in a case-insensitive dictionary keeps its case.
    fn matches(&self, term: &Term) -> bool {
        let either = |f: &dyn Fn(&str) -> bool, form: &str, bare: &Option<String>| f(form) || bare.as_deref().is_some_and(f);
        match self {
            Word::Exact(w) => either(&|t| w == t, &term.key, &term.key_bare),
            Word::Prefix(p) => either(&|t| t.starts_with(p.as_str()), &term.key, &term.key_bare),
            Word::Glob(r) => either(&|t| r.is_match(t), &term.key, &term.key_bare),
            Word::Regex(r) => either(&|t| r.is_match(t), &term.written, &term.written_bare),
        }
    }
}

/// A token as the patterns see it (see [`Word::matches`]): its key and
/// its form as written (curly apostrophes straight), each with the form
/// without a possessive `'s` or `'`, when it has one.
#[derive(Clone, Debug)]
struct Term {
    key: String,
    key_bare: Option<String>,
    written: String,
    written_bare: Option<String>,
}

impl Term {
    fn new(written: &str, case_sensitive: bool) -> Term {
        let bare = |t: &str| t.strip_suffix("'s").or_else(|| t.strip_suffix('\'')).filter(|b| !b.is_empty()).map(str::to_owned);
        let key = if case_sensitive { written.to_string() } else { written.to_lowercase() };
        Term { key_bare: bare(&key), key, written_bare: bare(written), written: written.to_string() }
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
    /// Leave out matches after a negator or in an agreement construction
    /// (see [`NEGATORS`]; `negation = true` in the file).
    pub negation: bool,
    /// Count a match only when its sentence also matches one of these
    /// patterns (`requires = [...]` in the file; empty: always count).
    pub requires: Vec<Entry>,
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
    #[serde(default)]
    negation: bool,
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
    #[serde(default)]
    negation: Option<bool>,
    #[serde(default)]
    requires: Vec<String>,
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
    fn match_at(&self, terms: &[Term], i: usize) -> Option<usize> {
        if i + self.words.len() > terms.len() {
            return None;
        }
        for (k, w) in self.words.iter().enumerate() {
            if !w.matches(&terms[i + k]) {
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
            cats.push(Category { name: c.as_ref().to_string(), description: String::new(), group: None, entries, negation: false, requires: vec![] });
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
            let requires = c
                .requires
                .iter()
                .map(|p| Entry::new(p, spec.case_sensitive).map_err(|m| Error::field(path, None, &format!("category `{}`.requires", c.name), m)))
                .collect::<Result<Vec<_>>>()?;
            let negation = c.negation.unwrap_or(spec.negation);
            categories.push(Category { name: c.name, description: c.description, group: c.group, entries, negation, requires });
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
                        out.push(Category { name, description: String::new(), group: None, entries, negation: false, requires: vec![] });
                    }
                    serde_json::Value::String(s) => {
                        let e = Entry::new(s, false).map_err(|m| Error::field(path, None, &name, m))?;
                        out.push(Category { name, description: String::new(), group: None, entries: vec![e], negation: false, requires: vec![] });
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
            .map(|((_, name), entries)| Category { name, description: String::new(), group: None, entries, negation: false, requires: vec![] })
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
        self.lookup_counted(corpus, skip).0
    }

    /// [`Dictionary::lookup_outside`], and the work it did: entries indexed
    /// plus candidate entries tried plus per-category states touched. It
    /// grows with the dictionary's size plus, per token, the entries that
    /// could match there, never with categories × tokens (see
    /// [`Index`]); the tests hold it to that.
    fn lookup_counted(&self, corpus: &Corpus, skip: &[Vec<(usize, usize)>]) -> (Lookup, u64) {
        let tokenizer = Tokenizer::words().lowercase(false);
        let index = Index::new(self);
        let mut work = index.work.take();
        let any_negation = self.categories.iter().any(|c| c.negation);
        // Per category (scope `category`): the first token of the current
        // sentence that is not consumed by an earlier match of it.
        let mut free: Vec<usize> = vec![0; self.categories.len()];
        let mut touched: Vec<usize> = vec![];
        let mut matches = vec![];
        let mut excluded = vec![];
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
                let terms: Vec<Term> = sentence.iter().map(|t| Term::new(&t.term, self.case_sensitive)).collect();
                // Clause breaks between tokens, for the negation window.
                let breaks: Vec<bool> =
                    (0..sentence.len()).map(|j| j > 0 && any_negation && doc.text[sentence[j - 1].end..sentence[j].start].contains(CLAUSE_BREAKS)).collect();
                let first = matches.len();
                let mut push = |len: usize, c: usize, e: usize, k: usize| {
                    let m = Match { doc: d, sentence: s, category: c, entry: e, start: sentence[k].start, end: sentence[k + len - 1].end };
                    match self.categories[c].exclusion(&terms, &breaks, k, len) {
                        None => matches.push(m),
                        Some(why) => excluded.push((m, why)),
                    }
                };
                match self.scope {
                    Scope::Dictionary => {
                        let mut k = 0;
                        while k < terms.len() {
                            let hits = index.longest_at(&terms, k);
                            work += index.work.take();
                            match hits.first() {
                                Some(&(len, _, _)) => {
                                    for &(_, c, e) in &hits {
                                        push(len, c, e, k);
                                    }
                                    k += len;
                                }
                                None => k += 1,
                            }
                        }
                    }
                    Scope::Category => {
                        // Each category scans the sentence on its own, left
                        // to right, longest match first; a category's scan
                        // visits every token its own matches do not consume,
                        // so one pass over the tokens, keeping for each
                        // category where its next match may start, gives
                        // the same matches.
                        for k in 0..terms.len() {
                            for (len, c, e) in index.longest_per_category(&terms, k) {
                                work += 1;
                                if free[c] <= k {
                                    if free[c] == 0 {
                                        touched.push(c);
                                    }
                                    free[c] = k + len;
                                    push(len, c, e, k);
                                }
                            }
                            work += index.work.take();
                        }
                        for c in touched.drain(..) {
                            free[c] = 0;
                        }
                    }
                }
                matches[first..].sort_by_key(|m| (m.start, m.category));
                i = end;
            }
        }
        excluded.sort_by_key(|(m, _): &(Match, String)| (m.doc, m.start, m.category));
        (Lookup { dictionary: Arc::new(self.clone()), corpus: Arc::new(corpus.clone()), matches, excluded, n_words, sentences }, work)
    }
}

/// Entries indexed by their first word when it is exact; the rest
/// (globs, prefixes, regular expressions) are tried at every token.
///
/// One index for the whole dictionary, built in one pass over its entries;
/// at a token only the entries whose first word is the token (or that have
/// no exact first word) are tried, so looking up costs the same for 10 or
/// 100,000 categories. (It used to build one index per category, each by
/// scanning every category: 100,000 LIWC categories took 22 s.)
struct Index<'a> {
    dict: &'a Dictionary,
    exact: HashMap<&'a str, Vec<(usize, usize)>>,
    other: Vec<(usize, usize)>,
    /// Work done since last taken: entries indexed, hash probes and
    /// entries tried (see [`Dictionary::lookup_counted`]).
    work: std::cell::Cell<u64>,
}

impl<'a> Index<'a> {
    fn new(dict: &'a Dictionary) -> Index<'a> {
        let mut exact: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut other = vec![];
        let mut work = 0;
        for (c, cat) in dict.categories.iter().enumerate() {
            for (e, entry) in cat.entries.iter().enumerate() {
                work += 1;
                match entry.words.first() {
                    Some(Word::Exact(w)) => exact.entry(w.as_str()).or_default().push((c, e)),
                    _ => other.push((c, e)),
                }
            }
        }
        Index { dict, exact, other, work: std::cell::Cell::new(work) }
    }

    /// Every entry that matches at `k`: `(length, category, entry)`, in no
    /// particular order.
    fn all_at(&self, terms: &[Term], k: usize) -> Vec<(usize, usize, usize)> {
        let term = &terms[k];
        let mut work = 0;
        let mut hits = vec![];
        let mut try_all = |cands: &[(usize, usize)]| {
            for &(c, e) in cands {
                work += 1;
                if let Some(len) = self.dict.categories[c].entries[e].match_at(terms, k) {
                    hits.push((len, c, e));
                }
            }
        };
        let bare = term.key_bare.as_deref().filter(|b| *b != term.key);
        for key in std::iter::once(term.key.as_str()).chain(bare) {
            if let Some(v) = self.exact.get(key) {
                try_all(v);
            }
        }
        try_all(&self.other);
        self.work.set(self.work.get() + work + 1);
        hits
    }

    /// The longest match at `k` across the dictionary: `(length, category,
    /// entry)`, one per category (its first entry of that length), in
    /// category order.
    fn longest_at(&self, terms: &[Term], k: usize) -> Vec<(usize, usize, usize)> {
        let mut hits = self.all_at(terms, k);
        let best = hits.iter().map(|h| h.0).max().unwrap_or(0);
        hits.retain(|h| h.0 == best);
        hits.sort_unstable_by_key(|h| (h.1, h.2));
        hits.dedup_by_key(|h| h.1);
        hits
    }

    /// The longest match at `k` of each category that matches there:
    /// `(length, category, entry)` (its first entry of that length), in
    /// category order.
    fn longest_per_category(&self, terms: &[Term], k: usize) -> Vec<(usize, usize, usize)> {
        let mut hits = self.all_at(terms, k);
        hits.sort_unstable_by_key(|h| (h.1, std::cmp::Reverse(h.0), h.2));
        hits.dedup_by_key(|h| h.1);
        hits
    }
}

/// Negators: a match of a `negation = true` category with one of these
/// among the [`NEGATION_WINDOW`] words before it (in its clause) is left
/// out: "does **not** quarrel", "**no** disagreements", "**without**
/// conflict", "**never** threatened". Any word ending in `n't` ("doesn't",
/// "won't") is a negator too.
pub const NEGATORS: &[&str] = &["not", "no", "never", "without", "nor", "neither", "none", "nobody", "nothing", "hardly", "cannot", "free of"];

/// Averting verbs: "**avoid** confrontation", "**prevent** a war". A cue
/// they govern (within [`NEGATION_WINDOW`] words before it) is left out of a
/// `negation = true` category, like a negated one: the text says the
/// conflict is not there.
pub const AVERTING: &[&str] = &["avoid", "avoids", "avoided", "avoiding", "prevent", "prevents", "prevented", "preventing", "averted", "averting"];

/// Agreement: a cue of a `negation = true` category is left out when one of
/// these is among the [`NEGATION_WINDOW`] words before it ("**jointly**
/// condemn", "**agreed** to criticise") or one of the verbs `agree`,
/// `agrees`, `agreed` among the three words after it ("both sides **agreed**"):
/// the parties stand together rather than against each other.
pub const AGREEMENT: &[&str] = &["agree", "agrees", "agreed", "agreeing", "jointly", "unanimously", "consensus", "together"];

/// How many words before a cue are searched for a negator, an averting verb
/// or an agreement word (and after it, for `agree`).
/// Three words, and the window stops at a clause break (see
/// [`CLAUSE_BREAKS`]). NegEx's five words (Chapman et al. 2001) reached
/// past the verb a negator belongs to ("did **not** return from someone
/// else's war", "if **not** to start a Maidan").
pub const NEGATION_WINDOW: usize = 3;

/// Characters that end a negation window: a negator before one of them
/// ("No, this is war") does not reach a cue after it.
pub const CLAUSE_BREAKS: &[char] = &[',', ';', ':', '(', ')', '-', '–', '—', '.', '!', '?'];

impl Category {
    /// Why the match of `len` tokens at `k` (in a sentence's `terms`) is
    /// left out, if it is: `negated (...)`, `averted (...)`, `agreement
    /// (...)` or `no required context`.
    /// `breaks[j]`: a clause break lies between tokens `j - 1` and `j`.
    fn exclusion(&self, terms: &[Term], breaks: &[bool], k: usize, len: usize) -> Option<String> {
        if self.negation {
            let mut from = k.saturating_sub(NEGATION_WINDOW);
            if let Some(b) = (from + 1..=k).rev().find(|&j| breaks[j]) {
                from = b;
            }
            let before = &terms[from..k];
            let words: Vec<&str> = before.iter().map(|t| t.key.as_str()).collect();
            for (i, w) in words.iter().enumerate() {
                let pair = words.get(i + 1).map(|n| format!("{w} {n}"));
                if NEGATORS.contains(w) || w.ends_with("n't") || pair.as_deref().is_some_and(|p| NEGATORS.contains(&p)) {
                    return Some(format!("negated ({w})"));
                }
                if AVERTING.contains(w) {
                    return Some(format!("averted ({w})"));
                }
                if AGREEMENT.contains(w) {
                    return Some(format!("agreement ({w})"));
                }
            }
            let end = k + len;
            let mut to = (end + 3).min(terms.len());
            if let Some(b) = (end + 1..to).find(|&j| breaks[j]) {
                to = b;
            }
            let after = &terms[end.min(terms.len())..to];
            if let Some(t) = after.iter().find(|t| matches!(t.key.as_str(), "agree" | "agrees" | "agreed")) {
                return Some(format!("agreement ({})", t.key));
            }
        }
        if !self.requires.is_empty() && !(0..terms.len()).any(|j| self.requires.iter().any(|e| e.match_at(terms, j).is_some())) {
            let list: Vec<&str> = self.requires.iter().map(|e| e.pattern.as_str()).collect();
            return Some(format!("no required context ({})", list.join(", ")));
        }
        None
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
    /// Matches left out by a category's `negation` or `requires`, and why.
    excluded: Vec<(Match, String)>,
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

    /// The matches a category's `negation` or `requires` left out, in
    /// document and text order.
    pub fn excluded_matches(&self) -> &[(Match, String)] {
        &self.excluded
    }

    /// The audit table of the matches that were left out: the columns of
    /// [`Lookup::audit`] and `reason` (`negated (not)`, `averted (avoid)`,
    /// `agreement (agreed)`, `no required context (...)`), so that nothing
    /// is dropped unseen.
    pub fn excluded(&self) -> Result<DataFrame> {
        let docs = self.corpus.docs();
        let x = &self.excluded;
        let dict = &self.dictionary;
        Ok(DataFrame::new_infer_height(vec![
            Column::new(columns::DOC_ID.into(), x.iter().map(|(m, _)| docs[m.doc].id.as_str()).collect::<Vec<_>>()),
            Column::new(columns::SENTENCE_ID.into(), x.iter().map(|(m, _)| m.sentence as u32 + 1).collect::<Vec<_>>()),
            Column::new(CATEGORY.into(), x.iter().map(|(m, _)| self.category_of(m)).collect::<Vec<_>>()),
            Column::new(PATTERN.into(), x.iter().map(|(m, _)| dict.categories[m.category].entries[m.entry].pattern.as_str()).collect::<Vec<_>>()),
            Column::new(MATCHED.into(), x.iter().map(|(m, _)| self.text_of(m)).collect::<Vec<_>>()),
            Column::new(columns::START.into(), x.iter().map(|(m, _)| m.start as u64).collect::<Vec<_>>()),
            Column::new(columns::END.into(), x.iter().map(|(m, _)| m.end as u64).collect::<Vec<_>>()),
            Column::new(
                "sentence".into(),
                x.iter()
                    .map(|(m, _)| {
                        let s = &self.sentences[m.doc][m.sentence];
                        &docs[m.doc].text[s.start..s.end]
                    })
                    .collect::<Vec<_>>(),
            ),
            Column::new("reason".into(), x.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>()),
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
