"""The benchmark jobs in the peers, on the AllSides CSV grouped by bias_text.

    python bench/peers.py CORPUS TOOL JOB [STOPWORD_FILE...] > table.csv

TOOL is `sklearn` (scikit-learn's CountVectorizer: lower-cased, its default
token pattern, words of two or more word characters) or `polars` (Python
polars: lower-case, extract `\\w+`, explode, group_by). JOB is

- `count`: term counts per group; prints nothing on stdout;
- `terms`: the table `newsframe terms --by bias_text --format csv` prints:
  group, feature, frequency, per_10k, rank (ties: min), docfreq, sorted by
  group, frequency descending, feature;
- `keyness`: the table `newsframe keyness --by bias_text --target left
  --format csv` prints: feature, chi2 (quanteda's Yates rule), p, n_target,
  n_reference, log_ratio, p_holm, p_bh, sorted by chi2 descending, feature.

The stopword files (one word a line, as the NLTK lists newsframe removes by
default; bench/run.sh passes the `stop-words` crate's English and Russian
lists) are removed from the terms. Both peers read the CSV with Python
polars, the fastest reader either has, and write the table with it. A JSON
line on stderr says how long each step took and how many tokens were counted.
"""
import json
import sys
import time

import numpy as np
import polars as pl

path, tool, job = sys.argv[1], sys.argv[2], sys.argv[3]
stopwords = sorted({w.strip().lower() for f in sys.argv[4:] for w in open(f, encoding="utf-8") if w.strip()})
TARGET = "left"
t0 = time.perf_counter()


def load():
    df = pl.read_csv(path, columns=["ID", "bias_text", "content_original"], infer_schema_length=0)
    return df.with_columns(pl.col("content_original").fill_null(""), pl.col("bias_text").fill_null("(none)"))


def chi2_yates(a, b, c, d):
    """Signed chi2 with quanteda's Yates rule (src/statistics/keyness.rs)."""
    n = a + b + c + d
    e = (a + b) * (a + c) / n
    small = ((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5) | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5)
    diff = np.abs(a * d - b * c)
    num = np.where(small & (diff >= n / 2), diff - n * 0.5, diff)
    sign = np.where(a > e, 1.0, -1.0)
    return n * num * num / ((a + b) * (c + d) * (a + c) * (b + d)) * sign


def adjust(p):
    """Holm and Benjamini-Hochberg (R's p.adjust)."""
    from scipy.stats import false_discovery_control

    m = len(p)
    order = np.argsort(p, kind="stable")
    holm = np.empty(m)
    holm[order] = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    return holm, false_discovery_control(p, method="bh")


def keyness_frame(features, a, b):
    from scipy.special import erfc

    a = a.astype(np.float64)
    b = b.astype(np.float64)
    t_total, r_total = a.sum(), b.sum()
    chi2 = chi2_yates(a, b, t_total - a, r_total - b)
    p = erfc(np.sqrt(np.abs(chi2) / 2))
    log_ratio = np.log2((np.where(a == 0, 0.5, a) / t_total) / (np.where(b == 0, 0.5, b) / r_total))
    holm, bh = adjust(p)
    return pl.DataFrame(
        {"feature": features, "chi2": chi2, "p": p, "n_target": a.astype(np.uint64), "n_reference": b.astype(np.uint64),
         "log_ratio": log_ratio, "p_holm": holm, "p_bh": bh}
    ).sort(["chi2", "feature"], descending=[True, False])


def terms_frame(group, features, freq, docfreq):
    """One group's rows of the terms table (terms with a count only)."""
    keep = freq > 0
    df = pl.DataFrame({"group": group, "feature": features[keep], "frequency": freq[keep].astype(np.uint64), "docfreq": docfreq[keep].astype(np.uint64)})
    total = float(freq.sum())
    return df.with_columns(
        per_10k=pl.col("frequency").cast(pl.Float64) * 10_000.0 / total,
        rank=pl.col("frequency").rank("min", descending=True).cast(pl.Float64),
    )


def finish_terms(df):
    return df.sort(["group", "frequency", "feature"], descending=[False, True, False]).select(
        "group", "feature", "frequency", "per_10k", "rank", "docfreq"
    )


df = load()
t_load = time.perf_counter() - t0
t1 = time.perf_counter()

if tool == "sklearn":
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(lowercase=True, stop_words=stopwords or None)
    X = vec.fit_transform(df["content_original"].to_list()).tocsr()
    features = vec.get_feature_names_out()
    groups = df["bias_text"].to_numpy()
    names = sorted(np.unique(groups))
    freq = {g: np.asarray(X[groups == g].sum(axis=0)).ravel() for g in names}
    tokens = int(sum(f.sum() for f in freq.values()))
    t_count = time.perf_counter() - t1
    if job == "terms":
        parts = []
        for g in names:
            sub = X[groups == g]
            docfreq = np.diff(sub.tocsc().indptr)
            parts.append(terms_frame(g, features, freq[g], docfreq))
        out = finish_terms(pl.concat(parts))
    elif job == "keyness":
        a = freq[TARGET]
        b = sum(freq[g] for g in names if g != TARGET)
        keep = (a > 0) | (b > 0)
        out = keyness_frame(features[keep], a[keep], b[keep])
elif tool == "polars":
    words = (
        df.lazy()
        .with_row_index("doc")
        .select(pl.col("doc"), pl.col("bias_text").alias("group"), pl.col("content_original").str.to_lowercase().str.extract_all(r"\w+").alias("feature"))
        .explode("feature")
        .drop_nulls("feature")
    )
    if stopwords:
        words = words.filter(~pl.col("feature").is_in(stopwords))
    if job == "terms":
        counts = (
            words.group_by(["group", "doc", "feature"]).len()
            .group_by(["group", "feature"]).agg(pl.col("len").sum().alias("frequency"), pl.len().alias("docfreq"))
        )
    else:
        counts = words.group_by(["group", "feature"]).agg(pl.len().alias("frequency"))
    counts = counts.collect()
    tokens = int(counts["frequency"].sum())
    t_count = time.perf_counter() - t1
    if job == "terms":
        out = finish_terms(
            counts.with_columns(
                per_10k=pl.col("frequency").cast(pl.Float64) * 10_000.0 / pl.col("frequency").sum().over("group"),
                rank=pl.col("frequency").rank("min", descending=True).over("group").cast(pl.Float64),
            )
        )
    elif job == "keyness":
        wide = counts.group_by("feature").agg(
            pl.col("frequency").filter(pl.col("group") == TARGET).sum().alias("a"),
            pl.col("frequency").filter(pl.col("group") != TARGET).sum().alias("b"),
        )
        out = keyness_frame(wide["feature"].to_numpy(), wide["a"].to_numpy(), wide["b"].to_numpy())
else:
    sys.exit(f"unknown tool {tool}")

t2 = time.perf_counter()
if job in ("terms", "keyness"):
    out.write_csv(sys.stdout)
    sys.stdout.flush()
print(json.dumps({"tool": tool, "job": job, "load_s": round(t_load, 2), "count_s": round(t_count, 2),
                  "table_s": round(time.perf_counter() - t2 + (t2 - t1 - t_count), 2), "tokens": tokens, "docs": df.height}), file=sys.stderr)
