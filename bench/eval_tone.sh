#!/usr/bin/env bash
# Tone toward a target, measured against human coding: NewsMTSC's held-out
# devtest_mt set (Hamborg & Donnay 2021; 721 news sentences, 1,476 targets,
# each coded negative, neutral or positive toward the target).
#
# Scores every target with the Python vaderSentiment 3.3.2 (the whole
# sentence's compound, cut at ±0.05: the peer) and with
# `newsframe sentiment --targets` under its three scorers (sentence, lexicon,
# model), in one run, and prints macro F1 (95% bootstrap interval over
# sentences, fixed seed), accuracy and per-class F1 for
# each (scikit-learn's f1_score). VALIDATION.md records the figures.
#
#   bash bench/eval_tone.sh                 # NewsMTSC from ../shared
#   SHARED=/path/to/shared bash bench/eval_tone.sh
#
# Skips (exit 0, with a message) when the corpus is absent. Nothing here is
# tuned on devtest_mt: the scorers' settings come from train.jsonl
# (scripts/train_tone.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=${1:-$SHARED/corpora/newsmtsc/devtest_mt.jsonl}
if [ ! -f "$DATA" ]; then
  echo "tone benchmark skipped: $DATA not found (NewsMTSC lives in ../shared/corpora/newsmtsc, beside the project; or set SHARED)"
  exit 0
fi
PY=${PY:-.venv/bin/python}
if ! "$PY" -c "import sklearn, vaderSentiment" 2>/dev/null; then
  echo "tone benchmark: scikit-learn and vaderSentiment are missing; run 'bash scripts/render.sh' once to install environment.yml into .venv (or set PY)" >&2
  exit 1
fi
cargo build --quiet --locked --bin newsframe
BIN=target/debug/newsframe
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PY" bench/eval_tone.py prepare "$DATA" "$WORK"
for scorer in sentence lexicon model; do
  "$BIN" sentiment --corpus "$WORK/corpus.jsonl" --targets "$WORK/targets.csv" --scorer "$scorer" --format csv > "$WORK/$scorer.csv" 2> "$WORK/$scorer.err" \
    || { cat "$WORK/$scorer.err" >&2; exit 1; }
done
"$PY" bench/eval_tone.py score "$DATA" "$WORK"
