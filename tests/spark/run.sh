#!/usr/bin/env bash
# The Spark test (README: "On a cluster"): publishes the CLI self-contained, packs it as the archive a
# cluster ships with --archives, and runs tests/spark/job.py's selftest: >= 5,000 JSONL documents in 8
# partitions through `classifier filter` with RDD.pipe on local[2], checked against single-process filter.
# Ends with "N passed, N failed".
#
# Installs what is missing: Java 17 (Debian's openjdk-17-jre-headless) and pyspark (pip, pinned below).
# Where pip cannot reach the Python registry (this project's machines cannot), it says so and runs the
# job's stand-in instead: the same partitions, command and pipe protocol in two worker processes, no
# Spark. Every line the stand-in prints is labelled "stand-in, not Spark", and so is its closing line.
#
# Environment: CORPORA (default ../shared/corpora beside the repo; absent: documents are cut from
# data/articles), PYSPARK_VERSION (default below), KEEP=1 keeps the work directory.
set -uo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION=${PYSPARK_VERSION:-4.3.0}   # Spark 4 runs on Java 17
CORPORA=${CORPORA:-../shared/corpora}

say() { echo "spark test: $*"; }
fail() { say "$1"; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/spark-test.XXXXXX)
[ "${KEEP:-0}" = 1 ] && say "work directory $work" || trap 'rm -rf "$work"' EXIT

sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
if ! command -v java >/dev/null; then
  say "installing Java 17 (openjdk-17-jre-headless)"
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } || fail "could not install Java 17"
fi
command -v python3 >/dev/null || fail "python3 not found"
command -v dotnet >/dev/null || fail "dotnet SDK not found"

have_pyspark() { python3 -c "import pyspark" 2>/dev/null; }
if ! have_pyspark; then
  say "installing pyspark==$PYSPARK_VERSION"
  # One retry: where the registry is unreachable, waiting longer does not change the answer (and with
  # none pip does not say why it found no version).
  if ! python3 -m pip install --retries 1 --timeout 30 "pyspark==$PYSPARK_VERSION" >"$work/pip.log" 2>&1; then
    say "pip could not install pyspark==$PYSPARK_VERSION:"
    grep -E 'Errno|ERROR' "$work/pip.log" | sed -E 's/.*(\[Errno[^]]*\][^'"'"']*).*/  \1/; s/^ERROR/  ERROR/' | sort -u | head -3
  fi
fi

# The archive a cluster ships: the CLI self-contained (executors need no .NET) with the default model in
# models/ beside the binary. An uncompressed tar: Spark unpacks .tar like .tgz, and skipping gzip saves
# ~30 s of CPU on 350 MB.
say "publishing the CLI (linux-x64, self-contained)"
dotnet publish src/Classifier.Cli -c Release -r linux-x64 --self-contained -o "$work/dist/classifier" >"$work/publish.log" 2>&1 \
  || { tail -20 "$work/publish.log"; fail "dotnet publish failed"; }
tar cf "$work/classifier.tar" -C "$work/dist/classifier" . || fail "could not pack the archive"
cli="$work/dist/classifier/classifier"
args=(selftest --cli "$cli" --corpora "$CORPORA" --data data/articles)

if have_pyspark; then
  submit="$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')/bin/spark-submit"
  export PYSPARK_PYTHON=python3
  say "running the job on Spark: spark-submit --master local[2] --archives classifier.tar#cls tests/spark/job.py selftest"
  # spark-submit's stderr carries the executors' and so the CLI's: the job reads it back to find the
  # corrupt record's error. Shown on failure.
  "$submit" --master "local[2]" --archives "$work/classifier.tar#cls" --conf spark.ui.enabled=false \
    tests/spark/job.py "${args[@]}" --stderr-log "$work/spark-stderr.log" 2>"$work/spark-stderr.log" | tee "$work/job.log"
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then say "spark-submit exited $status; the end of its stderr:"; tail -30 "$work/spark-stderr.log"; fi
else
  say "NO SPARK: pyspark is not installed and could not be; running the stand-in, not Spark (tests/spark/job.py --stand-in)"
  python3 tests/spark/job.py "${args[@]}" --stand-in --archive "$work/classifier.tar" --workers 2 2>&1 | tee "$work/job.log"
  status=${PIPESTATUS[0]}
fi
# A job that died before its closing line still ends with one.
grep -qE "^([a-z-]+: )?[0-9]+ passed, [0-9]+ failed$" "$work/job.log" || fail "the job ended (status $status) without a result"
exit "$status"
