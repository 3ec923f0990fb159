//! Partial counts: one shard of a corpus counted on its own, written as
//! Parquet, and the merge of a complete set of shards into the counts one
//! process would have made.
//!
//! A shard `i/N` is the `i`-th of `N` contiguous runs of documents in
//! corpus order, as equal in length as whole documents allow
//! ([`Shard::range`]). Contiguous runs, rather than every `N`-th document,
//! so that a worker given a corpus split into files or Parquet row groups
//! in the same order needs only its own part, and so that a shard is
//! described by two numbers (its first and last document).
//!
//! A partial is a long table (`docs/parquet.md` has the schema for Python,
//! R and DuckDB): `group`, `feature`, `n`, `docfreq`, one row per group and
//! term, plus one row per group whose `feature` is null and whose `n` and
//! `docfreq` are the group's tokens and documents. Every column adds up
//! across shards (a document is in exactly one shard, so document
//! frequencies add too), which is why any engine can merge partials with
//! one `GROUP BY group, feature` and `SUM`. The file's key-value metadata
//! records the tokenizer's settings, the column grouped by, the shard, the
//! corpus's number of documents, the crate version and the job (what the
//! merge prints); [`merge`] refuses partials that differ in any of these,
//! a shard missing or given twice, and a file whose rows do not add up.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::vocabulary::Vocabulary;
use super::{Cell, GroupCounts, Tally, DENSE_GROUPS};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::tokens::Tokenizer;

/// The metadata key prefix of a partial.
const PREFIX: &str = "newsframe.";
/// What `newsframe.kind` says in a partial.
const KIND: &str = "partial counts";

/// A shard spec `i/N`: the `i`-th (1-based) of `N` slices of a corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1 to `of`.
    pub index: usize,
    /// How many slices.
    pub of: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// Parses `i/N` with `1 ≤ i ≤ N`.
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard spec: expected i/N with 1 ≤ i ≤ N, e.g. 1/4 … 4/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, of) = (i.trim().parse::<usize>().map_err(|_| bad())?, n.trim().parse::<usize>().map_err(|_| bad())?);
        if of == 0 || index == 0 || index > of {
            return Err(bad());
        }
        Ok(Shard { index, of })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.of)
    }
}

impl Shard {
    /// The documents of this shard among `n` documents: the indices from
    /// `(i-1)·n/N` to `i·n/N` (rounded down), so the shards of `1/N` …
    /// `N/N` cover every document once, and differ in length by at most one.
    pub fn range(&self, n: usize) -> std::ops::Range<usize> {
        let at = |k: usize| (k as u128 * n as u128 / self.of as u128) as usize;
        at(self.index - 1)..at(self.index)
    }
}

impl Corpus {
    /// Keeps only the documents of `shard` (in corpus order); the others
    /// are dropped, not copied. The load report counts the shard's
    /// documents.
    pub fn into_shard(mut self, shard: Shard) -> Corpus {
        let range = shard.range(self.documents.len());
        self.documents.truncate(range.end);
        self.documents.drain(..range.start);
        self.report.n_documents = self.documents.len();
        self
    }
}

/// What a partial records about how it was made. Two partials merge only
/// when everything but the shard index is the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartialInfo {
    /// The crate version that wrote it.
    pub version: String,
    /// [`Tokenizer::settings`].
    pub tokenizer: String,
    /// The column grouped by.
    pub by: String,
    /// Which shard.
    pub shard: Shard,
    /// Documents in the whole corpus (all shards).
    pub documents: usize,
    /// Documents in this shard.
    pub shard_documents: usize,
    /// The job, for the merge to finish: what the caller put there (the
    /// command line writes the command and its options as JSON).
    pub job: String,
}

impl PartialInfo {
    /// The info of the shard `shard` of a corpus of `documents` documents.
    pub fn new(tokenizer: &Tokenizer, by: &str, shard: Shard, documents: usize, job: impl Into<String>) -> PartialInfo {
        PartialInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            tokenizer: tokenizer.settings(),
            by: by.to_owned(),
            shard,
            documents,
            shard_documents: shard.range(documents).len(),
            job: job.into(),
        }
    }

    fn pairs(&self) -> Vec<(String, String)> {
        [
            ("kind", KIND.to_owned()),
            ("version", self.version.clone()),
            ("tokenizer", self.tokenizer.clone()),
            ("by", self.by.clone()),
            ("shard", self.shard.to_string()),
            ("documents", self.documents.to_string()),
            ("shard_documents", self.shard_documents.to_string()),
            ("job", self.job.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (format!("{PREFIX}{k}"), v))
        .collect()
    }
}

