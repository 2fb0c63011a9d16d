#!/usr/bin/env python3
"""Helpers of scripts/compare-quality.sh (standard library only; all files it writes go where it is told,
which the shell script points at its temporary directory).

  compare_quality.py fasttext-data EXPORT_DIR OUT_DIR
      train.jsonl -> OUT_DIR/train.txt (fastText lines: "__label__spam __label__filler text" / "__label__clean text");
      dev.jsonl, test.jsonl -> OUT_DIR/dev.txt, test.txt (text only, one paragraph a line, export order).
  compare_quality.py score-input EXPORT_DIR/test.jsonl OUT.jsonl
      Groups the test paragraphs into documents by (set, doc) in para order, as `score` input.
  compare_quality.py report EXPORT_DIR WORK_DIR
      Reads the scores (WORK_DIR/ours-default.out, ours-linear.out, ft-dev.out, ft-test.out) and prints Markdown.
"""
import json
import sys
from collections import defaultdict

CATEGORIES = ("spam", "off_topic", "conspiracy", "filler")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def labelled(rows):
    """Rows with labels; the export also carries unlabelled paragraphs ("labels": null), which are only
    document context for our scorer, as in training."""
    return [r for r in rows if r["labels"] is not None]


def one_line(text):
    # fastText reads a line per example and splits words at ASCII whitespace; keep each paragraph on one line
    # and keep a literal "__label__" prefix in the text from being read as a label.
    return " ".join(text.replace("__label__", "__label ").split())


def fasttext_data(export_dir, out_dir):
    with open(f"{out_dir}/train.txt", "w", encoding="utf-8") as out:
        for r in labelled(read_jsonl(f"{export_dir}/train.jsonl")):
            labels = " ".join("__label__" + c for c in r["labels"]) or "__label__clean"
            out.write(f"{labels} {one_line(r['text'])}\n")
    for split in ("dev", "test"):
        with open(f"{out_dir}/{split}.txt", "w", encoding="utf-8") as out:
            for r in labelled(read_jsonl(f"{export_dir}/{split}.jsonl")):
                out.write(one_line(r["text"]) + "\n")


def test_documents(rows):
    """[(key, [row index in para order])] by (set, doc), in first-appearance order."""
    docs = defaultdict(list)
    for i, r in enumerate(rows):
        docs[(r["set"], r["doc"])].append(i)
    return [(k, sorted(ix, key=lambda i: rows[i]["para"])) for k, ix in docs.items()]


def score_input(test_path, out_path):
    rows = read_jsonl(test_path)
    with open(out_path, "w", encoding="utf-8") as out:
        for n, (_, ix) in enumerate(test_documents(rows)):
            out.write(json.dumps({"id": f"d{n}", "paragraphs": [rows[i]["text"] for i in ix]}, ensure_ascii=False) + "\n")


def read_ours(path, rows):
    """Scores and flags of `score` output, aligned to the rows of test.jsonl."""
    docs = test_documents(rows)
    order = [(f"d{n}", p, i) for n, (_, ix) in enumerate(docs) for p, i in enumerate(ix)]
    out = read_jsonl(path)
    if len(out) != len(order):
        sys.exit(f"error: {path}: {len(out)} score lines for {len(order)} test paragraphs")
    probs, flags = [None] * len(rows), [None] * len(rows)
    for o, (doc, para, i) in zip(out, order):
        if o["doc"] != doc or o["para"] != para:
            sys.exit(f"error: {path}: line for {o['doc']}/{o['para']} where {doc}/{para} was expected")
        probs[i] = {c: float(o["scores"][c]) for c in CATEGORIES}
        flags[i] = set(o["flags"])
    return probs, flags


def read_fasttext(path, n):
    """`predict-prob ... -1 0` lines -> [{category: probability}] (a label not printed has probability 0)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != n:
        sys.exit(f"error: {path}: {len(lines)} fastText prediction lines for {n} paragraphs")
    result = []
    for line in lines:
        parts = line.split()
        p = {c: 0.0 for c in CATEGORIES}
        for label, prob in zip(parts[0::2], parts[1::2]):
            name = label.removeprefix("__label__")
            if name in p:
                p[name] = min(1.0, float(prob))
        result.append(p)
    return result


def counts_at_thresholds(scores, positives):
    """(threshold, tp, fp) for every distinct score, highest first: flagging everything with score >= threshold."""
    pairs = sorted(zip(scores, positives), key=lambda t: -t[0])
    out, tp, fp, i = [], 0, 0, 0
    while i < len(pairs):
        s = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == s:
            tp += pairs[i][1]
            fp += not pairs[i][1]
            i += 1
        out.append((s, tp, fp))
    return out


def average_precision(scores, positives):
    """Average precision (step-wise PR-AUC, ties scored together), as sklearn's average_precision_score."""
    total = sum(positives)
    if total == 0:
        return float("nan")
    ap, last_tp = 0.0, 0
    for _, tp, fp in counts_at_thresholds(scores, positives):
        ap += (tp - last_tp) / total * (tp / (tp + fp))
        last_tp = tp
    return ap


def best_f1_threshold(scores, positives):
    """Threshold (flag score >= t) with the highest F1; (0.5, 0.0) when there are no positives."""
    total = sum(positives)
    if total == 0:
        return 0.5, 0.0
    best = (0.0, 1.0)
    for s, tp, fp in counts_at_thresholds(scores, positives):
        f1 = 2 * tp / (total + tp + fp)
        if f1 > best[0]:
            best = (f1, s)
    return best[1], best[0]


