"""The NewsMTSC tone benchmark's Python half (run by bench/eval_tone.sh).

prepare DATA WORK: writes WORK/corpus.jsonl (one document per sentence,
doc_id s<line>) and WORK/targets.csv (doc_id, start, end as UTF-8 byte
offsets, gold), converting NewsMTSC's character offsets.

score DATA WORK: scores the peer (Python vaderSentiment, the sentence's
compound cut at +-0.05) and reads newsframe's WORK/<scorer>.csv; prints
macro F1 (with a 95% bootstrap interval over sentences), accuracy and
per-class F1 against the gold codes.
"""
import csv
import json
import random
import sys

from sklearn.metrics import accuracy_score, f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

CODES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
LABELS = ["negative", "neutral", "positive"]


def targets(path):
    for i, line in enumerate(open(path, encoding="utf-8")):
        d = json.loads(line)
        s = d["sentence_normalized"]
        for t in d["targets"]:
            start = len(s[: t["from"]].encode("utf-8"))
            end = len(s[: t["to"]].encode("utf-8"))
            yield f"s{i}", s, start, end, CODES[t["polarity"]]


def prepare(data, work):
    seen = set()
    with open(f"{work}/corpus.jsonl", "w", encoding="utf-8") as c, open(f"{work}/targets.csv", "w", encoding="utf-8", newline="") as t:
        w = csv.writer(t, lineterminator="\n")
        w.writerow(["doc_id", "start", "end", "gold"])
        for doc_id, s, start, end, gold in targets(data):
            if doc_id not in seen:
                seen.add(doc_id)
                c.write(json.dumps({"doc_id": doc_id, "text": s}, ensure_ascii=False) + "\n")
            w.writerow([doc_id, start, end, gold])


def report(name, gold, pred, groups):
    f1 = f1_score(gold, pred, labels=LABELS, average="macro", zero_division=0)
    per = f1_score(gold, pred, labels=LABELS, average=None, zero_division=0)
    acc = accuracy_score(gold, pred)
    # 95% percentile bootstrap of the macro F1, resampling sentences (the
    # targets of one sentence are not independent), 1,000 draws, fixed seed.
    rng = random.Random(0)
    by = {}
    for i, g in enumerate(groups):
        by.setdefault(g, []).append(i)
    keys = sorted(by)
    draws = []
    for _ in range(1000):
        idx = [i for k in rng.choices(keys, k=len(keys)) for i in by[k]]
        draws.append(f1_score([gold[i] for i in idx], [pred[i] for i in idx], labels=LABELS, average="macro", zero_division=0))
    draws.sort()
    lo, hi = draws[24], draws[974]
    print(f"  {name:40s} macro F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]  accuracy {acc:.3f}  F1 neg/neu/pos {per[0]:.3f} {per[1]:.3f} {per[2]:.3f}")


def score(data, work):
    rows = list(targets(data))
    gold = [r[4] for r in rows]
    analyzer = SentimentIntensityAnalyzer()
    cut = lambda c: "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
    peer = [cut(analyzer.polarity_scores(r[1])["compound"]) for r in rows]
    counts = {l: gold.count(l) for l in LABELS}
    print(f"NewsMTSC {data}: {len(rows)} targets in {len({r[0] for r in rows})} sentences; gold {counts}")
    groups = [r[0] for r in rows]
    report("Python vaderSentiment 3.3.2 (sentence)", gold, peer, groups)
    for scorer in ["sentence", "lexicon", "model"]:
        out = list(csv.DictReader(open(f"{work}/{scorer}.csv", encoding="utf-8")))
        assert len(out) == len(rows), f"{scorer}: {len(out)} rows for {len(rows)} targets"
        for o, r in zip(out, rows):
            assert (o["doc_id"], int(o["start"]), o["gold"]) == (r[0], r[2], r[4]), f"{scorer}: rows out of order at {o}"
        report(f"newsframe --scorer {scorer}", gold, [o["polarity"] for o in out], groups)


if __name__ == "__main__":
    {"prepare": prepare, "score": score}[sys.argv[1]](*sys.argv[2:])
