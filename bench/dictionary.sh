#!/usr/bin/env bash
# Dictionary loading and lookup at scale: a generated LIWC file with
# 100,000 categories (one word each, 3.8 MB), looked up in the seed corpus
# with `newsframe frames` (load, index, match every token, score per
# document and category). Prints wall time and peak RSS, and fails when the
# run takes more than LIMIT seconds (default 60: the quadratic index took
# 22 s here, the linear one well under 1 s; the bound is generous so that a
# loaded machine does not trip it, and a return of the quadratic index at
# 100,000 categories, or more, does). A benchmark, not a test.
#
#   bash bench/dictionary.sh                  # 100,000 categories
#   N=300000 LIMIT=120 bash bench/dictionary.sh
#   BIN=target/release/newsframe bash bench/dictionary.sh   # skip the build
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
LIMIT=${LIMIT:-60}
if [ -z "${BIN:-}" ]; then
  cargo build --quiet --release --locked --bin newsframe
  BIN=target/release/newsframe
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
DIC=$DIR/big.dic
{
  echo "%"
  seq 1 "$N" | awk '{print $1 "\tcategory" $1}'
  echo "%"
  # The seeds' own words among the generated ones, so that there are
  # matches to score: category k holds `wordk`, and the first categories
  # hold words of the seeds.
  printf 'putin\t1\nkazakhstan\t2\ntokayev\t3\nastana\t4\nvisit*\t5\n'
  seq 6 "$N" | awk '{print "word" $1 "\t" $1}'
} >"$DIC"
echo "$(stat -c %s "$DIC") bytes, $N categories"
START=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" "$BIN" frames --corpus seeds --dictionary "$DIC" --format csv >"$DIR/out.csv" 2>"$DIR/err" || { cat "$DIR/err" >&2; exit 1; }
END=$(date +%s.%N)
tail -1 "$DIR/err"
ROWS=$(($(wc -l <"$DIR/out.csv") - 1))
MATCHED=$(awk -F, 'NR > 1 && $3 > 0' "$DIR/out.csv" | wc -l)
echo "$ROWS score rows (documents × categories), $MATCHED with matches"
if [ "$ROWS" -ne $((5 * N)) ] || [ "$MATCHED" -lt 5 ]; then
  echo "bench/dictionary.sh: expected $((5 * N)) rows and matches for the seed words" >&2
  exit 1
fi
if awk -v s="$START" -v e="$END" -v l="$LIMIT" 'BEGIN { exit !(e - s > l) }'; then
  echo "bench/dictionary.sh: over $LIMIT s" >&2
  exit 1
fi
