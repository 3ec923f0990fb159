//! Showing tables in a notebook: DataFrames as escaped HTML.
//!
//! evcxr shows the value of a cell's last expression by calling its
//! `evcxr_display` method, so importing [`Show`] (it is in the
//! [prelude](crate::prelude)) makes a bare `DataFrame` at the end of a cell
//! render as an HTML table. [`Table`] does the same with a title and a row
//! limit of your choice.
//!
//! Every cell value is HTML-escaped. Long text is cut to
//! [`Table::max_chars`] characters, with an ellipsis, so that a documents
//! table stays readable; the full text is in the DataFrame.
//!
//! Output is deterministic: floats are printed with up to four decimals (or
//! in scientific notation below 0.001), never through polars' global format
//! settings.

use polars::prelude::*;

/// The default row limit of a shown table.
pub const DEFAULT_ROWS: usize = 20;
/// The default number of characters shown of a text cell.
pub const DEFAULT_CHARS: usize = 160;

/// A DataFrame ready to show: title, row limit, text cut.
#[derive(Clone, Debug)]
pub struct Table {
    df: DataFrame,
    title: Option<String>,
    max_rows: usize,
    max_chars: usize,
}

impl Table {
    /// Wraps a DataFrame with the default limits.
    pub fn new(df: DataFrame) -> Table {
        Table { df, title: None, max_rows: DEFAULT_ROWS, max_chars: DEFAULT_CHARS }
    }

    /// Sets a caption shown above the table.
    pub fn title(mut self, title: impl Into<String>) -> Table {
        self.title = Some(title.into());
        self
    }

    /// Shows at most `n` rows (the shape line still counts them all).
    pub fn max_rows(mut self, n: usize) -> Table {
        self.max_rows = n;
        self
    }

    /// Cuts text cells to `n` characters.
    pub fn max_chars(mut self, n: usize) -> Table {
        self.max_chars = n;
        self
    }

    /// The table as an HTML fragment.
    pub fn to_html(&self) -> String {
        let df = &self.df;
        let (height, width) = df.shape();
        let shown = height.min(self.max_rows);
        let mut h = String::from("<div class=\"newsframe-table\">\n");
        if let Some(t) = &self.title {
            h.push_str(&format!("<p><strong>{}</strong></p>\n", esc(t)));
        }
        h.push_str("<table class=\"dataframe\">\n<thead>\n<tr>");
        for c in df.columns() {
            let align = if c.dtype().is_primitive_numeric() { "right" } else { "left" };
            h.push_str(&format!(
                "<th style=\"text-align:{align}\">{}<br><small>{}</small></th>",
                esc(c.name().as_str()),
                esc(&c.dtype().to_string())
            ));
        }
        h.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in 0..shown {
            h.push_str("<tr>");
            for c in df.columns() {
                let v = cell_text(c, row, self.max_chars);
                let align = if c.dtype().is_primitive_numeric() { "right" } else { "left" };
                h.push_str(&format!("<td style=\"text-align:{align};vertical-align:top\">{}</td>", esc(&v)));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
        let more = if shown < height { format!(", first {shown} shown") } else { String::new() };
        h.push_str(&format!(
            "<p><small>shape: {} row{} × {} column{}{}</small></p>\n</div>",
            height,
            if height == 1 { "" } else { "s" },
            width,
            if width == 1 { "" } else { "s" },
            more
        ));
        h
    }

    /// Prints the table for evcxr (called by the kernel on a cell's last
    /// expression).
    pub fn evcxr_display(&self) {
        print_html(&self.to_html());
    }
}

impl From<DataFrame> for Table {
    fn from(df: DataFrame) -> Table {
        Table::new(df)
    }
}

/// Shows a value in a notebook. Implemented for `DataFrame`, so that a bare
/// `df` at the end of a cell becomes an HTML table.
pub trait Show {
    /// Prints the value as rich output for evcxr.
    fn evcxr_display(&self);
}

impl Show for DataFrame {
    fn evcxr_display(&self) {
        print_html(&Table::new(self.clone()).to_html());
    }
}

/// A column by name, found by scanning the columns rather than through
/// polars' cached schema.
///
/// Use it in notebooks on a DataFrame made in an earlier cell. evcxr compiles
/// each cell into its own library with its own copy of polars' statics, and
/// polars' schema lookup hashes names with a process-global seed held in one
/// of them: once a wide table's schema was cached in one cell,
/// `df.column("x")` can fail with "not found" in another. The scan has no
/// such state.
pub fn get_column<'a>(df: &'a DataFrame, name: &str) -> crate::Result<&'a Column> {
    df.columns().iter().find(|c| c.name().as_str() == name).ok_or_else(|| {
        let names: Vec<&str> = df.columns().iter().map(|c| c.name().as_str()).collect();
        crate::Error::argument(format!("no column `{name}`; the columns are: {}", names.join(", ")))
    })
}

/// Prints an HTML fragment in evcxr's rich-output protocol.
pub fn print_html(html: &str) {
    println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
}

/// Escapes text for HTML element content and attribute values alike.
pub fn esc(s: &str) -> String {
    html_escape::encode_safe(s).into_owned()
}

/// Formats a float deterministically: up to four decimals, trailing zeros
/// dropped; scientific notation for magnitudes below 0.001.
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x != 0.0 && x.abs() < 1e-3 {
        return format!("{x:.3e}");
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn cell_text(c: &Column, row: usize, max_chars: usize) -> String {
    let v = match c.get(row) {
        Ok(v) => v,
        Err(_) => return String::new(),
    };
    let s = match v {
        AnyValue::Null => return String::new(),
        AnyValue::String(s) => s.to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Float64(x) => format_float(x),
        AnyValue::Float32(x) => format_float(x as f64),
        AnyValue::Boolean(b) => b.to_string(),
        other => other.to_string(),
    };
    if s.chars().count() > max_chars {
        let cut: String = s.chars().take(max_chars).collect();
        format!("{cut}…")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_formatted_deterministically() {
        assert_eq!(format_float(1.5), "1.5");
        assert_eq!(format_float(2.0), "2");
        assert_eq!(format_float(0.00012345), "1.234e-4");
        assert_eq!(format_float(-0.0), "0");
        assert_eq!(format_float(12.34567), "12.3457");
    }
}
