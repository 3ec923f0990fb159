//! The render guard: reads executed notebooks and fails on anything that
//! went wrong in a cell.
//!
//! evcxr does not mark a cell as failed. A panic, a failed `check!`, an
//! `Err` returned through `?` or a compile error is printed, and nbconvert
//! still exits 0. So the render command runs [`check`] on every executed
//! notebook, and a cell fails when:
//! - it has an `error` output;
//! - it wrote to stderr, unless its source declares the expected stderr with
//!   a line `// expect-stderr: REGEX` and every stderr line matches REGEX;
//! - any of its output mentions a panic (`panicked at`) or an evcxr error
//!   marker (`Error:` at the start of a stderr line is covered above);
//! - it was not executed at all (no execution count) although it has code;
//! - it printed `✗` at the start of a stdout line (a failed `check!`).
//!
//! And the notebook fails when its last code cell did not print the
//! [`CHAPTER_COMPLETE`](crate::CHAPTER_COMPLETE) marker of
//! [`chapter_complete`](crate::chapter_complete): evcxr can lose the stderr of
//! the last cell at kernel shutdown, so a closing cell is required. Its
//! count of checked findings must equal the number of `✓` lines the cells
//! printed.
//!
//! It also builds the chapter index page and a digest of a notebook's
//! sources (not outputs) that the render cache is keyed on.

use std::path::Path;

use regex::Regex;
use serde_json::Value;

use crate::display::esc;
use crate::error::{Error, ErrorKind, Result};

/// The marker a cell uses to declare stderr it expects.
pub const EXPECT_STDERR: &str = "// expect-stderr:";

fn read_notebook(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::syntax(path, "notebook JSON", Some(e.line() as u64), e.to_string()))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().filter_map(|p| p.as_str()).collect(),
        _ => String::new(),
    }
}

fn cells(nb: &Value, path: &Path) -> Result<Vec<Value>> {
    nb.get("cells")
        .and_then(|c| c.as_array())
        .cloned()
        .ok_or_else(|| Error::field(path, None, "cells", "not a notebook: no `cells` list"))
}

/// Checks one executed notebook; the error names the notebook and the first
/// failing code cell.
pub fn check(path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    let mut code_index = 0;
    let mut last_stdout = String::new();
    let mut checks_seen = 0usize;
    for cell in cells(&nb, path)? {
        if cell.get("cell_type").and_then(|t| t.as_str()) != Some("code") {
            continue;
        }
        code_index += 1;
        let fail = |message: String| Error::new(ErrorKind::Notebook { path: path.to_path_buf(), cell: code_index, message });
        let source = text_of(cell.get("source").unwrap_or(&Value::Null));
        if source.trim().is_empty() {
            continue;
        }
        if cell.get("execution_count").map_or(true, |c| c.is_null()) {
            return Err(fail("the cell was not executed".into()));
        }
        let expected = expected_stderr(&source).map_err(&fail)?;
        let outputs = cell.get("outputs").and_then(|o| o.as_array()).cloned().unwrap_or_default();
        // Gather the cell's streams first: evcxr splits one message over
        // many outputs (a panic's first stderr output is a bare newline).
        let (mut stdout, mut stderr, mut rich) = (String::new(), String::new(), String::new());
        for out in &outputs {
            match out.get("output_type").and_then(|t| t.as_str()).unwrap_or("") {
                "error" => {
                    let ename = out.get("ename").map(text_of).unwrap_or_default();
                    let evalue = out.get("evalue").map(text_of).unwrap_or_default();
                    return Err(fail(format!("error output: {ename}: {}", first_lines(&evalue))));
                }
                "stream" if out.get("name").and_then(|n| n.as_str()) == Some("stderr") => {
                    stderr.push_str(&out.get("text").map(text_of).unwrap_or_default())
                }
                "stream" => stdout.push_str(&out.get("text").map(text_of).unwrap_or_default()),
                _ => {
                    if let Some(Value::Object(data)) = out.get("data") {
                        data.values().for_each(|v| rich.push_str(&text_of(v)));
                    }
                }
            }
        }
        if let Some(at) = [&stderr, &stdout, &rich].iter().find_map(|t| t.find("panicked at").map(|i| &t[i..])) {
            return Err(fail(format!("a panic: {}", first_lines(at))));
        }
        if let Some(line) = stdout.lines().find(|l| l.starts_with('✗')) {
            return Err(fail(format!("a failed check: {line}")));
        }
        if !stderr.trim().is_empty() {
            match &expected {
                Some(re) if stderr.lines().filter(|l| !l.trim().is_empty()).all(|l| re.is_match(l)) => {}
                Some(re) => {
                    return Err(fail(format!(
                        "stderr does not match the expected /{}/: {}",
                        re.as_str(),
                        first_lines(&stderr)
                    )))
                }
                None => return Err(fail(format!("unexpected stderr: {}", first_lines(&stderr)))),
            }
        }
        checks_seen += stdout.lines().filter(|l| l.starts_with("✓ ") && !l.contains(crate::CHAPTER_COMPLETE)).count();
        last_stdout = stdout;
    }
    if !last_stdout.contains(crate::CHAPTER_COMPLETE) {
        return Err(Error::new(ErrorKind::Notebook {
            path: path.to_path_buf(),
            cell: code_index,
            message: format!(
                "the last code cell must call `newsframe::chapter_complete()` (no `{}` in its output)",
                crate::CHAPTER_COMPLETE
            ),
        }));
    }
    // The closing tally must agree with the findings the cells printed.
    let tally = last_stdout
        .split(crate::CHAPTER_COMPLETE)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok());
    if tally != Some(checks_seen) {
        return Err(Error::new(ErrorKind::Notebook {
            path: path.to_path_buf(),
            cell: code_index,
            message: format!(
                "the closing cell counted {} findings, but the cells printed {checks_seen} `✓` lines",
                tally.map_or("no".to_string(), |n| n.to_string())
            ),
        }));
    }
    Ok(())
}

