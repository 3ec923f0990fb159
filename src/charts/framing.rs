//! Charts of framing: heatmaps (frame × outlet, actor × outlet, actor
//! co-occurrence), stacked bars of voice share, and dot plots of stance
//! rates. Each returns a [`Chart`] with the table it was drawn from.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use super::bars::list;
use super::layout::{self, finish, ink_on, nice_ticks, px, shorten, text_px, tick_label, MAX_WIDTH};
use super::{category_color, chart_error, f64s, Chart, Palette, FONT};
use crate::error::Result;

fn strs(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(crate::display::get_column(df, name)?.cast(&DataType::String)?.str()?.iter().map(|v| v.unwrap_or("").to_string()).collect())
}

fn has_column(df: &DataFrame, name: &str) -> bool {
    df.columns().iter().any(|c| c.name().as_str() == name)
}

/// The n column a chart uses: the one asked for, or else the first of `n`,
/// `n_sentences`, `n_docs` in the table that is not the value itself.
fn n_column(df: &DataFrame, asked: &Option<String>, value: &str) -> Result<Option<String>> {
    match asked {
        Some(name) => {
            crate::display::get_column(df, name)?;
            Ok(Some(name.clone()))
        }
        None => Ok(["n", "n_sentences", "n_docs"].iter().find(|c| **c != value && has_column(df, c)).map(|c| c.to_string())),
    }
}

/// A white SVG canvas of `size` pixels with `title` in its top-left corner.
fn titled_canvas<'a>(svg: &'a mut String, size: (i32, i32), title: &str) -> Result<DrawingArea<SVGBackend<'a>, plotters::coord::Shift>> {
    let root = SVGBackend::with_string(svg, (size.0 as u32, size.1 as u32)).into_drawing_area();
    root.fill(&WHITE).map_err(chart_error)?;
    root.draw_text(title, &(FONT, px(16.0), FontStyle::Bold).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)), (10, 8))
        .map_err(chart_error)?;
    Ok(root)
}

/// A text style of `size` px, anchored at `h`/`v`.
fn font(size: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, px(size)).into_font().color(&BLACK).pos(Pos::new(h, v))
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

/// `values` in palette order (corpus order), then any value the palette
/// does not know, in first-seen order.
fn in_palette_order(values: Vec<String>, palette: &Palette) -> Vec<String> {
    let mut known: Vec<String> = palette.groups().iter().filter(|g| values.contains(g)).cloned().collect();
    known.extend(values.into_iter().filter(|v| !palette.groups().contains(v)));
    known
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

/// A count for a label: `12`, or empty for a missing value.
fn count_label(v: f64) -> String {
    if v.is_finite() { format!("{}", v.round() as i64) } else { String::new() }
}

/// A heatmap of `value` by `rows` × `columns` of a tidy table: one cell a
/// pair, with its value (rounded; the exact values are in the chart's
/// data) and its n written in it, and a colour legend under the grid.
/// Values of one sign are shaded from near-white (0) to blue (the
/// maximum); signed values on a diverging scale centred on 0 (orange
/// below, blue above, symmetric). Rows keep the table's first-seen order;
/// columns too, or the palette's (corpus) order with
/// [`column_order`](Heatmap::column_order). Missing pairs are blank.
///
/// ```no_run
/// # use newsframe::prelude::*;
/// # fn f(df: &DataFrame, palette: &Palette) -> Result<()> {
/// let chart = newsframe::charts::Heatmap::new("Mentions per 1,000 words", df, "actor", "group", "per_1000")
///     .n("n")
///     .column_order(palette)
///     .draw()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Heatmap<'a> {
    title: String,
    df: &'a DataFrame,
    rows: String,
    columns: String,
    value: String,
    n: Option<String>,
    order: Option<Palette>,
}

