//! Horizontal bar charts, as small multiples: one panel a measure, one bar a
//! group, each group in its palette colour.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use super::layout::{finish, nice_ticks, px, shorten, text_px, tick_label, MAX_WIDTH};
use super::{chart_error, Chart, Palette, FONT};
use crate::corpus::{segment, Corpus};
use crate::error::Result;

/// The widest a panel gets (it is narrower when more columns must fit in
/// [`MAX_WIDTH`]).
const PANEL_WIDTH: i32 = 480;
/// The narrowest a panel may get before the grid drops a column.
const MIN_PANEL_WIDTH: i32 = 300;

/// One panel of horizontal bars: a caption, and bars from top to bottom,
/// each with a label, a value and a colour.
#[derive(Clone, Debug)]
pub struct BarPanel {
    /// The panel caption.
    pub caption: String,
    /// `(label, value, colour)`, top to bottom.
    pub bars: Vec<(String, f64, RGBColor)>,
    /// The n behind each bar, as text written after its value (`n=23`);
    /// empty when the bars have none.
    pub n: Vec<String>,
}

/// Draws one horizontal bar panel per measure. `labels` name the bars (top
/// to bottom) and pick their colours from `palette`; each panel is a
/// measure name and one value per label.
pub fn small_multiple_bars(title: &str, labels: &[String], panels: &[(String, Vec<f64>)], palette: &Palette) -> Result<String> {
    let panels: Vec<BarPanel> = panels
        .iter()
        .map(|(name, values)| BarPanel {
            caption: name.clone(),
            bars: labels.iter().zip(values).map(|(l, v)| (l.clone(), *v, palette.color(l))).collect(),
            n: vec![],
        })
        .collect();
    let legend: Vec<(String, RGBColor)> = labels.iter().map(|l| (l.clone(), palette.color(l))).collect();
    let desc = format!("Horizontal bars of {} for {}.", list(panels.iter().map(|p| p.caption.as_str())), list(labels.iter().map(String::as_str)));
    draw_bars(title, &panels, 2, &legend, &desc)
}

/// Draws bar panels in a grid of `columns` columns (fewer when they would
/// not fit in 1,000 pixels). Values may be negative (diverging bars): the
/// axis then spans both sides of zero.
pub fn bar_panels(title: &str, panels: &[BarPanel], columns: usize) -> Result<String> {
    let desc = format!("Horizontal bars in {} panel{}: {}.", panels.len(), if panels.len() == 1 { "" } else { "s" }, list(panels.iter().map(|p| p.caption.as_str())));
    draw_bars(title, panels, columns, &[], &desc)
}

