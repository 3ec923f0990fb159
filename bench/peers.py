"""The benchmark job in the peers: load the AllSides CSV, tokenize, count
terms by group (bias_text). Prints one JSON line per peer with seconds and
the number of tokens counted, so that bench/run.sh can compare throughput.

- scikit-learn: CountVectorizer (lower-cased, default token pattern: words
  of two or more word characters), then the document-term matrix summed per
  group;
- Python polars: lower-case, extract `\\w+` words, explode, group_by count.

Both read the CSV with Python polars (the fastest reader available to
either), so the load time is the same and the comparison is about
tokenizing and counting.
"""
import json
import sys
import time

import numpy as np
import polars as pl
from sklearn.feature_extraction.text import CountVectorizer

path = sys.argv[1]
which = sys.argv[2] if len(sys.argv) > 2 else "both"


def load():
    t = time.perf_counter()
    df = pl.read_csv(path, columns=["ID", "bias_text", "content_original"], infer_schema_length=0)
    df = df.with_columns(pl.col("content_original").fill_null(""), pl.col("bias_text").fill_null("(none)"))
    return df, time.perf_counter() - t


if which in ("sklearn", "both"):
    df, load_s = load()
    t = time.perf_counter()
    vec = CountVectorizer(lowercase=True)
    X = vec.fit_transform(df["content_original"].to_list())
    groups = df["bias_text"].to_numpy()
    tokens = 0
    for g in np.unique(groups):
        row = X[groups == g].sum(axis=0)
        tokens += int(row.sum())
    count_s = time.perf_counter() - t
    print(json.dumps({"peer": "scikit-learn CountVectorizer", "load_s": load_s, "count_s": count_s, "tokens": tokens, "docs": df.height}))

if which in ("polars", "both"):
    df, load_s = load()
    t = time.perf_counter()
    counts = (
        df.lazy()
        .select(pl.col("bias_text"), pl.col("content_original").str.to_lowercase().str.extract_all(r"\w+").alias("w"))
        .explode("w")
        .drop_nulls("w")
        .group_by(["bias_text", "w"])
        .len()
        .collect()
    )
    count_s = time.perf_counter() - t
    print(json.dumps({"peer": "Python polars", "load_s": load_s, "count_s": count_s, "tokens": int(counts["len"].sum()), "docs": df.height}))
