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
    assert_eq!(top.data.height(), 25);
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
