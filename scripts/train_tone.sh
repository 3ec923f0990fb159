#!/usr/bin/env bash
# Trains the tone model (src/framing/tone_model.bin) on NewsMTSC's
# train.jsonl, deterministically: a fixed seed, one thread, f64 arithmetic.
# Running it again regenerates the shipped file byte for byte (it prints the
# SHA-256; tests/tone.rs compares a retrained model with the shipped one
# when ../shared is present). Settings are chosen on a fixed 80/20 split of
# train.jsonl; no test set is read.
#
#   bash scripts/train_tone.sh                     # NewsMTSC from ../shared
#   SHARED=/path/to/shared bash scripts/train_tone.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=${1:-$SHARED/corpora/newsmtsc/train.jsonl}
if [ ! -f "$DATA" ]; then
  echo "train_tone: $DATA not found (NewsMTSC lives in ../shared/corpora/newsmtsc, beside the project; or set SHARED)" >&2
  exit 1
fi
cargo run --quiet --locked --example train_tone -- "$DATA" src/framing/tone_model.bin
sha256sum src/framing/tone_model.bin