impl<'a> Heatmap<'a> {
    /// A heatmap of `value` by `rows` × `columns` of `df`. Its n column is
    /// `n` (or `n_sentences`, `n_docs`) when the table has one.
    pub fn new(title: &str, df: &'a DataFrame, rows: &str, columns: &str, value: &str) -> Heatmap<'a> {
        Heatmap { title: title.into(), df, rows: rows.into(), columns: columns.into(), value: value.into(), n: None, order: None }
    }

    /// The column with the n of each cell.
    pub fn n(mut self, column: &str) -> Self {
        self.n = Some(column.into());
        self
    }

    /// Orders the columns as the palette's groups (corpus order).
    pub fn column_order(mut self, palette: &Palette) -> Self {
        self.order = Some(palette.clone());
        self
    }

    /// Draws the chart.
    pub fn draw(&self) -> Result<Chart> {
        let (df, title) = (self.df, self.title.as_str());
        let (r, c, v) = (strs(df, &self.rows)?, strs(df, &self.columns)?, f64s(df, &self.value)?);
        let n_col = n_column(df, &self.n, &self.value)?;
        let n = match &n_col {
            Some(name) => Some(f64s(df, name)?),
            None => None,
        };
        let rn = distinct(&r);
        let cn = match &self.order {
            Some(p) => in_palette_order(distinct(&c), p),
            None => distinct(&c),
        };
        let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
        let diverging = finite.iter().any(|x| *x < 0.0);
        let max_abs = finite.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
        let colour = |x: f64| {
            if !x.is_finite() || max_abs == 0.0 {
                layout::sequential(0.0)
            } else if diverging {
                layout::diverging(x / max_abs)
            } else {
                layout::sequential(x / max_abs)
            }
        };
        let rows_shown: Vec<String> = rn.iter().map(|s| shorten(s, 40)).collect();
        let label_w = rows_shown.iter().map(|s| text_px(s, 12.0)).max().unwrap_or(40) + 16;
        let widest_value = v.iter().map(|x| text_px(&cell_label(*x), 12.0)).max().unwrap_or(20);
        let natural = cn.iter().map(|s| text_px(s, 12.0)).max().unwrap_or(40).max(widest_value) + 12;
        let room = (MAX_WIDTH as i32 - label_w - 20) / cn.len().max(1) as i32;
        let cell_w = natural.clamp(64, 140).min(room.max(40));
        let cell_h = if n.is_some() { 38 } else { 26 };
        let top = 64;
        let grid_bottom = top + cell_h * rn.len() as i32;
        let legend_y = grid_bottom + 18;
        let legend_w = 260;
        // Never cut columns off: a grid too wide for the page shows as such
        // (and fails the site check) rather than losing data.
        let width = (label_w + cell_w * cn.len() as i32 + 20).max(label_w + legend_w + 40);
        let height = legend_y + 64;
        let mut svg = String::new();
        {
            let root = titled_canvas(&mut svg, (width, height), title)?;
            let max_chars = ((cell_w - 6) as f64 / (12.0 * 0.6)).floor().max(3.0) as usize;
            for (j, name) in cn.iter().enumerate() {
                let x = label_w + cell_w * j as i32 + cell_w / 2;
                root.draw_text(&shorten(name, max_chars), &font(12.0, HPos::Center, VPos::Bottom), (x, top - 6)).map_err(chart_error)?;
            }
            for (i, name) in rows_shown.iter().enumerate() {
                root.draw_text(name, &font(12.0, HPos::Right, VPos::Center), (label_w - 8, top + cell_h * i as i32 + cell_h / 2)).map_err(chart_error)?;
            }
            for (i, _) in rn.iter().enumerate() {
                for (j, _) in cn.iter().enumerate() {
                    let (x0, y0) = (label_w + cell_w * j as i32, top + cell_h * i as i32);
                    root.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], RGBColor(220, 220, 220).stroke_width(1))).map_err(chart_error)?;
                }
            }
            for k in 0..r.len() {
                let (Some(i), Some(j)) = (rn.iter().position(|x| *x == r[k]), cn.iter().position(|x| *x == c[k])) else { continue };
                let fill = colour(v[k]);
                let (x0, y0) = (label_w + cell_w * j as i32, top + cell_h * i as i32);
                root.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], fill.filled())).map_err(chart_error)?;
                root.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], RGBColor(220, 220, 220).stroke_width(1))).map_err(chart_error)?;
                let ink = ink_on(fill);
                let style = |size: f64| (FONT, px(size)).into_font().color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
                match &n {
                    Some(n) => {
                        root.draw_text(&cell_label(v[k]), &style(12.0), (x0 + cell_w / 2, y0 + 12)).map_err(chart_error)?;
                        root.draw_text(&format!("n={}", count_label(n[k])), &style(11.0), (x0 + cell_w / 2, y0 + 27)).map_err(chart_error)?;
                    }
                    None => root.draw_text(&cell_label(v[k]), &style(12.0), (x0 + cell_w / 2, y0 + cell_h / 2)).map_err(chart_error)?,
                }
            }
            // The colour legend: the scale as a bar with nice ticks.
            let (lo, hi) = if diverging { (-max_abs, max_abs) } else { (0.0, if max_abs > 0.0 { max_abs } else { 1.0 }) };
            let lx = label_w;
            let scale_name = format!("{}{}", self.value, if diverging { " (diverging scale, centred on 0)" } else { "" });
            root.draw_text(&format!("Colour key: {scale_name}"), &font(12.0, HPos::Left, VPos::Top), (lx, legend_y)).map_err(chart_error)?;
            let (by, steps) = (legend_y + 18, 52);
            for s in 0..steps {
                let t0 = lo + (hi - lo) * s as f64 / steps as f64;
                let t1 = lo + (hi - lo) * (s + 1) as f64 / steps as f64;
                let x0 = lx + (legend_w as f64 * s as f64 / steps as f64).round() as i32;
                let x1 = lx + (legend_w as f64 * (s + 1) as f64 / steps as f64).round() as i32;
                root.draw(&Rectangle::new([(x0, by), (x1, by + 12)], colour((t0 + t1) / 2.0).filled())).map_err(chart_error)?;
            }
            root.draw(&Rectangle::new([(lx, by), (lx + legend_w, by + 12)], RGBColor(150, 150, 150).stroke_width(1))).map_err(chart_error)?;
            for t in nice_ticks(lo, hi, 4).into_iter().filter(|t| *t >= lo - 1e-12 && *t <= hi + 1e-12) {
                let x = lx + ((t - lo) / (hi - lo) * legend_w as f64).round() as i32;
                root.draw(&PathElement::new(vec![(x, by + 12), (x, by + 16)], BLACK)).map_err(chart_error)?;
                root.draw_text(&tick_label(t), &font(11.0, HPos::Center, VPos::Top), (x, by + 18)).map_err(chart_error)?;
            }
            root.present().map_err(chart_error)?;
        }
        let desc = format!(
            "Heatmap of {} by {} ({} rows: {}) and {} ({} columns: {}), on a {} colour scale from {} to {}{}. Missing pairs are blank.",
            self.value,
            self.rows,
            rn.len(),
            list(rn.iter().map(String::as_str)),
            self.columns,
            cn.len(),
            list(cn.iter().map(String::as_str)),
            if diverging { "diverging" } else { "sequential" },
            cell_label(finite.iter().copied().fold(f64::INFINITY, f64::min)),
            cell_label(finite.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
            n_col.map(|c| format!("; each cell states its n ({c})")).unwrap_or_default()
        );
        Ok(Chart { title: title.to_string(), svg: finish(svg, title, &desc), data: df.clone() })
    }
}

