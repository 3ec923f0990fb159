"""The merge of `newsframe --shard` partials, run as SQL in Apache DataFusion,
checked against `newsframe merge`.

    python bench/merge_engine.py PARTIALS_DIR OURS.csv [ENGINE.csv]

PARTIALS_DIR holds the N partials of one `newsframe terms --shard i/N` run
(and nothing else); OURS.csv is `newsframe merge ... --format csv` of them.
The script checks the partials' metadata (every shard once, one tokenizer,
one grouping), merges them with one SQL query (the sums per group and
feature, then each group's rates and ranks: the `terms` table), sorts both
tables by (group, feature) and compares every cell. Exits 1 on any
difference. docs/parquet.md has the schema this relies on.
"""

import csv
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from datafusion import SessionContext

# The `terms` table from partials: a partial's rows add up across shards
# (feature NULL is a group's totals row: n = tokens, docfreq = documents).
SQL = """
WITH merged AS (
    SELECT "group", feature, SUM(n) AS n, SUM(docfreq) AS docfreq
    FROM partials
    GROUP BY "group", feature
),
totals AS (
    SELECT "group", n AS total FROM merged WHERE feature IS NULL
)
SELECT m."group" AS "group",
       m.feature AS feature,
       m.n AS frequency,
       CAST(m.n AS DOUBLE) * 10000.0 / CAST(t.total AS DOUBLE) AS per_10k,
       RANK() OVER (PARTITION BY m."group" ORDER BY m.n DESC) AS rank,
       m.docfreq AS docfreq
FROM merged m JOIN totals t ON m."group" = t."group"
WHERE m.feature IS NOT NULL
ORDER BY "group", frequency DESC, feature
"""


def check_metadata(files):
    """Every shard 1/N .. N/N once, all with the same settings."""
    seen, first = {}, None
    for f in files:
        kv = {k.decode(): v.decode() for k, v in (pq.read_metadata(f).metadata or {}).items() if k.startswith(b"newsframe.")}
        if kv.get("newsframe.kind") != "partial counts":
            sys.exit(f"{f}: not a newsframe partial (newsframe.kind is {kv.get('newsframe.kind')!r})")
        settings = {k: v for k, v in kv.items() if k not in ("newsframe.shard", "newsframe.shard_documents")}
        if first is None:
            first = (f, settings)
        elif settings != first[1]:
            diff = sorted(k for k in settings.keys() | first[1].keys() if settings.get(k) != first[1].get(k))
            sys.exit(f"{f}: {', '.join(diff)} differ from {first[0]}; not merged")
        i, n = map(int, kv["newsframe.shard"].split("/"))
        if i in seen:
            sys.exit(f"{f}: shard {i}/{n} given twice (also {seen[i]})")
        seen[i] = f
    n = int(kv["newsframe.shard"].split("/")[1])
    missing = [f"{i}/{n}" for i in range(1, n + 1) if i not in seen]
    if missing:
        sys.exit(f"shards {', '.join(missing)} missing; not merged")
    return n, first[1]


def main():
    parts, ours_csv = Path(sys.argv[1]), sys.argv[2]
    files = sorted(str(p) for p in parts.glob("*.parquet"))
    n, settings = check_metadata(files)
    start = time.perf_counter()
    ctx = SessionContext()
    ctx.register_parquet("partials", str(parts))
    engine = ctx.sql(SQL).to_pydict()
    took = time.perf_counter() - start
    rows = list(zip(engine["group"], engine["feature"], engine["frequency"], engine["per_10k"], engine["rank"], engine["docfreq"]))
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["group", "feature", "frequency", "per_10k", "rank", "docfreq"])
            w.writerows(rows)
    with open(ours_csv, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        assert header == ["group", "feature", "frequency", "per_10k", "rank", "docfreq"], header
        ours = [(g, t, int(c), float(p), float(k), int(d)) for g, t, c, p, k, d in r]
    key = lambda row: (row[0], row[1])
    ours.sort(key=key)
    theirs = sorted(((g, t, int(c), float(p), float(k), int(d)) for g, t, c, p, k, d in rows), key=key)
    exact = ours == theirs
    close = len(ours) == len(theirs) and all(
        a[:3] == b[:3] and a[4:] == b[4:] and abs(a[3] - b[3]) <= 1e-12 * abs(b[3]) for a, b in zip(ours, theirs)
    )
    print(f"DataFusion merged {len(files)} partials ({n} shards; by {settings['newsframe.by']}) in {took:.2f} s: {len(theirs)} rows; newsframe merge: {len(ours)} rows")
    if exact:
        print("equal: every row and cell, per_10k to the bit")
    elif close:
        print("equal: every row, counts, ranks and document frequencies exactly; per_10k within 1e-12 relative")
    else:
        diff = next((a, b) for a, b in zip(ours + [None] * len(theirs), theirs + [None] * len(ours)) if a != b)
        sys.exit(f"DIFFERENT: first difference (ours, DataFusion's): {diff}")


if __name__ == "__main__":
    main()