/// Writes `counts` (of one shard) to `path` as a partial, with `info` as
/// its metadata. The counts must hold `info.shard_documents` documents.
pub fn write_partial(counts: &GroupCounts, info: &PartialInfo, path: &Path) -> Result<()> {
    let docs: u64 = counts.groups.values().map(|t| t.docs).sum();
    if docs != info.shard_documents as u64 {
        return Err(Error::argument(format!(
            "shard {} should hold {} documents and the counts hold {docs}",
            info.shard, info.shard_documents
        )));
    }
    let (mut g, mut f, mut n, mut df) = (vec![], vec![], vec![], vec![]);
    for (group, tally) in &counts.groups {
        g.push(group.as_str());
        f.push(None);
        n.push(tally.total);
        df.push(tally.docs);
        let mut rows: Vec<(&str, Cell)> = tally.iter().map(|(id, c)| (counts.term(id), c)).collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (term, c) in rows {
            g.push(group.as_str());
            f.push(Some(term));
            n.push(c.n);
            df.push(u64::from(c.df));
        }
    }
    let mut table = DataFrame::new_infer_height(vec![
        Column::new(GROUP.into(), g),
        Column::new(FEATURE.into(), f),
        Column::new(N.into(), n),
        Column::new(DOCFREQ.into(), df),
    ])?;
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    ParquetWriter::new(file)
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(info.pairs())))
        .finish(&mut table)
        .map_err(|e| parquet_error(path, e))?;
    Ok(())
}

const GROUP: &str = "group";
const FEATURE: &str = "feature";
const N: &str = "n";
const DOCFREQ: &str = "docfreq";

fn parquet_error(path: &Path, e: PolarsError) -> Error {
    Error::syntax(path, "Parquet", None, e.to_string())
}

fn field(path: &Path, field: &str, message: impl Into<String>) -> Error {
    Error::field(path, None, field, message)
}

/// Reads the metadata of a partial.
pub fn read_info(path: &Path) -> Result<PartialInfo> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = ParquetReader::new(file);
    let meta = reader.get_metadata().map_err(|e| parquet_error(path, e))?;
    let pairs: BTreeMap<String, String> = meta
        .key_value_metadata()
        .iter()
        .flatten()
        .filter_map(|kv| Some((kv.key.strip_prefix(PREFIX)?.to_owned(), kv.value.clone().unwrap_or_default())))
        .collect();
    let get = |key: &str| {
        pairs.get(key).cloned().ok_or_else(|| {
            field(path, &format!("{PREFIX}{key}"), "missing from the file's metadata: this is not a partial written by `newsframe … --shard`")
        })
    };
    if get("kind")? != KIND {
        return Err(field(path, "newsframe.kind", format!("is `{}`, not `{KIND}`", get("kind")?)));
    }
    let number = |key: &str| -> Result<usize> {
        let v = get(key)?;
        v.parse().map_err(|_| field(path, &format!("{PREFIX}{key}"), format!("`{v}` is not a number")))
    };
    let shard: Shard = get("shard")?.parse().map_err(|m: String| field(path, "newsframe.shard", m))?;
    let info = PartialInfo {
        version: get("version")?,
        tokenizer: get("tokenizer")?,
        by: get("by")?,
        shard,
        documents: number("documents")?,
        shard_documents: number("shard_documents")?,
        job: get("job")?,
    };
    if info.shard.range(info.documents).len() != info.shard_documents {
        return Err(field(
            path,
            "newsframe.shard_documents",
            format!("says {} documents, and shard {} of {} documents has {}", info.shard_documents, info.shard, info.documents, info.shard.range(info.documents).len()),
        ));
    }
    Ok(info)
}