/// A heatmap of `value` by `rows` × `columns` of a tidy table: see
/// [`Heatmap`] (this is `Heatmap::new(…).draw()`).
pub fn heatmap(title: &str, df: &DataFrame, rows: &str, columns: &str, value: &str) -> Result<Chart> {
    Heatmap::new(title, df, rows, columns, value).draw()
}

/// Stacked horizontal bars of shares: one bar a group, one segment a part
/// (`part` column), widths from `share` (summing to 1 per group), each bar
/// with its n. Every group of the palette has a bar, in palette (corpus)
/// order, so a group with no rows shows as an empty bar with n = 0 rather
/// than vanishing. Parts take the colours of [`CATEGORY`], never an
/// outlet's colour, in first-seen order.
#[derive(Clone, Debug)]
pub struct StackedShares<'a> {
    title: String,
    df: &'a DataFrame,
    group: String,
    part: String,
    share: String,
    palette: &'a Palette,
    n: Option<String>,
}

impl<'a> StackedShares<'a> {
    /// Shares of `df` by `group` and `part`. Its n column is `n` when the
    /// table has one.
    pub fn new(title: &str, df: &'a DataFrame, group: &str, part: &str, share: &str, palette: &'a Palette) -> StackedShares<'a> {
        StackedShares { title: title.into(), df, group: group.into(), part: part.into(), share: share.into(), palette, n: None }
    }

    /// The column with the n of each part (summed per bar).
    pub fn n(mut self, column: &str) -> Self {
        self.n = Some(column.into());
        self
    }

    /// Draws the chart.
    pub fn draw(&self) -> Result<Chart> {
        let (df, title) = (self.df, self.title.as_str());
        let (g, p, s) = (strs(df, &self.group)?, strs(df, &self.part)?, f64s(df, &self.share)?);
        let n_col = n_column(df, &self.n, &self.share)?;
        let n = match &n_col {
            Some(name) => Some(f64s(df, name)?),
            None => None,
        };
        let mut groups: Vec<String> = self.palette.groups().to_vec();
        groups.extend(distinct(&g).into_iter().filter(|x| !self.palette.groups().contains(x)));
        let parts = distinct(&p);
        let shown: Vec<String> = groups.iter().map(|x| shorten(x, 32)).collect();
        let label_w = shown.iter().map(|x| text_px(x, 12.0)).max().unwrap_or(40) + 16;
        let (bar_w, bar_h, top) = (420, 24, 44);
        let n_w = 120;
        let width = label_w + bar_w + n_w;
        let per_row = ((width - 20) / 190).max(1) as usize;
        let legend_y = top + (bar_h + 8) * groups.len() as i32 + 12;
        let height = legend_y + 22 + 22 * parts.len().div_ceil(per_row) as i32 + 10;
        let mut svg = String::new();
        {
            let root = titled_canvas(&mut svg, (width, height), title)?;
            for (i, name) in groups.iter().enumerate() {
                let y = top + (bar_h + 8) * i as i32;
                root.draw_text(&shown[i], &font(12.0, HPos::Right, VPos::Center), (label_w - 8, y + bar_h / 2)).map_err(chart_error)?;
                let rows: Vec<usize> = (0..g.len()).filter(|&r| g[r] == *name).collect();
                let total_n: f64 = match &n {
                    Some(n) => rows.iter().map(|&r| if n[r].is_finite() { n[r] } else { 0.0 }).sum(),
                    None => rows.len() as f64,
                };
                if rows.is_empty() {
                    root.draw(&Rectangle::new([(label_w, y), (label_w + bar_w, y + bar_h)], RGBColor(200, 200, 200).stroke_width(1))).map_err(chart_error)?;
                    root.draw_text("none", &font(12.0, HPos::Left, VPos::Center), (label_w + 8, y + bar_h / 2)).map_err(chart_error)?;
                }
                let mut x = label_w;
                for (k, pn) in parts.iter().enumerate() {
                    let Some(&row) = rows.iter().find(|&&r| p[r] == *pn) else { continue };
                    let w = if s[row].is_finite() { (s[row] * bar_w as f64).round() as i32 } else { 0 };
                    let fill = category_color(k);
                    root.draw(&Rectangle::new([(x, y), (x + w, y + bar_h)], fill.filled())).map_err(chart_error)?;
                    if w > 34 {
                        let f = (FONT, px(11.0)).into_font().color(&ink_on(fill)).pos(Pos::new(HPos::Center, VPos::Center));
                        root.draw_text(&format!("{:.0}%", 100.0 * s[row]), &f, (x + w / 2, y + bar_h / 2)).map_err(chart_error)?;
                    }
                    x += w;
                }
                root.draw_text(&format!("n={}", count_label(total_n)), &font(12.0, HPos::Left, VPos::Center), (label_w + bar_w + 8, y + bar_h / 2)).map_err(chart_error)?;
            }
            root.draw_text(&format!("Colour key: {}", self.part), &font(12.0, HPos::Left, VPos::Top), (10, legend_y)).map_err(chart_error)?;
            for (k, pn) in parts.iter().enumerate() {
                let (x, y) = (10 + 190 * (k % per_row) as i32, legend_y + 22 + 22 * (k / per_row) as i32);
                root.draw(&Rectangle::new([(x, y + 1), (x + 12, y + 13)], category_color(k).filled())).map_err(chart_error)?;
                root.draw_text(&shorten(pn, 24), &font(12.0, HPos::Left, VPos::Top), (x + 17, y)).map_err(chart_error)?;
            }
            root.present().map_err(chart_error)?;
        }
        let empty: Vec<&str> = groups.iter().filter(|x| !g.contains(x)).map(String::as_str).collect();
        let desc = format!(
            "Stacked horizontal bars, one per {} ({}), split into the shares of each {} ({}); each bar states its n{}.{}",
            self.group,
            list(groups.iter().map(String::as_str)),
            self.part,
            list(parts.iter().map(String::as_str)),
            n_col.map(|c| format!(" (the sum of {c})")).unwrap_or_else(|| " (rows)".into()),
            if empty.is_empty() { String::new() } else { format!(" {} ha{} none (n=0).", list(empty.iter().copied()), if empty.len() == 1 { "s" } else { "ve" }) }
        );
        Ok(Chart { title: title.to_string(), svg: finish(svg, title, &desc), data: df.clone() })
    }
}

