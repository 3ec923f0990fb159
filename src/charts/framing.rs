//! Charts of framing: heatmaps (frame × outlet, actor × outlet, actor
//! co-occurrence), stacked bars of voice share, and dot plots of stance
//! rates. Each returns a [`Chart`] with the table it was drawn from.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use super::{chart_error, f64s, Chart, Palette, FONT, OKABE_ITO, OVERFLOW};
use crate::error::Result;

fn strs(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(crate::display::get_column(df, name)?.cast(&DataType::String)?.str()?.iter().map(|v| v.unwrap_or("").to_string()).collect())
}

/// A white SVG canvas of `size` pixels with `title` in its top-left corner.
fn titled_canvas<'a>(svg: &'a mut String, size: (i32, i32), title: &str) -> Result<DrawingArea<SVGBackend<'a>, plotters::coord::Shift>> {
    let root = SVGBackend::with_string(svg, (size.0 as u32, size.1 as u32)).into_drawing_area();
    root.fill(&WHITE).map_err(chart_error)?;
    root.draw_text(title, &(FONT, 16).into_font().color(&BLACK), (10, 8)).map_err(chart_error)?;
    Ok(root)
}

/// Distinct values in first-seen order.
fn distinct(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for x in v {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Approximate text width in pixels (no font backend: see the module docs
/// of [`crate::charts`]).
fn text_width(s: &str, size: f64) -> i32 {
    (s.chars().count() as f64 * size * 0.55) as i32
}

/// A cell's label: integers as integers, other values to 1 decimal (2
/// below 1 in absolute value); the exact values are in the chart's data.
fn cell_label(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// A heatmap of `value` by `rows` × `columns` of a tidy table: one cell a
/// pair, shaded from white (0) to dark blue (the maximum), with the value
/// written in it (rounded; see `cell_label`). Rows and columns keep the table's first-seen order.
/// Missing pairs are blank.
pub fn heatmap(title: &str, df: &DataFrame, rows: &str, columns: &str, value: &str) -> Result<Chart> {
    let (r, c, v) = (strs(df, rows)?, strs(df, columns)?, f64s(df, value)?);
    let (rn, cn) = (distinct(&r), distinct(&c));
    let max = v.iter().copied().filter(|x| x.is_finite()).fold(0.0_f64, f64::max);
    let label_w = rn.iter().map(|s| text_width(s, 12.0)).max().unwrap_or(40) + 16;
    let cell_w = cn.iter().map(|s| text_width(s, 11.0)).max().unwrap_or(40).clamp(56, 120);
    let cell_h = 22;
    let (top, width) = (64, label_w + cell_w * cn.len() as i32 + 20);
    let height = top + cell_h * rn.len() as i32 + 20;
    let mut svg = String::new();
    {
        let root = titled_canvas(&mut svg, (width, height), title)?;
        let head = (FONT, 11).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Bottom));
        for (j, name) in cn.iter().enumerate() {
            let x = label_w + cell_w * j as i32 + cell_w / 2;
            root.draw_text(name, &head, (x, top - 6)).map_err(chart_error)?;
        }
        let left = (FONT, 12).into_font().color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, name) in rn.iter().enumerate() {
            root.draw_text(name, &left, (label_w - 8, top + cell_h * i as i32 + cell_h / 2)).map_err(chart_error)?;
        }
        for k in 0..r.len() {
            let (i, j) = (rn.iter().position(|x| *x == r[k]).expect("row"), cn.iter().position(|x| *x == c[k]).expect("column"));
            let t = if max > 0.0 && v[k].is_finite() { (v[k] / max).clamp(0.0, 1.0) } else { 0.0 };
            // White to Okabe-Ito blue (0, 114, 178).
            let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
            let fill = RGBColor(mix(255.0, 0.0), mix(255.0, 114.0), mix(255.0, 178.0));
            let (x0, y0) = (label_w + cell_w * j as i32, top + cell_h * i as i32);
            root.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], fill.filled())).map_err(chart_error)?;
            root.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], RGBColor(220, 220, 220).stroke_width(1))).map_err(chart_error)?;
            let ink = if t > 0.55 { WHITE } else { BLACK };
            let label = cell_label(v[k]);
            let font = (FONT, 11).into_font().color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
            root.draw_text(&label, &font, (x0 + cell_w / 2, y0 + cell_h / 2)).map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(Chart { title: title.to_string(), svg, data: df.clone() })
}

