#!/usr/bin/env bash
# Whole-process speed comparison, one core each: fastText `predict-prob` versus our `classifier score`
# on the same ~35 MB of news paragraphs from the shared corpora (bbc-news and l3s-gn1, repeated).
#
#   scripts/compare-fasttext.sh            (as root: installs Debian's fasttext and time if missing)
#
# Two fastText models, both with word bigrams and character 3-5-grams, trained on the same labelled train-split
# paragraphs: the batch-scoring issue's reference (fastText's defaults otherwise: dim 100, 2M buckets) and a
# light one (dim 10, 2^19 buckets, the size of our hashed space), which predicts several times faster.
#
# Environment: CORPORA (default ../shared/corpora beside the repo), TARGET_MB (35), RUNS (3), FT_EPOCH (5),
# FT_MODELS ("100:2000000 10:524288", dim:bucket of each fastText model), KEEP=1 keeps the temp dir.
# Inputs, models and outputs go to a temporary directory, never into the repository.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
TARGET_MB=${TARGET_MB:-35}
RUNS=${RUNS:-3}
FT_EPOCH=${FT_EPOCH:-5}
FT_MODELS=${FT_MODELS:-100:2000000 10:524288}
OUR_MODEL=$ROOT/models/default.lqcm
OUR_DLL=$ROOT/src/Classifier.Cli/bin/Release/net10.0/classifier.dll

for f in bbc-news.jsonl l3s-gn1.jsonl; do
    if [ ! -f "$CORPORA/$f" ]; then
        echo "error: $CORPORA/$f not found: this comparison needs the shared corpora (set CORPORA=...)." >&2
        exit 2
    fi
done

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

# --- inputs -----------------------------------------------------------------------------------
# train.txt: fastText training lines from the train split (labelled paragraphs only);
# input.txt / input.jsonl: every paragraph of both corpora, one line each / grouped into documents,
# repeated until the text reaches TARGET_MB; one.jsonl: a one-paragraph document for start-up time.
python3 - "$CORPORA" "$WORK" "$TARGET_MB" <<'PY'
import json, sys
corpora, work, target_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])