/// Stacked horizontal bars of shares: see [`StackedShares`] (this is
/// `StackedShares::new(…).draw()`).
pub fn stacked_shares(title: &str, df: &DataFrame, group: &str, part: &str, share: &str, palette: &Palette) -> Result<Chart> {
    StackedShares::new(title, df, group, part, share, palette).draw()
}

/// A dot plot: one row a category (first-seen order), and in each row one
/// lane per group (palette order), with a dot in the group's colour at
/// `value` on a shared axis with nice ticks. Lanes keep equal values (all
/// the zeros) apart, and the n of each dot is written at the lane's end.
#[derive(Clone, Debug)]
pub struct DotPlot<'a> {
    title: String,
    df: &'a DataFrame,
    category: String,
    group: String,
    value: String,
    axis: String,
    palette: &'a Palette,
    n: Option<String>,
}

impl<'a> DotPlot<'a> {
    /// A dot plot of `value` by `category` (rows) and `group` (dots),
    /// with `axis` as the axis caption. Its n column is `n` when the table
    /// has one.
    pub fn new(title: &str, df: &'a DataFrame, category: &str, group: &str, value: &str, axis: &str, palette: &'a Palette) -> DotPlot<'a> {
        DotPlot { title: title.into(), df, category: category.into(), group: group.into(), value: value.into(), axis: axis.into(), palette, n: None }
    }

    /// The column with the n of each dot.
    pub fn n(mut self, column: &str) -> Self {
        self.n = Some(column.into());
        self
    }

    /// Draws the chart.
    pub fn draw(&self) -> Result<Chart> {
        let (df, title) = (self.df, self.title.as_str());
        let (c, g, v) = (strs(df, &self.category)?, strs(df, &self.group)?, f64s(df, &self.value)?);
        let n_col = n_column(df, &self.n, &self.value)?;
        let n = match &n_col {
            Some(name) => Some(f64s(df, name)?),
            None => None,
        };
        let cats = distinct(&c);
        let groups = in_palette_order(distinct(&g), self.palette);
        let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
        let lo = finite.iter().copied().fold(0.0_f64, f64::min);
        let hi = finite.iter().copied().fold(0.0_f64, f64::max);
        let ticks = nice_ticks(lo, hi, 4);
        let (a_lo, a_hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
        let cats_shown: Vec<String> = cats.iter().map(|x| shorten(x, 40)).collect();
        let label_w = cats_shown.iter().map(|x| text_px(x, 12.0)).max().unwrap_or(40) + 16;
        let (plot_w, lane, top) = (460, 13, 48);
        let n_w = if n.is_some() { 56 } else { 10 };
        let row_h = lane * groups.len().max(1) as i32 + 12;
        let axis_y = top + row_h * cats.len() as i32;
        let width = label_w + plot_w + n_w + 20;
        let per_row = ((width - 20) / 190).max(1) as usize;
        let legend_y = axis_y + 44;
        let height = legend_y + 22 + 22 * groups.len().div_ceil(per_row) as i32 + 10;
        let mut svg = String::new();
        {
            let root = titled_canvas(&mut svg, (width, height), title)?;
            let x_of = |val: f64| label_w + ((val - a_lo) / (a_hi - a_lo) * plot_w as f64).round() as i32;
            let lane_y = |i: usize, k: usize| top + row_h * i as i32 + 6 + lane * k as i32 + lane / 2;
            if n.is_some() {
                root.draw_text("n", &font(11.0, HPos::Center, VPos::Bottom), (label_w + plot_w + 26, top - 2)).map_err(chart_error)?;
            }
            for (i, name) in cats_shown.iter().enumerate() {
                let y = top + row_h * i as i32;
                root.draw_text(name, &font(12.0, HPos::Right, VPos::Center), (label_w - 8, y + row_h / 2)).map_err(chart_error)?;
                root.draw(&PathElement::new(vec![(label_w, y), (label_w + plot_w, y)], RGBColor(200, 200, 200))).map_err(chart_error)?;
                for k in 0..groups.len() {
                    let ly = lane_y(i, k);
                    root.draw(&PathElement::new(vec![(label_w, ly), (label_w + plot_w, ly)], RGBColor(238, 238, 238))).map_err(chart_error)?;
                }
            }
            for t in &ticks {
                let x = x_of(*t);
                root.draw(&PathElement::new(vec![(x, top), (x, axis_y)], RGBColor(232, 232, 232))).map_err(chart_error)?;
            }
            for k in 0..c.len() {
                let (Some(i), Some(lane_k)) = (cats.iter().position(|x| *x == c[k]), groups.iter().position(|x| *x == g[k])) else { continue };
                let y = lane_y(i, lane_k);
                if v[k].is_finite() {
                    root.draw(&Circle::new((x_of(v[k]), y), 5, self.palette.color(&g[k]).filled())).map_err(chart_error)?;
                }
                if let Some(n) = &n {
                    root.draw_text(&count_label(n[k]), &font(11.0, HPos::Center, VPos::Center), (label_w + plot_w + 26, y)).map_err(chart_error)?;
                }
            }
            root.draw(&PathElement::new(vec![(label_w, axis_y), (label_w + plot_w, axis_y)], BLACK)).map_err(chart_error)?;
            for t in &ticks {
                let x = x_of(*t);
                root.draw(&PathElement::new(vec![(x, axis_y), (x, axis_y + 4)], BLACK)).map_err(chart_error)?;
                root.draw_text(&tick_label(*t), &font(11.0, HPos::Center, VPos::Top), (x, axis_y + 6)).map_err(chart_error)?;
            }
            root.draw_text(&self.axis, &font(12.0, HPos::Center, VPos::Top), (label_w + plot_w / 2, axis_y + 22)).map_err(chart_error)?;
            root.draw_text(&format!("Colour key: {}, one lane each, top to bottom", self.group), &font(12.0, HPos::Left, VPos::Top), (10, legend_y)).map_err(chart_error)?;
            for (k, name) in groups.iter().enumerate() {
                let (x, y) = (10 + 190 * (k % per_row) as i32, legend_y + 22 + 22 * (k / per_row) as i32);
                root.draw(&Circle::new((x + 6, y + 7), 5, self.palette.color(name).filled())).map_err(chart_error)?;
                root.draw_text(&shorten(name, 24), &font(12.0, HPos::Left, VPos::Top), (x + 17, y)).map_err(chart_error)?;
            }
            root.present().map_err(chart_error)?;
        }
        let desc = format!(
            "Dot plot of {} ({}) by {} ({} rows: {}), one dot per {} ({}) in its own lane, on an axis from {} to {}{}.",
            self.value,
            self.axis,
            self.category,
            cats.len(),
            list(cats.iter().map(String::as_str)),
            self.group,
            list(groups.iter().map(String::as_str)),
            tick_label(a_lo),
            tick_label(a_hi),
            n_col.map(|c| format!("; the n of each dot ({c}) is written at the end of its lane")).unwrap_or_default()
        );
        Ok(Chart { title: title.to_string(), svg: finish(svg, title, &desc), data: df.clone() })
    }
}

/// A dot plot: see [`DotPlot`] (this is `DotPlot::new(…).draw()`).
pub fn dot_plot(title: &str, df: &DataFrame, category: &str, group: &str, value: &str, axis: &str, palette: &Palette) -> Result<Chart> {
    DotPlot::new(title, df, category, group, value, axis, palette).draw()
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
