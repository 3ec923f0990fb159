//! What every chart shares: the page width, font sizes in pixels, nice
//! tick values, the diverging colour scale, and the alt text.

use plotters::style::RGBColor;

use crate::display::{esc, format_float};

/// The widest a chart may be, in pixels: it must fit a book page at 1,280
/// px without scrolling.
pub const MAX_WIDTH: u32 = 1000;

/// The smallest font size of any text on a chart, in pixels.
pub const MIN_FONT_PX: f64 = 11.0;

/// A font size for plotters that comes out as `px` pixels in the SVG:
/// plotters' SVG backend writes `font-size` as the requested size / 1.24.
pub(crate) fn px(px: f64) -> f64 {
    px * 1.24
}

/// Approximate width in pixels of `s` at `size` px (there is no font
/// backend: see the module docs of [`crate::charts`]); generous, so that
/// labels do not collide.
pub(crate) fn text_px(s: &str, size: f64) -> i32 {
    (s.chars().count() as f64 * size * 0.6).ceil() as i32
}

/// `s` cut to at most `max` characters, with an ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Tick values between `lo` and `hi` (inclusive, widened to the ticks
/// around them), about `target` of them, with steps of 1, 2, 2.5 or 5 × 10^k.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() { (lo.min(hi), lo.max(hi)) } else { (0.0, 1.0) };
    let span = if hi - lo > 0.0 { hi - lo } else if hi.abs() > 0.0 { hi.abs() } else { 1.0 };
    let hi = lo + span;
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw * 0.999).unwrap_or(10.0 * mag);
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    (first..=last).map(|k| clean(k as f64 * step)).collect()
}

/// Rounds away the float noise of `k × step` (0.30000000000000004 → 0.3).
fn clean(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// A tick's label.
pub(crate) fn tick_label(x: f64) -> String {
    let s = format_float(x);
    // Thousands get a separator: 1,000 rather than 1000.
    if x.fract() == 0.0 && x.abs() >= 10_000.0 {
        let digits = format!("{}", x.abs() as i64);
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 { format!("-{out}") } else { out }
    } else {
        s
    }
}

/// The colour of `t` in [0, 1] on the sequential scale: white to
/// Okabe–Ito blue.
pub(crate) fn sequential(t: f64) -> RGBColor {
    lerp(RGBColor(0xF7, 0xF7, 0xF7), RGBColor(0x00, 0x5A, 0x9C), t.clamp(0.0, 1.0))
}

/// The colour of `t` in [-1, 1] on the diverging scale, centred on 0:
/// orange-brown for negative, near-white for 0, blue for positive (the
/// ends of ColorBrewer's PuOr-like blue–orange scale, distinct under the
/// common forms of colour-vision deficiency).
pub(crate) fn diverging(t: f64) -> RGBColor {
    let t = t.clamp(-1.0, 1.0);
    let mid = RGBColor(0xF7, 0xF7, 0xF7);
    if t < 0.0 { lerp(mid, RGBColor(0xB3, 0x58, 0x06), -t) } else { lerp(mid, RGBColor(0x21, 0x66, 0xAC), t) }
}

fn lerp(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Text colour that reads on `fill`.
pub(crate) fn ink_on(fill: RGBColor) -> RGBColor {
    let l = 0.299 * fill.0 as f64 + 0.587 * fill.1 as f64 + 0.114 * fill.2 as f64;
    if l < 140.0 { RGBColor(255, 255, 255) } else { RGBColor(0, 0, 0) }
}

/// Adds the alt text (`<title>` and `<desc>`, the first children of the
/// `<svg>` element, as SVG accessibility requires), `role="img"`, and a
/// style that lets the browser shrink the chart to a narrow page.
pub(crate) fn finish(svg: String, title: &str, desc: &str) -> String {
    // plotters writes sizes as size / 1.24 (10.999999999999998): round them.
    let sizes = regex::Regex::new(r#"font-size="([0-9.]+)""#).expect("regex");
    let svg = sizes
        .replace_all(&svg, |c: &regex::Captures| {
            let v: f64 = c[1].parse().unwrap_or(0.0);
            format!("font-size=\"{}\"", format_float((v * 100.0).round() / 100.0))
        })
        .into_owned();
    let Some(open_end) = svg.find('>') else { return svg };
    let (head, rest) = svg.split_at(open_end);
    let head = head.replacen("<svg ", "<svg role=\"img\" style=\"max-width:100%;height:auto\" ", 1);
    format!("{head}><title>{}</title><desc>{}</desc>{}", esc(title), esc(desc), &rest[1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice() {
        assert_eq!(nice_ticks(0.0, 7.5488, 4), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(nice_ticks(-6.62, 12.0, 4), vec![-10.0, -5.0, 0.0, 5.0, 10.0, 15.0]);
        assert_eq!(nice_ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(nice_ticks(0.0, 0.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(tick_label(25000.0), "25,000");
        assert_eq!(tick_label(2.5), "2.5");
    }

    #[test]
    fn diverging_scale_is_centred_on_zero() {
        assert_eq!(diverging(0.0), RGBColor(0xF7, 0xF7, 0xF7));
        assert_ne!(diverging(-0.5), diverging(0.5));
        assert_eq!(diverging(-1.0), RGBColor(0xB3, 0x58, 0x06));
        // A negative value is never drawn as white.
        assert_ne!(diverging(-0.3), RGBColor(255, 255, 255));
    }

    #[test]
    fn alt_text_comes_first_and_escaped() {
        let s = finish("<svg width=\"10\" height=\"10\" xmlns=\"x\">\n<rect/></svg>".into(), "A & B", "<desc>");
        assert!(s.starts_with("<svg role=\"img\""), "{s}");
        assert!(s.contains("><title>A &amp; B</title><desc>&lt;desc&gt;</desc>\n<rect/>"), "{s}");
    }
}
