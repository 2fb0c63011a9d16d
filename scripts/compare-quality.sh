#!/usr/bin/env bash
# Side-by-side quality on the same test split: our default model (linear + boosted trees), our linear-only
# baseline, and fastText (-loss ova, word bigrams, char 3-5-grams), all trained on the same exported paragraphs.
#
#   scripts/compare-quality.sh [TRAIN ARGS...] > report.md
#   scripts/compare-quality.sh --holdout xai-disinfodemics sms-spam bbc-news > report-holdout.md
#
# TRAIN ARGS are passed to both `classifier train` calls (e.g. --holdout SOURCE..., --seed N, --epochs N).
# Prints a Markdown report on standard output (progress on standard error): per test set and category
# F1 and PR-AUC (average precision) of the three models, pooled rows, pooled false-positive rates,
# training times and the exact commands run. As root it installs Debian's fasttext if missing.
# Environment: CORPORA (default ../shared/corpora, relative to the repo root), KEEP=1 keeps the temp dir,
# FT_ARGS extra fastText training options appended to the fixed ones (e.g. FT_ARGS="-lr 0.5"; default none).
# Every intermediate file (exports, models, fastText data, scores) goes to a temporary directory,
# never into the repository. Takes about 3-4 minutes on 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CORPORA=${CORPORA:-../shared/corpora}
DLL=src/Classifier.Cli/bin/Release/net10.0/classifier.dll
PY=scripts/compare_quality.py

usage() { sed -n '2,15s/^# \{0,1\}//p' "$0"; }
for a in "$@"; do
    case $a in
        -h|--help) usage; exit 0 ;;
        --output|-o|--export|--linear-only|--card|--corpora|--data|--base)
            echo "error: $a is set by this script; pass only extra training options (e.g. --holdout SOURCE...)." >&2
            exit 2 ;;
    esac
done

if [ ! -d "$CORPORA" ] || ! compgen -G "$CORPORA/*.jsonl" >/dev/null; then
    echo "error: shared corpora not found at $CORPORA (from $ROOT): this comparison trains on them." >&2
    echo "       Put them beside the repository (../shared/corpora) or set CORPORA=DIR." >&2
    exit 2
fi

TMP=$(mktemp -d -t compare-quality.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "temp dir kept: $TMP" >&2; else trap 'rm -rf "$TMP"' EXIT; fi

COMMANDS=()   # every command run, shell-quoted
TIMINGS=()    # "what|seconds"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
quoted() { local q; printf -v q '%q ' "$@"; echo "${q% }"; }
# run NAME STDOUT STDERR CMD...: runs CMD, records it and its wall time; on failure shows its stderr and exits.
run() {
    local name=$1 out=$2 err=$3; shift 3
    COMMANDS+=("$(quoted "$@")${out:+ > $out}")
    local start end rc=0
    start=$(date +%s.%N)
    if [ -n "$out" ]; then "$@" > "$out" 2> "$err" || rc=$?; else "$@" > "$err" 2>&1 || rc=$?; fi
    end=$(date +%s.%N)
    if [ $rc -ne 0 ]; then
        tail -n 30 "$err" >&2
        echo "error: $name failed (exit $rc): $(quoted "$@")" >&2
        exit 1
    fi
    TIMINGS+=("$name|$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
}

# --- tools --------------------------------------------------------------------------------------
if ! command -v fasttext >/dev/null; then
    log "installing Debian's fasttext ..."
    run "apt-get update" "" "$TMP/apt-update.log" apt-get update
    run "apt-get install fasttext" "" "$TMP/apt-install.log" apt-get install -y fasttext
fi
log "building Classifier.Cli (Release) ..."
run "dotnet build" "" "$TMP/build.log" dotnet build src/Classifier.Cli -c Release -nologo -v quiet

# --- our two models (same data: both export, and the exports are compared) ----------------------
TRAIN=(dotnet "$DLL" train --data data/articles --corpora "$CORPORA")
log "training the default model (linear + trees) ..."
run "train default (linear+trees)" "$TMP/train-default.stdout" "$TMP/train-default.log" \
    "${TRAIN[@]}" --output "$TMP/default.lqcm" --export "$TMP/export" "$@"
log "training the linear-only model ..."
run "train linear-only" "$TMP/train-linear.stdout" "$TMP/train-linear.log" \
    "${TRAIN[@]}" --output "$TMP/linear.lqcm" --linear-only --export "$TMP/export-linear" "$@"
SAME_DATA=yes
for f in train dev test; do
    cmp -s "$TMP/export/$f.jsonl" "$TMP/export-linear/$f.jsonl" || SAME_DATA="NO: $f.jsonl differs"
done
[ "$SAME_DATA" = yes ] || log "warning: the two trainings exported different data ($SAME_DATA)"

# --- fastText -------------------------------------------------------------------------------------
log "training fastText ..."
run "fastText data (python)" "" "$TMP/ft-data.log" python3 "$PY" fasttext-data "$TMP/export" "$TMP"
run "train fastText" "" "$TMP/ft-train.log" fasttext supervised -input "$TMP/train.txt" -output "$TMP/ft" \
    -loss ova -wordNgrams 2 -minn 3 -maxn 5 -epoch 5 -dim 50 -bucket 2000000 -thread 2 ${FT_ARGS:-}
run "fastText predict dev" "$TMP/ft-dev.out" "$TMP/ft-dev.log" fasttext predict-prob "$TMP/ft.bin" "$TMP/dev.txt" -1 0
run "fastText predict test" "$TMP/ft-test.out" "$TMP/ft-test.log" fasttext predict-prob "$TMP/ft.bin" "$TMP/test.txt" -1 0

# --- our scores on the test split ---------------------------------------------------------------
log "scoring the test split with our two models ..."
run "score input (python)" "" "$TMP/score-input.log" python3 "$PY" score-input "$TMP/export/test.jsonl" "$TMP/test-docs.jsonl"
run "score default" "$TMP/ours-default.out" "$TMP/score-default.log" dotnet "$DLL" score "$TMP/test-docs.jsonl" --model "$TMP/default.lqcm"
run "score linear-only" "$TMP/ours-linear.out" "$TMP/score-linear.log" dotnet "$DLL" score "$TMP/test-docs.jsonl" --model "$TMP/linear.lqcm"

# --- report -------------------------------------------------------------------------------------
log "writing the report ..."
echo "# Quality comparison: ours (linear+trees) vs linear only vs fastText"
echo
echo "Repository $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $(date -u +%Y-%m-%dT%H:%MZ)." \
     "Extra train arguments: ${*:-(none)}. Both of our trainings exported identical data: $SAME_DATA."
echo
COMMANDS+=("$(quoted python3 "$PY" report "$TMP/export" "$TMP")")
python3 "$PY" report "$TMP/export" "$TMP"
echo
echo "## Timings (wall seconds, $(nproc) cores)"
echo
echo "| step | s |"
echo "|---|---:|"
for t in "${TIMINGS[@]}"; do echo "| ${t%%|*} | ${t##*|} |"; done
echo
echo "## Commands run (from $ROOT; temp dir $TMP$([ "${KEEP:-0}" = 1 ] || echo ', removed at exit'))"
echo
echo '```'
for c in "${COMMANDS[@]}"; do echo "$c"; done
echo '```'
log "done"
