//! The rendered site: the index, the glossary, and the site check (broken
//! links, missing charts, pages too wide for a 1,280 px window).
//!
//! The checks on the real `rendered/` folder need `bash scripts/render.sh`
//! to have run, and the browser checks need `chromium` on PATH (render.sh
//! installs it); without them those tests say so and pass.

use std::path::Path;

use newsframe::notebook::{self, checked_findings, find_chromium, glossary_html, index_page, site_problems};

const CHAPTERS: [&str; 9] = [
    "notebooks/00-your-corpus.ipynb",
    "notebooks/01-corpus.ipynb",
    "notebooks/02-term-frequencies.ipynb",
    "notebooks/03-keyness-collocations-kwic.ipynb",
    "notebooks/04-actors-and-naming.ipynb",
    "notebooks/05-framing.ipynb",
    "notebooks/06-voices-and-stance.ipynb",
    "notebooks/07-claims-across-sources.ipynb",
    "notebooks/08-a-new-event-basil.ipynb",
];

/// The tally the chapter's closing cell printed: `✓ chapter complete: N findings checked`.
fn closing_tally(path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.rfind("chapter complete: ").expect("closing cell output");
    text[at + "chapter complete: ".len()..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn index_lists_every_chapter_with_its_summary_and_checked_findings() {
    let html = index_page(&CHAPTERS, true).unwrap();
    for nb in CHAPTERS {
        let stem = Path::new(nb).file_stem().unwrap().to_str().unwrap();
        assert!(html.contains(&format!("<a href=\"{stem}.html\">")), "no link to {stem}");
        let n = checked_findings(nb).unwrap();
        assert_eq!(n, closing_tally(nb), "{nb}: the ✓ lines and the closing tally disagree");
        assert!(n > 0);
        assert!(html.contains(&format!("{n} findings checked · <code>{stem}.ipynb</code>")), "{stem}: count missing");
    }
    // A summary is the first paragraph of the first markdown cell, as HTML.
    assert!(html.contains("Two questions about any news text: <strong>whose words does it carry</strong>"), "chapter 6 summary");
    assert!(html.contains("<a href=\"glossary.html\">glossary</a>"));
    assert!(!index_page(&CHAPTERS, false).unwrap().contains("glossary.html"));
}

#[test]
fn glossary_defines_every_term_the_book_uses() {
    let html = glossary_html("notebooks/glossary.md").unwrap();
    let headings: Vec<String> = regex::Regex::new(r"<h2[^>]*>([^<]*)</h2>")
        .unwrap()
        .captures_iter(&html)
        .map(|c| c[1].replace("&#39;", "'").replace("&amp;", "&"))
        .collect();
    for term in [
        "Log ratio", "PMI", "G²", "χ²", "MTLD", "MATTR", "SMOG", "ARI", "Flesch", "Keyness", "Collocation", "KWIC", "Frame", "Precision",
        "Recall", "F1", "Krippendorff's α", "Holm", "Benjamini–Hochberg",
    ] {
        assert!(headings.iter().any(|h| h.starts_with(term)), "no heading for {term} in {headings:?}");
    }
    assert!(html.contains("<h2 id=\"log-ratio\">"), "terms have anchors");
    assert!(html.contains("<a href=\"index.html\">"));
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("g.md");
    std::fs::write(&empty, "just prose\n").unwrap();
    let e = glossary_html(&empty).unwrap_err().to_string();
    assert!(e.contains("g.md") && e.contains("`## term`"), "{e}");
}

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>")).unwrap();
}

#[test]
fn site_check_finds_broken_links_missing_charts_wide_charts_and_text_tables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "index.html", "<a href=\"one.html\">one</a> <a href=\"two.html#top\">two</a> <a href=\"https://example.org/x\">web</a> <a href=\"#here\">here</a><p id=\"here\"></p>");
    write(d, "one.html", "<h1 id=\"top\">One</h1><svg width=\"920\" height=\"10\"><title>t</title><rect/></svg><a href=\"index.html\">up</a>");
    let problems = site_problems(d, None).unwrap();
    let expected = format!("{}: broken link `two.html#top`: no file {}", d.join("index.html").display(), d.join("two.html").display());
    assert_eq!(problems, [expected]);
    write(d, "two.html", "<p id=\"top\"></p><a href=\"#nowhere\">x</a><img src=\"chart.svg\"><img alt=\"no source\"><svg width=\"1380\" height=\"700\"><rect/></svg><svg width=\"10\"></svg><pre>shape: (65, 8)\n┌──┐</pre>");
    let problems = site_problems(d, None).unwrap();
    let has = |s: &str| problems.iter().any(|p| p.contains("two.html") && p.contains(s));
    assert!(has("broken link `#nowhere`"), "{problems:?}");
    assert!(has("broken link `chart.svg`"), "{problems:?}");
    assert!(has("an <img> without a src"), "{problems:?}");
    assert!(has("chart 1 is 1380 px wide"), "{problems:?}");
    assert!(has("chart 2 is an empty <svg>"), "{problems:?}");
    assert!(has("a DataFrame is shown as text"), "{problems:?}");
    assert_eq!(problems.len(), 6, "{problems:?}");
    std::fs::remove_file(d.join("index.html")).unwrap();
    assert!(site_problems(d, None).unwrap().iter().any(|p| p.ends_with("no index.html")));
}

