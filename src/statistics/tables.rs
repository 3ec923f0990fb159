//! The statistics as tidy DataFrames over a tokenized corpus, grouped by any
//! metadata column.

use polars::prelude::*;

use super::{Measure, Ties};
use crate::corpus::columns;
use crate::counts::GroupCounts;
use crate::error::{Error, Result};
use crate::tokens::Tokens;

/// Term frequency per group: `group`, `feature`, `frequency`, `per_10k`,
/// `rank`, `docfreq`. `by` is a metadata column or `doc_id`. The same
/// table as [`GroupCounts::frequency_table`] on these tokens' counts.
pub fn frequency_table(tokens: &Tokens, by: &str, ties: Ties) -> Result<DataFrame> {
    GroupCounts::from_tokens(tokens, by)?.frequency_table(ties)
}

/// Keyness of the group `target` (under `by`) against all other documents:
/// `feature`, the measure's column (`chi2`, `G2` or `log_ratio`), `p`,
/// `n_target`, `n_reference`, `log_ratio` (when the measure is not
/// already the log ratio), and the adjusted p-values `p_holm` and `p_bh`
/// (see [`super::keyness`]). Sorted by the measure, descending.
pub fn keyness_table(tokens: &Tokens, by: &str, target: &str, measure: Measure) -> Result<DataFrame> {
    keyness_between(tokens, by, target, None, measure)
}

/// Keyness of the group `target` against the group `reference` (or, when
/// `reference` is `None`, against all other documents). Columns as in
/// [`keyness_table`]; the same table as [`GroupCounts::keyness`] on these
/// tokens' counts.
pub fn keyness_between(tokens: &Tokens, by: &str, target: &str, reference: Option<&str>, measure: Measure) -> Result<DataFrame> {
    GroupCounts::from_tokens(tokens, by)?.keyness(target, reference, measure)
}

/// Collocations of `size` words seen at least `min_count` times:
/// `collocation`, `count`, `length`, `lambda`, `z`, `pmi`, `G2`, `t`,
/// sorted by `z`.
pub fn collocations_table(tokens: &Tokens, size: usize, min_count: u64) -> Result<DataFrame> {
    if !(2..=super::collocations::MAX_SIZE).contains(&size) {
        return Err(Error::argument(format!("collocations of {size} words: the size must be from 2 to {}", super::collocations::MAX_SIZE)));
    }
    let streams = tokens.iter().map(|(_, toks)| toks.iter().map(|t| (t.kind != crate::tokens::TokenKind::Punct).then_some(t.term.as_str())));
    collocation_rows(&super::collocations::collocations_in(streams, size, min_count))
}

/// Collocation rows as the table [`collocations_table`] gives (for rows
/// from [`StreamCollocations`](super::collocations::StreamCollocations)).
pub fn collocation_rows(rows: &[super::Collocation]) -> Result<DataFrame> {
    Ok(DataFrame::new_infer_height(vec![
        Column::new(columns::COLLOCATION.into(), rows.iter().map(|r| r.collocation.as_str()).collect::<Vec<_>>()),
        Column::new(columns::COUNT.into(), rows.iter().map(|r| r.count).collect::<Vec<_>>()),
        Column::new(columns::LENGTH.into(), rows.iter().map(|r| r.length as u32).collect::<Vec<_>>()),
        Column::new(columns::LAMBDA.into(), rows.iter().map(|r| r.lambda).collect::<Vec<_>>()),
        Column::new(columns::Z.into(), rows.iter().map(|r| r.z).collect::<Vec<_>>()),
        Column::new("pmi".into(), rows.iter().map(|r| r.pmi).collect::<Vec<_>>()),
        Column::new(columns::G2.into(), rows.iter().map(|r| r.g2).collect::<Vec<_>>()),
        Column::new("t".into(), rows.iter().map(|r| r.t).collect::<Vec<_>>()),
    ])?)
}

/// The first `n` features of a statistics table, optionally of one `group`
/// (tables are already sorted by their statistic).
pub fn top_features(table: &DataFrame, group: Option<&str>, n: usize) -> Result<Vec<String>> {
    let feats = crate::display::get_column(table, columns::FEATURE)?.str()?;
    let groups = match group {
        Some(_) => Some(crate::display::get_column(table, columns::GROUP)?.str()?),
        None => None,
    };
    Ok((0..table.height())
        .filter(|&i| groups.is_none_or(|g| g.get(i) == group))
        .filter_map(|i| feats.get(i).map(str::to_owned))
        .take(n)
        .collect())
}

/// The features of `group` whose `rank` is at most `max_rank`, ties
/// included: under [`Ties::Min`], "the top ten" of a frequency table can
/// hold more than ten terms (three terms tied at rank 10 are all in it),
/// where [`top_features`] cuts at ten rows. In table order.
pub fn features_ranked(table: &DataFrame, group: &str, max_rank: f64) -> Result<Vec<String>> {
    let rows = rows_where(table, &[(columns::GROUP, group)])?;
    let feats = crate::display::get_column(table, columns::FEATURE)?.str()?;
    let rank = crate::display::get_column(table, columns::RANK)?.cast(&DataType::Float64)?;
    let rank = rank.f64()?;
    Ok(rows.into_iter().filter(|&i| rank.get(i).is_some_and(|r| r <= max_rank)).filter_map(|i| feats.get(i).map(str::to_owned)).collect())
}

