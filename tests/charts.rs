//! The book's chart rules, checked on every chart type: width, font sizes,
//! alt text, legends, the n of each bar or cell, nice ticks, colours, and
//! byte-identical output.

use newsframe::charts::{
    document_structure, dot_plot, heatmap, keyness_bars, rate_scatter, stacked_shares, top_terms, xray, Chart, Heatmap, Palette, CATEGORY,
    OKABE_ITO,
};
use newsframe::prelude::*;
use newsframe::statistics::{dispersion_table, frequency_table, keyness_table, Measure, Ties};
use regex::Regex;

/// A `<text>` element of an SVG.
#[derive(Debug)]
struct Text {
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    text: String,
}

fn texts(svg: &str) -> Vec<Text> {
    let re = Regex::new(r#"<text ([^>]*)>([^<]*)</text>"#).unwrap();
    let attr = |attrs: &str, name: &str| Regex::new(&format!(r#"\b{name}="([^"]*)""#)).unwrap().captures(attrs).map(|c| c[1].to_string());
    re.captures_iter(svg)
        .map(|c| Text {
            x: attr(&c[1], "x").unwrap().parse().unwrap(),
            y: attr(&c[1], "y").unwrap().parse().unwrap(),
            anchor: attr(&c[1], "text-anchor").unwrap_or_else(|| "start".into()),
            size: attr(&c[1], "font-size").unwrap().parse().unwrap(),
            text: html_unescape(c[2].trim()),
        })
        .collect()
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

fn width(svg: &str) -> f64 {
    Regex::new(r#"<svg [^>]*\bwidth="(\d+)""#).unwrap().captures(svg).unwrap()[1].parse().unwrap()
}

fn fills(svg: &str) -> Vec<String> {
    Regex::new(r#"fill="(#[0-9A-Fa-f]{6})""#).unwrap().captures_iter(svg).map(|c| c[1].to_uppercase()).collect()
}

fn hex(c: newsframe::plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The rules every chart of the book keeps.
fn assert_book_rules(chart: &Chart, what: &str) {
    let svg = &chart.svg;
    assert!(width(svg) <= 1000.0, "{what}: {} px wide", width(svg));
    let sizes: Vec<f64> = texts(svg).iter().map(|t| t.size).collect();
    assert!(!sizes.is_empty(), "{what}: no text");
    assert!(sizes.iter().all(|s| *s >= 10.99), "{what}: font sizes {sizes:?}");
    let title = Regex::new(r"<title>([^<]+)</title>").unwrap().captures(svg).map(|c| c[1].to_string());
    let desc = Regex::new(r"<desc>([^<]+)</desc>").unwrap().captures(svg).map(|c| c[1].to_string());
    assert!(title.as_deref().is_some_and(|t| !t.trim().is_empty()), "{what}: no <title>");
    assert!(desc.as_deref().is_some_and(|d| d.split_whitespace().count() >= 8), "{what}: no meaningful <desc>: {desc:?}");
    // The alt text comes first in the SVG.
    let open_end = svg.find('>').unwrap();
    assert!(svg[open_end + 1..].starts_with("<title>"), "{what}: <title> is not the first child");
    assert!(!chart.description().is_empty());
}

/// Whether a list of tick values steps by 1, 2, 2.5 or 5 × 10^k.
fn nice(ticks: &[f64]) -> bool {
    if ticks.len() < 2 {
        return false;
    }
    let step = ticks[1] - ticks[0];
    let mag = 10f64.powf(step.log10().floor());
    let m = step / mag;
    let steps_equal = ticks.windows(2).all(|w| ((w[1] - w[0]) - step).abs() < 1e-9 * step.max(1.0));
    let on_grid = ticks.iter().all(|t| ((t / step) - (t / step).round()).abs() < 1e-6);
    steps_equal && on_grid && [1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|x| (m - x).abs() < 1e-9)
}

fn seeds() -> (Corpus, Palette) {
    let c = Corpus::open("seeds").unwrap();
    let p = Palette::for_corpus(&c, "doc_id").unwrap();
    (c, p)
}

#[test]
fn top_terms_fit_the_page_with_every_outlet_and_their_n() {
    let (c, p) = seeds();
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let f = frequency_table(&t, "doc_id", Ties::Min).unwrap();
    let chart = top_terms(&f, 10, &p).unwrap();
    assert_book_rules(&chart, "top terms");
    // Before: 1,380 px, with the third column of panels (RT) cut off.
    let ts = texts(&chart.svg);
    for outlet in p.groups() {
        assert!(ts.iter().any(|t| t.text == *outlet), "no panel for {outlet}");
        assert!(ts.iter().any(|t| t.x + 8.0 <= width(&chart.svg) && t.text == *outlet));
    }
    // Every bar states its n, and terms tied with an outlet's tenth are
    // drawn too: as many bars as rows ranked at or above each tenth.
    let (groups, ranks) = (f.column("group").unwrap().str().unwrap().clone(), f.column("rank").unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().clone());
    let mut expected = 0;
    for outlet in p.groups() {
        let r: Vec<f64> = (0..f.height()).filter(|&i| groups.get(i) == Some(outlet.as_str())).map(|i| ranks.get(i).unwrap()).collect();
        expected += r.iter().filter(|&&x| x <= r[9]).count();
    }
    assert!(expected > 50, "the seeds have ties at the tenth rank");
    assert_eq!(ts.iter().filter(|t| t.text.contains("(n=")).count(), expected);
    assert!(chart.title.contains("with ties at the last rank"), "{}", chart.title);
    let russia = ts.iter().find(|t| t.text.starts_with("russia")).unwrap();
    assert_eq!(russia.anchor, "end");
    // The legend names the outlets in their colours.
    assert!(ts.iter().any(|t| t.text == "Colour key:"));
    let fs = fills(&chart.svg);
    for outlet in p.groups() {
        assert!(fs.contains(&p.hex(outlet).to_uppercase()), "{outlet} colour missing");
    }
    assert_eq!(chart.svg, top_terms(&f, 10, &p).unwrap().svg, "deterministic");
}

#[test]
fn bar_ticks_are_nice_and_value_labels_stay_clear_of_the_axis_labels() {
    let (c, p) = seeds();
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let k = keyness_table(&t, "doc_id", "rt", Measure::LogRatio).unwrap();
    let chart = keyness_bars(&k, "rt", 10, &p).unwrap();
    assert_book_rules(&chart, "keyness");
    let ts = texts(&chart.svg);
    // The term labels are right-aligned at the left edge of the plot; the
    // value label of the most negative bar must end to the right of it.
    let label_edge = ts.iter().filter(|t| t.anchor == "end" && t.text.parse::<f64>().is_err() && !t.text.starts_with('-')).map(|t| t.x).fold(0.0, f64::max);
    let negatives: Vec<&Text> = ts.iter().filter(|t| t.text.starts_with('-') && t.text.contains("(n=")).collect();
    assert!(!negatives.is_empty());
    for v in &negatives {
        let left = v.x - v.text.chars().count() as f64 * v.size * 0.6;
        assert!(left > label_edge, "`{}` starts at {left}, the term labels end at {label_edge}", v.text);
    }
    // The ticks (11 px numbers under the axis) are nice numbers.
    let ticks: Vec<f64> = ts.iter().filter(|t| (t.size - 11.0).abs() < 0.01).filter_map(|t| t.text.parse().ok()).collect();
    assert!(ticks.len() >= 3 && nice(&ticks), "ticks {ticks:?}");
    // Over-used in RT's colour; under-used in grey, not an outlet colour.
    assert!(fills(&chart.svg).contains(&p.hex("rt").to_uppercase()));
    assert!(ts.iter().any(|t| t.text == "under-used"));
}

#[test]
fn structure_chart_states_n_and_has_a_legend() {
    let (c, p) = seeds();
    let chart = document_structure(&c, "doc_id", &p).unwrap();
    assert_book_rules(&chart, "structure");
    let ts = texts(&chart.svg);
    assert_eq!(ts.iter().filter(|t| t.text.contains("(n=1 doc)")).count(), 20, "5 outlets × 4 panels");
    assert!(ts.iter().any(|t| t.text == "Colour key:"));
}

#[test]
fn heatmap_of_signed_values_is_diverging_centred_on_zero_with_legend_and_n() {
    let df = df!(
        "actor" => ["Putin", "Putin", "Putin", "Tokayev", "Tokayev", "Tokayev"],
        "group" => ["rt", "moscow-post", "daryo", "rt", "moscow-post", "daryo"],
        "mean_compound" => [0.5, -0.25, 0.0, 0.125, -0.5, 0.3],
        "n_sentences" => [4u32, 2, 1, 3, 2, 6]
    )
    .unwrap();
    let (_, p) = seeds();
    let chart = Heatmap::new("Tone", &df, "actor", "group", "mean_compound").column_order(&p).draw().unwrap();
    assert_book_rules(&chart, "heatmap");
    let ts = texts(&chart.svg);
    // n in every cell, from the n_sentences column found on its own.
    for n in ["n=4", "n=2", "n=1", "n=3", "n=6"] {
        assert!(ts.iter().any(|t| t.text == n), "{n} missing");
    }
    assert!(ts.iter().any(|t| t.text.starts_with("Colour key: mean_compound (diverging")), "legend");
    // Negative values are coloured (orange-brown), not white; −0.5 (the
    // largest magnitude) gets the end of the scale, +0.5 the other end.
    let fs = fills(&chart.svg);
    assert!(fs.contains(&"#B35806".to_string()) && fs.contains(&"#2166AC".to_string()), "{fs:?}");
    // Legend ticks are nice and symmetric around 0.
    let ticks: Vec<f64> = ts.iter().filter(|t| (t.size - 11.0).abs() < 0.01).filter_map(|t| t.text.parse().ok()).collect();
    assert!(nice(&ticks) && ticks.contains(&0.0) && ticks.first() == ticks.last().map(|x| -x).as_ref(), "{ticks:?}");
    // Columns in corpus order (moscow-post, rt, daryo), not first-seen.
    let x = |name: &str| ts.iter().find(|t| t.text == name).unwrap().x;
    assert!(x("moscow-post") < x("rt") && x("rt") < x("daryo"));
    let again = Heatmap::new("Tone", &df, "actor", "group", "mean_compound").column_order(&p).draw().unwrap();
    assert_eq!(chart.svg, again.svg);
    // The old function still works, with a sequential scale for counts.
    let counts = heatmap("Counts", &df, "actor", "group", "n_sentences").unwrap();
    assert_book_rules(&counts, "heatmap of counts");
    assert!(texts(&counts.svg).iter().any(|t| t.text == "Colour key: n_sentences"));
}

#[test]
fn voice_shares_show_every_outlet_with_n_and_sides_in_their_own_colours() {
    let (_, p) = seeds();
    // RT has no attributed voice: it has no rows, and must still appear.
    let shares = df!(
        "group" => ["moscow-post", "moscow-post", "world-today-news", "saenko", "saenko", "daryo"],
        "side" => ["Russia", "Kazakhstan", "Russian expert", "Russia", "Kazakhstan", "Kazakhstan"],
        "n" => [3u32, 1, 6, 6, 4, 2],
        "share" => [0.75, 0.25, 1.0, 0.6, 0.4, 1.0]
    )
    .unwrap();
    let chart = stacked_shares("Voices", &shares, "group", "side", "share", &p).unwrap();
    assert_book_rules(&chart, "stacked shares");
    let ts = texts(&chart.svg);
    let y_of = |name: &str| ts.iter().find(|t| t.text == name).map(|t| t.y);
    // Every outlet, in corpus order, RT included, each with its n.
    let ys: Vec<f64> = p.groups().iter().map(|g| y_of(g).unwrap_or_else(|| panic!("{g} missing"))).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
    for n in ["n=4", "n=6", "n=0", "n=10", "n=2"] {
        assert!(ts.iter().any(|t| t.text == n), "{n} missing");
    }
    let rt_n = ts.iter().find(|t| t.text == "n=0").unwrap();
    assert_eq!(Some(rt_n.y), y_of("rt"), "n=0 is RT's");
    assert!(ts.iter().any(|t| t.text == "Colour key: side"));
    // Sides use the category scheme, never an outlet's colour.
    let outlet: Vec<String> = OKABE_ITO.iter().map(|c| hex(*c)).collect();
    let category: Vec<String> = CATEGORY.iter().map(|c| hex(*c)).collect();
    let used: Vec<String> = fills(&chart.svg).into_iter().filter(|f| f != "#FFFFFF" && f != "#000000").collect();
    assert!(used.iter().any(|f| category.contains(f)));
    assert!(used.iter().all(|f| !outlet.contains(f)), "an outlet colour on a side: {used:?}");
    assert_eq!(chart.svg, stacked_shares("Voices", &shares, "group", "side", "share", &p).unwrap().svg);
}

#[test]
fn dot_plot_has_nice_ticks_and_keeps_equal_values_apart() {
    let (_, p) = seeds();
    let groups = ["moscow-post", "world-today-news", "rt", "saenko", "daryo"];
    let mut g = vec![];
    let mut cat = vec![];
    let mut v = vec![];
    let mut n = vec![];
    for (i, c) in ["hedges", "boosters"].iter().enumerate() {
        for (j, d) in groups.iter().enumerate() {
            g.push(*d);
            cat.push(*c);
            // Four outlets at 0 in the first row (the old plot drew them on one spot).
            v.push(if i == 0 && j > 0 { 0.0 } else { 7.5488 / (j + 1) as f64 });
            n.push((i * 5 + j) as u32);
        }
    }
    let df = df!("category" => cat, "group" => g, "per_1000" => v, "n" => n).unwrap();
    let chart = dot_plot("Stance", &df, "category", "group", "per_1000", "per 1,000 words", &p).unwrap();
    assert_book_rules(&chart, "dot plot");
    let ts = texts(&chart.svg);
    let ticks: Vec<f64> = ts.iter().filter(|t| (t.size - 11.0).abs() < 0.01 && t.y > 200.0).filter_map(|t| t.text.parse().ok()).collect();
    assert_eq!(ticks, [0.0, 2.0, 4.0, 6.0, 8.0], "before: 0, 1.8872, 3.7744, 5.6616, 7.5488");
    // Ten dots, at ten different places: the zeros do not hide each other.
    let dots: Vec<(String, String)> = Regex::new(r#"<circle cx="(\d+)" cy="(\d+)""#)
        .unwrap()
        .captures_iter(&chart.svg)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let mut distinct = dots.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), dots.len(), "overlapping dots: {dots:?}");
    assert!(dots.len() >= 10);
    // The n of every dot, and a legend of the outlets.
    for k in 0..10 {
        assert!(ts.iter().any(|t| t.text == k.to_string() && (t.size - 11.0).abs() < 0.01), "n {k} missing");
    }
    assert!(ts.iter().any(|t| t.text.starts_with("Colour key: group")));
    // Outlet colours are the palette's, the same as on every other chart.
    let fs = fills(&chart.svg);
    for d in groups {
        assert!(fs.contains(&p.hex(d).to_uppercase()));
    }
    assert_eq!(p.color("rt"), OKABE_ITO[2]);
}

#[test]
fn dispersion_and_scatter_keep_the_rules() {
    let (c, p) = seeds();
    let all = Tokens::new(&c, &Tokenizer::words());
    let d = dispersion_table(&all, &["west", "sanctions"]).unwrap();
    let x = xray(&d, &["west", "sanctions"], &p).unwrap();
    assert_book_rules(&x, "x-ray");
    // Each row states its n: the occurrences of the term in the document.
    let west_mp = count_where(&d, &[("feature", "west"), ("doc_id", "moscow-post")]).unwrap();
    assert!(west_mp > 0);
    assert!(texts(&x.svg).iter().any(|t| t.text == format!("moscow-post (n={west_mp})")));
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let s = rate_scatter(&t, "doc_id", "world-today-news", 4, 5, &p).unwrap();
    assert_book_rules(&s, "scatter");
    assert!(s.description().contains("terms seen at least 4 times"));
}

#[test]
fn nice_ticks_step_by_one_two_two_and_a_half_or_five() {
    for (lo, hi) in [(0.0, 7.5488), (-6.62, 3.1), (0.0, 0.0031), (0.0, 116.8), (-0.61, 0.61), (3.0, 3.0)] {
        let t = newsframe::charts::nice_ticks(lo, hi, 4);
        assert!(nice(&t), "{lo}..{hi}: {t:?}");
        assert!(t[0] <= lo && *t.last().unwrap() >= hi, "{lo}..{hi}: {t:?}");
    }
}

#[test]
fn top_terms_name_their_denominator_and_each_panels_n() {
    let (c, p) = seeds();
    let t = Tokens::new(&c, &Tokenizer::words().remove_stopwords("en").unwrap());
    let f = frequency_table(&t, "doc_id", Ties::Min).unwrap();
    let chart = newsframe::charts::top_terms_per(&f, 10, &p, "non-stopword tokens").unwrap();
    assert_book_rules(&chart, "top terms per non-stopword tokens");
    assert!(chart.title.contains("per 10,000 non-stopword tokens"), "{}", chart.title);
    // Each panel gives the tokens its rates divide by: the group's total.
    let ts = texts(&chart.svg);
    for (outlet, toks) in t.iter() {
        let caption = format!("{} (n = {})", outlet.id, toks.len());
        assert!(ts.iter().any(|x| x.text == caption), "no caption {caption}");
    }
}
