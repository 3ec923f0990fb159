#!/usr/bin/env bash
# The stance hedges measured against human coding: the speculation cues of
# the SFU Review Corpus (Konstantinova et al. 2012; 400 product reviews,
# books, computers, hotels, music; GPL-3.0, read from ../shared, never
# copied into the project). Product reviews, not news: a genre check.
#
#     bash bench/eval_stance.sh [SHARED_DIR]     # default ../shared beside the project
#     DETAIL=1 bash bench/eval_stance.sh         # plus the most frequent misses and wrong matches
#     DICTIONARY=other.toml bash bench/eval_stance.sh   # another stance dictionary
#
# Converts the reviews to a corpus (bench/sfu_speculation.py), runs
# `newsframe stance --audit` on it (hedges outside quotations, as the
# scores count them) and prints cue-level precision, recall and F1 of the
# `hedge` category on the development part (BOOKS, COMPUTERS) and the
# held-out part (HOTELS, MUSIC); then the same per sentence through
# `newsframe validate --unit sentence`. VALIDATION.md records the figures.
# Skips (exit 0, with a message) when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-${SHARED:-../shared}}
SFU="$SHARED/corpora/sfu_review_speculation"
if [ ! -d "$SFU/BOOKS" ]; then
  echo "stance evaluation skipped: $SFU not found (it lives in ../shared, beside the project; or give the shared folder as an argument)"
  exit 0
fi
PY=$(command -v python3)
cargo build --quiet --locked --bin newsframe
BIN=target/debug/newsframe
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PY" bench/sfu_speculation.py convert "$SFU" "$WORK"
for split in dev heldout; do
  "$BIN" stance --corpus "$WORK/$split.jsonl" --dictionary "${DICTIONARY:-stance}" --audit --format csv > "$WORK/$split.audit.csv" 2> "$WORK/$split.err" || { cat "$WORK/$split.err" >&2; exit 1; }
  echo "== $split ($( [ $split = dev ] && echo BOOKS+COMPUTERS || echo HOTELS+MUSIC )): hedge vs SFU speculation cues"
  "$PY" bench/sfu_speculation.py score "$WORK/$split.gold.json" "$WORK/$split.audit.csv" --category hedge ${DETAIL:+--detail}
  # The same instrument through `newsframe validate`, sentence by sentence:
  # a sentence is gold-positive when an SFU cue (or, second, a hedge-type
  # cue) falls in it, predicted positive when a hedge matches in it.
  "$BIN" corpus "$WORK/$split.jsonl" --table sentences --format csv > "$WORK/$split.sentences.csv" 2> /dev/null
  for kind in all hedge-type; do
    "$PY" bench/sfu_speculation.py sheet "$WORK/$split.gold.json" "$WORK/$split.sentences.csv" $([ "$kind" = hedge-type ] && echo --hedge-type) > "$WORK/$split.$kind.sheet.csv"
    echo "sentence level, $kind cues (newsframe validate --unit sentence --outside-quotes):"
    "$BIN" validate --corpus "$WORK/$split.jsonl" --dictionary "${DICTIONARY:-stance}" --outside-quotes --unit sentence \
      --coded "$WORK/$split.$kind.sheet.csv" --format csv 2> /dev/null | grep '^hedge,' | \
      awk -F, '{printf "  sentences=%s tp=%s fp=%s fn=%s tn=%s precision=%.3f recall=%.3f f1=%.3f\n", $2, $3, $4, $5, $6, $7, $8, $9}'
  done
done
