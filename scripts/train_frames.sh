#!/usr/bin/env bash
# Trains dictionaries/generic_frames_model.json on the Narrative Frames
# Corpus (../shared/corpora/narrative_frames/articles.tsv beside the project,
# or under $NEWSFRAME_SHARED when set,
# or the path given as $1) and prints the cross-validated
# precision, recall and F1 per frame against the "matches once" rule.
#
#   bash scripts/train_frames.sh            # retrain and overwrite the model
#   bash scripts/train_frames.sh --check    # retrain into a temporary file and
#                                           # fail unless it equals the shipped one
#
# Deterministic: the same corpus and dictionary give the same file, byte for
# byte. Skips (exit 0, with a message) when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi
TSV=${1:-${NEWSFRAME_SHARED:-../shared}/corpora/narrative_frames/articles.tsv}
MODEL=dictionaries/generic_frames_model.json
if [ ! -f "$TSV" ]; then
  echo "train_frames skipped: $TSV not found (the Narrative Frames Corpus lives in ../shared, beside the project)"
  exit 0
fi
# The crate at opt-level 3 (its dependencies keep the dev profile's level):
# 20 s instead of minutes; floating point gives the same bits at any level.
cargo build --quiet --locked --example train_frames --config 'profile.dev.package.newsframe.opt-level=3'
if [ "$CHECK" = 1 ]; then
  OUT=$(mktemp)
  trap 'rm -f "$OUT"' EXIT
  target/debug/examples/train_frames "$TSV" "$OUT"
  if cmp -s "$OUT" "$MODEL"; then
    echo "ok: $MODEL is what the training script produces"
  else
    echo "differs: $MODEL is not what the training script produces (run bash scripts/train_frames.sh)" >&2
    exit 1
  fi
else
  target/debug/examples/train_frames "$TSV" "$MODEL"
  echo "wrote $MODEL ($(wc -c < "$MODEL") bytes)"
fi
