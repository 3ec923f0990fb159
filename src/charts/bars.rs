//! Horizontal bar charts, as small multiples: one panel a measure, one bar a
//! group, each group in its palette colour.

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use super::{chart_error, Chart, Palette, FONT};
use crate::corpus::{segment, Corpus};
use crate::display::format_float;
use crate::error::Result;

const PANEL_WIDTH: u32 = 460;

/// One panel of horizontal bars: a caption, and bars from top to bottom,
/// each with a label, a value and a colour.
#[derive(Clone, Debug)]
pub struct BarPanel {
    /// The panel caption.
    pub caption: String,
    /// `(label, value, colour)`, top to bottom.
    pub bars: Vec<(String, f64, RGBColor)>,
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
        })
        .collect();
    bar_panels(title, &panels, 2)
}

/// Draws bar panels in a grid of `columns` columns. Values may be negative
/// (diverging bars): the axis then spans both sides of zero.
pub fn bar_panels(title: &str, panels: &[BarPanel], columns: usize) -> Result<String> {
    let n = panels.iter().map(|p| p.bars.len()).max().unwrap_or(1).max(1);
    let cols = columns.clamp(1, panels.len().max(1));
    let rows = panels.len().div_ceil(cols).max(1);
    let panel_h = 70 + 26 * n as u32;
    let (w, h) = (PANEL_WIDTH * cols as u32, 40 + panel_h * rows as u32);
    let label_w = 16 + 7 * panels
        .iter()
        .flat_map(|p| p.bars.iter().map(|b| shorten(&b.0, 24).chars().count()))
        .max()
        .unwrap_or(4) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let root = root.titled(title, (FONT, 20)).map_err(chart_error)?;
        let areas = root.split_evenly((rows, cols));
        for (area, panel) in areas.iter().zip(panels) {
            let max = panel.bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
            let min = panel.bars.iter().map(|b| b.1).fold(0.0_f64, f64::min);
            let xmax = if max > 0.0 { max * 1.25 } else if min < 0.0 { 0.0 } else { 1.0 };
            let xmin = if min < 0.0 { min * 1.25 } else { 0.0 };
            let shown: Vec<String> = panel.bars.iter().map(|b| shorten(&b.0, 24)).collect();
            let k = panel.bars.len().max(1);
            let mut chart = ChartBuilder::on(area)
                .caption(&panel.caption, (FONT, 15))
                .margin(10)
                .x_label_area_size(26)
                .y_label_area_size(label_w)
                .build_cartesian_2d(xmin..xmax, (0..k as i32).into_segmented())
                .map_err(chart_error)?;
            let y_names = |v: &SegmentValue<i32>| match v {
                SegmentValue::CenterOf(i) if (*i as usize) < k => shown.get(k - 1 - *i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            };
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_labels(5)
                .x_label_formatter(&|x| format_float(*x))
                .y_labels(k)
                .y_label_formatter(&y_names)
                .label_style((FONT, 12))
                .draw()
                .map_err(chart_error)?;
            let bars = panel.bars.iter().enumerate().map(|(j, (_, v, c))| {
                let i = (k - 1 - j) as i32;
                let mut r = Rectangle::new([(0.0, SegmentValue::Exact(i)), (*v, SegmentValue::Exact(i + 1))], c.filled());
                r.set_margin(4, 4, 0, 0);
                r
            });
            chart.draw_series(bars).map_err(chart_error)?;
            let values_text = panel.bars.iter().enumerate().map(|(j, (_, v, _))| {
                let i = (k - 1 - j) as i32;
                let anchor = if *v < 0.0 { HPos::Right } else { HPos::Left };
                let style = TextStyle::from((FONT, 12).into_font()).pos(Pos::new(anchor, VPos::Center));
                let text = if *v < 0.0 { format!("{} ", format_value(*v)) } else { format!(" {}", format_value(*v)) };
                Text::new(text, (*v, SegmentValue::CenterOf(i)), style)
            });
            chart.draw_series(values_text).map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else if v.abs() < 10.0 { format!("{v:.2}") } else { format!("{v:.1}") }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
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
    let svg = small_multiple_bars(&title, &groups_in_order, &panels, palette)?;
    let data = DataFrame::new_infer_height(vec![
        Column::new("group".into(), g_col),
        Column::new("n_docs".into(), n_col),
        Column::new("measure".into(), m_col),
        Column::new("value".into(), v_col),
    ])?;
    Ok(Chart { title, svg, data })
}