docs = {}          # (source, doc) -> [(para, text)], insertion-ordered
train = []
for name in ("bbc-news", "l3s-gn1"):
    with open(f"{corpora}/{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = " ".join(r["text"].split())          # one line, as fastText reads it; same text for both
            if not text:
                continue
            docs.setdefault((r["source"], r["doc"]), []).append((r["para"], text))
            if r["label"] and r["split"] == "train":
                labels = " ".join("__label__" + l for l in r["label"].split(";"))
                train.append(f"{labels} {text}\n")

documents = [[t for _, t in sorted(ps)] for ps in docs.values()]
once = sum(len(t.encode()) + 1 for d in documents for t in d)
copies = max(1, round(target_mb * 1e6 / once))
paragraphs = 0
with open(f"{work}/input.txt", "w", encoding="utf-8") as txt, open(f"{work}/input.jsonl", "w", encoding="utf-8") as jl:
    for c in range(copies):
        for i, d in enumerate(documents):
            jl.write(json.dumps({"id": f"{c}-{i}", "paragraphs": d}, ensure_ascii=False) + "\n")
            for t in d:
                txt.write(t + "\n")
            paragraphs += len(d)
with open(f"{work}/train.txt", "w", encoding="utf-8") as f:
    f.writelines(train)
with open(f"{work}/one.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "one", "paragraphs": [documents[0][1]]}) + "\n")
with open(f"{work}/one.txt", "w", encoding="utf-8") as f:
    f.write(documents[0][1] + "\n")
with open(f"{work}/counts", "w") as f:
    f.write(f"{paragraphs} {copies * once} {len(train)} {copies}\n")
PY
read -r PARAGRAPHS BYTES TRAIN_LINES COPIES < "$WORK/counts"
echo "input: $PARAGRAPHS paragraphs, $BYTES bytes of text ($(wc -l < "$WORK/input.jsonl") documents," \
     "$COPIES copies of the two corpora); input.jsonl $(stat -c %s "$WORK/input.jsonl") bytes"

# --- measuring --------------------------------------------------------------------------------
# measure OUT CMD...: runs CMD pinned to core 0 under /usr/bin/time -v, stdout to OUT;
# prints "wall_seconds max_rss_kb" of one run.
measure() {
    local out=$1; shift
    /usr/bin/time -v -o "$WORK/time.txt" taskset -c 0 "$@" > "$out"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", wall, rss }' "$WORK/time.txt"
}

# best_of OUT CMD...: best (lowest wall) of RUNS runs; prints "wall_seconds max_rss_kb" of that run.
best_of() {
    local best="" r
    for _ in $(seq "$RUNS"); do
        r=$(measure "$@")
        if [ -z "$best" ] || awk -v a="${r%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$r; fi
    done
    echo "$best"
}

check_lines() {
    local n
    n=$(wc -l < "$2")
    if [ "$n" -ne "$PARAGRAPHS" ]; then echo "error: $1 wrote $n lines for $PARAGRAPHS paragraphs" >&2; exit 1; fi
}

# --- fastText: train, then predict, for each model ------------------------------------------------
FT_ROWS=""
for model in $FT_MODELS; do
    dim=${model%%:*}; bucket=${model##*:}
    echo "training fastText on $TRAIN_LINES labelled train-split paragraphs" \
         "(-wordNgrams 2 -minn 3 -maxn 5 -epoch $FT_EPOCH -dim $dim -bucket $bucket -thread 2) ..."
    start=$(date +%s%N)
    fasttext supervised -input "$WORK/train.txt" -output "$WORK/model-$dim" -wordNgrams 2 -minn 3 -maxn 5 \
        -epoch "$FT_EPOCH" -dim "$dim" -bucket "$bucket" -thread 2 -verbose 0
    train_s=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')

    echo "timing fastText predict-prob, dim $dim (best of $RUNS, taskset -c 0) ..."
    r=$(best_of "$WORK/ft.out" fasttext predict-prob "$WORK/model-$dim.bin" "$WORK/input.txt" 4); read -r wall rss <<< "$r"
    check_lines fastText "$WORK/ft.out"
    r=$(best_of "$WORK/ft-one.out" fasttext predict-prob "$WORK/model-$dim.bin" "$WORK/one.txt" 4); read -r one _ <<< "$r"
    FT_ROWS="$FT_ROWS(\"fastText predict-prob, dim $dim, $bucket buckets\", $wall, $rss, $one, \"$WORK/model-$dim.bin\", $train_s),"
done

# --- ours ---------------------------------------------------------------------------------------
echo "building Classifier.Cli (Release) ..."
dotnet build -c Release "$ROOT/src/Classifier.Cli" -nologo -v quiet > "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; echo "error: build failed" >&2; exit 1; }

echo "timing classifier score (best of $RUNS, taskset -c 0) ..."
r=$(best_of "$WORK/ours.out" dotnet "$OUR_DLL" score "$WORK/input.jsonl"); read -r OUR_WALL OUR_RSS <<< "$r"
check_lines classifier "$WORK/ours.out"
r=$(best_of "$WORK/ours-one.out" dotnet "$OUR_DLL" score "$WORK/one.jsonl"); read -r OUR_START _ <<< "$r"

# --- report -------------------------------------------------------------------------------------
python3 - <<PY
import os
n, mb = $PARAGRAPHS, $BYTES / 1e6
ours = ("classifier score", $OUR_WALL, $OUR_RSS, $OUR_START, "$OUR_MODEL", None)
fasttext = [$FT_ROWS]
print()
print(f"{n:,} paragraphs, {mb:.1f} MB of text, one core each (taskset -c 0), best of $RUNS, whole process incl. model load")
print()
print(f"| {'program':<48} | {'wall s':>7} | {'paragraphs/s':>12} | {'MB/s':>6} | {'max RSS MB':>10} | {'1-paragraph run s':>17} | {'model MB':>8} | {'ours / it':>9} |")
print(f"|{'-'*50}|{'-'*9}|{'-'*14}|{'-'*8}|{'-'*12}|{'-'*19}|{'-'*10}|{'-'*11}|")
for name, wall, rss, start, model, _ in fasttext + [ours]:
    ratio = f"{wall / ours[1]:9.2f}" if name != ours[0] else " " * 9
    print(f"| {name:<48} | {wall:7.2f} | {n / wall:12,.0f} | {mb / wall:6.2f} | {rss / 1024:10.1f} | {start:17.2f} | {os.path.getsize(model) / 1e6:8.1f} | {ratio} |")
print()
for name, wall, _, start, _, train in fasttext:
    print(f"ours / {name}: {wall / ours[1]:.2f} (excluding each one-paragraph run: {(wall - start) / max(ours[1] - ours[3], 1e-9):.2f}); its training {train:.1f} s on 2 threads")
print(f"our model load time (score on a one-paragraph input, process start included): {ours[3]:.2f} s")
PY
