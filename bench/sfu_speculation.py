"""The SFU Review Corpus speculation cues as a newsframe corpus, and the
stance hedges scored against them (bench/eval_stance.sh runs this).

    python3 bench/sfu_speculation.py convert SFU_DIR OUT_DIR
        writes OUT_DIR/<split>.jsonl (doc_id, folder, text) and
        OUT_DIR/<split>.gold.json (the speculation cues as byte spans) for
        the splits dev (BOOKS, COMPUTERS) and heldout (HOTELS, MUSIC)
    python3 bench/sfu_speculation.py score GOLD.json AUDIT.csv [--category hedge] [--detail]
        cue-level precision, recall and F1 of the audit rows of one category
    python3 bench/sfu_speculation.py sheet GOLD.json SENTENCES.csv [--hedge-type]
        a sentence-level coding sheet for `newsframe validate --unit sentence`
        (SENTENCES.csv is `newsframe corpus --table sentences --format csv`):
        label yes when a gold cue overlaps the sentence; with --hedge-type,
        only cues that are hedges in newsframe's sense count

The text of a review is rebuilt from its tokens: joined by spaces, with no
space before closing punctuation and clitics ('s, n't) or after an opening
bracket, sentences joined by a space and paragraphs by a blank line. C1
control characters (Windows-1252 read as Latin-1 in the source: U+0092 for
an apostrophe, U+0093/U+0094 for quotes) become the characters they were,
and the apostrophe a straight one.

Scoring, cue level: a gold cue is found when a match of the category
overlaps it (in bytes); a match is correct when it overlaps a gold cue.
Precision = correct matches / matches, recall = found cues / cues.
The corpus is GPL-3.0 and is never copied into the repository: the files
written here go to a temporary folder.
"""

import collections
import csv
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

SPLITS = {"dev": ["BOOKS", "COMPUTERS"], "heldout": ["HOTELS", "MUSIC"]}
NO_SPACE_BEFORE = {".", ",", "!", "?", ";", ":", ")", "]", "%", "...", "n't"}
# Conditionals, alternatives and root modals SFU codes as speculation that
# newsframe's hedges leave out on purpose (see VALIDATION.md).
NOT_NEWS_HEDGES = {"if", "or", "either", "neither", "whether", "can", "cannot", "can't", "ca n't", "must", "and/or", "and / or", "without"}


def c1_to_cp1252(s):
    """C1 control characters as the Windows-1252 characters they were."""
    out = []
    for c in s:
        if "\x80" <= c <= "\x9f":
            try:
                c = c.encode("latin-1").decode("cp1252")
            except UnicodeDecodeError:
                pass
        out.append(c)
    return "".join(out).replace("\u2019", "'")


def review(path):
    """The text of one review and its speculation cues as byte spans."""
    root = ET.parse(path).getroot()
    out = bytearray()
    cues = []
    for p_i, para in enumerate(root.iter("P")):
        sentences = list(para.iter("SENTENCE"))
        if not sentences:
            continue
        if out:
            out += b"\n\n"
        for s_i, sentence in enumerate(sentences):
            if s_i:
                out += b" "
            spans = {}
            first = True
            prev = None

            def walk(node, cue):
                nonlocal first, prev
                if node.tag == "cue" and node.get("type") == "speculation":
                    cue = node
                if node.tag == "W":
                    word = c1_to_cp1252(node.text or "")
                    if not first and not (word in NO_SPACE_BEFORE or word.startswith("'") or word.lower() == "n't" or prev in {"(", "["}):
                        out.extend(b" ")
                    start = len(out)
                    out.extend(word.encode("utf-8"))
                    first = False
                    prev = word
                    if cue is not None:
                        a, b, words = spans.get(id(cue), (start, len(out), []))
                        spans[id(cue)] = (min(a, start), len(out), words + [word])
                for child in node:
                    walk(child, cue)

            walk(sentence, None)
            cues.extend(spans.values())
    return out.decode("utf-8"), cues


