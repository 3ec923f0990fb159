"""A scikit-learn peer for the calibrated generic-frame decisions: per frame,
a class-balanced logistic regression over TF-IDF word (or word and
word-pair) features of the whole article, its decision threshold chosen by
an inner 5-fold cross-validation on the training folds only, scored by an
outer 5-fold cross-validation on the Narrative Frames Corpus (the same rows
scripts/train_frames.sh keeps: rows whose five codes are not all True/False
are left out, and counted).

    python3 bench/frames_peer.py [SHARED_DIR]     # default ../shared beside the project

Needs scikit-learn (the project venv has it). Prints per-frame F1 and the
macro F1 for each setting of a small fixed grid. VALIDATION.md records the
figures. Skips (exit 0, with a message) when the corpus is absent. The
corpus is never copied into the project.
"""

import csv
import pathlib
import sys

FRAMES = ["CO", "HI", "EC", "MO", "RE"]


def main(argv):
    shared = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent.parent / "shared")
    tsv = shared / "corpora" / "narrative_frames" / "articles.tsv"
    if not tsv.is_file():
        print(f"frames peer skipped: {tsv} not found (it lives in ../shared, beside the project; or give the shared folder as an argument)")
        return 0
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold

    csv.field_size_limit(10**9)
    texts, labels, skipped = [], [], []
    with open(tsv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            codes = [row.get(k) for k in FRAMES]
            if any(c not in ("True", "False") for c in codes):
                skipped.append(row.get("ID"))
                continue
            texts.append(row["text"])
            labels.append([c == "True" for c in codes])
    y = np.array(labels, dtype=int)
    print(f"{tsv}: {len(texts)} articles, {len(skipped)} left out (codes not True/False: IDs {', '.join(skipped)})")

    def run(c, ngrams):
        pred = np.zeros_like(y)
        for tr, te in KFold(5, shuffle=True, random_state=0).split(texts):
            vec = TfidfVectorizer(ngram_range=ngrams, min_df=2, max_features=20000, sublinear_tf=True, stop_words="english")
            x_tr = vec.fit_transform([texts[i] for i in tr])
            x_te = vec.transform([texts[i] for i in te])
            for j in range(len(FRAMES)):
                y_tr = y[tr, j]
                oof = np.zeros(len(tr))
                for itr, ite in KFold(5, shuffle=True, random_state=1).split(tr):
                    m = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x_tr[itr], y_tr[itr])
                    oof[ite] = m.predict_proba(x_tr[ite])[:, 1]
                grid = np.arange(0.05, 0.95, 0.025)
                scores = [f1_score(y_tr, oof >= t) for t in grid]
                threshold = grid[int(np.argmax(scores))]  # first best, ties to the lower threshold
                m = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x_tr, y_tr)
                pred[te, j] = m.predict_proba(x_te)[:, 1] >= threshold
        f1 = [f1_score(y[:, j], pred[:, j]) for j in range(len(FRAMES))]
        per = "  ".join(f"{k} {v:.3f}" for k, v in zip(FRAMES, f1))
        print(f"C {c:<5} {'words' if ngrams == (1, 1) else 'words+pairs'}: {per}  macro F1 {np.mean(f1):.3f}")

    for c in (1, 10, 100):
        for ngrams in ((1, 1), (1, 2)):
            run(c, ngrams)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
