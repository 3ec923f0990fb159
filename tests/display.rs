//! What a reader sees: escaped HTML tables, charts with fixed colours, and
//! byte-for-byte deterministic output.

use newsframe::charts::{document_structure, Palette, OKABE_ITO};
use newsframe::prelude::*;

#[test]
fn script_in_article_text_comes_out_escaped_in_the_html_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.txt"), "A <b>title</b>\nSee <script>alert('x')</script> & more.\n").unwrap();
    let corpus = Corpus::open(dir.path()).unwrap();
    let html = Table::new(corpus.documents().unwrap()).to_html();
    assert!(!html.contains("<script>"), "raw script tag in {html}");
    assert!(!html.contains("<b>title"), "raw markup in {html}");
    assert!(html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt; &amp; more."), "{html}");
    assert!(html.contains("A &lt;b&gt;title&lt;&#x2F;b&gt;"));
}

#[test]
fn html_table_has_a_row_limit_and_a_shape_line() {
    let corpus = Corpus::open("seeds").unwrap();
    let html = Table::new(corpus.sentences().unwrap()).max_rows(3).to_html();
    assert_eq!(html.matches("<tr>").count(), 4, "header + 3 rows");
    let n = corpus.sentences().unwrap().height();
    assert!(html.contains(&format!("shape: {n} rows × 6 columns, first 3 shown")), "{html}");
    let full = Table::new(corpus.documents().unwrap()).to_html();
    assert!(full.contains("shape: 5 rows × 16 columns</small>"));
}

#[test]
fn palette_gives_each_outlet_a_fixed_colour() {
    let corpus = Corpus::open("seeds").unwrap();
    let p = Palette::for_corpus(&corpus, "doc_id").unwrap();
    assert_eq!(p.groups(), ["moscow-post", "world-today-news", "rt", "saenko", "daryo"]);
    assert_eq!(p.color("moscow-post"), OKABE_ITO[0]);
    assert_eq!(p.hex("daryo"), "#e69f00");
    assert_eq!(p.hex("saenko"), "#cc79a7");
    // A palette built from a subset would shift colours; the corpus palette does not.
    assert_eq!(p.color("daryo"), Palette::for_corpus(&corpus, "doc_id").unwrap().color("daryo"));
    let e = Palette::for_corpus(&corpus, "bias").unwrap_err();
    assert!(e.to_string().contains("no column `bias` to group by"), "{e}");
}

#[test]
fn structure_chart_is_deterministic_svg_with_its_data() {
    let corpus = Corpus::open("seeds").unwrap();
    let p = Palette::for_corpus(&corpus, "doc_id").unwrap();
    let a = document_structure(&corpus, "doc_id", &p).unwrap();
    let b = document_structure(&corpus, "doc_id", &p).unwrap();
    assert_eq!(a.svg, b.svg);
    assert!(a.svg.starts_with("<svg") && a.svg.contains("#0072B2"));
    assert_eq!(a.data.height(), 5 * 4);
    // The data behind the chart matches the documents table.
    let docs = corpus.documents().unwrap();
    let words: Vec<u32> = docs.column("n_words").unwrap().u32().unwrap().iter().map(Option::unwrap).collect();
    let values: Vec<f64> = a.data.column("value").unwrap().f64().unwrap().iter().map(Option::unwrap).collect();
    assert_eq!(values[0], words[0] as f64, "first row: moscow-post words per document");
}

#[test]
fn chart_labels_are_escaped_in_svg() {
    let p = Palette::new(["<script>x</script>"]);
    let svg = newsframe::charts::small_multiple_bars("A & B", &["<script>x</script>".to_string()], &[("n".into(), vec![1.0])], &p).unwrap();
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("A &amp; B"));
}