def convert(sfu, out_dir):
    sfu, out_dir = pathlib.Path(sfu), pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for split, folders in SPLITS.items():
        gold = {}
        with open(out_dir / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for folder in folders:
                for path in sorted((sfu / folder).glob("*.xml")):
                    doc_id = f"{folder.lower()}-{path.stem}"
                    text, cues = review(path)
                    f.write(json.dumps({"doc_id": doc_id, "folder": folder, "text": text}) + "\n")
                    gold[doc_id] = [[a, b, " ".join(w)] for a, b, w in sorted(cues)]
        (out_dir / f"{split}.gold.json").write_text(json.dumps(gold, indent=0))
        n = sum(len(v) for v in gold.values())
        print(f"{split}: {len(gold)} reviews, {n} speculation cues -> {out_dir / (split + '.jsonl')}", file=sys.stderr)


def score(gold_path, audit_path, category="hedge", detail=False):
    gold = json.loads(pathlib.Path(gold_path).read_text())
    matches = collections.defaultdict(list)
    with open(audit_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["category"] == category:
                matches[row["doc_id"]].append((int(row["start"]), int(row["end"]), row["matched"].lower()))
    n_cues = found = n_match = correct = 0
    news_cues = news_found = news_correct = 0
    missed, wrong, hit = collections.Counter(), collections.Counter(), collections.Counter()
    for doc, cues in gold.items():
        ms = matches.get(doc, [])
        for a, b, words in cues:
            ok = any(s < b and e > a for s, e, _ in ms)
            n_cues += 1
            found += ok
            if words.lower() not in NOT_NEWS_HEDGES:
                news_cues += 1
                news_found += ok
            if not ok:
                missed[words.lower()] += 1
        for s, e, m in ms:
            ok = any(s < b and e > a for a, b, _ in cues)
            n_match += 1
            correct += ok
            news_correct += any(s < b and e > a for a, b, w in cues if w.lower() not in NOT_NEWS_HEDGES)
            (hit if ok else wrong)[m] += 1
    unknown = set(matches) - set(gold)
    if unknown:
        sys.exit(f"{audit_path}: documents not in {gold_path}: {sorted(unknown)[:5]}")
    p = correct / n_match if n_match else float("nan")
    r = found / n_cues if n_cues else float("nan")
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rn = news_found / news_cues if news_cues else float("nan")
    print(f"cues={n_cues} matches={n_match} correct_matches={correct} found_cues={found}")
    print(f"precision={p:.3f} recall={r:.3f} f1={f1:.3f}")
    pn = news_correct / n_match if n_match else float("nan")
    fn = 2 * pn * rn / (pn + rn) if pn + rn else 0.0
    print(f"hedge-type cues only (less if, or, either, neither, whether, can, must, and/or, without): "
          f"cues={news_cues} precision={pn:.3f} recall={rn:.3f} f1={fn:.3f}")
    if detail:
        print("missed cues (top 25):", ", ".join(f"{w} {n}" for w, n in missed.most_common(25)))
        print("matches on no cue (top 25):", ", ".join(f"{w} {n}" for w, n in wrong.most_common(25)))
        print("matches on a cue (top 25):", ", ".join(f"{w} {n}" for w, n in hit.most_common(25)))


def sheet(gold_path, sentences_path, hedge_type=False):
    gold = json.loads(pathlib.Path(gold_path).read_text())
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["doc_id", "sentence_id", "category", "label"])
    with open(sentences_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = int(row["start"]), int(row["end"])
            cues = [c for c in gold[row["doc_id"]] if not hedge_type or c[2].lower() not in NOT_NEWS_HEDGES]
            label = any(s < b and e > a for s, e, _ in cues)
            out.writerow([row["doc_id"], row["sentence_id"], "hedge", "yes" if label else "no"])


def main(argv):
    if len(argv) >= 3 and argv[0] == "convert":
        convert(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "score":
        cat = argv[argv.index("--category") + 1] if "--category" in argv else "hedge"
        score(argv[1], argv[2], cat, "--detail" in argv)
    elif len(argv) >= 3 and argv[0] == "sheet":
        sheet(argv[1], argv[2], "--hedge-type" in argv)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
