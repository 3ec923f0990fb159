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
//! - it printed `✗` at the start of a stdout line (a failed `check!`);
//! - it showed a DataFrame as polars' text dump rather than as an HTML
//!   table (evcxr's `{:?}` fallback; see [`crate::display`]).
//!
//! And the notebook fails when its last code cell did not print the
//! [`CHAPTER_COMPLETE`](crate::CHAPTER_COMPLETE) marker of
//! [`chapter_complete`](crate::chapter_complete): evcxr can lose the stderr of
//! the last cell at kernel shutdown, so a closing cell is required. Its
//! count of checked findings must equal the number of `✓` lines the cells
//! printed.
//!
//! And it fails when a cell tagged `solution` (`metadata.tags`) does not
//! follow an exercise: the renderer collapses such cells under a
//! "Solution" disclosure (`scripts/nbconvert/newsframe`), so each must sit
//! right after its exercise (a markdown cell naming an `Exercise`) or after
//! another solution cell.
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
    solution_placement(&cells(&nb, path)?, path)?;
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
                        if let Some(plain) = text_dataframe(data) {
                            return Err(fail(format!(
                                "a DataFrame shown as text, not as an HTML table (evcxr fell back to `{{:?}}`; see notebooks/evcxr.toml): {}",
                                first_lines(&plain)
                            )));
                        }
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

/// The tag that marks a cell as an exercise's solution.
pub const SOLUTION_TAG: &str = "solution";

fn is_solution(cell: &Value) -> bool {
    cell.pointer("/metadata/tags").and_then(|t| t.as_array()).is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(SOLUTION_TAG)))
}

/// Every `solution` cell follows its exercise (a markdown cell that
/// mentions `Exercise`) or another solution cell. The error names the cell
/// by its place among all cells (markdown counted).
fn solution_placement(cells: &[Value], path: &Path) -> Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if !is_solution(cell) {
            continue;
        }
        let ok = i > 0 && {
            let prev = &cells[i - 1];
            is_solution(prev)
                || (prev.get("cell_type").and_then(|t| t.as_str()) == Some("markdown")
                    && text_of(prev.get("source").unwrap_or(&Value::Null)).contains("Exercise"))
        };
        if !ok {
            return Err(Error::field(
                path,
                None,
                format!("cell {} (counting markdown cells)", i + 1),
                "a cell tagged `solution` must follow its exercise (a markdown cell with `**Exercise N.**`) or another solution cell",
            ));
        }
    }
    Ok(())
}

/// How many cells of a notebook are tagged `solution`.
pub fn solution_cells(path: impl AsRef<Path>) -> Result<usize> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    Ok(cells(&nb, path)?.iter().filter(|c| is_solution(c)).count())
}

