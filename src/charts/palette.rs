//! One fixed colour per group (outlet), the same in every chart.
//!
//! The colours are the eight of Okabe & Ito (2008), chosen to stay distinct
//! under the common forms of colour-vision deficiency. A palette is built
//! once from the whole corpus, so that a filtered chart keeps each outlet's
//! colour. Groups are coloured in the order they first appear in the corpus
//! (manifest order for the seeds). There are eight colours: a ninth group and
//! beyond are drawn in [`OVERFLOW`] grey, and a chart with that many groups
//! should be split or filtered.

use plotters::style::RGBColor;

use crate::corpus::Corpus;
use crate::error::Result;

/// Okabe–Ito, reordered so that the first colours are the most distinct on
/// white: blue, vermillion, bluish green, reddish purple, orange, sky blue,
/// yellow, black.
pub const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x00, 0x00, 0x00),
];

/// The colour of groups past the eighth.
pub const OVERFLOW: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// The colours of categories that are not outlets (speaker sides, frames,
/// parts of a stacked bar): Paul Tol's "muted" scheme, also safe under
/// colour-vision deficiency, and disjoint from [`OKABE_ITO`], so that a
/// colour on any chart of the book means one outlet or one category, never
/// both.
pub const CATEGORY: [RGBColor; 9] = [
    RGBColor(0x33, 0x22, 0x88),
    RGBColor(0x88, 0xCC, 0xEE),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x11, 0x77, 0x33),
    RGBColor(0x99, 0x99, 0x33),
    RGBColor(0xDD, 0xCC, 0x77),
    RGBColor(0xCC, 0x66, 0x77),
    RGBColor(0x88, 0x22, 0x55),
    RGBColor(0xAA, 0x44, 0x99),
];

/// The colour of the `k`-th non-outlet category (in first-seen order);
/// [`OVERFLOW`] grey past the ninth.
pub fn category_color(k: usize) -> RGBColor {
    CATEGORY.get(k).copied().unwrap_or(OVERFLOW)
}

/// A colour as `#rrggbb`.
pub fn hex(c: RGBColor) -> String {
    let RGBColor(r, g, b) = c;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Group name → colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    groups: Vec<String>,
}

impl Palette {
    /// A palette for these groups, in this order (duplicates ignored).
    pub fn new<I, S>(groups: I) -> Palette
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut out: Vec<String> = Vec::new();
        for g in groups {
            let g = g.into();
            if !out.contains(&g) {
                out.push(g);
            }
        }
        Palette { groups: out }
    }

    /// A palette for the values of a metadata column (or `doc_id`), in
    /// corpus order. Missing values are grouped as `(none)`.
    pub fn for_corpus(corpus: &Corpus, column: &str) -> Result<Palette> {
        corpus.check_group(column)?;
        Ok(Palette::new(corpus.docs().iter().map(|d| corpus.group_of(d, column))))
    }

    /// The groups, in colour order.
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// The colour of a group; [`OVERFLOW`] for unknown groups and groups
    /// past the eighth.
    pub fn color(&self, group: &str) -> RGBColor {
        match self.groups.iter().position(|g| g == group) {
            Some(i) if i < OKABE_ITO.len() => OKABE_ITO[i],
            _ => OVERFLOW,
        }
    }

    /// The colour as `#rrggbb`.
    pub fn hex(&self, group: &str) -> String {
        hex(self.color(group))
    }

    /// The palette as an HTML legend: a swatch and the group name, escaped.
    pub fn to_html(&self) -> String {
        let mut h = String::from("<div class=\"newsframe-palette\">");
        for g in &self.groups {
            h.push_str(&format!(
                "<span style=\"display:inline-block;margin-right:1.2em\"><span style=\"display:inline-block;width:1em;height:1em;vertical-align:middle;background:{}\"></span> {} <small>{}</small></span>",
                self.hex(g),
                crate::display::esc(g),
                self.hex(g)
            ));
        }
        h.push_str("</div>");
        h
    }

    /// Shows the legend in a notebook.
    pub fn evcxr_display(&self) {
        crate::display::print_html(&self.to_html());
    }
}

impl crate::display::Show for Palette {
    fn evcxr_display(&self) {
        crate::display::print_html(&self.to_html());
    }
}
