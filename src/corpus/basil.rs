//! BASIL: a human-annotated corpus of one event told by three outlets, read
//! as a [`Corpus`] plus a table of its annotated spans.
//!
//! BASIL (Fan et al., "In Plain Sight: Media Bias Through the Lens of
//! Factual Reporting", EMNLP 2019; github.com/launchnlp/BASIL) holds 100
//! news events, each covered by Fox News, The New York Times and HuffPost
//! (300 articles, 2010–2019). Trained annotators marked **lexical bias**
//! (loaded wording) and **informational bias** (what facts, quotes and
//! framing a text chooses to include), each span with its target, its
//! polarity toward the target, and whether the span is a **quotation** and
//! who its **speaker** is. That makes it a ready-made test of whether a
//! tool recovers who is given a voice.
//!
//! [`open`] reads the release's own layout, unchanged:
//!
//! ```text
//! BASIL/articles/<year>/<triplet-uuid>_<n>.json       title, date, source, main-event, body-paragraphs
//! BASIL/annotations/<year>/<triplet-uuid>_<n>_ann.json phrase-level-annotations (start/end within a sentence)
//! ```
//!
//! Each document's text is its paragraphs joined by a blank line, and each
//! paragraph its sentences joined by one space, exactly as the release
//! gives them; the headline is the document's title. Document ids are
//! `e<NNN>-<outlet>` (`e007-fox`), with events numbered in the order of
//! their year and triplet id, so they are stable across machines.
//!
//! Span offsets in the release count characters within one sentence, and
//! the sentence is not named. [`open`] finds the sentence whose characters
//! `start..end` are exactly the span's text (`located = "exact"`); failing
//! that, the first occurrence of the text in the document (`"search"`);
//! failing that, the row is kept with null offsets (`"not found"`) and the
//! load report names it. No span is dropped.
//!
//! BASIL states no licence: it is read from where the user keeps it, never
//! copied into this repository.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::report::{Level, LoadReport};
use super::{check_markup, columns, Corpus, Document};
use crate::error::{Error, ErrorKind, Result};

/// The metadata columns of a BASIL corpus, in order.
pub const METADATA: &[&str] = &["event", "event_title", "outlet", "source", "date", "relative_stance", "url"];

/// BASIL's outlets: the code in the release, the short id, and the name.
const OUTLETS: &[(&str, &str, &str)] = &[("fox", "fox", "Fox News"), ("nyt", "nyt", "The New York Times"), ("hpo", "hpo", "HuffPost")];

/// A BASIL corpus and its annotated spans.
#[derive(Clone, Debug)]
pub struct Basil {
    /// The 300 articles: metadata `event`, `event_title`, `outlet`,
    /// `source` (`fox`, `nyt`, `hpo`), `date`, `relative_stance` (the
    /// annotators' reading of the article's stance relative to the other
    /// two: left, center, right), `url`.
    pub corpus: Corpus,
    /// One row per annotated span: `doc_id`, `span_id`, `bias`
    /// (`lexical` or `informational`), `quote` (bool), `speaker` (as coded,
    /// e.g. `Barack_Obama`, `other_anti`; null when not a quote), `target`,
    /// `polarity` (`pos`, `neg`, …), `aim` (`dir` or `ind`), `start`,
    /// `end` (byte offsets into the document text, null when not found),
    /// `located` (`exact`, `search`, `not found`), `text`.
    pub spans: DataFrame,
}

#[derive(serde::Deserialize)]
struct Article {
    title: Option<String>,
    date: Option<String>,
    source: String,
    url: Option<String>,
    #[serde(rename = "main-event")]
    main_event: Option<String>,
    #[serde(rename = "triplet-uuid")]
    triplet: String,
    #[serde(rename = "body-paragraphs")]
    paragraphs: Vec<Vec<String>>,
}

#[derive(serde::Deserialize)]
struct Annotations {
    #[serde(rename = "article-level-annotations", default)]
    article: BTreeMap<String, serde_json::Value>,
    #[serde(rename = "phrase-level-annotations", default)]
    phrases: Vec<Phrase>,
}

#[derive(serde::Deserialize)]
struct Phrase {
    id: String,
    bias: String,
    #[serde(default)]
    quote: String,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    polarity: String,
    #[serde(default)]
    aim: String,
    start: usize,
    end: usize,
    txt: String,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &'static str) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::syntax(path, what, Some(e.line() as u64), e.to_string()))
}

