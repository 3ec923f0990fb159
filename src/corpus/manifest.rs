//! The corpus manifest: a TOML file that lists the documents, their metadata,
//! the evidence in each text for that metadata, and the page-chrome lines.
//!
//! The text files stay exactly as published; everything known *about* them
//! lives here. A manifest looks like this (see `seeds/manifest.toml` for a
//! full one):
//!
//! ```toml
//! name = "Putin's state visit to Kazakhstan, November 2024"
//!
//! [[document]]
//! id = "daryo"
//! file = "004_4c8a3606017f8f74.txt"
//! outlet = "Daryo"
//! author = "Richard Spooner"
//! date = "not stated"
//! language = "en"
//! translated = "not stated"
//! notes = { date = "The visit is dated November 27-28; no publication date." }
//! evidence = { author = ["Written by: Richard Spooner"] }
//! meta = { region = "Central Asia" }   # any extra columns, free-form
//!
//! [[document.chrome]]
//! kind = "byline"
//! text = "Written by: Richard Spooner"
//! ```
//!
//! Rules the loader enforces, each failure an [`Error`] naming the manifest,
//! the line of the `[[document]]` and the field:
//! - unknown keys, missing `id` or `file`, and broken TOML are errors;
//! - ids are unique and contain no whitespace; files are unique;
//! - `date` is `YYYY-MM-DD` with `date_basis` `stated` or `implied`, or the
//!   words `not stated` with a note under `notes.date`;
//! - `translated` is `yes`, `no` or `not stated`;
//! - every `evidence` quote and every chrome `text` must occur in the file
//!   (a quote that is not in the text is not evidence);
//! - when the file's first line (after any prefix chrome) equals `headline`,
//!   that line becomes the title and is not counted as prose.
//!
//! Text files in the manifest's folder that the manifest does not list are
//! named in the load report; they are not loaded.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::{check_markup, columns, decode, Chrome, Corpus, Document, Evidence, FieldNote, Level, LoadReport};
use crate::error::{Error, ErrorKind, Result};

/// The file name `Corpus::open` looks for in a folder.
pub const FILE_NAME: &str = "manifest.toml";

/// The metadata fields a manifest document can set, in table order.
pub const FIELDS: &[&str] = &[
    columns::FILE,
    columns::OUTLET,
    columns::AUTHOR,
    columns::HEADLINE,
    columns::DATE,
    columns::DATE_BASIS,
    columns::LANGUAGE,
    columns::TRANSLATED,
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    name: Option<String>,
    description: Option<String>,
    #[serde(default)]
    document: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    file: String,
    outlet: Option<String>,
    author: Option<String>,
    headline: Option<String>,
    date: Option<String>,
    date_basis: Option<String>,
    language: Option<String>,
    translated: Option<String>,
    #[serde(default)]
    notes: BTreeMap<String, String>,
    #[serde(default)]
    evidence: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    meta: BTreeMap<String, String>,
    #[serde(default)]
    chrome: Vec<ChromeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChromeEntry {
    kind: String,
    text: String,
    #[serde(rename = "match", default)]
    how: ChromeMatch,
}

/// How a chrome entry's `text` is matched against the file's lines.
#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum ChromeMatch {
    /// The whole line, after trimming whitespace.
    #[default]
    Line,
    /// The start of a line; the rest of that line stays prose.
    Prefix,
}

