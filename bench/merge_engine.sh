#!/usr/bin/env bash
# The path past one machine: shards on workers, one merge, and the same merge
# in an existing engine. Counts the corpus in N shards (`newsframe terms
# --shard i/N`, one after another here; on a cluster, one per worker), merges
# the partials with `newsframe merge`, checks that the merged table is byte
# for byte the one `newsframe terms` prints in one process, then runs the
# same merge as SQL in Apache DataFusion (bench/merge_engine.py) and checks
# that it equals ours cell for cell. Prints wall time and peak RSS of each
# step. Skips (exit 0, with a message) when the corpus is absent.
#
#   bash bench/merge_engine.sh [CORPUS]     N=4 PY=.venv/bin/python BY=bias_text COLUMNS="--text-column content_original --id-column ID" NF=path/to/newsframe KEEP=1
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides/articles.csv.gz}
N=${N:-4}
PY=${PY:-.venv/bin/python}
BY=${BY:-bias_text}
read -r -a COLS <<< "${COLUMNS---text-column content_original --id-column ID}"
if [ ! -e "$CORPUS" ]; then
  echo "merge benchmark skipped: $CORPUS not found (it lives in ../shared, beside the project)"
  exit 0
fi
if ! "$PY" -c "import datafusion, pyarrow" 2>/dev/null; then
  echo "merge benchmark: DataFusion is missing from $PY; install environment.yml's pip list (datafusion==55.0.0) into .venv, or set PY" >&2
  exit 1
fi
if [ -z "${NF:-}" ]; then
  cargo build --quiet --release --locked --bin newsframe
  NF=target/release/newsframe
fi
OUT=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "files kept in $OUT"; else trap 'rm -rf "$OUT"' EXIT; fi
mkdir "$OUT/partials"
COMMON=(--corpus "$CORPUS" --by "$BY" "${COLS[@]}")
timed() { # label, command... (stdout to $OUT/stdout)
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" > "$OUT/stdout" 2> "$OUT/err" || { cat "$OUT/err" >&2; exit 1; }
  read -r wall rss < "$OUT/time"
  printf '  %-34s wall %6.2f s  peak RSS %5d MB\n' "$label" "$wall" "$((rss / 1024))"
}
echo "corpus: $CORPUS; by $BY; $N shards; machine: $(nproc) cores"
timed "terms (one process)" "$NF" terms "${COMMON[@]}" --format csv
mv "$OUT/stdout" "$OUT/single.csv"
for i in $(seq "$N"); do
  timed "terms --shard $i/$N" "$NF" terms "${COMMON[@]}" --shard "$i/$N" --out "$OUT/partials/part-$i.parquet"
done
echo "  partials: $(du -ch "$OUT"/partials/*.parquet | tail -1 | cut -f1) in all"
timed "merge (newsframe)" "$NF" merge "$OUT"/partials/*.parquet --format csv
mv "$OUT/stdout" "$OUT/merged.csv"
if cmp -s "$OUT/single.csv" "$OUT/merged.csv"; then
  echo "byte-identical: newsframe merge of $N shards = newsframe terms in one process ($(($(wc -l < "$OUT/single.csv") - 1)) rows, $(sha256sum < "$OUT/single.csv" | cut -c1-16))"
else
  echo "DIFFERENT: newsframe merge of $N shards and newsframe terms in one process differ" >&2
  exit 1
fi
timed "merge (DataFusion SQL, + compare)" "$PY" bench/merge_engine.py "$OUT/partials" "$OUT/merged.csv"
sed 's/^/  /' "$OUT/stdout"