#[test]
fn term_charts_carry_their_data_and_are_deterministic() {
    use newsframe::charts::{keyness_bars, rate_scatter, top_terms, xray};
    use newsframe::statistics::{dispersion_table, frequency_table, keyness_table, Measure, Ties};
    use newsframe::tokens::{Tokenizer, Tokens};
    let c = Corpus::open("seeds").unwrap();
    let p = Palette::for_corpus(&c, "doc_id").unwrap();
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let f = frequency_table(&t, "doc_id", Ties::Min).unwrap();
    let top = top_terms(&f, 5, &p).unwrap();
    // Five a panel, and the terms tied with the fifth: every row of the
    // frequency table ranked at or above its group's fifth.
    let (groups, ranks) = (f.column("group").unwrap().str().unwrap().clone(), f.column("rank").unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().clone());
    let expected: usize = p
        .groups()
        .iter()
        .map(|g| {
            let r: Vec<f64> = (0..f.height()).filter(|&i| groups.get(i) == Some(g.as_str())).map(|i| ranks.get(i).unwrap()).collect();
            r.iter().filter(|&&x| x <= r[4]).count()
        })
        .sum();
    assert!(expected > 25, "the seeds have ties at the fifth rank");
    assert_eq!(top.data.height(), expected);
    assert_eq!(top.svg, top_terms(&f, 5, &p).unwrap().svg);
    let k = keyness_table(&t, "doc_id", "rt", Measure::G2).unwrap();
    let bars = keyness_bars(&k, "rt", 5, &p).unwrap();
    let g2: Vec<f64> = bars.data.column("G2").unwrap().f64().unwrap().iter().map(Option::unwrap).collect();
    assert_eq!(g2.len(), 10);
    assert!(g2[..5].iter().all(|x| *x > 0.0) && g2[5..].iter().all(|x| *x < 0.0));
    assert!(bars.svg.contains(&p.hex("rt").to_uppercase()[1..]) || bars.svg.contains(&p.hex("rt")[1..]));
    let all = Tokens::new(&c, &Tokenizer::words());
    let d = dispersion_table(&all, &["west", "sanctions"]).unwrap();
    let rel: Vec<f64> = d.column("relative_position").unwrap().f64().unwrap().iter().map(Option::unwrap).collect();
    assert!(rel.iter().all(|x| (0.0..=1.0).contains(x)));
    let x = xray(&d, &["west", "sanctions"], &p).unwrap();
    assert_eq!(x.data.height(), d.height());
    let s = rate_scatter(&t, "doc_id", "world-today-news", 4, 5, &p).unwrap();
    let lr: Vec<f64> = s.data.column("log_ratio").unwrap().f64().unwrap().iter().map(Option::unwrap).collect();
    assert!(!lr.is_empty() && lr.iter().all(|v| v.is_finite()));
    assert!(s.svg.contains("tokaev"));
}

#[test]
fn cited_rows_come_first_in_full_and_are_never_cut_by_the_row_limit() {
    let corpus = Corpus::open("seeds").unwrap();
    let sentences = corpus.sentences().unwrap();
    let n = sentences.height();
    assert!(n > 40);
    // Cite the last sentence of Daryo, far below any row limit.
    let last_daryo = texts_where(&sentences, &[("doc_id", "daryo")], "text").unwrap().pop().unwrap();
    let long = texts_where(&sentences, &[], "text").unwrap().into_iter().find(|t| t.chars().count() > 200).expect("a long sentence");
    let html = Table::new(sentences.clone()).max_rows(5).max_chars(40).highlight("text", &[last_daryo.as_str(), long.as_str()]).to_html();
    let cited = html.matches("<tr class=\"cited\"").count();
    assert_eq!(cited, 2, "{html}");
    assert_eq!(html.matches("<tr").count(), 1 + 5, "header, 2 cited rows, then 3 more");
    // Cited rows are first, and their text is not cut.
    let body = &html[html.find("<tbody>").unwrap()..];
    let rows: Vec<&str> = body.split("<tr").skip(1).collect();
    assert!(rows[0].starts_with(" class=\"cited\"") && rows[1].starts_with(" class=\"cited\"") && rows[2].starts_with('>'), "{body}");
    assert!(html.contains(&newsframe::display::esc(&long)), "the long cited sentence in full");
    assert!(html.contains(&format!("shape: {n} rows × 6 columns, 2 cited rows first (shaded), 5 shown")), "{html}");
    // A citation that matches nothing is named, not dropped.
    let html = Table::new(sentences.clone()).highlight("doc_id", &["bbc"]).highlight("speaker", &["x"]).to_html();
    assert!(html.contains("no row has doc_id = bbc"), "{html}");
    assert!(html.contains("cannot cite by `speaker`: no column `speaker`"), "{html}");
    // More cited rows than the limit: all of them are shown.
    let all_daryo = Table::new(sentences.clone()).max_rows(3).highlight("doc_id", &["daryo"]).to_html();
    let daryo_n = count_where(&sentences, &[("doc_id", "daryo")]).unwrap();
    assert_eq!(all_daryo.matches("<tr class=\"cited\"").count(), daryo_n);
}