/// Loads a manifest and the files it lists, under the rules of
/// [`super::paths`]: each file must be a regular file inside the manifest's
/// folder, unless `opts` allows files outside it. `in_folder`: the manifest
/// was found in a folder the user named (rather than named itself), so it
/// is held to the same rule.
pub fn load(path: &Path, opts: &super::OpenOptions, in_folder: bool) -> Result<Corpus> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = super::paths::Folder::new(dir, opts)?;
    let mut report = LoadReport::new(path.display().to_string());
    let bytes = if in_folder {
        folder.read(path, FILE_NAME, &mut report, None)?
    } else {
        super::paths::read_checked(path, None, opts.text_limit())?
    };
    let raw = decode::decode_owned(path, bytes)?.text;
    let parsed: ManifestFile = toml::from_str(&raw).map_err(|e| {
        let line = e.span().map(|s| 1 + raw[..s.start.min(raw.len())].matches('\n').count() as u64);
        Error::syntax(path, "TOML", line, e.message())
    })?;
    let _ = &parsed.description;
    if parsed.document.is_empty() {
        return Err(Error::field(path, None, "document", "the manifest lists no documents ([[document]] tables)"));
    }
    let header_lines: Vec<u64> = raw
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[document]]")
        .map(|(i, _)| i as u64 + 1)
        .collect();

    let extra_columns: BTreeSet<String> =
        parsed.document.iter().flat_map(|d| d.meta.keys().cloned()).collect();
    for (k, entry) in parsed.document.iter().enumerate() {
        for key in entry.meta.keys() {
            if FIELDS.contains(&key.as_str()) || key == columns::DOC_ID || key == columns::TITLE {
                return Err(Error::field(
                    path,
                    header_lines.get(k).copied(),
                    format!("document[{}].meta.{key}", k + 1),
                    "this name is a built-in column; set it as a field of the document instead",
                ));
            }
        }
    }
    let mut metadata_columns: Vec<String> = FIELDS.iter().map(|s| s.to_string()).collect();
    metadata_columns.extend(extra_columns.iter().cloned());

    let mut seen_ids: HashMap<&str, u64> = HashMap::new();
    let mut seen_files: HashMap<&str, u64> = HashMap::new();
    let mut documents = Vec::new();
    for (k, entry) in parsed.document.iter().enumerate() {
        let line = header_lines.get(k).copied().unwrap_or(0);
        let at = |field: &str| format!("document[{}].{field}", k + 1);
        let err = |field: &str, msg: String| Error::field(path, Some(line), at(field), msg);

        if entry.id.trim().is_empty() || entry.id.chars().any(char::is_whitespace) {
            return Err(err("id", format!("`{}` is not a valid id: it must be non-empty, without spaces", entry.id)));
        }
        if let Some(&first) = seen_ids.get(entry.id.as_str()) {
            return Err(Error::new(ErrorKind::DuplicateId {
                path: path.to_path_buf(),
                id: entry.id.clone(),
                first_line: first,
                second_line: line,
            }));
        }
        seen_ids.insert(&entry.id, line);
        if let Some(&first) = seen_files.get(entry.file.as_str()) {
            return Err(err("file", format!("`{}` is already used by the document on line {first}", entry.file)));
        }
        seen_files.insert(&entry.file, line);

        let (date, basis) = check_date(entry).map_err(|(f, m)| err(f, m))?;
        if let Some(t) = &entry.translated {
            if !matches!(t.as_str(), "yes" | "no" | "not stated") {
                return Err(err("translated", format!("`{t}`: expected `yes`, `no` or `not stated`")));
            }
        }
        for key in entry.notes.keys().chain(entry.evidence.keys()) {
            if !FIELDS.contains(&key.as_str()) && !entry.meta.contains_key(key) {
                let which = if entry.notes.contains_key(key) { "notes" } else { "evidence" };
                return Err(err(
                    &format!("{which}.{key}"),
                    format!("`{key}` is not a metadata field; fields are: {}", FIELDS.join(", ")),
                ));
            }
        }

        let file_path = dir.join(&entry.file);
        let source = file_path.display().to_string();
        let bytes = folder.read(&file_path, &at("file"), &mut report, Some(&entry.id)).map_err(|e| match e.into_kind() {
            // The manifest line, too, in a refusal.
            crate::ErrorKind::Refused { path: p, entry: Some(f), message } => {
                Error::new(crate::ErrorKind::Refused { path: p, entry: Some(format!("{f}, {}, line {line}", path.display())), message })
            }
            other => Error::new(other),
        })?;
        let decoded = decode::decode_owned(&file_path, bytes)?;
        if let Some(note) = decoded.note {
            report.push(Level::Warning, &source, None, Some(&entry.id), note);
        }
        let raw_text = decoded.text;

        let mut evidence = Vec::new();
        for (field, quotes) in &entry.evidence {
            for (q, quote) in quotes.iter().enumerate() {
                let Some(offset) = raw_text.find(quote.as_str()) else {
                    return Err(err(
                        &format!("evidence.{field}[{}]", q + 1),
                        format!("quote not found in {}: \"{}\"", entry.file, quote),
                    ));
                };
                evidence.push(Evidence {
                    field: field.clone(),
                    quote: quote.clone(),
                    line: 1 + raw_text[..offset].matches('\n').count() as u64,
                });
            }
        }

        let split = split_chrome(&raw_text, &entry.chrome)
            .map_err(|(c, msg)| err(&format!("chrome[{}].text", c + 1), format!("{msg} in {}", entry.file)))?;
        let mut prose_lines = split.prose;
        let mut title = entry.headline.clone();
        let mut first_prose_line = prose_lines.first().map(|l| l.0).unwrap_or(1);
        if let (Some(h), Some(first)) = (&entry.headline, prose_lines.first()) {
            if first.1.trim() == h.trim() {
                title = Some(first.1.trim().to_owned());
                prose_lines.remove(0);
                first_prose_line = prose_lines.first().map(|l| l.0).unwrap_or(first_prose_line);
            }
        }
        let text = prose_lines.iter().map(|l| l.1.as_str()).collect::<Vec<_>>().join("\n").trim_matches('\n').to_owned();
        if text.trim().is_empty() {
            return Err(err("file", format!("{} has no prose left once the title and chrome are taken out", entry.file)));
        }
        check_markup(&mut report, &source, first_prose_line, &entry.id, &text);

        let mut metadata: Vec<Option<String>> = vec![
            Some(entry.file.clone()),
            entry.outlet.clone(),
            entry.author.clone(),
            entry.headline.clone(),
            date,
            basis,
            entry.language.clone(),
            entry.translated.clone(),
        ];
        metadata.extend(extra_columns.iter().map(|c| entry.meta.get(c).cloned()));
        documents.push(Document {
            id: entry.id.clone(),
            source,
            title,
            text,
            chrome: split.chrome,
            metadata: metadata.into_iter().collect(),
            evidence,
            notes: entry.notes.iter().map(|(f, n)| FieldNote { field: f.clone(), note: n.clone() }).collect(),
        });
    }

    // Name every text file in the folder that the manifest leaves out.
    if let Ok(read) = std::fs::read_dir(dir) {
        let mut unlisted: Vec<String> = read
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.to_lowercase().ends_with(".txt") && !seen_files.contains_key(n.as_str()))
            .collect();
        unlisted.sort();
        for name in unlisted {
            report.push(Level::Info, dir.join(&name).display().to_string(), None, None, "not listed in the manifest; not loaded");
        }
    }
    report.n_documents = documents.len();
    Ok(Corpus { name: parsed.name, metadata_columns, documents, report })
}