/// The value of `column` for `feature` (in `group`, when given) in a
/// statistics table, as f64; an error names what is missing. The same as
/// [`value_where`] with the filters `feature = …` (and `group = …`), except
/// that the first matching row is taken.
pub fn value_of(table: &DataFrame, group: Option<&str>, feature: &str, column: &str) -> Result<f64> {
    let mut filters = vec![(columns::FEATURE, feature)];
    if let Some(g) = group {
        filters.insert(0, (columns::GROUP, g));
    }
    let rows = rows_where(table, &filters)?;
    let values = crate::display::get_column(table, column)?.cast(&DataType::Float64)?;
    let values = values.f64()?;
    rows.first()
        .and_then(|&i| values.get(i))
        .ok_or_else(|| Error::argument(format!("no `{feature}`{} in the table", group.map(|g| format!(" in group `{g}`")).unwrap_or_default())))
}

/// The rows of a tidy table where every `(column, value)` pair holds, as
/// row indices.
fn rows_where(table: &DataFrame, filters: &[(&str, &str)]) -> Result<Vec<usize>> {
    let cols = filters
        .iter()
        .map(|(c, _)| Ok(crate::display::get_column(table, c)?.cast(&DataType::String)?))
        .collect::<Result<Vec<_>>>()?;
    let strs = cols.iter().map(|c| Ok(c.str()?)).collect::<Result<Vec<_>>>()?;
    Ok((0..table.height()).filter(|&i| strs.iter().zip(filters).all(|(c, (_, v))| c.get(i) == Some(*v))).collect())
}

/// The value of `column` in the one row of a tidy table where every
/// `(column, value)` filter holds, as f64: `value_where(&scores, &[("group",
/// "rt"), ("category", "sanctions")], "per_1000")`. An error names the
/// filters when no row, or more than one, matches. Values are compared as
/// text, so numeric and boolean columns filter too (`("approx", "true")`).
///
/// This and [`count_where`], [`values_where`] and [`texts_where`] keep a
/// `check!` to one line:
///
/// ```
/// # use newsframe::prelude::*;
/// let df = df!("group" => ["rt", "rt", "daryo"], "side" => ["Russia", "West", "Russia"], "n" => [3u32, 1, 2]).unwrap();
/// check!(value_where(&df, &[("group", "rt"), ("side", "Russia")], "n")? == 3.0, "RT quotes three Russian voices");
/// check!(count_where(&df, &[("side", "Russia")])? == 2, "two outlets quote a Russian voice");
/// # Ok::<(), newsframe::Error>(())
/// ```
pub fn value_where(table: &DataFrame, filters: &[(&str, &str)], column: &str) -> Result<f64> {
    let rows = rows_where(table, filters)?;
    let describe = || filters.iter().map(|(c, v)| format!("{c} = {v}")).collect::<Vec<_>>().join(", ");
    match rows.as_slice() {
        [i] => {
            let v = crate::display::get_column(table, column)?.cast(&DataType::Float64)?;
            v.f64()?.get(*i).ok_or_else(|| Error::argument(format!("`{column}` is empty where {}", describe())))
        }
        [] => Err(Error::argument(format!("no row where {}", describe()))),
        _ => Err(Error::argument(format!("{} rows where {}; expected one", rows.len(), describe()))),
    }
}

/// How many rows of a tidy table satisfy every `(column, value)` filter
/// (an empty filter list counts all rows). An error names a missing column.
pub fn count_where(table: &DataFrame, filters: &[(&str, &str)]) -> Result<usize> {
    Ok(rows_where(table, filters)?.len())
}

/// The values of `column` as f64 in the rows where every filter holds, in
/// table order (missing values as NaN).
pub fn values_where(table: &DataFrame, filters: &[(&str, &str)], column: &str) -> Result<Vec<f64>> {
    let rows = rows_where(table, filters)?;
    let c = crate::display::get_column(table, column)?.cast(&DataType::Float64)?;
    let c = c.f64()?;
    Ok(rows.iter().map(|&i| c.get(i).unwrap_or(f64::NAN)).collect())
}

/// The text values of `column` in the rows where every filter holds, in
/// table order.
pub fn texts_where(table: &DataFrame, filters: &[(&str, &str)], column: &str) -> Result<Vec<String>> {
    let rows = rows_where(table, filters)?;
    let c = crate::display::get_column(table, column)?.cast(&DataType::String)?;
    let c = c.str()?;
    Ok(rows.iter().map(|&i| c.get(i).unwrap_or("").to_string()).collect())
}

/// The rows of a tidy table where every `(column, value)` filter holds.
pub fn rows_matching(table: &DataFrame, filters: &[(&str, &str)]) -> Result<DataFrame> {
    let rows = rows_where(table, filters)?;
    Ok(table.take(&IdxCa::from_vec("idx".into(), rows.iter().map(|&i| i as IdxSize).collect()))?)
}

/// The rows of a tidy table whose `column` is one of `values`, in table
/// order.
pub fn rows_in(table: &DataFrame, column: &str, values: &[&str]) -> Result<DataFrame> {
    let c = crate::display::get_column(table, column)?.cast(&DataType::String)?;
    let c = c.str()?;
    let rows: Vec<IdxSize> = (0..table.height()).filter(|&i| c.get(i).is_some_and(|v| values.contains(&v))).map(|i| i as IdxSize).collect();
    Ok(table.take(&IdxCa::from_vec("idx".into(), rows))?)
}
