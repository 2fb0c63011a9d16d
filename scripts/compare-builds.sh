#!/usr/bin/env bash
# Whole-process `score` speed of two builds side by side, one core each (taskset), runs alternating so that the
# machine's noise falls on both: e.g. the commit before a change, with its own shipped model, against this one.
#
#   scripts/compare-builds.sh BEFORE_DLL AFTER_DLL INPUT.jsonl [RUNS (5)] [extra score options for AFTER...]
#
# Each build scores with the model beside it (its models/default.lqcm) unless extra options say otherwise.
# Prints each build's median seconds and paragraphs per second, and the ratio.
set -euo pipefail
before=$1; after=$2; input=$3; runs=${4:-5}; shift $(( $# < 4 ? $# : 4 ))
paragraphs=$(dotnet "$after" score "$input" --threads 1 "$@" | wc -l)
declare -a tb ta
for ((r = 0; r < runs; r++)); do
    s=$(date +%s.%N); taskset -c 1 dotnet "$before" score "$input" --threads 1 > /dev/null; e=$(date +%s.%N); tb+=("$(echo "$e - $s" | bc)")
    s=$(date +%s.%N); taskset -c 1 dotnet "$after" score "$input" --threads 1 "$@" > /dev/null; e=$(date +%s.%N); ta+=("$(echo "$e - $s" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mb=$(median "${tb[@]}"); ma=$(median "${ta[@]}")
echo "input: $input, $paragraphs paragraphs; medians of $runs runs, one core each"
printf 'before: %.2f s, %.0f paragraphs/s\n' "$mb" "$(echo "$paragraphs / $mb" | bc -l)"
printf 'after:  %.2f s, %.0f paragraphs/s\n' "$ma" "$(echo "$paragraphs / $ma" | bc -l)"
printf 'after / before throughput: %.2f\n' "$(echo "$mb / $ma" | bc -l)"
