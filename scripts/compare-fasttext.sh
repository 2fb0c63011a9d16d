#!/usr/bin/env bash
# Whole-process speed against fastText, one core each, on the three shapes of input scrapers see (issue 20):
#
#   blocks    scraped pages cut into blocks (L3S-GN1 and Dragnet pages: dozens of short blocks a page)
#   articles  news articles of many paragraphs (SemEval-2023 news articles)
#   posts     single long posts, one paragraph a document (xai-disinfodemics posts, BBC body paragraphs)
#
# (scripts/perf-shapes.py builds them from the shared corpora, into a temporary directory.) For each shape, fastText's
# `predict` with a dim-50 model (word bigrams, character 3-5-grams, trained on the labelled train-split paragraphs of
# those corpora) against `classifier score` with models/default.lqcm as it is, both pinned to core 0 (taskset), whole
# process including model load, RUNS runs each, interleaved; the ratio is of the medians. Then `score` on articles with
# 2 threads on 2 cores against 1 thread on 1 core, and the peak RSS of `score` on a ~BIG_MB MB stream of articles read
# from standard input, against its peak on the one-shape input: memory stays flat when the two are alike.
#
#   scripts/compare-fasttext.sh              (as root: installs Debian's fasttext and time if missing)
#   MARKDOWN=1 scripts/compare-fasttext.sh   also prints the README table
#
# Environment: CORPORA (default ../shared/corpora beside the repo), PARAGRAPHS (57000 a shape), RUNS (5), FT_DIM (50),
# FT_EPOCH (5), BIG_MB (1000; 0 skips the stream), R2R (1: measure the ReadyToRun publish; 0: the `dotnet build` output),
# KEEP=1 keeps the temp dir. Every output is checked for one line a paragraph. Inputs, models and outputs go to a
# temporary directory, never into the repository.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
PARAGRAPHS=${PARAGRAPHS:-57000}
RUNS=${RUNS:-5}
FT_DIM=${FT_DIM:-50}
FT_EPOCH=${FT_EPOCH:-5}
BIG_MB=${BIG_MB:-1000}
OUR_DLL=$ROOT/src/Classifier.Cli/bin/Release/net10.0/classifier.dll
SHAPES="blocks articles posts"

for f in l3s-gn1 dragnet semeval23-persuasion bbc-news xai-disinfodemics; do
    if [ ! -f "$CORPORA/$f.jsonl" ]; then
        echo "error: $CORPORA/$f.jsonl not found: this comparison needs the shared corpora (set CORPORA=...)." >&2
        exit 2
    fi
done
if [ "$(nproc)" -lt 2 ]; then echo "error: the thread comparison needs 2 cores" >&2; exit 2; fi

# --- tools ------------------------------------------------------------------------------------
need_apt=()
command -v fasttext >/dev/null || need_apt+=(fasttext)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v taskset >/dev/null || need_apt+=(util-linux)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

WORK=$(mktemp -d -t compare-fasttext.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "temp dir kept: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# --- inputs, models, build ----------------------------------------------------------------------
python3 "$ROOT/scripts/perf-shapes.py" "$CORPORA" "$WORK" "$PARAGRAPHS"
while read -r name docs paras bytes per_doc per_para; do
    echo "$name: $docs documents, $paras paragraphs ($per_doc a document, $per_para bytes each), $bytes bytes of text"
done < "$WORK/stats.tsv"

echo "training fastText on $(wc -l < "$WORK/train.txt") labelled train-split paragraphs" \
     "(-dim $FT_DIM -wordNgrams 2 -minn 3 -maxn 5 -epoch $FT_EPOCH -thread 2) ..."
fasttext supervised -input "$WORK/train.txt" -output "$WORK/ft" -dim "$FT_DIM" -wordNgrams 2 -minn 3 -maxn 5 \
    -epoch "$FT_EPOCH" -thread 2 -verbose 0

# Published for this machine's runtime, so precompiled (ReadyToRun, Classifier.Cli.csproj): the start-up users get from
# `dotnet publish -r`. R2R=0 measures the plain `dotnet build` output instead.
if [ "${R2R:-1}" = 1 ]; then
    case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "error: no runtime id for $(uname -m); set R2R=0" >&2; exit 2 ;; esac
    echo "publishing Classifier.Cli (Release, $rid, ReadyToRun) ..."
    dotnet publish -c Release -r "$rid" --self-contained false -o "$WORK/classifier" "$ROOT/src/Classifier.Cli" -nologo -v quiet \
        > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; echo "error: publish failed" >&2; exit 1; }
    OUR_DLL=$WORK/classifier/classifier.dll
else
    echo "building Classifier.Cli (Release) ..."
    dotnet build -c Release "$ROOT/src/Classifier.Cli" -nologo -v quiet > "$WORK/build.log" 2>&1 \
        || { cat "$WORK/build.log" >&2; echo "error: build failed" >&2; exit 1; }
fi

# --- measuring --------------------------------------------------------------------------------
# measure OUT CPUS CMD...: runs CMD pinned to CPUS under /usr/bin/time -v, stdout to OUT; prints "wall_seconds max_rss_kb".
measure() {
    local out=$1 cpus=$2; shift 2
    /usr/bin/time -v -o "$WORK/time.txt" taskset -c "$cpus" "$@" > "$out"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", wall, rss }' "$WORK/time.txt"
}

