#!/usr/bin/env python3
"""Names the JIT-compiled functions of a callgrind profile of a .NET process, and sums them into stages.

Callgrind counts instructions exactly, however loaded the machine, but knows JIT code only by address. With
DOTNET_PerfMapEnabled=1 the runtime writes /tmp/perf-PID.map (address, size, name); this maps every address
callgrind_annotate prints to its method and prints self and inclusive instructions per method, then the stages
of `score` (by inclusive cost of their entry methods; a stage's own callees that are themselves stages are not
subtracted, so read the stages as nested, not as a partition).

  valgrind --tool=callgrind --callgrind-out-file=cg.out env DOTNET_PerfMapEnabled=1 ... dotnet classifier.dll score ...

Set DOTNET_JitEnableOptionalRelocs=0 too: under valgrind the JIT's RIP-relative relocation hints fail a check and every
method is recompiled with MinOpts (DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary=1 show it), so without it the
profile is of unoptimised code (about twice the instructions, no inlining).
  scripts/callgrind-jit.py cg.out /tmp/perf-PID.map [TOP=40] [--per N]

--per N divides every figure by N (paragraphs, say). With two profiles, --diff OTHER.out OTHER.map subtracts the
other (a smaller input's) counts method by method, leaving what the extra paragraphs cost: start-up cancels.
"""
import bisect
import re
import subprocess
import sys

STAGES = [   # (stage, regex on the method name): the largest inclusive cost among the matching methods (the outermost entry)
    ("JSON read: parsing a line into a document (JsonlDocumentReader.Parse, reader thread)", r"JsonlDocumentReader::Parse"),
    ("featurizer, per document (DocumentFeaturizer.Load)", r"DocumentFeaturizer::Load"),
    ("  normalisation + word tokenising (ParagraphTexts.Load)", r"ParagraphTexts::Load"),
    ("  paragraph signals (ParagraphSignals)", r"ParagraphSignals::Compute"),
    ("  document context (DocumentContext)", r"DocumentContext::Compute"),
    ("  static embeddings (StaticEmbeddings.Embed)", r"StaticEmbeddings::Embed"),
    ("    of which WordPiece tokenising", r"WordPieceTokenizer::Tokenize"),
    ("  semantic context (SemanticContext)", r"SemanticContext::Compute"),
    ("  topic segmentation (TopicSegmenter)", r"TopicSegmenter::Compute"),
    ("n-grams: hashing + linear accumulation (DocumentFeaturizer.Ngrams)", r"DocumentFeaturizer::Ngrams"),
    ("  weight lookups (NgramWeights.Sum)", r"(QuantizedWeights|NgramWeights)[^:]*::Sum"),
    ("  n-gram counts for the L2 norm (BucketCounts)", r"BucketCounts::SumOfSquaredCounts"),
    ("dense margins (ClassifierModel.DenseMargins)", r"ClassifierModel::DenseMargins"),
    ("stacked rows + trees (Scorer.StageMargins / TreeMargins)", r"Scorer::(StageMargins|TreeMargins)"),
    ("  trees (QuickScorer.Predict)", r"QuickScorer::Predict"),
    ("calibration + flags (Scorer.Classify)", r"Scorer::Classify"),
    ("JSON write (ScoreWriter.Write)", r"ScoreWriter::Write"),
    ("model load (ModelFile)", r"ModelFile::(Read|Load)"),
    ("JIT (libclrjit, self)", r"^libclrjit"),
    ("SHA-256 of the model file (libcrypto, self)", r"^libcrypto"),
]


def perf_map(path):
    rows = []
    with open(path) as f:
        for line in f:
            a, s, name = line.rstrip("\n").split(" ", 2)
            rows.append((int(a, 16), int(s, 16), name))
    rows.sort()
    return [r[0] for r in rows], rows


def profile(out, map_path):
    """{method: [self, inclusive]} from callgrind_annotate's self and inclusive listings."""
    starts, rows = perf_map(map_path)
    costs = {}
    for inclusive in (False, True):
        text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", out],
                              capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$", line)
            if not m or "PROGRAM TOTALS" in line:
                continue
            n, fn = int(m.group(1).replace(",", "")), m.group(2)
            a = re.match(r"\?\?\?:0x([0-9a-f]+) \[\?\?\?\]", fn)
            if a:
                addr = int(a.group(1), 16)
                i = bisect.bisect_right(starts, addr) - 1
                name = rows[i][2] if i >= 0 and addr < rows[i][0] + rows[i][1] else f"jit?:{addr:#x}"
            else:
                lib = re.search(r"\[(.*)\]\s*$", fn)
                lib = lib.group(1).rsplit("/", 1)[-1].split(".so")[0] if lib else "?"
                name = f"{lib}:{fn.split(' [')[0]}"
            entry = costs.setdefault(name, [0, 0])
            entry[1 if inclusive else 0] += n
    return costs


def main(argv):
    per = 1.0
    if "--per" in argv:
        i = argv.index("--per"); per = float(argv[i + 1]); del argv[i:i + 2]
    other = None
    if "--diff" in argv:
        i = argv.index("--diff"); other = profile(argv[i + 1], argv[i + 2]); del argv[i:i + 3]
    costs = profile(argv[0], argv[1])
    top = int(argv[2]) if len(argv) > 2 else 40
    if other:
        for k, v in other.items():
            e = costs.setdefault(k, [0, 0]); e[0] -= v[0]; e[1] -= v[1]
    total = sum(v[0] for v in costs.values())
    unit = "instructions" if per == 1 else f"instructions / {per:g}"
    print(f"total (self, summed): {total / per:,.0f} {unit}\n")
    print(f"| stage | inclusive {unit} | share |\n|---|---:|---:|")
    for stage, pattern in STAGES:
        lib = pattern.startswith("^lib")
        hits = [(k, v) for k, v in costs.items() if re.search(pattern, k)]
        # a library's cost is its self cost; a stage's is its outermost entry's inclusive cost (the largest)
        n = sum(v[0] for _, v in hits) if lib else max((v[1] for _, v in hits), default=0)
        print(f"| {stage} | {n / per:,.0f} | {n / total:.1%} |")
    print(f"\ntop {top} methods by self instructions ({unit}):\n")
    for name, (s, inc) in sorted(costs.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"{s / per:14,.0f} {inc / per:14,.0f}  {name[:150]}")


if __name__ == "__main__":
    main(sys.argv[1:])
