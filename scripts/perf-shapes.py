#!/usr/bin/env python3
"""Writes the three input shapes of the speed comparisons (issue 20) from the shared corpora into OUT_DIR:

  blocks    scraped pages cut into blocks: the L3S-GN1 and Dragnet pages as they are (dozens of short blocks a page)
  articles  news articles of many paragraphs: the SemEval-2023 news articles as they are (about 24 paragraphs
            of 230 bytes; the BBC articles, 6 paragraphs of 390 bytes, are closer to long posts and go there)
  posts     single long posts: each xai-disinfodemics post and each BBC body paragraph (not the title) as a
            one-paragraph document

Each shape is repeated (whole documents, in order) until it holds at least PARAGRAPHS paragraphs, and written as
SHAPE.jsonl ({"id", "paragraphs"}, what `classifier score` reads) and SHAPE.txt (one paragraph a line, what
`fasttext predict` reads; the same text, whitespace collapsed, so both programs see the same bytes). train.txt
holds fastText training lines: the labelled train-split paragraphs of the five corpora. stats.tsv has one line
per shape: name, documents, paragraphs, text bytes, paragraphs per document, bytes per paragraph.

  scripts/perf-shapes.py CORPORA OUT_DIR [PARAGRAPHS=57000]

Nothing is written into the repository: the corpora's text stays out of it.
"""
import json
import sys

corpora, out = sys.argv[1], sys.argv[2]
target = int(sys.argv[3]) if len(sys.argv) > 3 else 57_000


def documents(name):
    """The corpus' documents in file order, each a list of (para, text, record)."""
    docs = {}
    with open(f"{corpora}/{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = " ".join(r["text"].split())   # one line, as fastText reads it
            if text:
                docs.setdefault(r["doc"], []).append((r["para"], text, r))
    return [sorted(d, key=lambda p: p[0]) for d in docs.values()]


loaded = {n: documents(n) for n in ("l3s-gn1", "dragnet", "semeval23-persuasion", "bbc-news", "xai-disinfodemics")}
shapes = {
    "blocks": [[t for _, t, _ in d] for n in ("l3s-gn1", "dragnet") for d in loaded[n]],
    "articles": [[t for _, t, _ in d] for d in loaded["semeval23-persuasion"]],
    "posts": [[t] for d in loaded["xai-disinfodemics"] for _, t, _ in d]
             + [[t] for d in loaded["bbc-news"] for p, t, _ in d if p > 0],
}

with open(f"{out}/stats.tsv", "w") as stats:
    for name, docs in shapes.items():
        n_docs = n_paras = n_bytes = 0
        with open(f"{out}/{name}.jsonl", "w", encoding="utf-8") as jl, open(f"{out}/{name}.txt", "w", encoding="utf-8") as txt:
            copy = 0
            while n_paras < target:
                for i, d in enumerate(docs):
                    jl.write(json.dumps({"id": f"{copy}-{i}", "paragraphs": d}, ensure_ascii=False) + "\n")
                    for t in d:
                        txt.write(t + "\n")
                        n_bytes += len(t.encode())
                    n_docs += 1
                    n_paras += len(d)
                    if n_paras >= target:
                        break
                copy += 1
        stats.write(f"{name}\t{n_docs}\t{n_paras}\t{n_bytes}\t{n_paras / n_docs:.1f}\t{n_bytes / n_paras:.0f}\n")

with open(f"{out}/train.txt", "w", encoding="utf-8") as f:
    for docs in loaded.values():
        for d in docs:
            for _, t, r in d:
                if r["label"] and r["split"] == "train":
                    f.write(" ".join("__label__" + l for l in r["label"].split(";")) + " " + t + "\n")