#[test]
fn text_columns_wrap_instead_of_stretching_the_page() {
    let corpus = Corpus::open("seeds").unwrap();
    let html = Table::new(corpus.sentences().unwrap()).max_rows(2).to_html();
    assert!(html.contains("overflow-x:auto"), "the table scrolls inside its box, not the page");
    let text_cell = regex::Regex::new(r#"<td style="([^"]*)">"#).unwrap();
    let styles: Vec<String> = text_cell.captures_iter(&html).map(|c| c[1].to_string()).collect();
    assert!(styles.iter().any(|s| s.contains("white-space:normal") && s.contains("max-width:36em")), "{styles:?}");
    assert!(styles.iter().any(|s| s.contains("text-align:right")), "numbers stay right-aligned");
}

#[test]
fn results_and_lists_have_an_html_display() {
    use newsframe::display::{list_html, Show};
    // These compile only because `Show` covers them: evcxr calls
    // `.evcxr_display()` on a cell's last expression.
    let df = df!("a" => [1, 2]).unwrap();
    let ok: newsframe::Result<DataFrame> = Ok(df.clone());
    ok.evcxr_display();
    let polars_ok: PolarsResult<DataFrame> = df.select(["a"]);
    polars_ok.evcxr_display();
    vec!["x".to_string()].evcxr_display();
    let html = list_html(&["<b>moscow-post</b>: possible", "rt: west"]);
    assert!(html.contains("<li>&lt;b&gt;moscow-post&lt;&#x2F;b&gt;: possible</li>") && html.contains("2 items"), "{html}");
}

#[test]
fn the_render_guard_fails_a_dataframe_shown_as_text() {
    // The output evcxr wrote for `voices.select([...])?` in the first cell
    // that used `?` (chapter 6, before notebooks/evcxr.toml).
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("text-table.ipynb");
    let cell = |src: &str, out: serde_json::Value| serde_json::json!({"cell_type": "code", "execution_count": 1, "metadata": {}, "source": src, "outputs": [out]});
    let text = serde_json::json!({"output_type": "execute_result", "execution_count": 1, "metadata": {},
        "data": {"text/plain": "shape: (65, 8)\n┌────────┬──────┐\n│ doc_id ┆ kind │\n└────────┴──────┘"}});
    let closing = serde_json::json!({"output_type": "stream", "name": "stdout", "text": "✓ chapter complete: 0 findings checked, all hold\n"});
    let doc = serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [cell("voices.select([\"doc_id\", \"kind\"])?", text), cell("newsframe::chapter_complete();", closing.clone())]});
    std::fs::write(&nb, doc.to_string()).unwrap();
    let e = newsframe::notebook::check(&nb).unwrap_err().to_string();
    assert!(e.contains("a DataFrame shown as text"), "{e}");
    // The same cell with the HTML table passes.
    let html = serde_json::json!({"output_type": "execute_result", "execution_count": 1, "metadata": {},
        "data": {"text/html": "<table></table>", "text/plain": "shape: (65, 8)\n┌"}});
    let doc = serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [cell("voices", html), cell("newsframe::chapter_complete();", closing)]});
    std::fs::write(&nb, doc.to_string()).unwrap();
    newsframe::notebook::check(&nb).unwrap();
}