/// Stacked horizontal bars of shares: one bar a group (in palette order),
/// one segment a part (`part` column), widths from `share` (summing to 1
/// per group). Parts get fixed colours in first-seen order.
pub fn stacked_shares(title: &str, df: &DataFrame, group: &str, part: &str, share: &str, palette: &Palette) -> Result<Chart> {
    let (g, p, s) = (strs(df, group)?, strs(df, part)?, f64s(df, share)?);
    let groups: Vec<String> = palette.groups().iter().filter(|x| g.contains(x)).cloned().collect();
    let parts = distinct(&p);
    let colour = |k: usize| if k < OKABE_ITO.len() { OKABE_ITO[k] } else { OVERFLOW };
    let label_w = groups.iter().map(|x| text_width(x, 12.0)).max().unwrap_or(40) + 16;
    let (bar_w, bar_h, top) = (420, 24, 44);
    let legend_y = top + (bar_h + 8) * groups.len() as i32 + 10;
    let height = legend_y + 22 * parts.len().div_ceil(3) as i32 + 10;
    let width = label_w + bar_w + 30;
    let mut svg = String::new();
    {
        let root = titled_canvas(&mut svg, (width, height), title)?;
        let left = (FONT, 12).into_font().color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, name) in groups.iter().enumerate() {
            let y = top + (bar_h + 8) * i as i32;
            root.draw_text(name, &left, (label_w - 8, y + bar_h / 2)).map_err(chart_error)?;
            let mut x = label_w;
            for (k, pn) in parts.iter().enumerate() {
                let Some(row) = (0..g.len()).find(|&r| g[r] == *name && p[r] == *pn) else { continue };
                let w = (s[row] * bar_w as f64).round() as i32;
                root.draw(&Rectangle::new([(x, y), (x + w, y + bar_h)], colour(k).filled())).map_err(chart_error)?;
                if w > 28 {
                    let f = (FONT, 10).into_font().color(&WHITE).pos(Pos::new(HPos::Center, VPos::Center));
                    root.draw_text(&format!("{:.0}%", 100.0 * s[row]), &f, (x + w / 2, y + bar_h / 2)).map_err(chart_error)?;
                }
                x += w;
            }
        }
        for (k, pn) in parts.iter().enumerate() {
            let (x, y) = (label_w + 150 * (k % 3) as i32, legend_y + 22 * (k / 3) as i32);
            root.draw(&Rectangle::new([(x, y), (x + 12, y + 12)], colour(k).filled())).map_err(chart_error)?;
            root.draw_text(pn, &(FONT, 11).into_font().color(&BLACK), (x + 16, y)).map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(Chart { title: title.to_string(), svg, data: df.clone() })
}

/// A dot plot: one row a category (first-seen order), one dot per group in
/// its palette colour at `value` on a shared axis from 0.
pub fn dot_plot(title: &str, df: &DataFrame, category: &str, group: &str, value: &str, axis: &str, palette: &Palette) -> Result<Chart> {
    let (c, g, v) = (strs(df, category)?, strs(df, group)?, f64s(df, value)?);
    let cats = distinct(&c);
    let max = v.iter().copied().filter(|x| x.is_finite()).fold(0.0_f64, f64::max).max(1e-9) * 1.1;
    let label_w = cats.iter().map(|x| text_width(x, 12.0)).max().unwrap_or(40) + 16;
    let (plot_w, row_h, top) = (460, 26, 44);
    let axis_y = top + row_h * cats.len() as i32;
    let groups: Vec<String> = palette.groups().iter().filter(|x| g.contains(x)).cloned().collect();
    let legend_y = axis_y + 40;
    let height = legend_y + 22 * groups.len().div_ceil(3) as i32 + 10;
    let width = label_w + plot_w + 30;
    let mut svg = String::new();
    {
        let root = titled_canvas(&mut svg, (width, height), title)?;
        let x_of = |val: f64| label_w + (val / max * plot_w as f64).round() as i32;
        let left = (FONT, 12).into_font().color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, name) in cats.iter().enumerate() {
            let y = top + row_h * i as i32 + row_h / 2;
            root.draw_text(name, &left, (label_w - 8, y)).map_err(chart_error)?;
            root.draw(&PathElement::new(vec![(label_w, y), (label_w + plot_w, y)], RGBColor(225, 225, 225))).map_err(chart_error)?;
        }
        for k in 0..c.len() {
            if !v[k].is_finite() {
                continue;
            }
            let i = cats.iter().position(|x| *x == c[k]).expect("category");
            let y = top + row_h * i as i32 + row_h / 2;
            root.draw(&Circle::new((x_of(v[k]), y), 5, palette.color(&g[k]).filled())).map_err(chart_error)?;
        }
        root.draw(&PathElement::new(vec![(label_w, axis_y), (label_w + plot_w, axis_y)], BLACK)).map_err(chart_error)?;
        let tick = (FONT, 10).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
        for t in 0..=4 {
            let val = max / 1.1 * t as f64 / 4.0;
            root.draw_text(&crate::display::format_float(val), &tick, (x_of(val), axis_y + 4)).map_err(chart_error)?;
        }
        let cap = (FONT, 11).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw_text(axis, &cap, (label_w + plot_w / 2, axis_y + 20)).map_err(chart_error)?;
        for (k, name) in groups.iter().enumerate() {
            let (x, y) = (label_w + 160 * (k % 3) as i32, legend_y + 22 * (k / 3) as i32);
            root.draw(&Circle::new((x + 6, y + 6), 5, palette.color(name).filled())).map_err(chart_error)?;
            root.draw_text(name, &(FONT, 11).into_font().color(&BLACK), (x + 16, y)).map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(Chart { title: title.to_string(), svg, data: df.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_text_and_are_deterministic() {
        let df = df!("g" => ["a<b", "a<b", "c"], "k" => ["x", "y", "x"], "v" => [1.0, 0.5, 2.0]).unwrap();
        let p = Palette::new(["a<b", "c"]);
        let h1 = heatmap("T & <t>", &df, "k", "g", "v").unwrap();
        let h2 = heatmap("T & <t>", &df, "k", "g", "v").unwrap();
        assert_eq!(h1.svg, h2.svg);
        assert!(!h1.svg.contains("<t>") && !h1.svg.contains("a<b"));
        let s = stacked_shares("s", &df, "g", "k", "v", &p).unwrap();
        assert!(s.svg.contains("<rect"));
        let d = dot_plot("d", &df, "k", "g", "v", "per 1,000 words", &p).unwrap();
        assert!(d.svg.contains("<circle"));
        assert_eq!(d.data.height(), 3);
        assert_eq!([cell_label(2.0), cell_label(11.2269), cell_label(-0.3126), cell_label(f64::NAN)], ["2", "11.2", "-0.31", ""]);
    }
}