/// The text of a rich output that is polars' text dump of a DataFrame
/// (`shape: (r, c)` and a box-drawn table) with no HTML alternative.
fn text_dataframe(data: &serde_json::Map<String, Value>) -> Option<String> {
    if data.contains_key("text/html") || data.contains_key("image/svg+xml") {
        return None;
    }
    let plain = text_of(data.get("text/plain")?);
    (plain.trim_start().starts_with("shape: (") && plain.contains('┌')).then_some(plain)
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

/// A digest of the notebook's code cells only (their sources, in order):
/// what its execution depends on besides the crate. The render cache is
/// keyed on it, so an edit to the prose alone does not re-execute the
/// chapter ([`restore_outputs`] puts the cached outputs under the edited
/// prose).
pub fn code_digest(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    let mut out = String::new();
    for cell in cells(&nb, path)? {
        if cell.get("cell_type").and_then(|t| t.as_str()) == Some("code") {
            out.push_str(&text_of(cell.get("source").unwrap_or(&Value::Null)));
            out.push('\u{1f}');
        }
    }
    Ok(out)
}

/// Copies the outputs and execution counts of the code cells of an
/// executed notebook `from` into the notebook `into`, whose code cells must
/// have the same sources in the same order (its markdown may differ).
/// Returns how many code cells were filled.
pub fn restore_outputs(from: impl AsRef<Path>, into: impl AsRef<Path>) -> Result<usize> {
    let (from, into) = (from.as_ref(), into.as_ref());
    let executed = read_notebook(from)?;
    let mut target = read_notebook(into)?;
    let code = |cells: Vec<Value>| -> Vec<Value> { cells.into_iter().filter(|c| c.get("cell_type").and_then(|t| t.as_str()) == Some("code")).collect() };
    let done = code(cells(&executed, from)?);
    let n_target = code(cells(&target, into)?).len();
    if done.len() != n_target {
        return Err(Error::field(into, None, "cells", format!("{} code cells, but the executed copy {} has {}", n_target, from.display(), done.len())));
    }
    let list = target.get_mut("cells").and_then(|c| c.as_array_mut()).ok_or_else(|| Error::field(into, None, "cells", "not a notebook: no `cells` list"))?;
    let mut k = 0;
    for cell in list.iter_mut().filter(|c| c.get("cell_type").and_then(|t| t.as_str()) == Some("code")) {
        let src = |c: &Value| text_of(c.get("source").unwrap_or(&Value::Null));
        if src(cell) != src(&done[k]) {
            return Err(Error::field(into, None, format!("code cell {}", k + 1), format!("its source differs from the executed copy {}", from.display())));
        }
        for key in ["outputs", "execution_count"] {
            cell[key] = done[k].get(key).cloned().unwrap_or(Value::Null);
        }
        k += 1;
    }
    // As nbformat writes it (one-space indent), so that a restored chapter
    // diffs cleanly against an executed one.
    let mut text = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut text, serde_json::ser::PrettyFormatter::with_indent(b" "));
    serde::Serialize::serialize(&target, &mut ser).map_err(|e| Error::field(into, None, "notebook", e.to_string()))?;
    text.push(b'\n');
    std::fs::write(into, text).map_err(|e| Error::io(into, e))?;
    Ok(k)
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

/// The checked findings of an executed notebook: the `✓` lines its cells
/// printed (the closing tally is not one of them).
pub fn checked_findings(path: impl AsRef<Path>) -> Result<usize> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    let mut n = 0;
    for cell in cells(&nb, path)? {
        if cell.get("cell_type").and_then(|t| t.as_str()) != Some("code") {
            continue;
        }
        for out in cell.get("outputs").and_then(|o| o.as_array()).map(Vec::as_slice).unwrap_or(&[]) {
            if out.get("output_type").and_then(|t| t.as_str()) == Some("stream") && out.get("name").and_then(|n| n.as_str()) == Some("stdout") {
                let text = out.get("text").map(text_of).unwrap_or_default();
                n += text.lines().filter(|l| l.starts_with("✓ ") && !l.contains(crate::CHAPTER_COMPLETE)).count();
            }
        }
    }
    Ok(n)
}

/// The chapter's summary: the first paragraph of its first markdown cell
/// that is not a heading (with the list after it, when it ends in a colon),
/// as markdown.
pub fn summary(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let nb = read_notebook(path)?;
    for cell in cells(&nb, path)? {
        if cell.get("cell_type").and_then(|t| t.as_str()) == Some("markdown") {
            let src = text_of(cell.get("source").unwrap_or(&Value::Null));
            let blocks: Vec<&str> = src.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
            let Some(i) = blocks.iter().position(|p| !p.starts_with('#')) else { return Ok(String::new()) };
            // A paragraph that introduces a list ("This chapter:") keeps it.
            let end = if blocks[i].ends_with(':') && i + 1 < blocks.len() { i + 2 } else { i + 1 };
            return Ok(blocks[i..end].join("\n\n"));
        }
    }
    Ok(String::new())
}

