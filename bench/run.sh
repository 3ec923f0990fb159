#!/usr/bin/env bash
# The benchmark: load → tokenize → count by group on the AllSides corpus
# (../shared/corpora/allsides/articles.csv.gz, 37,554 articles, 225 MB of
# text, grouped by bias_text), in newsframe and in its peers, in one run.
#
# Each tool runs ROUNDS times (default 3), the tools taking turns, so that
# a slow spell of this shared machine falls on all of them alike. Prints
# every run (wall time, CPU time, peak RSS), then the median wall time of
# each tool and the ratios peer / newsframe; BENCHMARKS.md records them.
# Skips (exit 0, with a message) when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides/articles.csv.gz}
ROUNDS=${ROUNDS:-3}
if [ ! -f "$CORPUS" ]; then
  echo "benchmark skipped: $CORPUS not found (it lives in ../shared, beside the project)"
  exit 0
fi
PY=.venv/bin/python
if ! "$PY" -c "import sklearn, polars" 2>/dev/null; then
  echo "benchmark: the peers are missing; run 'bash scripts/render.sh' once to install environment.yml into .venv" >&2
  exit 1
fi
cargo build --quiet --release --locked --bin newsframe
RESULTS=$(mktemp)
measure() { # label, command...
  local label=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" > "$out" 2> "$out.err" || { cat "$out.err" >&2; exit 1; }
  read -r wall user sys rss < "$out.time"
  printf '%s\t%s\t%s\t%s\n' "$label" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))" >> "$RESULTS"
  printf '%-30s wall %6.2f s  cpu %6.2f s  peak RSS %5d MB\n' "$label" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))"
  grep -v '^loaded\|^  ' "$out.err" | sed 's/^/    /' || true
  sed 's/^/    /' "$out"
  rm -f "$out" "$out.time" "$out.err"
}
echo "corpus: $CORPUS; machine: $(nproc) cores; $ROUNDS rounds"
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  measure "newsframe" target/release/newsframe count --corpus "$CORPUS" --by bias_text --text-column content_original --id-column ID
  measure "scikit-learn CountVectorizer" "$PY" bench/peers.py "$CORPUS" sklearn
  measure "Python polars" "$PY" bench/peers.py "$CORPUS" polars
done
"$PY" - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
tools = list(dict.fromkeys(r[0] for r in rows))
med = {t: statistics.median(float(r[1]) for r in rows if r[0] == t) for t in tools}
rss = {t: max(int(r[3]) for r in rows if r[0] == t) for t in tools}
print("\nmedian wall time (peak RSS, largest run), and the ratio peer / newsframe:")
for t in tools:
    ratio = "" if t == "newsframe" else f"  {med[t] / med['newsframe']:.1f}x"
    print(f"  {t:30s} {med[t]:6.2f} s  ({rss[t]} MB){ratio}")
PY
rm -f "$RESULTS"