/// "a, b and c".
pub(crate) fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    match v.len() {
        0 => String::new(),
        1 => v[0].to_owned(),
        n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// The bar grid, with an optional colour legend under it and the alt text
/// `desc`.
pub(crate) fn draw_bars(title: &str, panels: &[BarPanel], columns: usize, legend: &[(String, RGBColor)], desc: &str) -> Result<String> {
    let mut cols = columns.clamp(1, panels.len().max(1)) as i32;
    while cols > 1 && MAX_WIDTH as i32 / cols < MIN_PANEL_WIDTH {
        cols -= 1;
    }
    let panel_w = (MAX_WIDTH as i32 / cols).min(PANEL_WIDTH);
    let width = panel_w * cols;
    let n = panels.iter().map(|p| p.bars.len()).max().unwrap_or(1).max(1) as i32;
    let (bar_step, bar_h, caption_h, axis_h, title_h) = (26, 18, 28, 36, 36);
    let panel_h = caption_h + bar_step * n + axis_h;
    let rows = (panels.len().max(1) as i32 + cols - 1) / cols;
    let per_row = (width / 180).max(1);
    let legend_h = if legend.is_empty() { 0 } else { 26 + 22 * ((legend.len() as i32 + per_row - 1) / per_row) };
    let height = title_h + panel_h * rows + legend_h + 6;
    let max_label = (panel_w as f64 * 0.4) as i32;
    let label_w = panels
        .iter()
        .flat_map(|p| p.bars.iter().map(|b| text_px(&shorten(&b.0, 24), 12.0)))
        .max()
        .unwrap_or(30)
        .min(max_label)
        + 10;
    let font = |size: f64, h: HPos, v: VPos| (FONT, px(size)).into_font().color(&BLACK).pos(Pos::new(h, v));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        root.draw_text(title, &(FONT, px(16.0), FontStyle::Bold).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)), (10, 8))
            .map_err(chart_error)?;
        for (k, panel) in panels.iter().enumerate() {
            let (ox, oy) = (panel_w * (k as i32 % cols), title_h + panel_h * (k as i32 / cols));
            let x0 = ox + label_w + 8;
            let plot_w = panel_w - label_w - 8 - 14;
            let texts: Vec<String> = panel
                .bars
                .iter()
                .enumerate()
                .map(|(j, b)| match panel.n.get(j) {
                    Some(n) if !n.is_empty() => format!("{} ({n})", format_value(b.1)),
                    _ => format_value(b.1),
                })
                .collect();
            let reserve = |neg: bool| {
                panel.bars.iter().zip(&texts).filter(|(b, _)| (b.1 < 0.0) == neg).map(|(_, t)| text_px(t, 12.0) + 8).max().unwrap_or(0)
            };
            let (left_px, right_px) = (reserve(true), reserve(false));
            let lo = panel.bars.iter().map(|b| b.1).filter(|v| v.is_finite()).fold(0.0_f64, f64::min);
            let mut hi = panel.bars.iter().map(|b| b.1).filter(|v| v.is_finite()).fold(0.0_f64, f64::max);
            if hi <= lo {
                hi = lo + 1.0;
            }
            let avail = (plot_w - left_px - right_px).max(40) as f64;
            let scale = avail / (hi - lo);
            let zx = x0 as f64 + left_px as f64 - lo * scale;
            let x_of = |v: f64| (zx + v * scale).round() as i32;
            root.draw_text(&panel.caption, &(FONT, px(13.0), FontStyle::Bold).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)), (ox + 10, oy + 6))
                .map_err(chart_error)?;
            let top = oy + caption_h;
            let axis_y = top + bar_step * n + 4;
            for (j, ((label, v, colour), text)) in panel.bars.iter().zip(&texts).enumerate() {
                let y = top + bar_step * j as i32;
                let cy = y + bar_step / 2;
                let max_chars = ((label_w - 10) as f64 / (12.0 * 0.6)).floor().max(4.0) as usize;
                root.draw_text(&shorten(label, max_chars.min(24)), &font(12.0, HPos::Right, VPos::Center), (x0 - 6, cy)).map_err(chart_error)?;
                if !v.is_finite() {
                    continue;
                }
                let (a, b) = (x_of(0.0).min(x_of(*v)), x_of(0.0).max(x_of(*v)));
                let y0 = y + (bar_step - bar_h) / 2;
                root.draw(&Rectangle::new([(a, y0), (b.max(a + 1), y0 + bar_h)], colour.filled())).map_err(chart_error)?;
                if *v < 0.0 {
                    root.draw_text(text, &font(12.0, HPos::Right, VPos::Center), (a - 4, cy)).map_err(chart_error)?;
                } else {
                    root.draw_text(text, &font(12.0, HPos::Left, VPos::Center), (b + 4, cy)).map_err(chart_error)?;
                }
            }
            let grey = RGBColor(0x77, 0x77, 0x77);
            root.draw(&PathElement::new(vec![(x0, axis_y), (x0 + plot_w, axis_y)], grey)).map_err(chart_error)?;
            if lo < 0.0 {
                root.draw(&PathElement::new(vec![(x_of(0.0), top), (x_of(0.0), axis_y)], grey)).map_err(chart_error)?;
            }
            for t in nice_ticks(lo, hi, 4) {
                let x = x_of(t);
                if x < x0 || x > x0 + plot_w {
                    continue;
                }
                root.draw(&PathElement::new(vec![(x, axis_y), (x, axis_y + 4)], grey)).map_err(chart_error)?;
                root.draw_text(&tick_label(t), &font(11.0, HPos::Center, VPos::Top), (x, axis_y + 6)).map_err(chart_error)?;
            }
        }
        if !legend.is_empty() {
            let ly = title_h + panel_h * rows + 4;
            root.draw_text("Colour key:", &font(12.0, HPos::Left, VPos::Top), (10, ly)).map_err(chart_error)?;
            for (k, (name, colour)) in legend.iter().enumerate() {
                let (x, y) = (10 + 180 * (k as i32 % per_row), ly + 22 + 22 * (k as i32 / per_row));
                root.draw(&Rectangle::new([(x, y + 1), (x + 12, y + 13)], colour.filled())).map_err(chart_error)?;
                root.draw_text(&shorten(name, 22), &font(12.0, HPos::Left, VPos::Top), (x + 17, y)).map_err(chart_error)?;
            }
        }
        root.present().map_err(chart_error)?;
    }
    Ok(finish(svg, title, desc))
}

