//! Charts of terms: top terms per group, keyness bars, lexical dispersion
//! (x-ray) and a term-rate scatter. Each returns a [`Chart`] whose `data` is
//! the table it was drawn from.

use std::collections::HashMap;

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use super::bars::{draw_bars, list, BarPanel};
use super::layout::{finish, px, text_px};
use super::{chart_error, f64s, Chart, Palette, FONT, OVERFLOW};
use crate::corpus::columns;
use crate::error::{Error, Result};
use crate::tokens::Tokens;

fn strs<'a>(df: &'a DataFrame, name: &str) -> Result<Vec<&'a str>> {
    Ok(crate::display::get_column(df, name)?.str()?.iter().map(|v| v.unwrap_or("")).collect())
}

/// The top `n` terms of each group, by rate per 10,000 of the tokens
/// counted, as small multiples (one panel a group, in palette order). `freq`
/// is a [`frequency_table`](crate::statistics::frequency_table). The title
/// says "per 10,000 tokens"; when the tokens are not all the words (stopwords
/// removed), use [`top_terms_per`] to name them.
pub fn top_terms(freq: &DataFrame, n: usize, palette: &Palette) -> Result<Chart> {
    top_terms_per(freq, n, palette, "tokens")
}

/// [`top_terms`] with the denominator named: `per` completes "per 10,000
/// …" in the title and alt text (for example "non-stopword tokens"). Each
/// panel's caption gives the group's n, the tokens the rates are divided by.
pub fn top_terms_per(freq: &DataFrame, n: usize, palette: &Palette, per: &str) -> Result<Chart> {
    let (groups, feats, rates) = (strs(freq, columns::GROUP)?, strs(freq, columns::FEATURE)?, f64s(freq, columns::PER_10K)?);
    let counts = f64s(freq, columns::FREQUENCY)?;
    // Terms tied with the n-th are drawn too (by `rank` when the table has
    // it, else by count), so the chart never cuts a tie the table keeps.
    let ranks = f64s(freq, columns::RANK).unwrap_or_else(|_| counts.clone());
    let mut panels = Vec::new();
    let mut keep = Vec::new();
    let mut legend = Vec::new();
    let mut tied = false;
    for g in palette.groups() {
        let all: Vec<usize> = (0..freq.height()).filter(|&i| groups[i] == g).collect();
        let mut rows: Vec<usize> = all.iter().copied().take(n).collect();
        if let Some(&last) = rows.last() {
            let more: Vec<usize> = all.iter().copied().skip(rows.len()).take_while(|&i| ranks[i] == ranks[last]).collect();
            tied |= !more.is_empty();
            rows.extend(more);
        }
        if rows.is_empty() {
            continue;
        }
        // The group's total, recovered from any row: frequency = per_10k * total / 10,000.
        let total = (counts[rows[0]] * 10_000.0 / rates[rows[0]]).round();
        keep.extend(rows.iter().copied());
        legend.push((g.clone(), palette.color(g)));
        panels.push(BarPanel {
            caption: format!("{g} (n = {total})"),
            bars: rows.iter().map(|&i| (feats[i].to_string(), rates[i], palette.color(g))).collect(),
            n: rows.iter().map(|&i| format!("n={}", counts[i])).collect(),
        });
    }
    let ties = if tied { ", with ties at the last rank" } else { "" };
    let title = format!("Top {n} terms per 10,000 {per}{ties} (panel n = the {per})");
    let desc = format!(
        "One panel per group ({}), each with its {n} most frequent terms{ties} as horizontal bars of their rate per 10,000 {per} of the group; n is the term's count in the group, and the panel title gives the group's {per}.",
        list(legend.iter().map(|(g, _)| g.as_str()))
    );
    let svg = draw_bars(&title, &panels, 3, &legend, &desc)?;
    let idx = IdxCa::from_vec("idx".into(), keep.iter().map(|&i| i as IdxSize).collect());
    Ok(Chart { title, svg, data: freq.take(&idx)? })
}

