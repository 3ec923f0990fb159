//! Showing tables in a notebook: DataFrames as escaped HTML.
//!
//! evcxr shows the value of a cell's last expression by compiling
//! `(expr).evcxr_display();` and, when that fails to compile, falling back
//! to `{:?}` (polars' text dump). Importing [`Show`] (it is in the
//! [prelude](crate::prelude)) gives `DataFrame`, `Result<DataFrame>`,
//! `Vec<String>` and the crate's own types an `evcxr_display` method, so a
//! bare value at the end of a cell renders as HTML. [`Table`] does the same
//! with a title, a row limit of your choice, and cited rows first.
//!
//! One trap remains in evcxr 0.22 itself, and it is why a `notebooks/evcxr.toml`
//! ships with the book: evcxr compiles a cell first without `?` support and
//! turns it on only when rustc complains, and in that same round it treats
//! the complaint about the `?` inside the last expression as a failure of
//! `.evcxr_display()`, so the *first* cell of a kernel that uses `?` and
//! ends in an expression (`voices.select([...])?`) printed the text dump.
//! The prelude in `evcxr.toml` uses `?` once when the kernel starts, so
//! every cell is compiled with `?` support from the start; the render guard
//! ([`crate::notebook::check`]) fails a notebook that still shows a
//! DataFrame as text.
//!
//! Every cell value is HTML-escaped. Text wraps inside its column (at most
//! about 36 characters wide) rather than stretching the page. Long text is
//! cut to [`Table::max_chars`] characters, with an ellipsis, except in
//! cited rows ([`Table::highlight`]), which are shown in full and never
//! dropped by the row limit.
//!
//! Output is deterministic: floats are printed with up to four decimals (or
//! in scientific notation below 0.001), never through polars' global format
//! settings.

use polars::prelude::*;

/// The default row limit of a shown table.
pub const DEFAULT_ROWS: usize = 20;
/// The default number of characters shown of a text cell.
pub const DEFAULT_CHARS: usize = 160;

/// The style of a text cell: wraps, within a readable width.
const TEXT_CELL: &str = "text-align:left;vertical-align:top;white-space:normal;overflow-wrap:break-word;max-width:36em;min-width:4em";
/// The style of a number cell.
const NUMBER_CELL: &str = "text-align:right;vertical-align:top;white-space:nowrap";
/// The background of a cited row.
const CITED_ROW: &str = "background:#fff3bf";

/// A DataFrame ready to show: title, row limit, text cut, cited rows.
#[derive(Clone, Debug)]
pub struct Table {
    df: DataFrame,
    title: Option<String>,
    max_rows: usize,
    max_chars: usize,
    cited: Vec<(String, Vec<String>)>,
}

impl Table {
    /// Wraps a DataFrame with the default limits.
    pub fn new(df: DataFrame) -> Table {
        Table { df, title: None, max_rows: DEFAULT_ROWS, max_chars: DEFAULT_CHARS, cited: vec![] }
    }

    /// Sets a caption shown above the table.
    pub fn title(mut self, title: impl Into<String>) -> Table {
        self.title = Some(title.into());
        self
    }

    /// Shows at most `n` rows (the shape line still counts them all);
    /// cited rows are shown even beyond the limit.
    pub fn max_rows(mut self, n: usize) -> Table {
        self.max_rows = n;
        self
    }

    /// Cuts text cells to `n` characters (not in cited rows).
    pub fn max_chars(mut self, n: usize) -> Table {
        self.max_chars = n;
        self
    }

    /// Cites the rows whose `column` is one of `values`: they come first
    /// (in table order), shaded, with their text in full, and the row limit
    /// never drops them. Call it again to cite rows by another column too.
    /// A value that matches no row, or a missing column, is named under the
    /// table rather than ignored.
    ///
    /// ```
    /// # use newsframe::prelude::*;
    /// let df = df!("doc_id" => ["a", "b", "c"], "n" => [1, 2, 3]).unwrap();
    /// let html = Table::new(df).max_rows(1).highlight("doc_id", &["c"]).to_html();
    /// assert!(html.find(">c<").unwrap() < html.find(">a<").unwrap_or(usize::MAX));
    /// ```
    pub fn highlight<S: AsRef<str>>(mut self, column: &str, values: &[S]) -> Table {
        self.cited.push((column.to_string(), values.iter().map(|v| v.as_ref().to_string()).collect()));
        self
    }