/// The `.json` files of a folder's year subfolders, sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = vec![];
    let mut years: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    years.sort();
    for y in years {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&y)
            .map_err(|e| Error::io(&y, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

/// Reads BASIL from its folder (the one holding `articles/` and
/// `annotations/`).
///
/// Errors name the file: a missing folder, JSON that does not parse, an
/// outlet code that is not Fox News, NYT or HuffPost, or an event that
/// does not have its three articles.
pub fn open(dir: impl AsRef<Path>) -> Result<Basil> {
    let dir = dir.as_ref();
    let articles_dir = dir.join("articles");
    if !articles_dir.is_dir() {
        return Err(Error::io(&articles_dir, std::io::Error::new(std::io::ErrorKind::NotFound, "no `articles` folder: is this BASIL's root folder?")));
    }
    let mut report = LoadReport::new(dir.display().to_string());
    // Articles, keyed by (year folder, triplet, outlet).
    let mut read: Vec<(PathBuf, Article)> = vec![];
    for path in json_files(&articles_dir)? {
        let a: Article = read_json(&path, "BASIL article")?;
        read.push((path, a));
    }
    let mut events: Vec<(String, String)> = read
        .iter()
        .map(|(p, a)| (p.parent().and_then(|y| y.file_name()).map(|y| y.to_string_lossy().into_owned()).unwrap_or_default(), a.triplet.clone()))
        .collect();
    events.sort();
    events.dedup();
    let event_no: BTreeMap<&str, usize> = events.iter().enumerate().map(|(i, (_, t))| (t.as_str(), i + 1)).collect();

    let mut docs: Vec<(usize, usize, Document, PathBuf, Vec<usize>, Vec<Option<String>>)> = vec![];
    for (path, a) in read {
        let code = a.source.to_lowercase();
        let Some(o) = OUTLETS.iter().position(|(c, _, _)| *c == code) else {
            return Err(Error::field(&path, None, "source", format!("`{}` is not one of BASIL's outlets (fox, nyt, hpo)", a.source)));
        };
        let e = event_no[a.triplet.as_str()];
        let id = format!("e{e:03}-{}", OUTLETS[o].1);
        // The text, and where each sentence starts in it.
        let mut text = String::new();
        let mut starts = vec![];
        for (p, para) in a.paragraphs.iter().enumerate() {
            if p > 0 {
                text.push_str("\n\n");
            }
            for (s, sentence) in para.iter().enumerate() {
                if s > 0 {
                    text.push(' ');
                }
                starts.push(text.len());
                text.push_str(sentence);
            }
        }
        let source = path.display().to_string();
        if text.trim().is_empty() {
            report.push(Level::Warning, &source, None, Some(&id), "the article has no body text; kept with zero words");
        }
        check_markup(&mut report, &source, 1, &id, &text);
        let ann_path = path
            .parent()
            .and_then(|y| y.file_name())
            .map(|y| dir.join("annotations").join(y).join(format!("{}_ann.json", path.file_stem().unwrap_or_default().to_string_lossy())))
            .unwrap_or_default();
        let meta = vec![
            Some(format!("e{e:03}")),
            a.main_event.clone(),
            Some(OUTLETS[o].2.to_string()),
            Some(OUTLETS[o].1.to_string()),
            a.date.clone(),
            None,
            a.url.clone(),
        ];
        let doc = Document { id, source, title: a.title.clone(), text, chrome: vec![], metadata: meta.iter().cloned().collect(), evidence: vec![], notes: vec![] };
        docs.push((e, o, doc, ann_path, starts, meta));
    }
    docs.sort_by_key(|d| (d.0, d.1));
    // Every event has its three outlets.
    for (t, &e) in &event_no {
        let n = docs.iter().filter(|d| d.0 == e).count();
        if n != OUTLETS.len() {
            return Err(Error::argument(format!("{}: event {t} (e{e:03}) has {n} articles, not one from each of Fox News, NYT and HuffPost", articles_dir.display())));
        }
    }

    // Spans.
    let (mut s_doc, mut s_id, mut s_bias, mut s_quote, mut s_speaker, mut s_target, mut s_pol, mut s_aim, mut s_start, mut s_end, mut s_loc, mut s_text) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for (_, _, doc, ann_path, starts, meta) in docs.iter_mut() {
        if !ann_path.is_file() {
            report.push(Level::Warning, ann_path.display().to_string(), None, Some(&doc.id), "no annotation file for this article; it has no spans");
            continue;
        }
        let ann: Annotations = read_json(ann_path, "BASIL annotations")?;
        let stance = ann.article.get("relative_stance").and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(str::to_string);
        meta[5] = stance;
        doc.metadata = meta.iter().cloned().collect();
        let mut phrases = ann.phrases;
        phrases.sort_by(|a, b| a.id.cmp(&b.id));
        for p in phrases {
            let sentence_bounds: Vec<(usize, usize)> = starts
                .iter()
                .enumerate()
                .map(|(i, &s)| {
                    let end = starts.get(i + 1).map_or(doc.text.len(), |&n| n);
                    (s, end)
                })
                .collect();
            let exact = sentence_bounds.iter().find_map(|&(s, e)| {
                let sent = &doc.text[s..e];
                let a = sent.char_indices().nth(p.start).map(|(b, _)| b)?;
                let b = if p.end >= sent.chars().count() { sent.len() } else { sent.char_indices().nth(p.end).map(|(b, _)| b)? };
                (a <= b && sent[a..b] == p.txt).then_some((s + a, s + b))
            });
            let (span, how) = match exact {
                Some(x) => (Some(x), "exact"),
                None => match (!p.txt.is_empty()).then(|| doc.text.find(&p.txt)).flatten() {
                    Some(a) => (Some((a, a + p.txt.len())), "search"),
                    None => {
                        report.push(Level::Warning, ann_path.display().to_string(), None, Some(&doc.id), format!("span {} (“{}”) is not in the article text; kept with no offsets", p.id, p.txt.chars().take(40).collect::<String>()));
                        (None, "not found")
                    }
                },
            };
            s_doc.push(doc.id.clone());
            s_id.push(p.id);
            s_bias.push(match p.bias.as_str() {
                "lex" => "lexical".to_string(),
                "inf" => "informational".to_string(),
                other => other.to_string(),
            });
            s_quote.push(p.quote == "yes");
            s_speaker.push((p.quote == "yes" && !p.speaker.is_empty()).then_some(p.speaker));
            s_target.push((!p.target.is_empty()).then_some(p.target));
            s_pol.push((!p.polarity.is_empty()).then_some(p.polarity));
            s_aim.push((!p.aim.is_empty()).then_some(p.aim));
            s_start.push(span.map(|s| s.0 as u64));
            s_end.push(span.map(|s| s.1 as u64));
            s_loc.push(how);
            s_text.push(p.txt);
        }
    }
    let documents: Vec<Document> = docs.into_iter().map(|d| d.2).collect();
    if documents.is_empty() {
        return Err(Error::new(ErrorKind::Empty { path: articles_dir }));
    }
    report.n_documents = documents.len();
    let spans = DataFrame::new_infer_height(vec![
        Column::new(columns::DOC_ID.into(), s_doc),
        Column::new("span_id".into(), s_id),
        Column::new("bias".into(), s_bias),
        Column::new("quote".into(), s_quote),
        Column::new("speaker".into(), s_speaker),
        Column::new("target".into(), s_target),
        Column::new("polarity".into(), s_pol),
        Column::new("aim".into(), s_aim),
        Column::new(columns::START.into(), s_start),
        Column::new(columns::END.into(), s_end),
        Column::new("located".into(), s_loc),
        Column::new(columns::TEXT.into(), s_text),
    ])?;
    let corpus = Corpus { name: Some("BASIL".into()), metadata_columns: METADATA.iter().map(|s| s.to_string()).collect(), documents, report };
    Ok(Basil { corpus, spans })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, body: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }

    fn article(source: &str, paras: &str) -> String {
        format!(r#"{{"title": "T {source}", "date": "2012-01-02", "source": "{source}", "url": "u", "main-event": "An event", "triplet-uuid": "abc", "body-paragraphs": {paras}}}"#)
    }

    #[test]
    fn reads_articles_and_locates_spans_by_sentence() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "articles/2012/abc_1.json", &article("nyt", r#"[["First sentence.", "“We won,” Obama said."], ["Next para."]]"#));
        write(d.path(), "articles/2012/abc_2.json", &article("FOX", r#"[["Fox text."]]"#));
        write(d.path(), "articles/2012/abc_3.json", &article("hpo", r#"[["HuffPost text."]]"#));
        write(
            d.path(),
            "annotations/2012/abc_1_ann.json",
            r#"{"article-level-annotations": {"relative_stance": "center"}, "phrase-level-annotations": [
                {"id": "p1", "bias": "inf", "quote": "yes", "speaker": "Barack_Obama", "target": "x", "polarity": "pos", "aim": "dir", "start": 0, "end": 9, "txt": "“We won,”"},
                {"id": "p2", "bias": "lex", "quote": "no", "speaker": "", "target": "", "polarity": "neg", "aim": "dir", "start": 99, "end": 120, "txt": "nowhere"}]}"#,
        );
        let b = open(d.path()).unwrap();
        assert_eq!(b.corpus.len(), 3);
        let ids: Vec<&str> = b.corpus.docs().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["e001-fox", "e001-nyt", "e001-hpo"]);
        let nyt = b.corpus.get("e001-nyt").unwrap();
        assert_eq!(nyt.text, "First sentence. “We won,” Obama said.\n\nNext para.");
        assert_eq!(b.corpus.metadata(nyt, "relative_stance").as_deref(), Some("center"));
        let start = b.spans.column("start").unwrap().u64().unwrap().get(0).unwrap() as usize;
        let end = b.spans.column("end").unwrap().u64().unwrap().get(0).unwrap() as usize;
        assert_eq!(&nyt.text[start..end], "“We won,”");
        assert_eq!(b.spans.column("located").unwrap().str().unwrap().get(1), Some("not found"));
        assert!(b.corpus.report().to_string().contains("span p2"));
    }

    #[test]
    fn an_event_without_its_three_outlets_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "articles/2012/abc_1.json", &article("nyt", r#"[["Text."]]"#));
        let e = open(d.path()).unwrap_err().to_string();
        assert!(e.contains("has 1 articles"), "{e}");
        let e = open(d.path().join("nowhere")).unwrap_err().to_string();
        assert!(e.contains("articles"), "{e}");
    }
}
