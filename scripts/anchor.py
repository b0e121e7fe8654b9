#!/usr/bin/env python3
"""The scikit-learn anchor for the matcher's measurements (docs/matcher.md): the best off-the-shelf
TF-IDF model found for this task, character 3-5-grams (word-boundary) and logistic regression, one
class per area plus "none", trained on the same files the matcher trains on and scored on the same
held-out files with the same rule as `eval` (the top class; right when it is any gold area; macro-F1
over the areas and "none"). Python is used for this anchor only, never by the app.

  python3 -m venv /tmp/anchor && /tmp/anchor/bin/pip install scikit-learn
  (or, without PyPI, Debian's: apt-get install python3-sklearn, then /usr/bin/python3 scripts/anchor.py ...)
  /tmp/anchor/bin/python scripts/anchor.py --train regions/ostergotland/needs-train.jsonl \
      regions/ostergotland/corpus/*.jsonl --test test/fixtures/matching/public-needs.jsonl

With --record PATH (test/fixtures/matching/anchor-figures.json, read by `eval`) it also writes the
figures as one JSON object: the model, the training files and each test file with its sha256 and
the anchor's class for each of its texts, so that `eval` shows them beside its own only for the very
files they were measured on, with a paired bootstrap of the difference.

With --leave-one-group-out REGEX (instead of --test) it gives the development data's views that
`npm run bench -- matcherExperiments` gives for the matcher: the training rows whose id matches REGEX
form groups (the matched text names the group: 'sw[0-9]+-' for the outside writers, 'rt[A-Z]-' for
the corpus families), and each group is scored by a model trained on every other row.
"""
import argparse
import hashlib
import json
import os
import re
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                text = f"{row['title']}. {row['text']}" if row.get("title") else row["text"]
                areas = [a for a in row["areas"] if a != "none"]
                rows.append((text, areas, row.get("id", "")))
    return rows


REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def file_ref(path):
    """The file's path relative to the repository root and the sha256 of its bytes."""
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return os.path.relpath(os.path.abspath(path), REPO_ROOT).replace(os.sep, "/"), digest


def macro_f1(gold, predicted, classes):
    """gold: lists of areas ([] = none); predicted: one class each. As src/matching/evaluation/metrics.ts."""
    hits = sum(1 for g, p in zip(gold, predicted) if p in (g or ["none"]))
    f1s, report = [], {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, predicted) if c in (g or ["none"]) and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if c not in (g or ["none"]) and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if c in (g or ["none"]) and p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        report[c] = (precision, recall, f1)
    return sum(f1s) / len(f1s), hits / len(gold), report


def fit(rows, C):
    """The anchor trained on rows: one label per row, its first area or "none" (multi-label rows count for their first area)."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(vectorizer.fit_transform([t for t, _, _ in rows]), [(a[0] if a else "none") for _, a, _ in rows])
    return vectorizer, model


def leave_one_group_out(train, pattern, C, classes):
    """Each group of rows (the part of its id that `pattern` matches) scored by a model of all other rows."""
    group_of = lambda row: (m.group(0) if (m := re.match(pattern, row[2])) else None)
    groups = sorted({g for g in map(group_of, train) if g is not None}, key=lambda g: (len(g), g))
    scores = []
    for group in groups:
        vectorizer, model = fit([row for row in train if group_of(row) != group], C)
        held = [row for row in train if group_of(row) == group]
        predicted = model.predict(vectorizer.transform([t for t, _, _ in held]))
        f1, hit, report = macro_f1([a for _, a, _ in held], list(predicted), classes)
        scores.append(f1)
        print(json.dumps({"group": group, "count": len(held), "macroF1": round(f1, 3), "hitAt1": round(hit, 3), "noneP": round(report["none"][0], 3), "noneR": round(report["none"][1], 3)}))
    print(json.dumps({"groups": len(groups), "meanMacroF1": round(sum(scores) / len(scores), 3)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", nargs="+", required=True, help="JSONL files with text and areas")
    parser.add_argument("--test", nargs="+", help="JSONL files to score, each on its own")
    parser.add_argument("--leave-one-group-out", metavar="REGEX", help="score each group of training rows (ids matching REGEX) with a model of the rest")
    parser.add_argument("--C", type=float, default=10.0, help="inverse regularisation (default 10)")
    parser.add_argument("--record", metavar="PATH", help="also write the figures to PATH as one JSON object (for eval)")
    args = parser.parse_args()
    if (args.test is None) == (args.leave_one_group_out is None):
        parser.error("give either --test or --leave-one-group-out")

    train = [row for path in args.train for row in read(path)]
    classes = sorted({a[0] for _, a, _ in train if a}) + ["none"]
    description = f"char_wb 3-5 TF-IDF + logistic regression (C={args.C}, balanced)"
    if args.leave_one_group_out:
        leave_one_group_out(train, args.leave_one_group_out, args.C, classes)
        return
    vectorizer, model = fit(train, args.C)
    print(f"anchor: {description}, trained on {len(train)} rows", file=sys.stderr)
    results = []
    for path in args.test:
        rows = read(path)
        predicted = model.predict(vectorizer.transform([t for t, _, _ in rows]))
        f1, hit, report = macro_f1([a for _, a, _ in rows], list(predicted), classes)
        none_p, none_r, _ = report["none"]
        print(json.dumps({"file": path, "count": len(rows), "macroF1": round(f1, 3), "hitAt1": round(hit, 3), "noneP": round(none_p, 3), "noneR": round(none_r, 3)}))
        if args.record:
            file, digest = file_ref(path)
            results.append(
                {
                    "file": file,
                    "sha256": digest,
                    "count": len(rows),
                    "macroF1": round(f1, 6),
                    "hitAt1": round(hit, 6),
                    "noneP": round(none_p, 6),
                    "noneR": round(none_r, 6),
                    "perClass": {c: {"precision": round(p, 6), "recall": round(r, 6), "f1": round(f, 6)} for c, (p, r, f) in report.items()},
                    # One class per text, in the file's order: eval compares them with the matcher's, text by text.
                    "predictions": [str(p) for p in predicted],
                }
            )
    if args.record:
        train_files = [{"path": p, "sha256": d} for p, d in (file_ref(path) for path in args.train)]
        with open(args.record, "w", encoding="utf-8") as f:
            json.dump({"anchor": description, "train": train_files, "results": results}, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(f"recorded in {args.record}", file=sys.stderr)


if __name__ == "__main__":
    main()