/// Keyness as diverging bars: the `n` most over-used terms of the target
/// (right, in the target's colour) and the `n` most under-used (left, grey).
/// `table` is a [`keyness_table`](crate::statistics::keyness_table); its
/// second column is the statistic.
pub fn keyness_bars(table: &DataFrame, target: &str, n: usize, palette: &Palette) -> Result<Chart> {
    let stat_name = table.get_column_names().get(1).map(|s| s.to_string()).ok_or_else(|| Error::argument("not a keyness table"))?;
    let (feats, stats) = (strs(table, columns::FEATURE)?, f64s(table, &stat_name)?);
    let h = table.height();
    let mut rows: Vec<usize> = (0..h.min(n)).filter(|&i| stats[i] > 0.0).collect();
    let mut bottom: Vec<usize> = (h.saturating_sub(n)..h).filter(|&i| stats[i] < 0.0 && !rows.contains(&i)).collect();
    rows.append(&mut bottom);
    let bars = rows
        .iter()
        .map(|&i| (feats[i].to_string(), stats[i], if stats[i] > 0.0 { palette.color(target) } else { OVERFLOW }))
        .collect();
    let (nt, nr) = (f64s(table, columns::N_TARGET).ok(), f64s(table, columns::N_REFERENCE).ok());
    let n = match (&nt, &nr) {
        (Some(a), Some(b)) => rows.iter().map(|&i| format!("n={}/{}", a[i], b[i])).collect(),
        _ => vec![],
    };
    let title = format!("Keyness ({stat_name}): {target} against the rest");
    let caption = format!("over-used by {target} (right) and under-used (left); n = uses in {target} / in the rest");
    let legend = vec![(format!("over-used by {target}"), palette.color(target)), ("under-used".to_string(), OVERFLOW)];
    let desc = format!(
        "Diverging horizontal bars of {stat_name} for {} terms: the {} most over-used by {target} to the right of zero, the {} most under-used to the left, each with its counts in {target} and in the rest.",
        rows.len(),
        rows.iter().filter(|&&i| stats[i] > 0.0).count(),
        rows.iter().filter(|&&i| stats[i] < 0.0).count()
    );
    let svg = draw_bars(&title, &[BarPanel { caption, bars, n }], 1, &legend, &desc)?;
    let idx = IdxCa::from_vec("idx".into(), rows.iter().map(|&i| i as IdxSize).collect());
    Ok(Chart { title, svg, data: table.take(&idx)? })
}