#[test]
fn finding_helpers_keep_a_check_to_one_line() {
    let corpus = Corpus::open("seeds").unwrap();
    assert_eq!(corpus.doc("daryo").unwrap().n_words(), corpus.get("daryo").unwrap().n_words());
    let e = corpus.doc("bbc").unwrap_err().to_string();
    assert!(e.contains("`bbc`") && e.contains("moscow-post, world-today-news, rt, saenko, daryo"), "{e}");
    let docs = corpus.documents().unwrap();
    let words = value_where(&docs, &[("doc_id", "daryo")], "n_words").unwrap();
    assert_eq!(words, corpus.doc("daryo").unwrap().n_words() as f64);
    assert_eq!(count_where(&docs, &[]).unwrap(), 5);
    assert_eq!(count_where(&docs, &[("doc_id", "rt")]).unwrap(), 1);
    assert_eq!(values_where(&docs, &[("doc_id", "rt")], "n_words").unwrap(), [corpus.doc("rt").unwrap().n_words() as f64]);
    let e = count_where(&docs, &[("bias", "left")]).unwrap_err().to_string();
    assert!(e.contains("no column `bias`"), "{e}");
    // The old name keeps working, and agrees with value_where.
    let t = Tokens::new(&corpus, &Tokenizer::words());
    let f = frequency_table(&t, "doc_id", Ties::Min).unwrap();
    let a = value_of(&f, Some("rt"), "the", "frequency").unwrap();
    let b = value_where(&f, &[("group", "rt"), ("feature", "the")], "frequency").unwrap();
    assert_eq!(a, b);
    assert!(a > 10.0);
    let e = value_of(&f, Some("rt"), "zzz", "frequency").unwrap_err().to_string();
    assert!(e.contains("no `zzz` in group `rt`"), "{e}");
}

/// The outputs of one notebook executed by the real kernel (evcxr_jupyter
/// 0.22.0, `jupyter nbconvert --to notebook --execute`) in a folder without
/// and with `notebooks/evcxr.toml`: cell 1 defines a type with an
/// `evcxr_display` method and a `Debug` impl; cell 2 uses `?` for the first
/// time and ends in `mk()?`; cell 3 ends in `mk()?` again.
fn executed_outputs(folder: &str) -> Vec<Vec<String>> {
    let path = format!("tests/fixtures/evcxr-display/{folder}/first-question-mark.ipynb");
    let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    nb["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outputs"].as_array().unwrap().iter().flat_map(|o| o["data"].as_object().into_iter().flat_map(|d| d.keys().cloned())).collect())
        .collect()
}

#[test]
fn evcxr_shows_the_first_question_mark_cell_as_html_only_with_the_books_evcxr_toml() {
    // Without the prelude, evcxr treats the rejected `?` of the last
    // expression as a failed `.evcxr_display()` and prints `{:?}`.
    assert_eq!(executed_outputs("without-toml")[1], ["text/plain"]);
    assert_eq!(executed_outputs("without-toml")[2], ["text/html"]);
    // With it, `?` support is on from the start.
    assert_eq!(executed_outputs("with-toml")[1], ["text/html"]);
    assert_eq!(executed_outputs("with-toml")[2], ["text/html"]);
    // The configuration that was executed is the one the book ships.
    assert_eq!(
        std::fs::read_to_string("tests/fixtures/evcxr-display/with-toml/evcxr.toml").unwrap(),
        std::fs::read_to_string("notebooks/evcxr.toml").unwrap()
    );
}
