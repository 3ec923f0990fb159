#!/usr/bin/env bash
# The benchmark: load → tokenize → count by group on the AllSides corpus
# (../shared/corpora/allsides/articles.csv.gz, 37,554 articles, 225 MB of
# text, grouped by bias_text), in newsframe and in its peers, in one run.
# Prints wall time, CPU time and peak RSS for each; BENCHMARKS.md records
# the results. Skips (exit 0, with a message) when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides/articles.csv.gz}
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
measure() { # label, command...
  local label=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" > "$out" 2> "$out.err" || { cat "$out.err" >&2; exit 1; }
  read -r wall user sys rss < "$out.time"
  printf '%-32s wall %7.2f s  cpu %7.2f s  peak RSS %6d MB\n' "$label" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))"
  cat "$out.err" | grep -v '^loaded\|^  ' | sed 's/^/    /' || true
  cat "$out" | sed 's/^/    /'
}
echo "corpus: $CORPUS; machine: $(nproc) cores"
measure "newsframe (Rust, $(nproc) threads)" target/release/newsframe count --corpus "$CORPUS" --by bias_text --text-column content_original --id-column ID
measure "scikit-learn CountVectorizer" "$PY" bench/peers.py "$CORPUS" sklearn
measure "Python polars" "$PY" bench/peers.py "$CORPUS" polars
