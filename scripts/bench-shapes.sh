#!/usr/bin/env bash
# Runs the BenchmarkDotNet shape benchmarks (src/Classifier.Benchmarks/ShapeBenchmarks.cs: the shipped model on pages of
# short blocks, news articles and single long posts, read from the shared corpora) and writes BenchmarkDotNet's own
# GitHub-markdown export of the run, untouched, into src/Classifier.Benchmarks/SHAPES.md under a header saying when,
# on which commit and with which command. No figure is copied by hand.
#
#   scripts/bench-shapes.sh            ShortRun (--job short: 1 launch, 3 warm-ups, 3 iterations), a few minutes
#   JOB=default scripts/bench-shapes.sh  BenchmarkDotNet's default job
#
# Environment: CORPORA (default ../shared/corpora beside the repo), JOB (short).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JOB=${JOB:-short}
OUT=$ROOT/src/Classifier.Benchmarks/SHAPES.md
ARTIFACTS=$(mktemp -d -t bench-shapes.XXXXXX)
trap 'rm -rf "$ARTIFACTS"' EXIT

args=(--anyCategories Shapes --exporters github --artifacts "$ARTIFACTS")
[ "$JOB" = default ] || args+=(--job "$JOB")
(cd "$ROOT" && dotnet run -c Release --project src/Classifier.Benchmarks -- "${args[@]}")

report=$(ls "$ARTIFACTS"/results/*ShapeBenchmarks*-report-github.md)
commit=$(git -C "$ROOT" rev-parse --short HEAD)
dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no | grep -q . && echo " (with uncommitted changes)" || true)
{
    echo "# Shape benchmarks (generated)"
    echo
    echo "Written by \`scripts/bench-shapes.sh\` (job: $JOB) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty, with"
    echo "\`models/default.lqcm\` as it was then. Do not edit: re-run the script. What the rows are: \`ShapeBenchmarks.cs\`"
    echo "and \`ShapeWorkload.cs\` (the first $(grep -o 'Paragraphs = [0-9_]*' "$ROOT/src/Classifier.Benchmarks/ShapeWorkload.cs" | tr -d '_' | awk '{print $3}') paragraphs of each shape, one thread);"
    echo "ns/para, Paras/s and MB/s divide BenchmarkDotNet's Mean by the shape's paragraphs and UTF-8 bytes. A shared, noisy"
    echo "machine moves whole runs; compare rows of one run with each other. Machine load when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
} > "$OUT"
echo "wrote $OUT"