/// A lexical dispersion ("x-ray") plot: one panel a term, one row a document,
/// a tick at every occurrence along the document (0 = start, 1 = end).
/// `table` is a [`dispersion_table`](crate::statistics::dispersion_table);
/// documents are drawn in `palette` order, in their colours.
pub fn xray(table: &DataFrame, terms: &[&str], palette: &Palette) -> Result<Chart> {
    let (ids, feats, rel) = (strs(table, columns::DOC_ID)?, strs(table, columns::FEATURE)?, f64s(table, "relative_position")?);
    let docs = palette.groups();
    let k = docs.len().max(1);
    let panel_h = 60 + 24 * k as u32;
    let (w, h) = (920u32, 40 + panel_h * terms.len().max(1) as u32);
    let count = |term: &str, doc: &str| (0..table.height()).filter(|&i| feats[i] == term && ids[i] == doc).count();
    let label_w = 16 + terms.iter().flat_map(|t| docs.iter().map(move |d| (t, d))).map(|(t, d)| text_px(&format!("{d} (n={})", count(t, d)), 12.0)).max().unwrap_or(40) as u32;
    let title = "Lexical dispersion: where each term occurs".to_string();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let root = root.titled(&title, (FONT, px(16.0))).map_err(chart_error)?;
        for (area, term) in root.split_evenly((terms.len().max(1), 1)).iter().zip(terms) {
            let mut chart = ChartBuilder::on(area)
                .caption(*term, (FONT, px(14.0)))
                .margin(8)
                .x_label_area_size(26)
                .y_label_area_size(label_w)
                .build_cartesian_2d(0f64..1f64, (0..k as i32).into_segmented())
                .map_err(chart_error)?;
            let names = |v: &SegmentValue<i32>| match v {
                SegmentValue::CenterOf(i) if (*i as usize) < k => {
                    let d = &docs[k - 1 - *i as usize];
                    format!("{d} (n={})", count(term, d))
                }
                _ => String::new(),
            };
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_labels(6)
                .x_label_formatter(&|x| format!("{x:.1}"))
                .y_labels(k)
                .y_label_formatter(&names)
                .label_style((FONT, px(12.0)))
                .draw()
                .map_err(chart_error)?;
            let ticks = (0..table.height()).filter(|&i| feats[i] == *term).filter_map(|i| {
                let row = docs.iter().position(|d| d == ids[i])?;
                let y = (k - 1 - row) as i32;
                let mut r = Rectangle::new(
                    [(rel[i] - 0.002, SegmentValue::Exact(y)), (rel[i] + 0.002, SegmentValue::Exact(y + 1))],
                    palette.color(ids[i]).filled(),
                );
                r.set_margin(3, 3, 0, 0);
                Some(r)
            });
            chart.draw_series(ticks).map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    let desc = format!(
        "Lexical dispersion plot: one panel per term ({}), one row per document ({}), a tick at each occurrence along the document from its start (0) to its end (1); n is the number of occurrences.",
        list(terms.iter().copied()),
        list(docs.iter().map(String::as_str))
    );
    Ok(Chart { svg: finish(svg, &title, &desc), title, data: table.clone() })
}

/// Term rates (per 10,000 tokens) in the target group against the rest:
/// one point a term, the diagonal where both rates are equal, and the
/// `labels` terms most over- and under-used (by log ratio, among terms seen
/// at least `min_count` times) named. The data: `feature`, `rate_target`,
/// `rate_rest`, `n_target`, `n_rest`, `log_ratio`.
pub fn rate_scatter(tokens: &Tokens, by: &str, target: &str, min_count: u64, labels: usize, palette: &Palette) -> Result<Chart> {
    tokens.corpus().check_group(by)?;
    let (mut t, mut r): (HashMap<String, u64>, HashMap<String, u64>) = (HashMap::new(), HashMap::new());
    for (d, toks) in tokens.iter() {
        let m = if tokens.corpus().group_of(d, by) == target { &mut t } else { &mut r };
        for tok in toks {
            *m.entry(tok.term.clone()).or_default() += 1;
        }
    }
    if t.is_empty() {
        return Err(Error::argument(format!("no document has {by} = `{target}`")));
    }
    let (tt, rt) = (t.values().sum::<u64>() as f64, r.values().sum::<u64>().max(1) as f64);
    let mut feats: Vec<&String> = t.keys().chain(r.keys().filter(|k| !t.contains_key(*k))).collect();
    feats.sort();
    let rows: Vec<(String, f64, f64, u64, u64, f64)> = feats
        .into_iter()
        .filter(|f| t.get(*f).unwrap_or(&0) + r.get(*f).unwrap_or(&0) >= min_count)
        .map(|f| {
            let (a, b) = (*t.get(f).unwrap_or(&0), *r.get(f).unwrap_or(&0));
            let lr = crate::statistics::keyness::log_ratio(a as f64, b as f64, tt, rt);
            (f.clone(), a as f64 * 1e4 / tt, b as f64 * 1e4 / rt, a, b, lr)
        })
        .collect();
    // Most over-used first (ties: more frequent first), then most under-used.
    let mut by_lr: Vec<usize> = (0..rows.len()).collect();
    by_lr.sort_by(|&x, &y| {
        rows[y].5.total_cmp(&rows[x].5).then((rows[y].3 + rows[y].4).cmp(&(rows[x].3 + rows[x].4))).then(rows[x].0.cmp(&rows[y].0))
    });
    let max = rows.iter().map(|r| r.1.max(r.2)).fold(1.0_f64, f64::max) * 1.08;
    // Name terms from both ends, skipping any whose label would overlap one
    // already placed.
    let mut named: Vec<usize> = Vec::new();
    let free = |named: &Vec<usize>, i: usize| {
        named.iter().all(|&j| (rows[i].2 - rows[j].2).abs() > max * 0.12 || (rows[i].1 - rows[j].1).abs() > max * 0.03)
    };
    for end in [by_lr.clone(), by_lr.iter().rev().copied().collect::<Vec<_>>()] {
        let mut placed = 0;
        for i in end {
            if placed == labels {
                break;
            }
            if free(&named, i) {
                named.push(i);
                placed += 1;
            }
        }
    }
    let title = format!("Term rates per 10,000 words: {target} against the rest");
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 640)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(&title, (FONT, px(16.0)))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max, 0f64..max)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_desc("rate in the rest of the corpus")
            .y_desc(format!("rate in {target}"))
            .label_style((FONT, px(12.0)))
            .axis_desc_style((FONT, px(12.0)))
            .draw()
            .map_err(chart_error)?;
        chart.draw_series(LineSeries::new([(0.0, 0.0), (max, max)], OVERFLOW.stroke_width(1))).map_err(chart_error)?;
        let colour = palette.color(target);
        chart
            .draw_series(rows.iter().map(|r| Circle::new((r.2, r.1), 3, colour.mix(0.6).filled())))
            .map_err(chart_error)?;
        let style = TextStyle::from((FONT, px(12.0)).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(named.iter().map(|&i| Text::new(format!(" {}", rows[i].0), (rows[i].2, rows[i].1), style.clone())))
            .map_err(chart_error)?;
        root.present().map_err(chart_error)?;
    }
    let data = DataFrame::new_infer_height(vec![
        Column::new(columns::FEATURE.into(), rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>()),
        Column::new("rate_target".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new("rate_rest".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
        Column::new(columns::N_TARGET.into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
        Column::new("n_rest".into(), rows.iter().map(|r| r.4).collect::<Vec<_>>()),
        Column::new(columns::LOG_RATIO.into(), rows.iter().map(|r| r.5).collect::<Vec<_>>()),
    ])?;
    let desc = format!(
        "Scatter plot of {} terms (n = terms seen at least {min_count} times): rate per 10,000 words in {target} (vertical) against the rest of the corpus (horizontal), with the diagonal where both are equal; {} terms named: {}.",
        rows.len(),
        named.len(),
        list(named.iter().map(|&i| rows[i].0.as_str()))
    );
    Ok(Chart { svg: finish(svg, &title, &desc), title, data })
}