check_lines() {   # check_lines WHO OUT SHAPE
    local n want
    n=$(wc -l < "$2"); want=$(awk -v s="$3" '$1 == s { print $3 }' "$WORK/stats.tsv")
    if [ "$n" -ne "$want" ]; then echo "error: $1 wrote $n lines for $want paragraphs of $3" >&2; exit 1; fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$WORK/results.tsv"   # shape program run wall rss
for shape in $SHAPES; do
    echo "timing $shape: fastText predict and classifier score, $RUNS runs each, interleaved, taskset -c 0 ..."
    for run in $(seq "$RUNS"); do
        read -r wall rss <<< "$(measure "$WORK/ft.out" 0 fasttext predict "$WORK/ft.bin" "$WORK/$shape.txt")"
        check_lines fastText "$WORK/ft.out" "$shape"; echo "$shape fasttext $run $wall $rss" >> "$WORK/results.tsv"
        read -r wall rss <<< "$(measure "$WORK/ours.out" 0 dotnet "$OUR_DLL" score "$WORK/$shape.jsonl" --threads 1)"
        check_lines classifier "$WORK/ours.out" "$shape"; echo "$shape ours $run $wall $rss" >> "$WORK/results.tsv"
    done
done

echo "timing articles: classifier score --threads 2 on cores 0-1 against --threads 1 on core 0, $RUNS runs each, interleaved ..."
for run in $(seq "$RUNS"); do
    read -r wall rss <<< "$(measure "$WORK/ours.out" 0 dotnet "$OUR_DLL" score "$WORK/articles.jsonl" --threads 1)"
    echo "articles ours-1 $run $wall $rss" >> "$WORK/results.tsv"
    read -r wall rss <<< "$(measure "$WORK/ours2.out" 0,1 dotnet "$OUR_DLL" score "$WORK/articles.jsonl" --threads 2)"
    cmp -s "$WORK/ours.out" "$WORK/ours2.out" || { echo "error: 2 threads wrote other scores than 1" >&2; exit 1; }
    echo "articles ours-2 $run $wall $rss" >> "$WORK/results.tsv"
done

if [ "$BIG_MB" -gt 0 ]; then
    copies=$(( BIG_MB * 1000000 / $(stat -c %s "$WORK/articles.jsonl") + 1 ))
    echo "peak RSS: classifier score on $copies copies of articles.jsonl ($(( copies * $(stat -c %s "$WORK/articles.jsonl") / 1000000 )) MB) from standard input, 2 threads ..."
    stream() { for _ in $(seq "$copies"); do cat "$WORK/articles.jsonl"; done; }
    /usr/bin/time -v -o "$WORK/time-big.txt" bash -c "$(declare -f stream); WORK='$WORK' copies=$copies; stream | dotnet '$OUR_DLL' score --threads 2 | wc -l > '$WORK/big.lines'"
    big_rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time-big.txt")
    big_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time-big.txt")
    want=$(( copies * $(awk '$1 == "articles" { print $3 }' "$WORK/stats.tsv") ))
    [ "$(cat "$WORK/big.lines")" -eq "$want" ] || { echo "error: $(cat "$WORK/big.lines") lines for $want paragraphs" >&2; exit 1; }
    echo "big $copies $big_wall $big_rss $(( copies * $(stat -c %s "$WORK/articles.jsonl") ))" > "$WORK/big.tsv"
fi

# --- report -------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$FT_DIM" "${MARKDOWN:-0}" <<'PY'
import os, statistics, sys
work, runs, dim, markdown = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
rows = [l.split() for l in open(f"{work}/results.tsv")]
stats = {l.split()[0]: l.split() for l in open(f"{work}/stats.tsv")}
def walls(shape, prog): return [float(r[3]) for r in rows if r[0] == shape and r[1] == prog]
def rss(shape, prog): return max(int(r[4]) for r in rows if r[0] == shape and r[1] == prog)
labels = {"blocks": "scraped pages of short blocks", "articles": "news articles", "posts": "single long posts"}
lines = [f"one core each (taskset -c 0), whole process incl. model load, medians of {runs} interleaved runs; fastText `predict`, dim {dim}", "",
         "| shape | paragraphs | per doc | bytes/para | fastText s | score s | score paragraphs/s | ratio (fastText / score) | score max RSS MB |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
for shape in ("blocks", "articles", "posts"):
    ft, ours = statistics.median(walls(shape, "fasttext")), statistics.median(walls(shape, "ours"))
    _, _, paras, _, per_doc, per_para = stats[shape]
    lines.append(f"| {labels[shape]} | {int(paras):,} | {per_doc} | {per_para} | {ft:.2f} | {ours:.2f} | {int(paras) / ours:,.0f} | **{ft / ours:.2f}x** | {rss(shape, 'ours') / 1024:.0f} |")
one, two = statistics.median(walls("articles", "ours-1")), statistics.median(walls("articles", "ours-2"))
lines += ["", f"news articles, `score --threads 2` on 2 cores against `--threads 1` on one: {one:.2f} s / {two:.2f} s = **{one / two:.2f}x** (medians of {runs})"]
if os.path.exists(f"{work}/big.tsv"):
    _, copies, wall, big_rss, size = open(f"{work}/big.tsv").read().split()
    lines.append(f"peak RSS on a {int(size) / 1e6:,.0f} MB stream of articles (standard input, 2 threads, {float(wall):.0f} s): "
                 f"**{int(big_rss) / 1024:.0f} MB**, against {rss('articles', 'ours-2') / 1024:.0f} MB on the {int(stats['articles'][3]) / 1e6:.0f} MB input")
print()
print("\n".join(lines))
print("\nall runs (shape, program, run, wall s, max RSS kB):")
for r in rows:
    print("  " + " ".join(r))
if markdown:
    print("\n--- Markdown for README (Performance) ---\n")
    print("\n".join(lines[2:]))
PY
