#!/usr/bin/env bash
# Scale: `newsframe terms` on AllSides repeated 1, 2, 5 and 10 times (every
# row copied with a new id, `<ID>-r<k>`), as plain and gzipped CSV, with its
# time and peak RSS. The goal: at 10x (about 2.2 GB of text) peak RSS at most
# 2 GB, and time growing linearly.
#
# The copies are written under SCALE_DIR (default /tmp/newsframe-scale, never
# the repository; about 6 GB plain and 2 GB gzipped for all four sizes) once,
# and kept for later runs; delete the folder afterwards. Each size runs ROUNDS
# times (default 3), the sizes taking turns, and the script prints each run
# and then the median wall time, CPU time and the largest peak RSS of each
# size. Skips (exit 0, with a message) when the corpus is absent.
#
#   bash bench/scale.sh [CORPUS]     ROUNDS=3 SIZES="1 2 5 10" FORMATS="csv csv.gz" PY=/path/to/python NF=path/to/newsframe
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides/articles.csv.gz}
ROUNDS=${ROUNDS:-3}
SIZES=${SIZES:-1 2 5 10}
FORMATS=${FORMATS:-csv csv.gz}
PY=${PY:-.venv/bin/python}
DIR=${SCALE_DIR:-/tmp/newsframe-scale}
if [ ! -f "$CORPUS" ]; then
  echo "benchmark skipped: $CORPUS not found (it lives in ../shared, beside the project)"
  exit 0
fi
if [ -z "${NF:-}" ]; then
  cargo build --quiet --release --locked --bin newsframe
  NF=target/release/newsframe
fi
mkdir -p "$DIR"
for k in $SIZES; do
  if [ ! -f "$DIR/allsides-x$k.csv" ]; then
    echo "writing $DIR/allsides-x$k.csv"
    "$PY" - "$CORPUS" "$k" "$DIR/allsides-x$k.csv" <<'PY'
import sys
import polars as pl
corpus, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
df = pl.read_csv(corpus, infer_schema=False)
with open(out, "wb") as f:
    for i in range(k):
        copy = df.with_columns(pl.col("ID") + f"-r{i}") if i else df
        copy.write_csv(f, include_header=(i == 0))
PY
  fi
  if [[ " $FORMATS " == *" csv.gz "* ]] && [ ! -f "$DIR/allsides-x$k.csv.gz" ]; then
    echo "writing $DIR/allsides-x$k.csv.gz"
    gzip -1 -c "$DIR/allsides-x$k.csv" > "$DIR/allsides-x$k.csv.gz"
  fi
done
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS" "$RESULTS.time" "$RESULTS.out"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds"
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  for k in $SIZES; do
    for f in $FORMATS; do
      file=$DIR/allsides-x$k.$f
      /usr/bin/time -f "%e %U %S %M" -o "$RESULTS.time" "$NF" terms --corpus "$file" --by bias_text \
        --text-column content_original --id-column ID --format csv > "$RESULTS.out" 2> /dev/null
      read -r wall user sys rss < "$RESULTS.time"
      rows=$(($(wc -l < "$RESULTS.out") - 1))
      printf '%s\t%s\t%s\t%s\t%s\n' "$k" "$f" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))" >> "$RESULTS"
      printf '  %3sx %-7s wall %7.2f s  cpu %7.2f s  peak RSS %5d MB  rows %s\n' "$k" "$f" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))" "$rows"
    done
  done
done
"$PY" - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print("\nmedian wall and CPU time, largest peak RSS, and wall time per copy of the corpus:")
for f in dict.fromkeys(r[1] for r in rows):
    for k in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == k and r[1] == f]
        wall = statistics.median(float(r[2]) for r in mine)
        cpu = statistics.median(float(r[3]) for r in mine)
        rss = max(int(r[4]) for r in mine)
        print(f"  {k:>3}x {f:7s} {wall:7.2f} s  cpu {cpu:7.2f} s  {rss:5d} MB  {wall / int(k):6.2f} s per copy")
PY