/// Validates `date` and `date_basis`; returns the table values.
fn check_date(entry: &Entry) -> std::result::Result<(Option<String>, Option<String>), (&'static str, String)> {
    match entry.date.as_deref() {
        None => {
            if entry.date_basis.is_some() {
                return Err(("date_basis", "set without a `date`".into()));
            }
            Ok((None, None))
        }
        Some("not stated") => {
            if entry.date_basis.is_some() {
                return Err(("date_basis", "must be left out when the date is `not stated`".into()));
            }
            if !entry.notes.contains_key("date") {
                return Err(("notes.date", "a date that is `not stated` needs a note saying what the text does say".into()));
            }
            Ok((None, Some("not stated".into())))
        }
        Some(d) => {
            if !is_iso_date(d) {
                return Err(("date", format!("`{d}`: expected YYYY-MM-DD or `not stated`")));
            }
            match entry.date_basis.as_deref() {
                Some(b @ ("stated" | "implied")) => Ok((Some(d.to_owned()), Some(b.to_owned()))),
                Some(b) => Err(("date_basis", format!("`{b}`: expected `stated` or `implied`"))),
                None => Err(("date_basis", "missing: say whether the text `stated` or `implied` the date".into())),
            }
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

struct Split {
    /// (1-based line number, line text) of the prose lines.
    prose: Vec<(u64, String)>,
    chrome: Vec<Chrome>,
}

/// Separates chrome lines from prose. Every chrome entry must match at least
/// one line; the error carries the entry's index.
fn split_chrome(text: &str, entries: &[ChromeEntry]) -> std::result::Result<Split, (usize, String)> {
    let mut used = vec![false; entries.len()];
    let mut prose = Vec::new();
    let mut chrome = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let n = i as u64 + 1;
        let mut rest = line;
        // A prefix entry takes the start of the line; a line entry the whole.
        for (k, e) in entries.iter().enumerate() {
            if e.how == ChromeMatch::Prefix && !e.text.is_empty() && rest.starts_with(e.text.as_str()) {
                used[k] = true;
                chrome.push(Chrome { kind: e.kind.clone(), line: n, text: e.text.clone() });
                rest = &rest[e.text.len()..];
            }
        }
        let whole = entries
            .iter()
            .position(|e| e.how == ChromeMatch::Line && !rest.trim().is_empty() && rest.trim() == e.text.trim());
        match whole {
            Some(k) => {
                used[k] = true;
                chrome.push(Chrome { kind: entries[k].kind.clone(), line: n, text: rest.trim().to_owned() });
            }
            None => prose.push((n, rest.to_owned())),
        }
    }
    if let Some(k) = used.iter().position(|u| !u) {
        let how = if entries[k].how == ChromeMatch::Prefix { "no line starts with it" } else { "no line equals it" };
        return Err((k, format!("chrome \"{}\" not found: {how}", entries[k].text)));
    }
    Ok(Split { prose, chrome })
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn iso_dates_are_checked_for_real_calendar_days() {
        assert!(is_iso_date("2024-11-28"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("28-11-2024"));
        assert!(!is_iso_date("2024-1-01"));
    }
}