#[test]
fn in_chromium_a_page_wider_than_the_window_fails() {
    let Some(chromium) = find_chromium() else {
        eprintln!("skipped: no chromium on PATH (scripts/render.sh installs it; or set NEWSFRAME_CHROMIUM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("pixel.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>").unwrap();
    write(d, "index.html", "<p>fits</p><img src=\"pixel.svg\" alt=\"a pixel\"><table><tr><td style=\"white-space:normal;max-width:36em\">a long text that wraps in its cell</td></tr></table>");
    assert_eq!(site_problems(d, Some(&chromium)).unwrap(), Vec::<String>::new());
    write(d, "wide.html", "<div style=\"width:2000px\">too wide</div><a href=\"index.html\">up</a>");
    let problems = site_problems(d, Some(&chromium)).unwrap();
    assert!(problems.iter().any(|p| p.contains("wide.html: the page is 20") && p.contains("px wide in a 1280 px window")), "{problems:?}");
    std::fs::remove_file(d.join("wide.html")).unwrap();
    // A chart wider than its output box (the box scrolls; the page does not).
    write(d, "cut.html", "<div style=\"width:300px;overflow-x:auto\"><svg width=\"600\" height=\"20\"><rect width=\"600\" height=\"20\"/></svg></div>");
    let problems = site_problems(d, Some(&chromium)).unwrap();
    assert!(problems.iter().any(|p| p.contains("cut.html: charts wider than their place") && p.contains("600 px in 300 px")), "{problems:?}");
    // The book's charts shrink to fit their box (max-width:100%).
    write(d, "cut.html", "<div style=\"width:300px;overflow-x:auto\"><svg style=\"max-width:100%;height:auto\" width=\"600\" height=\"20\"><rect width=\"600\" height=\"20\"/></svg></div>");
    assert_eq!(site_problems(d, Some(&chromium)).unwrap(), Vec::<String>::new());
    std::fs::remove_file(d.join("pixel.svg")).unwrap();
    let problems = site_problems(d, Some(&chromium)).unwrap();
    assert!(problems.iter().any(|p| p.contains("index.html") && p.contains("pixel.svg")), "{problems:?}");
}

#[test]
fn the_rendered_site_passes_the_site_check() {
    let dir = Path::new("rendered");
    if !dir.join("index.html").is_file() {
        eprintln!("skipped: rendered/ has not been built (run `bash scripts/render.sh`)");
        return;
    }
    let chromium = find_chromium();
    if chromium.is_none() {
        eprintln!("note: no chromium on PATH; checking rendered/ without a browser");
    }
    let problems = site_problems(dir, chromium.as_deref()).unwrap();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(dir.join(notebook::GLOSSARY_PAGE).is_file());
}

#[test]
fn charts_embedded_by_nbconvert_get_their_alt_text_and_are_checked() {
    use base64::Engine;
    let corpus = newsframe::Corpus::open("seeds").unwrap();
    let palette = newsframe::charts::Palette::for_corpus(&corpus, "doc_id").unwrap();
    let chart = newsframe::charts::document_structure(&corpus, "doc_id", &palette).unwrap();
    let encode = |svg: &str| base64::engine::general_purpose::STANDARD.encode(svg);
    // What nbconvert writes for an image/svg+xml output.
    let page = format!(
        "<html><head></head><body><div class=\"jp-RenderedSVG\"><img alt=\"{}\" src=\"data:image/svg+xml;base64,{}\"></div><img src=\"x.png\" alt=\"kept\"></body></html>",
        notebook::NBCONVERT_NO_ALT,
        encode(&chart.svg)
    );
    let (fixed, n) = notebook::chart_alt_text(&page);
    assert_eq!(n, 1);
    assert!(!fixed.contains(notebook::NBCONVERT_NO_ALT));
    assert!(fixed.contains("<img alt=\"Length and structure by doc_id: Four panels of horizontal bars"), "{}", &fixed[..300.min(fixed.len())]);
    assert!(fixed.contains("alt=\"kept\""));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), &page).unwrap();
    std::fs::write(dir.path().join("x.png"), b"").unwrap();
    let problems = site_problems(dir.path(), None).unwrap();
    assert!(problems.iter().any(|p| p.contains("image 1 (a chart) has no alt text")), "{problems:?}");
    std::fs::write(dir.path().join("index.html"), &fixed).unwrap();
    assert_eq!(site_problems(dir.path(), None).unwrap(), Vec::<String>::new());
    // A chart that is too wide is caught inside its data URI too.
    let wide = format!("<img alt=\"a chart\" src=\"data:image/svg+xml;base64,{}\">", encode("<svg width=\"1380\" height=\"700\" xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"));
    std::fs::write(dir.path().join("index.html"), wide).unwrap();
    let problems = site_problems(dir.path(), None).unwrap();
    assert!(problems.iter().any(|p| p.contains("image 1 (a chart) is 1380 px wide")), "{problems:?}");
}

