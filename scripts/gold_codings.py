#!/usr/bin/env python3
"""Turns the seed gold's frame files into coding sheets that `newsframe
validate` and the notebook API `Coding::open` read (doc_id, category,
label), naming categories as the shipped dictionaries do.

    python3 scripts/gold_codings.py        # rewrites tests/data/seeds_gold/*_coding.csv

The gold files themselves (generic_frames.csv, event_frames.csv) are the
coders' and are never edited; these sheets are derived from them.
"""
import csv, os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "seeds_gold")
GENERIC = {"economic": "economic_consequences"}

def convert(src, dst, rename):
    with open(os.path.join(HERE, src), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(HERE, dst), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "category", "label"])
        for r in rows:
            w.writerow([r["doc_id"], rename.get(r["frame"], r["frame"]), r["present"]])

convert("generic_frames.csv", "generic_frames_coding.csv", GENERIC)
convert("event_frames.csv", "event_frames_coding.csv", {})
