#!/usr/bin/env bash
# The benchmark: the commands users run, on the AllSides corpus
# (../shared/corpora/allsides/articles.csv.gz, 37,554 articles, 225 MB of
# text), grouped by bias_text, in newsframe and in its peers producing the
# same table (bench/peers.py: scikit-learn's CountVectorizer, Python polars):
#
#   terms    newsframe terms   --by bias_text --format csv > file
#   keyness  newsframe keyness --by bias_text --target left --format csv > file
#   count    newsframe count   --by bias_text   (the summary job; not run
#            unless JOBS includes it)
#
# Each tool runs ROUNDS times (default 3), the tools taking turns, so that
# a slow spell of this shared machine falls on all of them alike. Prints
# every run (wall time, CPU time, peak RSS from /usr/bin/time, rows
# written), then per job the median wall time of each tool and the ratios
# peer / newsframe; BENCHMARKS.md records them. Skips (exit 0, with a
# message) when the corpus is absent.
#
#   bash bench/run.sh [CORPUS]        ROUNDS=5 JOBS="terms keyness count" PY=/path/to/python KEEP=1 NF=path/to/newsframe
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides/articles.csv.gz}
ROUNDS=${ROUNDS:-3}
JOBS=${JOBS:-terms keyness}
PY=${PY:-.venv/bin/python}
if [ ! -f "$CORPUS" ]; then
  echo "benchmark skipped: $CORPUS not found (it lives in ../shared, beside the project)"
  exit 0
fi
if ! "$PY" -c "import sklearn, polars, scipy" 2>/dev/null; then
  echo "benchmark: the peers are missing from $PY; run 'bash scripts/render.sh' once to install environment.yml into .venv (or set PY)" >&2
  exit 1
fi
# NF: a newsframe binary to time instead of building target/release/newsframe.
if [ -z "${NF:-}" ]; then
  cargo build --quiet --release --locked --bin newsframe
fi
# The stopword lists newsframe removes by default (NLTK English and Russian,
# from the stop-words crate), so that the peers remove the same words.
STOP=$(cargo metadata --quiet --locked --format-version 1 | "$PY" -c '
import json, os, sys
pkgs = json.load(sys.stdin)["packages"]
print(next(os.path.dirname(p["manifest_path"]) for p in pkgs if p["name"] == "stop-words"))')
STOPWORDS=("$STOP/src/nltk/english" "$STOP/src/nltk/russian")
OUT=$(mktemp -d)
RESULTS=$OUT/results.tsv
if [ -n "${KEEP:-}" ]; then echo "tables of the last round kept in $OUT"; else trap 'rm -rf "$OUT"' EXIT; fi
measure() { # job, tool label, command...
  local job=$1 label=$2; shift 2
  local out=$OUT/$job-${label%% *}.csv
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" > "$out" 2> "$OUT/err" || { cat "$OUT/err" >&2; exit 1; }
  read -r wall user sys rss < "$OUT/time"
  local cpu; cpu=$(awk "BEGIN{print $user + $sys}")
  local rows; rows=$(($(wc -l < "$out") - 1))
  printf '%s\t%s\t%s\t%s\t%s\n' "$job" "$label" "$wall" "$cpu" "$((rss / 1024))" >> "$RESULTS"
  printf '  %-8s %-30s wall %6.2f s  cpu %6.2f s  peak RSS %5d MB  rows %s\n' "$job" "$label" "$wall" "$cpu" "$((rss / 1024))" "$rows"
  grep -v '^loaded\|^  \|^{' "$OUT/err" | grep -v -i 'warn' | sed 's/^/      /' || true
  grep '^{' "$OUT/err" | sed 's/^/      /' || true
  if [ "$job" = count ]; then sed 's/^/      /' "$out"; fi
}
NF=("${NF:-target/release/newsframe}")
COMMON=(--corpus "$CORPUS" --by bias_text --text-column content_original --id-column ID)
echo "corpus: $CORPUS; machine: $(nproc) cores; $ROUNDS rounds; jobs: $JOBS"
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  for job in $JOBS; do
    case $job in
      terms) measure terms newsframe "${NF[@]}" terms "${COMMON[@]}" --format csv ;;
      keyness) measure keyness newsframe "${NF[@]}" keyness "${COMMON[@]}" --target left --format csv ;;
      count) measure count newsframe "${NF[@]}" count "${COMMON[@]}" ;;
      *) echo "unknown job $job" >&2; exit 1 ;;
    esac
    # `count` keeps stopwords (as `newsframe count` does); terms and keyness drop them.
    stop=("${STOPWORDS[@]}")
    if [ "$job" = count ]; then stop=(); fi
    measure "$job" "scikit-learn CountVectorizer" "$PY" bench/peers.py "$CORPUS" sklearn "$job" "${stop[@]}"
    measure "$job" "Python polars" "$PY" bench/peers.py "$CORPUS" polars "$job" "${stop[@]}"
  done
done
"$PY" - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print("\nmedian wall time (range; peak RSS of the largest run), and the ratio peer / newsframe:")
for job in dict.fromkeys(r[0] for r in rows):
    print(job)
    mine = [r for r in rows if r[0] == job]
    tools = list(dict.fromkeys(r[1] for r in mine))
    walls = {t: [float(r[2]) for r in mine if r[1] == t] for t in tools}
    med = {t: statistics.median(w) for t, w in walls.items()}
    for t in tools:
        rss = max(int(r[4]) for r in mine if r[1] == t)
        ratio = "" if t == "newsframe" else f"  {med[t] / med['newsframe']:.1f}x"
        print(f"  {t:30s} {med[t]:6.2f} s  ({min(walls[t]):.2f}-{max(walls[t]):.2f} s; {rss} MB){ratio}")
PY