fn expected_stderr(source: &str) -> std::result::Result<Option<Regex>, String> {
    for line in source.lines() {
        if let Some(rest) = line.trim().strip_prefix(EXPECT_STDERR) {
            return Regex::new(rest.trim()).map(Some).map_err(|e| format!("bad {EXPECT_STDERR} pattern: {e}"));
        }
    }
    Ok(None)
}

fn first_lines(s: &str) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).take(6).collect();
    lines.join(" | ")
}

/// A digest of the notebook's cell types and sources (not its outputs), as
/// text to feed a hash: the render cache is keyed on it.
pub fn source_digest(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    let mut out = String::new();
    for cell in cells(&nb, path)? {
        out.push_str(cell.get("cell_type").and_then(|t| t.as_str()).unwrap_or(""));
        out.push('\u{1e}');
        out.push_str(&text_of(cell.get("source").unwrap_or(&Value::Null)));
        out.push('\u{1f}');
    }
    Ok(out)
}

/// The chapter title of a notebook: its first markdown heading.
pub fn title(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    for cell in cells(&nb, path)? {
        if cell.get("cell_type").and_then(|t| t.as_str()) == Some("markdown") {
            let src = text_of(cell.get("source").unwrap_or(&Value::Null));
            if let Some(h) = src.lines().find_map(|l| l.trim().strip_prefix('#')) {
                return Ok(h.trim_start_matches('#').trim().to_owned());
            }
        }
    }
    Ok(path.file_stem().and_then(|s| s.to_str()).unwrap_or("notebook").to_owned())
}

/// The index page of the rendered notebooks: a list of chapters linking to
/// `<stem>.html`.
pub fn index_html(notebooks: &[impl AsRef<Path>]) -> Result<String> {
    let mut items = String::new();
    for nb in notebooks {
        let nb = nb.as_ref();
        let stem = nb.file_stem().and_then(|s| s.to_str()).unwrap_or("notebook");
        items.push_str(&format!(
            "<li><a href=\"{}.html\">{}</a> <small>({}.ipynb)</small></li>\n",
            esc(stem),
            esc(&title(nb)?),
            esc(stem)
        ));
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>newsframe notebooks</title>\n\
<style>body{{font-family:sans-serif;max-width:46em;margin:3em auto;line-height:1.5}}li{{margin:.4em 0}}</style>\n\
</head>\n<body>\n<h1>newsframe notebooks</h1>\n<p>Chapters of a literate analysis of how news outlets word and frame \
the same event. Each chapter was executed on the Rust kernel (evcxr); every finding in its prose is checked by \
code under it.</p>\n<ol>\n{items}</ol>\n</body>\n</html>\n"
    ))
}
