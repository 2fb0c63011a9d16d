#!/usr/bin/env python3
"""Sources never trained on, before and after a change: the table docs/transfer.md and the model card carry.

For each group (two models trained with the same --holdout, or never shown the sources at all), every listed
source is measured on all its documents (`classifier eval --split all`) with the "before" model as eval's baseline,
and one Markdown row per source and category with positives gives PR-AUC (ranking) and F1 at each model's own
threshold (flagging), then the conspiracy flags per 1,000 clean paragraphs of the source.

  scripts/transfer-table.py --group "LABEL" BEFORE.lqcm AFTER.lqcm SOURCE [SOURCE ...] [--group ...]

BEFORE may be "-" where no model of that holdout was trained before the change: the row gives "after" alone.

Environment: CLASSIFIER (a built classifier.dll; default: builds src/Classifier.Cli into a temp folder),
CORPORA (../shared/corpora beside the repository). Reports go to a temp folder, the table to standard output.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))
CATEGORIES = ("spam", "off_topic", "conspiracy", "filler")
MIN_POSITIVES = 5


def parse(argv):
    groups, current = [], None
    for arg in argv:
        if arg == "--group":
            current = []
            groups.append(current)
        elif current is None:
            sys.exit(__doc__)
        else:
            current.append(arg)
    if not groups or any(len(g) < 4 for g in groups):
        sys.exit(__doc__)
    return [(g[0], g[1], g[2], g[3:]) for g in groups]


def classifier(work):
    dll = os.environ.get("CLASSIFIER")
    if dll:
        return dll
    out = os.path.join(work, "cli")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Classifier.Cli"), "-c", "Release", "-o", out],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "classifier.dll")


def measure(dll, before, after, source, work):
    report = os.path.join(work, f"{source}-{abs(hash((before, after)))}.json")
    done = subprocess.run(["dotnet", dll, "eval", "--model", after, "--baseline", after if before == "-" else before,
                    "--data", os.path.join(CORPORA, source + ".jsonl"), "--split", "all",
                    "--spliced", "0", "--insertions", "0", "--report", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"eval of {after} on {source} failed:\n{done.stderr}")
    with open(report, encoding="utf-8") as f:
        return next(s for s in json.load(f)["sets"] if s["name"] == source)


def pair(metrics, key, scale=1.0, digits=3, single=False):
    b, a = metrics["baseline"][key], metrics["model"][key]
    if b is None or a is None:
        return "–"
    return f"– → {a * scale:.{digits}f}" if single else f"{b * scale:.{digits}f} → {a * scale:.{digits}f}"


def main():
    groups = parse(sys.argv[1:])
    with tempfile.TemporaryDirectory() as work:
        dll = classifier(work)
        print("| source | trained on it | category | positives | PR-AUC before → after | F1 before → after | conspiracy flags per 1,000 clean |")
        print("|---|---|---|---:|---|---|---|")
        for label, before, after, sources in groups:
            for source in sources:
                s = measure(dll, before, after, source, work)
                consp = s["categories"]["conspiracy"]
                # Conspiracy false positives among the source's paragraphs not labelled conspiracy (clean or other junk).
                single = before == "-"
                flags = pair(consp, "false_positive_rate", 1000, 1, single) if consp["negatives"] else "–"
                rows = [c for c in CATEGORIES if s["categories"][c]["positives"] >= MIN_POSITIVES] or [None]
                for c in rows:
                    m = s["categories"][c] if c else None
                    print(f"| {source} | {label} | {c or '–'} | {m['positives'] if m else 0} | "
                          f"{pair(m, 'pr_auc', single=single) if m else '–'} | {pair(m, 'f1', single=single) if m else '–'} | {flags} |")


if __name__ == "__main__":
    main()