#[test]
fn site_check_finds_solutions_that_are_not_collapsed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let code = "<div class=\"jp-Cell jp-CodeCell celltag_solution\"><pre>check!(…)</pre></div>";
    let words = "<div class=\"jp-RenderedHTMLCommon jp-MarkdownOutput celltag_solution\"><p>Because …</p></div>";
    write(d, "index.html", &format!("<p>Exercise 1.</p><details class=\"solution\"><summary>Solution</summary>{code}{words}</details><p>Exercise 2.</p><details class=\"solution\">\n<summary>Solution</summary>{words}</details>"));
    assert_eq!(site_problems(d, None).unwrap(), Vec::<String>::new());
    write(d, "one.html", &format!("<p>Exercise 1.</p>{code}<details class=\"solution\" open><summary>Solution</summary>{words}</details><details><summary>More</summary>{words}</details><details class=\"solution\">{words}</details>"));
    let problems = site_problems(d, None).unwrap();
    let has = |s: &str| problems.iter().any(|p| p.contains("one.html") && p.contains(s));
    assert!(has("solution cell 1 is shown, not collapsed"), "{problems:?}");
    assert!(has("solution cell 2 is in a disclosure that starts open"), "{problems:?}");
    assert!(has("solution cell 3 is shown, not collapsed"), "{problems:?}");
    assert!(has("a solution disclosure without a <summary> first"), "{problems:?}");
    assert_eq!(problems.len(), 4, "{problems:?}");
}

#[test]
fn in_chromium_a_solution_shown_before_it_is_opened_fails() {
    let Some(chromium) = find_chromium() else {
        eprintln!("skipped: no chromium on PATH (scripts/render.sh installs it; or set NEWSFRAME_CHROMIUM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "index.html", "<details class=\"solution\"><summary>Solution</summary><div class=\"celltag_solution\">the answer</div></details>");
    assert_eq!(site_problems(d, Some(&chromium)).unwrap(), Vec::<String>::new());
    // The second solution is outside its disclosure: the browser shows it.
    write(d, "index.html", "<details class=\"solution\"><summary>Solution</summary><div class=\"celltag_solution\">the answer</div></details><div class=\"x celltag_solution\">shown</div>");
    let problems = site_problems(d, Some(&chromium)).unwrap();
    assert!(problems.iter().any(|p| p.ends_with("solution cells visible before the reader opens them: 2")), "{problems:?}");
}

/// The Jupyter that renders the book: `$NEWSFRAME_JUPYTER`, or the
/// project's `.venv` that scripts/render.sh creates.
fn jupyter() -> Option<std::path::PathBuf> {
    std::env::var_os("NEWSFRAME_JUPYTER").map(Into::into).or_else(|| Some(Path::new(".venv/bin/jupyter").to_path_buf())).filter(|p| p.is_file())
}

#[test]
fn the_book_template_collapses_solution_cells_and_nbconverts_own_does_not() {
    let Some(jupyter) = jupyter() else {
        eprintln!("skipped: no .venv/bin/jupyter (scripts/render.sh creates it; or set NEWSFRAME_JUPYTER)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let render = |template: &str, out: &Path| {
        let status = std::process::Command::new(&jupyter)
            .args(["nbconvert", "--to", "html", "--TemplateExporter.extra_template_basedirs=scripts/nbconvert", "--template", template, "--output-dir"])
            .arg(out)
            .arg("tests/fixtures/notebooks/solutions.ipynb")
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "nbconvert --template {template} failed");
        std::fs::copy(out.join("solutions.html"), out.join("index.html")).unwrap();
    };
    let ours = dir.path().join("ours");
    render("newsframe", &ours);
    let html = std::fs::read_to_string(ours.join("solutions.html")).unwrap();
    // Three solution cells: the first two (code, then words) share one disclosure.
    assert_eq!(html.matches("<details class=\"solution\"><summary>Solution</summary>").count(), 2, "one disclosure per exercise");
    assert_eq!(html.matches("celltag_solution").count(), 3);
    let chromium = find_chromium();
    assert_eq!(site_problems(&ours, chromium.as_deref()).unwrap(), Vec::<String>::new());
    let plain = dir.path().join("plain");
    render("lab", &plain);
    let problems = site_problems(&plain, chromium.as_deref()).unwrap();
    assert!(problems.iter().any(|p| p.contains("solution cell 1 is shown, not collapsed")), "{problems:?}");
}