/// Merges a complete set of partials (`1/N` … `N/N`, in any order) into the
/// counts one process makes of the whole corpus, with the partials' info
/// (that of shard 1). Partials that differ in anything but the shard, a
/// shard missing or given twice, and a file that is not a well-formed
/// partial are errors naming the file; nothing is merged from an
/// incomplete set.
pub fn merge(paths: &[PathBuf]) -> Result<(PartialInfo, GroupCounts)> {
    let Some(first) = paths.first() else {
        return Err(Error::argument("no partials to merge"));
    };
    let infos: Vec<PartialInfo> = paths.iter().map(|p| read_info(p)).collect::<Result<_>>()?;
    let base = &infos[0];
    let mut seen: Vec<Option<&Path>> = vec![None; base.shard.of];
    for (path, info) in paths.iter().zip(&infos) {
        let differs = |what: &str, ours: &dyn std::fmt::Display, theirs: &dyn std::fmt::Display| {
            Error::argument(format!(
                "{}: {what} is `{ours}`, and in {} it is `{theirs}`: partials made with different settings cannot be merged",
                path.display(),
                first.display()
            ))
        };
        if info.tokenizer != base.tokenizer {
            return Err(differs("the tokenizer", &info.tokenizer, &base.tokenizer));
        }
        if info.by != base.by {
            return Err(differs("the grouping column", &info.by, &base.by));
        }
        if info.shard.of != base.shard.of {
            return Err(differs("the number of shards", &info.shard.of, &base.shard.of));
        }
        if info.documents != base.documents {
            return Err(differs("the corpus's number of documents", &info.documents, &base.documents));
        }
        if info.job != base.job {
            return Err(differs("the job", &info.job, &base.job));
        }
        if info.version != base.version {
            return Err(differs("the newsframe version", &info.version, &base.version));
        }
        let slot = &mut seen[info.shard.index - 1];
        if let Some(other) = slot {
            return Err(Error::argument(format!("{}: shard {} is given twice (also {})", path.display(), info.shard, other.display())));
        }
        *slot = Some(path);
    }
    let missing: Vec<String> = seen.iter().enumerate().filter(|(_, s)| s.is_none()).map(|(i, _)| format!("{}/{}", i + 1, base.shard.of)).collect();
    if !missing.is_empty() {
        return Err(Error::argument(format!(
            "shard{} {} missing (given: {}): a partial result is not merged",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let mut tables = Vec::with_capacity(paths.len());
    let mut all_groups = std::collections::BTreeSet::new();
    for (path, info) in paths.iter().zip(&infos) {
        let table = read_table(path, info)?;
        all_groups.extend(table.iter().map(|(g, _)| g.clone()));
        tables.push(table);
    }
    let dense = all_groups.len() <= DENSE_GROUPS;
    let mut out = GroupCounts { vocab: Vocabulary::default(), groups: BTreeMap::new(), by: base.by.clone() };
    for table in tables {
        for (group, rows) in table {
            let tally = out.groups.entry(group).or_insert_with(|| Tally::new(dense));
            tally.total += rows.total;
            tally.docs += rows.docs;
            for (term, n, df) in rows.terms {
                let id = out.vocab.intern(&term);
                tally.add_cell(id, Cell { n, df, last: 0 });
            }
        }
    }
    Ok((infos[0].clone(), out))
}

/// One group's rows in one partial.
#[derive(Default)]
struct GroupRows {
    total: u64,
    docs: u64,
    terms: Vec<(String, u64, u32)>,
}

/// Reads and checks the rows of a partial: the schema, no nulls but the
/// totals rows' features, one totals row per group, no term twice, counts
/// that add up (a term's count at least its document frequency, which is at
/// most the group's documents; the groups' documents those of the shard).
fn read_table(path: &Path, info: &PartialInfo) -> Result<Vec<(String, GroupRows)>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let df = ParquetReader::new(file).finish().map_err(|e| parquet_error(path, e))?;
    let column = |name: &str, dtype: DataType| -> Result<Column> {
        let c = df.column(name).map_err(|_| field(path, name, "no such column: a partial has group, feature, n, docfreq"))?;
        if c.dtype() != &dtype {
            return Err(field(path, name, format!("is {}, expected {dtype}", c.dtype())));
        }
        Ok(c.clone())
    };
    let (g, f, n, d) = (column(GROUP, DataType::String)?, column(FEATURE, DataType::String)?, column(N, DataType::UInt64)?, column(DOCFREQ, DataType::UInt64)?);
    let (g, f, n, d) = (g.str()?, f.str()?, n.u64()?, d.u64()?);
    let mut groups: BTreeMap<String, (Option<(u64, u64)>, Vec<(String, u64, u32)>)> = BTreeMap::new();
    for row in 0..df.height() {
        let at = |c: &str| format!("{c} (row {})", row + 1);
        let group = g.get(row).ok_or_else(|| field(path, &at(GROUP), "is null"))?;
        let count = n.get(row).ok_or_else(|| field(path, &at(N), "is null"))?;
        let docfreq = d.get(row).ok_or_else(|| field(path, &at(DOCFREQ), "is null"))?;
        let entry = groups.entry(group.to_owned()).or_default();
        match f.get(row) {
            None => {
                if entry.0.is_some() {
                    return Err(field(path, &at(FEATURE), format!("a second totals row (null feature) for group `{group}`")));
                }
                entry.0 = Some((count, docfreq));
            }
            Some(term) => {
                if count < docfreq || count == 0 {
                    return Err(field(path, &at(N), format!("is {count}, with docfreq {docfreq}: a term occurs at least once in each document it is in")));
                }
                let df32 = u32::try_from(docfreq).map_err(|_| field(path, &at(DOCFREQ), format!("{docfreq} is too large")))?;
                entry.1.push((term.to_owned(), count, df32));
            }
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    let mut docs = 0;
    for (group, (totals, mut terms)) in groups {
        let Some((total, n_docs)) = totals else {
            return Err(field(path, FEATURE, format!("group `{group}` has no totals row (null feature)")));
        };
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if let Some(w) = terms.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(field(path, FEATURE, format!("`{}` appears twice in group `{group}`", w[0].0)));
        }
        let sum: u64 = terms.iter().map(|t| t.1).sum();
        if sum != total {
            return Err(field(path, N, format!("group `{group}`: its terms add up to {sum} tokens, and its totals row says {total}")));
        }
        if let Some(t) = terms.iter().find(|t| u64::from(t.2) > n_docs) {
            return Err(field(path, DOCFREQ, format!("group `{group}`: `{}` is in {} documents of {n_docs}", t.0, t.2)));
        }
        docs += n_docs;
        out.push((group, GroupRows { total, docs: n_docs, terms }));
    }
    if docs != info.shard_documents as u64 {
        return Err(field(path, DOCFREQ, format!("the groups' totals rows hold {docs} documents, and shard {} has {}", info.shard, info.shard_documents)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::count_by_group;

    #[test]
    fn shards_cover_every_document_once() {
        for n in 0..40 {
            for of in 1..12 {
                let ranges: Vec<_> = (1..=of).map(|index| Shard { index, of }.range(n)).collect();
                assert_eq!(ranges[0].start, 0);
                assert_eq!(ranges[of - 1].end, n);
                for w in ranges.windows(2) {
                    assert_eq!(w[0].end, w[1].start);
                }
                let lens: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
                assert!(lens.iter().max().unwrap() - lens.iter().min().unwrap() <= 1, "{n} in {of}: {lens:?}");
            }
        }
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, of: 4 }));
        for bad in ["3/2", "0/0", "0/1", "1/0", "1", "/", "a/2", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().unwrap_err().contains(&format!("`{bad}` is not a shard spec")), "{bad}");
        }
    }

    /// Writes `df` with the metadata of the partial at `like`.
    fn rewrite(df: &mut DataFrame, like: &Path, to: &Path) {
        let info = read_info(like).unwrap();
        ParquetWriter::new(File::create(to).unwrap()).with_key_value_metadata(Some(KeyValueMetadata::from_static(info.pairs()))).finish(df).unwrap();
    }

    #[test]
    fn a_partial_whose_rows_do_not_add_up_is_not_merged() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Corpus::open("seeds").unwrap();
        let t = Tokenizer::words();
        let paths: Vec<PathBuf> = (1..=2)
            .map(|index| {
                let shard = Shard { index, of: 2 };
                let counts = count_by_group(&corpus.clone().into_shard(shard), &t, "outlet", 1).unwrap();
                let path = dir.path().join(format!("{index}.parquet"));
                write_partial(&counts, &PartialInfo::new(&t, "outlet", shard, corpus.len(), "{}"), &path).unwrap();
                path
            })
            .collect();
        let (info, merged) = merge(&paths).unwrap();
        assert_eq!((info.shard, info.documents, info.by.as_str()), (Shard { index: 1, of: 2 }, 5, "outlet"));
        let whole = count_by_group(&corpus, &t, "outlet", 2).unwrap();
        assert_eq!(merged.table().unwrap(), whole.table().unwrap());
        assert_eq!(merged.frequency_table(crate::statistics::Ties::Min).unwrap(), whole.frequency_table(crate::statistics::Ties::Min).unwrap());
        let original = ParquetReader::new(File::open(&paths[1]).unwrap()).finish().unwrap();
        let bad = dir.path().join("bad.parquet");
        let merge_bad = |df: &mut DataFrame| {
            rewrite(df, &paths[1], &bad);
            let e = merge(&[paths[0].clone(), bad.clone()]).err().expect("a bad partial merged").to_string();
            assert!(e.contains("bad.parquet"), "{e}");
            e
        };
        // One count changed: the group's terms no longer add up to its tokens.
        let mut n: Vec<u64> = original.column("n").unwrap().u64().unwrap().iter().map(Option::unwrap).collect();
        n[1] += 1;
        let mut df = original.clone();
        df.with_column(Column::new("n".into(), n)).unwrap();
        assert!(merge_bad(&mut df).contains("add up to"));
        // A row twice.
        let mut df = original.vstack(&original.slice(1, 1)).unwrap();
        assert!(merge_bad(&mut df).contains("appears twice"));
        // A totals row lost.
        let mut df = original.slice(1, original.height() - 1);
        assert!(merge_bad(&mut df).contains("no totals row"));
        // A column missing.
        let mut df = original.drop("docfreq").unwrap();
        assert!(merge_bad(&mut df).contains("docfreq"));
    }
}