/// Markdown as HTML (CommonMark with tables and heading ids, by
/// pulldown-cmark). Raw HTML in the markdown is escaped, not passed
/// through.
pub fn markdown_html(md: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(md, options).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// The name of the glossary page beside the index.
pub const GLOSSARY_PAGE: &str = "glossary.html";

const PAGE_STYLE: &str = "body{font-family:sans-serif;max-width:46em;margin:3em auto;padding:0 1em;line-height:1.5}\
li{margin:.4em 0}code{background:#f4f4f4;padding:0 .2em}.findings{color:#555}\
h2{margin-bottom:.2em}h2 a{text-decoration:none}ul.chapters{list-style:none;padding-left:0}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// The index page of the rendered notebooks: a list of chapters linking to
/// `<stem>.html`, each with its summary and its count of checked findings.
pub fn index_html(notebooks: &[impl AsRef<Path>]) -> Result<String> {
    index_page(notebooks, false)
}

/// The index page; with `glossary`, it links to [`GLOSSARY_PAGE`].
pub fn index_page(notebooks: &[impl AsRef<Path>], glossary: bool) -> Result<String> {
    let mut items = String::new();
    let mut total = 0;
    for nb in notebooks {
        let nb = nb.as_ref();
        let stem = nb.file_stem().and_then(|s| s.to_str()).unwrap_or("notebook");
        let n = checked_findings(nb)?;
        total += n;
        items.push_str(&format!(
            "<li>\n<h2><a href=\"{}.html\">{}</a></h2>\n{}<p class=\"findings\"><small>{} finding{} checked · <code>{}.ipynb</code></small></p>\n</li>\n",
            esc(stem),
            esc(&title(nb)?),
            markdown_html(&summary(nb)?),
            n,
            if n == 1 { "" } else { "s" },
            esc(stem)
        ));
    }
    let glossary_link = if glossary {
        format!("<p>Terms used in the chapters (log ratio, G², MTLD, Krippendorff's α, …) are defined in the <a href=\"{GLOSSARY_PAGE}\">glossary</a>.</p>\n")
    } else {
        String::new()
    };
    Ok(page(
        "newsframe notebooks",
        &format!(
            "<h1>newsframe notebooks</h1>\n<p>Chapters of a literate analysis of how news outlets word and frame \
the same event. Each chapter was executed on the Rust kernel (evcxr); every finding it computes is checked by \
code under it ({total} checks in all), and figures quoted from VALIDATION.md are cited, not re-run.</p>\n{glossary_link}<ul class=\"chapters\">\n{items}</ul>\n"
        ),
    ))
}

/// The glossary page, from a markdown file (one `##` heading a term).
pub fn glossary_html(source: impl AsRef<Path>) -> Result<String> {
    let source = source.as_ref();
    let md = std::fs::read_to_string(source).map_err(|e| Error::io(source, e))?;
    if !md.lines().any(|l| l.starts_with("## ")) {
        return Err(Error::field(source, None, "glossary", "no terms: a glossary has one `## term` heading per term"));
    }
    Ok(page("Glossary · newsframe notebooks", &format!("<p><a href=\"index.html\">← chapters</a></p>\n{}", markdown_html(&md))))
}

/// What is wrong with a rendered site: each problem names its page.
///
/// Without a browser it checks, on every `.html` page of `dir`:
/// - every local link and image (`href`, `src`) points to a file that
///   exists, and every `#fragment` link within a page to an `id` on it;
/// - no `<img>` lacks its source and no `<svg>` is empty (a missing chart);
/// - no chart (an inline `<svg>`, or one embedded as an `<img>` data URI)
///   is wider than [`crate::charts::MAX_WIDTH`], and every embedded chart
///   has alt text (see [`chart_alt_text`]);
/// - no DataFrame is shown as polars' text dump;
/// - every solution cell (class `celltag_solution`) sits in a closed
///   `<details class="solution">` that starts with its `<summary>`;
/// - `index.html` exists.
///
/// With `chromium` (a path to the browser), it also opens each page
/// headless at 1,280 × 900 and reports a page wider than the window (its
/// `scrollWidth`), a chart wider than the box it sits in (which the
/// notebook's output area would cut off or scroll), an image the
/// browser could not load, and a solution cell the browser shows before the
/// reader opens its disclosure.
pub fn site_problems(dir: impl AsRef<Path>, chromium: Option<&Path>) -> Result<Vec<String>> {
    let dir = dir.as_ref();
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    let mut problems = vec![];
    if !dir.join("index.html").is_file() {
        problems.push(format!("{}: no index.html", dir.display()));
    }
    let link = Regex::new(r#"(?i)\b(href|src)\s*=\s*"([^"]*)""#).expect("regex");
    let ids = Regex::new(r#"\bid\s*=\s*"([^"]*)""#).expect("regex");
    let svg_open = Regex::new(r#"(?s)<svg\b([^>]*)>(.*?)</svg>"#).expect("regex");
    let width = Regex::new(r#"\bwidth\s*=\s*"(\d+(?:\.\d+)?)(px)?""#).expect("regex");
    let img = Regex::new(r#"(?i)<img\b[^>]*>"#).expect("regex");
    for page in &pages {
        let name = page.display();
        let html = std::fs::read_to_string(page).map_err(|e| Error::io(page, e))?;
        let page_ids: std::collections::HashSet<String> =
            ids.captures_iter(&html).map(|c| html_escape::decode_html_entities(&c[1]).into_owned()).collect();
        for c in link.captures_iter(&html) {
            let target = html_escape::decode_html_entities(&c[2]).into_owned();
            if target.is_empty() {
                if c[1].eq_ignore_ascii_case("src") {
                    problems.push(format!("{name}: an element with an empty src (a missing chart or image)"));
                }
                continue;
            }
            if let Some(frag) = target.strip_prefix('#') {
                if !frag.is_empty() && !page_ids.contains(frag) && !page_ids.contains(&percent_decode(frag)) {
                    problems.push(format!("{name}: broken link `{target}`: no element with that id on the page"));
                }
                continue;
            }
            if target.starts_with("//") || target.split(['/', '#', '?']).next().is_some_and(|first| first.contains(':')) {
                continue; // another scheme (https:, data:, mailto:) or host
            }
            let file = percent_decode(target.split(['#', '?']).next().unwrap_or(""));
            if !file.is_empty() && !page.parent().unwrap_or(dir).join(&file).exists() {
                problems.push(format!("{name}: broken link `{target}`: no file {}", dir.join(&file).display()));
            }
        }
        for (k, tag) in img.find_iter(&html).enumerate() {
            let tag = tag.as_str();
            if !tag.to_ascii_lowercase().contains("src=") {
                problems.push(format!("{name}: an <img> without a src (a missing chart)"));
                continue;
            }
            if let Some(svg) = embedded_svg(tag) {
                let alt = attribute(tag, "alt").unwrap_or_default();
                if alt.trim().is_empty() || alt == NBCONVERT_NO_ALT {
                    problems.push(format!("{name}: image {} (a chart) has no alt text", k + 1));
                }
                let open = svg.find('>').map(|i| &svg[..i]).unwrap_or("");
                if let Some(w) = width.captures(open).and_then(|w| w[1].parse::<f64>().ok()) {
                    if w > crate::charts::MAX_WIDTH as f64 {
                        problems.push(format!("{name}: image {} (a chart) is {w} px wide (at most {} px fit the page)", k + 1, crate::charts::MAX_WIDTH));
                    }
                }
            }
        }
        for (k, c) in svg_open.captures_iter(&html).enumerate() {
            let inner = c[2].trim();
            if !inner.contains('<') {
                problems.push(format!("{name}: chart {} is an empty <svg>", k + 1));
            }
            if let Some(w) = width.captures(&c[1]).and_then(|w| w[1].parse::<f64>().ok()) {
                if w > crate::charts::MAX_WIDTH as f64 {
                    problems.push(format!("{name}: chart {} is {w} px wide (at most {} px fit the page)", k + 1, crate::charts::MAX_WIDTH));
                }
            }
        }
        if html.contains("shape: (") && html.contains('┌') {
            problems.push(format!("{name}: a DataFrame is shown as text, not as an HTML table"));
        }
        problems.extend(uncollapsed_solutions(&html).into_iter().map(|p| format!("{name}: {p}")));
    }
    if let Some(browser) = chromium {
        for page in &pages {
            problems.extend(browser_problems(browser, page)?);
        }
    }
    Ok(problems)
}

/// Solution cells (nbconvert marks a cell tagged `solution` with the
/// class `celltag_solution`) that are not inside a closed `<details
/// class="solution">` with a `<summary>`: each is reported by its number
/// on the page.
fn uncollapsed_solutions(html: &str) -> Vec<String> {
    let token = Regex::new(r#"(?i)<details\b([^>]*)>|</details\s*>|class="[^"]*\bcelltag_solution\b[^"]*""#).expect("regex");
    let class = Regex::new(r#"(?i)\bclass\s*=\s*"[^"]*\bsolution\b[^"]*""#).expect("regex");
    let open_attr = Regex::new(r#"(?i)\sopen(\s|=|$)"#).expect("regex");
    // The open <details> elements: (is a solution disclosure, starts open).
    let mut stack: Vec<(bool, bool)> = vec![];
    let mut problems = vec![];
    let mut k = 0;
    for m in token.captures_iter(html) {
        let t = m.get(0).map_or("", |t| t.as_str());
        if let Some(attrs) = m.get(1) {
            let solution = class.is_match(attrs.as_str());
            if solution && !html[m.get(0).map_or(0, |t| t.end())..].trim_start().to_ascii_lowercase().starts_with("<summary") {
                problems.push(format!("a solution disclosure without a <summary> first: {t}"));
            }
            stack.push((solution, open_attr.is_match(attrs.as_str())));
        } else if t.starts_with("</") {
            stack.pop();
        } else {
            k += 1;
            match stack.iter().rev().find(|(solution, _)| *solution) {
                None => problems.push(format!("solution cell {k} is shown, not collapsed under a \"Solution\" disclosure")),
                Some((_, true)) => problems.push(format!("solution cell {k} is in a disclosure that starts open")),
                Some(_) => {}
            }
        }
    }
    problems
}

/// The alt text nbconvert gives an image that has none.
pub const NBCONVERT_NO_ALT: &str = "No description has been provided for this image";

/// An attribute of an HTML start tag, unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(r#"(?i)\s{name}\s*=\s*"([^"]*)""#)).expect("regex");
    re.captures(tag).map(|c| html_escape::decode_html_entities(&c[1]).into_owned())
}

/// The SVG of an `<img src="data:image/svg+xml;base64,…">` tag (how
/// nbconvert embeds a chart).
fn embedded_svg(tag: &str) -> Option<String> {
    use base64::Engine;
    let src = attribute(tag, "src")?;
    let data = src.strip_prefix("data:image/svg+xml;base64,")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(data.trim()).ok()?;
    String::from_utf8(bytes).ok()
}

/// The text of the first `<name>…</name>` element of an SVG, unescaped.
fn svg_element(svg: &str, name: &str) -> Option<String> {
    let start = svg.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + svg[start..].find(&format!("</{name}>"))?;
    Some(html_escape::decode_html_entities(&svg[start..end]).trim().to_owned())
}

/// Gives every chart nbconvert embedded in a rendered page (`<img
/// src="data:image/svg+xml;base64,…">`) the alt text of its SVG: its
/// `<title>` and `<desc>`. nbconvert otherwise writes "No description has
/// been provided for this image". Returns the page and how many charts got
/// alt text.
pub fn chart_alt_text(html: &str) -> (String, usize) {
    let img = Regex::new(r#"(?i)<img\b[^>]*>"#).expect("regex");
    let alt_attr = Regex::new(r#"(?i)\salt\s*=\s*"[^"]*""#).expect("regex");
    let mut n = 0;
    let out = img.replace_all(html, |c: &regex::Captures| {
        let tag = &c[0];
        let Some(svg) = embedded_svg(tag) else { return tag.to_string() };
        let text: Vec<String> = ["title", "desc"].iter().filter_map(|e| svg_element(&svg, e)).filter(|t| !t.is_empty()).collect();
        if text.is_empty() {
            return tag.to_string();
        }
        n += 1;
        let alt = format!(" alt=\"{}\"", esc(&text.join(": ")));
        let without = alt_attr.replace_all(tag, "");
        without.replacen("<img", &format!("<img{alt}"), 1)
    });
    (out.into_owned(), n)
}

/// `%20` and friends decoded (for file names in links).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The width of a viewport the pages must fit.
pub const VIEWPORT_WIDTH: u32 = 1280;

/// Opens `page` in headless Chromium and reports a page wider than the
/// viewport and images that failed to load. The page is copied into a
/// temporary folder with a `<base>` pointing back at its own folder and a
/// script that writes what it measured into the DOM, which `--dump-dom`
/// prints.
fn browser_problems(browser: &Path, page: &Path) -> Result<Vec<String>> {
    let name = page.display().to_string();
    let abs = std::fs::canonicalize(page).map_err(|e| Error::io(page, e))?;
    let html = std::fs::read_to_string(&abs).map_err(|e| Error::io(&abs, e))?;
    let folder = abs.parent().unwrap_or(Path::new("/"));
    let base = format!("<base href=\"file://{}/\">", esc(&folder.display().to_string()));
    let probe = "<script>(function(){var d=document.documentElement;\
function m(){d.setAttribute('data-newsframe-width',String(d.scrollWidth));\
var bad=[];for(var i=0;i<document.images.length;i++){var im=document.images[i];if(im.complete&&im.naturalWidth===0){bad.push(im.getAttribute('src')||'');}}\
d.setAttribute('data-newsframe-broken',bad.join(' | '));\
var cut=[],svgs=document.querySelectorAll('svg, img');for(var k=0;k<svgs.length;k++){var s=svgs[k],p=s.parentElement;\
if(p&&s.getBoundingClientRect().width>p.clientWidth+1){cut.push(String(k+1)+' ('+Math.round(s.getBoundingClientRect().width)+' px in '+p.clientWidth+' px)');}}\
d.setAttribute('data-newsframe-clipped',cut.join(', '));\
var shown=[],sol=document.querySelectorAll('.celltag_solution');for(var j=0;j<sol.length;j++){var e=sol[j];if(e.checkVisibility?e.checkVisibility():e.getClientRects().length>0){shown.push(String(j+1));}}\
d.setAttribute('data-newsframe-solutions-shown',shown.join(', '));}m();window.addEventListener('load',m);})();</script>";
    let with_base = match html.find("<head>") {
        Some(i) => format!("{}{base}{}", &html[..i + 6], &html[i + 6..]),
        None => format!("{base}{html}"),
    };
    let probed = match with_base.rfind("</body>") {
        Some(i) => format!("{}{probe}{}", &with_base[..i], &with_base[i..]),
        None => format!("{with_base}{probe}"),
    };
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let tmp = std::env::temp_dir().join(format!("newsframe-site-{}-{}", std::process::id(), RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst)));
    std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let result = (|| -> Result<Vec<String>> {
        let copy = tmp.join("page.html");
        std::fs::write(&copy, probed).map_err(|e| Error::io(&copy, e))?;
        let out_path = tmp.join("dom.html");
        let out = std::fs::File::create(&out_path).map_err(|e| Error::io(&out_path, e))?;
        let mut child = std::process::Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--allow-file-access-from-files",
                "--run-all-compositor-stages-before-draw",
                "--virtual-time-budget=5000",
                &format!("--window-size={VIEWPORT_WIDTH},900"),
                &format!("--user-data-dir={}", tmp.join("profile").display()),
                "--dump-dom",
            ])
            .arg(format!("file://{}", copy.display()))
            .stdout(out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| Error::io(browser, e))?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
        loop {
            if child.try_wait().map_err(|e| Error::io(browser, e))?.is_some() {
                break;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(vec![format!("{name}: chromium did not finish within 90 s")]);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let dom = std::fs::read_to_string(&out_path).map_err(|e| Error::io(&out_path, e))?;
        let mut problems = vec![];
        let attr = |key: &str| {
            Regex::new(&format!(r#"{key}="([^"]*)""#)).expect("regex").captures(&dom).map(|c| html_escape::decode_html_entities(&c[1]).into_owned())
        };
        match attr("data-newsframe-width").and_then(|w| w.parse::<u32>().ok()) {
            Some(w) if w > VIEWPORT_WIDTH => problems.push(format!("{name}: the page is {w} px wide in a {VIEWPORT_WIDTH} px window")),
            Some(_) => {}
            None => problems.push(format!("{name}: chromium did not report the page's width")),
        }
        if let Some(bad) = attr("data-newsframe-broken").filter(|b| !b.is_empty()) {
            problems.push(format!("{name}: images that did not load: {bad}"));
        }
        if let Some(cut) = attr("data-newsframe-clipped").filter(|b| !b.is_empty()) {
            problems.push(format!("{name}: charts wider than their place on the page (cut off or scrolled): {cut}"));
        }
        if let Some(shown) = attr("data-newsframe-solutions-shown").filter(|b| !b.is_empty()) {
            problems.push(format!("{name}: solution cells visible before the reader opens them: {shown}"));
        }
        Ok(problems)
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// The browser to check pages with: `$NEWSFRAME_CHROMIUM`, or `chromium`
/// (or `chromium-browser`) on `PATH`.
pub fn find_chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("NEWSFRAME_CHROMIUM") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}