fn format_value(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if v.fract() == 0.0 {
        tick_label(v)
    } else if v.abs() < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

/// Length and structure of the documents, per group (`group_by` is a
/// metadata column or `doc_id`): mean words, sentences and paragraphs per
/// document, and words per sentence (all words of the group over all its
/// sentences).
///
/// The chart's data has the columns `group`, `n_docs`, `measure`, `value`.
pub fn document_structure(corpus: &Corpus, group_by: &str, palette: &Palette) -> Result<Chart> {
    // Validate the column and fix the group order from the palette.
    let groups_in_order = Palette::for_corpus(corpus, group_by)?.groups().to_vec();
    let mut stats: Vec<[f64; 4]> = vec![[0.0; 4]; groups_in_order.len()];
    for d in corpus.docs() {
        let g = groups_in_order.iter().position(|x| *x == corpus.group_of(d, group_by)).unwrap_or(0);
        let paras = segment::paragraphs(&d.text);
        let s = &mut stats[g];
        s[0] += 1.0;
        s[1] += segment::count_words(&d.text) as f64;
        s[2] += segment::sentences(&d.text, &paras).len() as f64;
        s[3] += paras.len() as f64;
    }
    let measures = ["words per document", "sentences per document", "paragraphs per document", "words per sentence"];
    let mut panels: Vec<(String, Vec<f64>)> = measures.iter().map(|m| (m.to_string(), vec![])).collect();
    let (mut g_col, mut n_col, mut m_col, mut v_col) = (vec![], vec![], vec![], vec![]);
    for (g, s) in groups_in_order.iter().zip(&stats) {
        let values = [s[1] / s[0], s[2] / s[0], s[3] / s[0], if s[2] > 0.0 { s[1] / s[2] } else { 0.0 }];
        for (k, v) in values.iter().enumerate() {
            panels[k].1.push(*v);
            g_col.push(g.clone());
            n_col.push(s[0] as u32);
            m_col.push(measures[k]);
            v_col.push(*v);
        }
    }
    let title = format!("Length and structure by {group_by}");
    let bars: Vec<BarPanel> = panels
        .iter()
        .map(|(name, values)| BarPanel {
            caption: name.clone(),
            bars: groups_in_order.iter().zip(values).map(|(l, v)| (l.clone(), *v, palette.color(l))).collect(),
            n: stats.iter().map(|s| format!("n={} doc{}", s[0], if s[0] == 1.0 { "" } else { "s" })).collect(),
        })
        .collect();
    let legend: Vec<(String, RGBColor)> = groups_in_order.iter().map(|g| (g.clone(), palette.color(g))).collect();
    let desc = format!(
        "Four panels of horizontal bars, one bar per {group_by} ({}): mean words, sentences and paragraphs per document, and words per sentence; n is the number of documents of each.",
        list(groups_in_order.iter().map(String::as_str))
    );
    let svg = draw_bars(&title, &bars, 2, &legend, &desc)?;
    let data = DataFrame::new_infer_height(vec![
        Column::new("group".into(), g_col),
        Column::new("n_docs".into(), n_col),
        Column::new("measure".into(), m_col),
        Column::new("value".into(), v_col),
    ])?;
    Ok(Chart { title, svg, data })
}
