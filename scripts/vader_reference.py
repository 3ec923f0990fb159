"""Reference VADER scores for tests/vader.rs, from Python vaderSentiment.

Scores every sentence of the seed corpus, as newsframe splits it, with
vaderSentiment 3.3.2 (installed into .venv by scripts/render.sh from
environment.yml), and writes tests/data/vader/seeds.csv. Run from the
project root:

    cargo run --quiet -- corpus seeds --table sentences --format csv \
      | .venv/bin/python scripts/vader_reference.py > tests/data/vader/seeds.csv
"""
import csv
import sys

import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

analyzer = SentimentIntensityAnalyzer()
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["doc_id", "sentence_id", "compound"])
for row in csv.DictReader(sys.stdin):
    out.writerow([row["doc_id"], row["sentence_id"], analyzer.polarity_scores(row["text"])["compound"]])