    /// The rows in the order shown, whether each is cited, and notes on
    /// citations that matched nothing.
    fn order(&self) -> (Vec<(usize, bool)>, Vec<String>) {
        let df = &self.df;
        let mut cited = vec![false; df.height()];
        let mut notes = vec![];
        for (column, values) in &self.cited {
            let col = match get_column(df, column).and_then(|c| Ok(c.cast(&DataType::String)?)) {
                Ok(c) => c,
                Err(e) => {
                    notes.push(format!("cannot cite by `{column}`: {e}"));
                    continue;
                }
            };
            let Ok(strs) = col.str() else { continue };
            for v in values {
                let mut found = false;
                for (i, x) in strs.iter().enumerate() {
                    if x == Some(v.as_str()) {
                        cited[i] = true;
                        found = true;
                    }
                }
                if !found {
                    notes.push(format!("no row has {column} = {v}"));
                }
            }
        }
        let n_cited = cited.iter().filter(|c| **c).count();
        let rest = self.max_rows.saturating_sub(n_cited);
        let mut rows: Vec<(usize, bool)> = (0..df.height()).filter(|&i| cited[i]).map(|i| (i, true)).collect();
        rows.extend((0..df.height()).filter(|&i| !cited[i]).take(rest).map(|i| (i, false)));
        (rows, notes)
    }

    /// The table as an HTML fragment.
    pub fn to_html(&self) -> String {
        let df = &self.df;
        let (height, width) = df.shape();
        let (rows, notes) = self.order();
        let n_cited = rows.iter().filter(|r| r.1).count();
        let mut h = String::from("<div class=\"newsframe-table\" style=\"max-width:100%;overflow-x:auto\">\n");
        if let Some(t) = &self.title {
            h.push_str(&format!("<p><strong>{}</strong></p>\n", esc(t)));
        }
        h.push_str("<table class=\"dataframe\" style=\"border-collapse:collapse\">\n<thead>\n<tr>");
        for c in df.columns() {
            let style = if c.dtype().is_primitive_numeric() { NUMBER_CELL } else { TEXT_CELL };
            h.push_str(&format!(
                "<th style=\"{style}\">{}<br><small>{}</small></th>",
                esc(c.name().as_str()),
                esc(&c.dtype().to_string())
            ));
        }
        h.push_str("</tr>\n</thead>\n<tbody>\n");
        for (row, is_cited) in &rows {
            if *is_cited {
                h.push_str(&format!("<tr class=\"cited\" style=\"{CITED_ROW}\">"));
            } else {
                h.push_str("<tr>");
            }
            for c in df.columns() {
                let limit = if *is_cited { usize::MAX } else { self.max_chars };
                let v = cell_text(c, *row, limit);
                let style = if c.dtype().is_primitive_numeric() { NUMBER_CELL } else { TEXT_CELL };
                h.push_str(&format!("<td style=\"{style}\">{}</td>", esc(&v)));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
        let shown = rows.len();
        let mut more = String::new();
        if n_cited > 0 {
            more.push_str(&format!(", {n_cited} cited row{} first (shaded)", if n_cited == 1 { "" } else { "s" }));
        }
        if shown < height {
            more.push_str(&format!(", {shown} shown"));
            if n_cited == 0 {
                more = format!(", first {shown} shown");
            }
        }
        h.push_str(&format!(
            "<p><small>shape: {} row{} × {} column{}{}</small></p>\n",
            height,
            if height == 1 { "" } else { "s" },
            width,
            if width == 1 { "" } else { "s" },
            more
        ));
        for n in &notes {
            h.push_str(&format!("<p style=\"color:#b00\"><small>{}</small></p>\n", esc(n)));
        }
        h.push_str("</div>");
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

/// Shows a value in a notebook. evcxr calls `evcxr_display` on the value of
/// a cell's last expression, so with this trait in scope (it is in the
/// prelude) a bare `DataFrame`, a `Result` of one (as `voices.select([...])`
/// returns), or a list of strings renders as HTML rather than as text.
pub trait Show {
    /// Prints the value as rich output for evcxr.
    fn evcxr_display(&self);
}

impl Show for DataFrame {
    fn evcxr_display(&self) {
        print_html(&Table::new(self.clone()).to_html());
    }
}

impl Show for Table {
    fn evcxr_display(&self) {
        print_html(&self.to_html());
    }
}

/// A list (of findings, terms, spellings) as an HTML list, each item
/// escaped, with its length.
impl<T: std::fmt::Display> Show for Vec<T> {
    fn evcxr_display(&self) {
        print_html(&list_html(self));
    }
}

/// `Ok` shows its value; `Err` prints the error on stderr, as `?` would
/// (so the render guard fails the cell).
impl<T: Show> Show for std::result::Result<T, crate::Error> {
    fn evcxr_display(&self) {
        match self {
            Ok(v) => v.evcxr_display(),
            Err(e) => eprintln!("Error: {e}"),
        }
    }
}

impl<T: Show> Show for std::result::Result<T, PolarsError> {
    fn evcxr_display(&self) {
        match self {
            Ok(v) => v.evcxr_display(),
            Err(e) => eprintln!("Error: {e}"),
        }
    }
}

/// Items as an escaped HTML list, with their count.
pub fn list_html<T: std::fmt::Display>(items: &[T]) -> String {
    let mut h = String::from("<div class=\"newsframe-list\">\n<ol>\n");
    for item in items {
        h.push_str(&format!("<li>{}</li>\n", esc(&item.to_string())));
    }
    h.push_str(&format!("</ol>\n<p><small>{} item{}</small></p>\n</div>", items.len(), if items.len() == 1 { "" } else { "s" }));
    h
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
