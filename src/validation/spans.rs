//! Spans recovered: which of a human coder's spans an instrument found.
//!
//! Where the gold standard marks spans in the text (quotations, named
//! mentions, bias spans), the first question is recall: how many of them
//! does the tool's output touch? [`spans_recovered`] answers it for any two
//! tables that have `doc_id` and byte offsets, so it works for BASIL's quote
//! spans against the voices table, for entity spans against the entities
//! table, and for a reader's own coding.

use std::collections::HashMap;

use polars::prelude::*;

use crate::corpus::columns;
use crate::display::get_column;
use crate::error::{Error, Result};

fn offsets(df: &DataFrame, column: &str) -> Result<Vec<Option<u64>>> {
    let c = get_column(df, column)?.cast(&DataType::UInt64).map_err(|_| Error::argument(format!("column `{column}` is not a byte offset")))?;
    let c = c.u64()?;
    Ok((0..c.len()).map(|i| c.get(i)).collect())
}

/// For each row of `gold` (columns `doc_id`, `gold_start`, `gold_end`),
/// whether a row of `found` in the same document (`doc_id`, `found_start`,
/// `found_end`) overlaps it by at least `min_overlap` of the gold span's
/// bytes (0.5: half of it; any overlap: a very small number).
///
/// Returns `gold` with two columns added: `recovered` (bool; false for a
/// gold row without offsets) and `found_<label>`: the `label` column of the
/// found row that overlaps it most (ties: the first in `found`'s order),
/// null when none does.
///
/// ```
/// use newsframe::polars::prelude::*;
/// use newsframe::validation::spans_recovered;
///
/// let gold = df!("doc_id" => ["a", "a"], "start" => [0u64, 50], "end" => [10u64, 60])?;
/// let found = df!("doc_id" => ["a"], "content_start" => [2u64], "content_end" => [30u64], "source" => ["Obama"])?;
/// let r = spans_recovered(&gold, "start", "end", &found, "content_start", "content_end", "source", 0.5)?;
/// assert_eq!(r.column("recovered")?.bool()?.get(0), Some(true));
/// assert_eq!(r.column("recovered")?.bool()?.get(1), Some(false));
/// assert_eq!(r.column("found_source")?.str()?.get(0), Some("Obama"));
/// # Ok::<(), newsframe::Error>(())
/// ```
#[allow(clippy::too_many_arguments)]
pub fn spans_recovered(
    gold: &DataFrame,
    gold_start: &str,
    gold_end: &str,
    found: &DataFrame,
    found_start: &str,
    found_end: &str,
    label: &str,
    min_overlap: f64,
) -> Result<DataFrame> {
    let g_doc = get_column(gold, columns::DOC_ID)?.cast(&DataType::String)?;
    let g_doc = g_doc.str()?;
    let (gs, ge) = (offsets(gold, gold_start)?, offsets(gold, gold_end)?);
    let f_doc = get_column(found, columns::DOC_ID)?.cast(&DataType::String)?;
    let f_doc = f_doc.str()?;
    let (fs, fe) = (offsets(found, found_start)?, offsets(found, found_end)?);
    let f_label = get_column(found, label)?.cast(&DataType::String)?;
    let f_label = f_label.str()?;
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..found.height() {
        if let Some(d) = f_doc.get(i) {
            by_doc.entry(d).or_default().push(i);
        }
    }
    let mut recovered = Vec::with_capacity(gold.height());
    let mut labels: Vec<Option<&str>> = Vec::with_capacity(gold.height());
    for i in 0..gold.height() {
        let (Some(d), Some(a), Some(b)) = (g_doc.get(i), gs[i], ge[i]) else {
            recovered.push(false);
            labels.push(None);
            continue;
        };
        let len = b.saturating_sub(a).max(1) as f64;
        let mut best: Option<(u64, usize)> = None;
        for &j in by_doc.get(d).map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(x), Some(y)) = (fs[j], fe[j]) else { continue };
            let overlap = b.min(y).saturating_sub(a.max(x));
            if overlap > 0 && overlap as f64 / len >= min_overlap && best.is_none_or(|(o, _)| overlap > o) {
                best = Some((overlap, j));
            }
        }
        recovered.push(best.is_some());
        labels.push(best.and_then(|(_, j)| f_label.get(j)));
    }
    let mut out = gold.clone();
    out.with_column(Column::new("recovered".into(), recovered))?;
    out.with_column(Column::new(format!("found_{label}").into(), labels))?;
    Ok(out)
}
