//! Charts: SVG drawn with plotters, shown inline in notebooks, each with the
//! data behind it as a DataFrame.
//!
//! This is the last stage of the pipeline. A [`Chart`] keeps the SVG and the
//! tidy table it was drawn from, so that every number on a chart can be
//! looked up, exported (`--format csv`) and checked. Colours come from one
//! [`Palette`], so an outlet has the same colour in every chart.
//!
//! Charts use plotters' SVG backend without a font backend: text is laid
//! out with fixed estimates and rendered by the browser, so the SVG is the
//! same byte for byte on every machine.
//!
//! Every chart of the book follows the same rules, which `tests/charts.rs`
//! checks on each chart type:
//! - it is at most [`MAX_WIDTH`] (1,000) pixels wide; small multiples wrap
//!   into rows;
//! - no text is smaller than [`MIN_FONT_PX`] (11) pixels;
//! - the SVG starts with a `<title>` and a `<desc>` that say what the chart
//!   shows (alt text for screen readers and for a reader without images);
//! - every bar or cell states its n where the data has one;
//! - axis ticks are nice numbers (steps of 1, 2, 2.5 or 5 × 10^k);
//! - outlets have one colour each for the whole book ([`Palette`], in
//!   corpus order) and any other category (speaker sides, frames) takes its
//!   colours from another scheme ([`CATEGORY`]);
//! - a heatmap of signed values uses a diverging scale centred on 0, and
//!   every heatmap has a colour legend.

mod bars;
mod framing;
mod layout;
mod palette;
mod terms;

pub use bars::{bar_panels, document_structure, small_multiple_bars, BarPanel};
pub use framing::{dot_plot, heatmap, stacked_shares, DotPlot, Heatmap, StackedShares};
pub use layout::{nice_ticks, MAX_WIDTH, MIN_FONT_PX};
pub use terms::{keyness_bars, rate_scatter, top_terms, top_terms_per, xray};
pub use palette::{category_color, Palette, CATEGORY, OKABE_ITO, OVERFLOW};

use polars::prelude::DataFrame;

use crate::error::{Error, ErrorKind, Result};

/// A drawn chart and the data behind it.
#[derive(Clone, Debug)]
pub struct Chart {
    /// The title drawn on the chart.
    pub title: String,
    /// The SVG document.
    pub svg: String,
    /// The tidy table the chart was drawn from.
    pub data: DataFrame,
}

impl Chart {
    /// The data behind the chart.
    pub fn data(&self) -> &DataFrame {
        &self.data
    }

    /// Writes the SVG to a file.
    pub fn save_svg(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, &self.svg).map_err(|e| Error::io(path, e))
    }

    /// Prints the chart as inline SVG for evcxr.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT", self.svg);
    }

    /// The chart's alt text: the `<desc>` of its SVG (unescaped).
    pub fn description(&self) -> String {
        let s = &self.svg;
        match (s.find("<desc>"), s.find("</desc>")) {
            (Some(a), Some(b)) if a < b => html_escape::decode_html_entities(&s[a + 6..b]).into_owned(),
            _ => String::new(),
        }
    }
}

impl crate::display::Show for Chart {
    fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT", self.svg);
    }
}

/// The font family of every chart's text (laid out by the browser).
pub(crate) const FONT: &str = "sans-serif";

/// A column of a table as f64 (missing values as NaN).
pub(crate) fn f64s(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    let c = crate::display::get_column(df, name)?.cast(&polars::prelude::DataType::Float64)?;
    Ok(c.f64()?.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

pub(crate) fn chart_error<E: std::fmt::Debug>(e: E) -> Error {
    Error::new(ErrorKind::Chart(format!("{e:?}")))
}