def f1(flags, positives):
    tp = sum(1 for f, p in zip(flags, positives) if f and p)
    fp = sum(1 for f, p in zip(flags, positives) if f and not p)
    total = sum(positives)
    return 2 * tp / (total + tp + fp) if total + tp + fp else float("nan")


def fmt(x):
    return "n/a" if x != x else f"{x:.3f}"


def report(export_dir, work):
    test_all = read_jsonl(f"{export_dir}/test.jsonl")
    keep = [i for i, r in enumerate(test_all) if r["labels"] is not None]
    test = [test_all[i] for i in keep]
    dev = labelled(read_jsonl(f"{export_dir}/dev.jsonl"))
    n = len(test)
    models = {}  # name -> (probabilities, flags) per labelled test row
    for name, file in (("ours", "ours-default.out"), ("linear", "ours-linear.out")):
        probs, flags = read_ours(f"{work}/{file}", test_all)
        models[name] = ([probs[i] for i in keep], [flags[i] for i in keep])

    # fastText: per-category threshold maximising F1 on dev, then flags on test.
    ft_dev = read_fasttext(f"{work}/ft-dev.out", len(dev))
    ft_test = read_fasttext(f"{work}/ft-test.out", n)
    thresholds, dev_f1 = {}, {}
    for c in CATEGORIES:
        thresholds[c], dev_f1[c] = best_f1_threshold([p[c] for p in ft_dev], [c in r["labels"] for r in dev])
    models["fastText"] = (ft_test, [{c for c in CATEGORIES if p[c] >= thresholds[c]} for p in ft_test])
    names = ("ours", "linear", "fastText")

    by_set = defaultdict(list)
    for i, r in enumerate(test):
        by_set[r["set"]].append(i)

    print("## F1 and PR-AUC on the test split\n")
    print("F1 at each model's own thresholds (ours: chosen on dev by the recipe, best F1 with precision >= 0.5; "
          "fastText: best F1 on dev.jsonl). PR-AUC = average precision. `all` pools every test set "
          "(a spliced:X document repeats the paragraphs of its X host document).\n")
    print("| set | category | positives | F1 ours (linear+trees) | F1 linear only | F1 fastText "
          "| PR-AUC ours | PR-AUC linear only | PR-AUC fastText |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")

    def row(label, c, ix):
        positives = [c in test[i]["labels"] for i in ix]
        if not any(positives):
            return
        f1s = [f1([c in models[m][1][i] for i in ix], positives) for m in names]
        aps = [average_precision([models[m][0][i][c] for i in ix], positives) for m in names]
        print(f"| {label} | {c} | {sum(positives)} | " + " | ".join(fmt(x) for x in f1s + aps) + " |")

    for s in sorted(by_set):
        for c in CATEGORIES:
            row(s, c, by_set[s])
    for c in CATEGORIES:
        row("**all**", c, range(n))

    print("\n## False-positive rate, pooled over all test paragraphs not of the category\n")
    print("| model | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---:|" * len(CATEGORIES))
    negatives = {c: [i for i in range(n) if c not in test[i]["labels"]] for c in CATEGORIES}
    for m, title in zip(names, ("ours (linear+trees)", "linear only", "fastText")):
        rates = [sum(1 for i in negatives[c] if c in models[m][1][i]) / len(negatives[c]) if negatives[c] else float("nan")
                 for c in CATEGORIES]
        print(f"| {title} | " + " | ".join(f"{x:.4f}" for x in rates) + " |")
    print("| *(negatives)* | " + " | ".join(str(len(negatives[c])) for c in CATEGORIES) + " |")

    check_against_recipe(work, test, by_set, models)

    print("\nfastText thresholds chosen on dev (dev F1): "
          + ", ".join(f"{c} {thresholds[c]:.4f} ({dev_f1[c]:.3f})" for c in CATEGORIES))
    print(f"\nTest paragraphs: {n} in {len(test_documents(test))} documents, {len(by_set)} sets; "
          f"dev paragraphs: {len(dev)}; train paragraphs: {sum(1 for _ in open(f'{export_dir}/train.jsonl', encoding='utf-8'))}.")


def check_against_recipe(work, test, by_set, models):
    """Compares the F1 computed here from `score` output with the table `train` printed for the same test split."""
    for m, file in (("ours", "train-default.stdout"), ("linear", "train-linear.stdout")):
        try:
            with open(f"{work}/{file}", encoding="utf-8") as f:
                lines = f.read().split("\n\n")[0].splitlines()[2:]
        except OSError:
            continue
        differ, checked = [], 0
        for line in lines:
            cells = [x.strip() for x in line.strip("|").split("|")]
            if len(cells) != 7 or cells[1] not in CATEGORIES:
                continue
            s, c, recipe_f1 = cells[0], cells[1], float(cells[5])
            checked += 1
            ix = by_set.get(s, [])
            mine = f1([c in models[m][1][i] for i in ix], [c in test[i]["labels"] for i in ix])
            if not abs(mine - recipe_f1) <= 0.0015:
                differ.append(f"{s}/{c} {mine:.3f} vs {recipe_f1:.3f}")
        print(f"\nCheck, {m}: F1 from `score` vs the table `train` printed for the same test split: "
              + (f"all {checked} rows agree (within 0.0015)." if not differ else "differ on " + "; ".join(differ)
                 + ". Expected where a document has paragraphs without a usable label (the corpora's `null`): "
                 "the recipe scores them as document context but does not export them, so the documents "
                 "rebuilt here from test.jsonl lack them (para numbers with gaps)."))


def main(argv):
    if len(argv) == 3 and argv[0] == "fasttext-data":
        fasttext_data(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "score-input":
        score_input(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "report":
        report(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
