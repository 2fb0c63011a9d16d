"""README's "On a cluster" job: JSONL documents through `classifier filter` with Spark's RDD.pipe.

Two subcommands:

  run       the production job: read JSONL shards, pipe each partition through the CLI that --archives shipped
            (unpacked as cls/ on every executor), write JSONL. For YARN:
              spark-submit --master yarn --deploy-mode cluster --archives classifier.tar#cls \
                  tests/spark/job.py run --input hdfs:///crawl/shards --output hdfs:///crawl/clean
  selftest  the test tests/spark/run.sh runs: builds >= 5,000 documents, pipes them in >= 8 partitions on
            local[2], checks the output against single-process `filter`, plants a corrupt record, and ends
            with "N passed, N failed". Under spark-submit it uses Spark; with --stand-in (no pyspark on the
            machine) it runs the same partitions through the same command and protocol in 2 worker slots
            without Spark, and says so on every line it prints.

The CLI runs as `filter --mode mark --threads 1`: mark keeps every paragraph and adds its flags (the reason it
would be dropped), so nothing leaves the job unaccounted for; one thread because Spark already runs one task
per executor core.
"""

import argparse
import collections
import concurrent.futures
import csv
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time

ARCHIVE_NAME = "cls"  # the fragment of --archives classifier.tar#cls: the directory the CLI is unpacked as
FILTER_ARGS = "filter --mode mark --threads 1"
CATEGORIES = {"spam", "off_topic", "conspiracy", "filler"}
# PySpark's RDD.pipe starts the command with this environment and no other (its default is an empty dict,
# not the executor's environment). The self-contained CLI needs nothing from it; the stand-in passes the same.
PIPE_ENV = {}

# Corpora sampled for the self-test, in order, with at most this many documents from each (None: all).
CORPUS_SOURCES = [
    ("bbc-news", None), ("l3s-gn1", None), ("human-vs-chatgpt-news", None), ("loco-conspiracy-sites", None),
    ("spamassassin", 1000), ("sms-spam", 1000),
]


def log(message):
    print(PREFIX + message, flush=True)


PREFIX = ""  # "[stand-in, not Spark] " when no Spark runs, so no line of output can be mistaken for a Spark run


# ---------------------------------------------------------------------------------------------- documents

def corpus_documents(corpora):
    """Documents ({"id", "paragraphs"}) grouped from the shared corpora's one-paragraph-a-line JSONL."""
    docs = []
    for source, cap in CORPUS_SOURCES:
        grouped = collections.OrderedDict()
        with open(os.path.join(corpora, source + ".jsonl"), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                grouped.setdefault(row["doc"], []).append((row["para"], row["text"]))
        for doc, paragraphs in list(grouped.items())[:cap]:
            docs.append({"id": f"{source}/{doc}", "paragraphs": [t for _, t in sorted(paragraphs)]})
    return docs


def repo_documents(data_dir, count):
    """Without the corpora (a fresh clone elsewhere): `count` documents cut from the repo's own articles,
    each a window of up to 8 consecutive paragraphs of one article, so ids stay unique and texts vary."""
    articles = collections.OrderedDict()
    for name in sorted(os.listdir(data_dir)):
        if name.endswith(".csv"):
            with open(os.path.join(data_dir, name), encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    articles.setdefault(row["doc_id"], []).append((int(row["para"]), row["text"]))
    texts = [[t for _, t in sorted(p)] for p in articles.values()]
    names = list(articles)
    docs = []
    for k in range(count):
        a = k % len(texts)
        start = (k // len(texts)) % len(texts[a])
        docs.append({"id": f"data/{names[a]}#{k // len(texts)}", "paragraphs": texts[a][start:start + 8]})
    return docs


def build_input(args):
    if args.corpora and os.path.isdir(args.corpora):
        docs, origin = corpus_documents(args.corpora), f"the shared corpora ({args.corpora})"
    else:
        docs, origin = repo_documents(args.data, args.min_docs), f"the repo's {args.data} (no corpora at {args.corpora})"
    random.Random(21).shuffle(docs)  # mix sources across partitions, and make "sorted by id" mean something
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    return lines, origin


def slices(lines, n):
    """The job's partitions, on Spark and in the stand-in alike: n contiguous slices cut at i*len/n."""
    return [lines[i * len(lines) // n:(i + 1) * len(lines) // n] for i in range(n)]


# ---------------------------------------------------------------------------------------------- runners

class TaskFailed(Exception):
    def __init__(self, report, stderr):
        super().__init__(report)
        self.report, self.stderr = report, stderr


class SparkRunner:
    """RDD.pipe on the SparkContext spark-submit started; the CLI comes from --archives classifier.tar#cls."""
    name = "Spark"

    def __init__(self, stderr_log):
        from pyspark import SparkFiles
        from pyspark.sql import SparkSession
        self.spark = SparkSession.builder.appName("classifier-filter-selftest").getOrCreate()
        self.sc = self.spark.sparkContext
        self.sc.setLogLevel("WARN")
        self.master = self.sc.master
        self.cores = self.sc.defaultParallelism  # local[2]: 2 executor cores
        self.stderr_log = stderr_log  # where spark-submit's stderr (and so the executors' and the CLI's) goes
        self.command = f"{cli_path(self.master, SparkFiles)} {FILTER_ARGS}"

    def describe(self):
        return f"Spark {self.sc.version}, master {self.master}, {self.cores} executor cores, command: {self.command}"

    def pipe(self, lines, partitions):
        # One element per partition, flattened: the partitions are exactly slices(lines, n), as in the
        # stand-in. (sc.parallelize(lines, n) cuts batches of lines, not lines, so its boundaries differ,
        # and the corrupt-record check must know which line of which partition the record is.)
        rdd = self.sc.parallelize(slices(lines, partitions), partitions).flatMap(lambda part: part)
        offset = len(self.stderr_text())  # this job's part of the log starts here
        # checkCode=True: without it PySpark ignores the command's exit status and a task whose CLI failed
        # half-way returns the lines written so far, which is exactly the silent loss this job must not have.
        piped = rdd.pipe(self.command, env=PIPE_ENV, checkCode=True)
        assert piped.getNumPartitions() == partitions
        try:
            return piped.collect()
        except Exception as e:  # py4j's Py4JJavaError: "Job aborted due to stage failure: Task 5 in stage ..."
            time.sleep(1)  # the executors' stderr reaches the log through a copying thread
            raise TaskFailed(str(e), self.stderr_text()[offset:]) from None

    def stderr_text(self):
        if not self.stderr_log:
            return ""
        with open(self.stderr_log, encoding="utf-8", errors="replace") as f:
            return f.read()

    @staticmethod
    def failed_partition(report):
        m = re.search(r"Task (\d+) in stage", report) or re.search(r"Lost task (\d+)\.", report)
        return int(m.group(1)) if m else None

    def stop(self):
        self.spark.stop()


def cli_path(master, spark_files):
    # On YARN (and other cluster managers) each executor unpacks the archive as ./cls in the task's working
    # directory. In local mode tasks run in the driver's directory and the archive is unpacked under the
    # SparkFiles root instead, which is the same path for driver and executors on one machine.
    if master.startswith("local"):
        return shlex.quote(os.path.join(spark_files.get(ARCHIVE_NAME), "classifier"))
    return f"./{ARCHIVE_NAME}/classifier"


class StandInRunner:
    """Not Spark. What RDD.pipe does to a partition, without Spark: one `classifier filter` process per
    partition, each record written to its stdin as one line, its stdout lines collected as the partition's
    output, a non-zero exit failing the task (checkCode=True). Two worker slots run partitions in parallel,
    like local[2]'s two executor cores, and each unpacks the shipped archive once into its own scratch
    directory as ./cls, the way an executor localizes --archives."""
    name = "stand-in"

    def __init__(self, archive, workers):
        self.archive, self.cores = archive, workers
        self.scratch = tempfile.mkdtemp(prefix="spark-stand-in-")
        self.local = threading.local()
        self.slots = iter(range(workers))
        self.lock = threading.Lock()
        # One pool for the runner's life, as executors outlive a job: each slot unpacks the archive once.
        self.pool = concurrent.futures.ThreadPoolExecutor(workers)
        self.command = f"./{ARCHIVE_NAME}/classifier {FILTER_ARGS}"
        # Unpacked before the job starts, as Spark localizes --archives before it runs a task, so the
        # throughput below counts piping and scoring, not tar.
        self.dirs = [self.unpack(slot) for slot in range(workers)]

    def unpack(self, slot):
        d = os.path.join(self.scratch, f"worker-{slot}")
        os.makedirs(os.path.join(d, ARCHIVE_NAME))
        subprocess.run(["tar", "xf", self.archive, "-C", os.path.join(d, ARCHIVE_NAME)], check=True)
        return d

    def describe(self):
        return f"{self.cores} worker processes in parallel (not Spark executors), archive {self.archive}, command: {self.command}"

    def worker_dir(self):
        """The slot of the pool thread running this task: each thread keeps one scratch directory."""
        if not hasattr(self.local, "dir"):
            with self.lock:
                self.local.dir = self.dirs[next(self.slots)]
        return self.local.dir

    def task(self, index, records):
        cwd = self.worker_dir()
        data = "".join(str(r).rstrip("\n") + "\n" for r in records).encode("utf-8")  # as PySpark's pipe writes
        p = subprocess.run(shlex.split(self.command), cwd=cwd, env=PIPE_ENV, input=data, capture_output=True)
        if p.returncode:
            raise TaskFailed(f"Task {index} failed: `{self.command}' exited with error code {p.returncode}",
                             p.stderr.decode("utf-8", "replace"))
        return [line.decode("utf-8") for line in p.stdout.split(b"\n")[:-1]]

    def pipe(self, lines, partitions):
        futures = [self.pool.submit(self.task, i, part) for i, part in enumerate(slices(lines, partitions))]
        out = []
        for f in futures:  # in partition order, as collect() returns them
            try:
                out.extend(f.result())
            except TaskFailed:
                for g in futures:
                    g.cancel()  # the job is aborted, as Spark aborts the stage
                concurrent.futures.wait(futures)
                raise
        return out

    @staticmethod
    def failed_partition(report):
        m = re.search(r"Task (\d+) failed", report)
        return int(m.group(1)) if m else None

    def stop(self):
        self.pool.shutdown(cancel_futures=True)
        subprocess.run(["rm", "-rf", self.scratch])


# ---------------------------------------------------------------------------------------------- checks

class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            log(f"PASS {name}" + (f" ({detail})" if detail else ""))
        else:
            self.failed += 1
            log(f"FAIL {name}: {detail}")


def parse_all(lines):
    docs, bad = [], []
    for line in lines:
        try:
            docs.append(json.loads(line))
        except ValueError:
            bad.append(line[:80])
    return docs, bad


def by_id(lines):
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def selftest(args):
    global PREFIX
    if args.stand_in:
        PREFIX = "[stand-in, not Spark] "
    checks = Checks()
    lines, origin = build_input(args)
    inputs = [json.loads(line) for line in lines]
    paragraphs = sum(len(d["paragraphs"]) for d in inputs)
    log(f"input: {len(lines)} documents, {paragraphs} paragraphs, from {origin}")
    checks.check(f"at least {args.min_docs} documents", len(lines) >= args.min_docs, f"{len(lines)}")
    checks.check("at least 8 partitions", args.partitions >= 8, f"{args.partitions}")

    runner = StandInRunner(args.archive, args.workers) if args.stand_in else SparkRunner(args.stderr_log)
    log(f"runner: {runner.describe()}")
    try:
        started = time.monotonic()
        out_lines = runner.pipe(lines, args.partitions)
        seconds = time.monotonic() - started
        outputs, unparsable = parse_all(out_lines)

        # 1. Every input document comes out exactly once, ids unique.
        in_ids = [d["id"] for d in inputs]
        out_ids = [d.get("id") for d in outputs]
        checks.check("input ids unique", len(set(in_ids)) == len(in_ids))
        checks.check("every output line is a JSON document", not unparsable, f"{len(unparsable)} are not, e.g. {unparsable[:2]}" if unparsable else "")
        dupes = [i for i, c in collections.Counter(out_ids).items() if c > 1]
        checks.check("output ids unique", not dupes, f"duplicated: {dupes[:3]}" if dupes else "")
        missing = set(in_ids) - set(out_ids)
        extra = set(out_ids) - set(in_ids)
        checks.check("every input document comes out exactly once",
                     not missing and not extra and len(out_ids) == len(in_ids),
                     f"{len(out_ids)} out for {len(in_ids)} in" + (f"; missing {sorted(missing)[:3]}, unexpected {sorted(extra)[:3]}" if missing or extra else ""))

        # 2. No paragraph silently lost: mark mode returns each paragraph as it came, with its flags (the
        # reason it would be dropped; empty = kept).
        source = {d["id"]: d["paragraphs"] for d in inputs}
        lost, bad_flags, flagged = [], [], 0
        for d in outputs:
            if d.get("paragraphs") != source.get(d.get("id")):
                lost.append(d.get("id"))
            flags = d.get("flags", [])
            if len(flags) != len(d.get("paragraphs", [])) or any(not set(f) <= CATEGORIES for f in flags):
                bad_flags.append(d.get("id"))
            flagged += sum(1 for f in flags if f)
        checks.check("no paragraph lost or altered", not lost, f"{len(lost)} documents differ: {lost[:3]}" if lost else f"{paragraphs} paragraphs")
        checks.check("every paragraph kept or flagged with a category", not bad_flags,
                     f"{flagged} of {paragraphs} flagged" if not bad_flags else f"bad flags in {bad_flags[:3]}")

        # 3. The same as single-process `filter` on the same input, sorted by id.
        started = time.monotonic()
        reference = single_process(args.cli, lines)
        single = time.monotonic() - started
        same = by_id(out_lines) == by_id(reference)
        checks.check("output equals single-process filter, sorted by id", same,
                     f"{len(reference)} documents" if same else f"{len(reference)} reference lines; first difference at "
                     + str(next((i for i, (a, b) in enumerate(zip(by_id(out_lines), by_id(reference))) if a != b), None)))

        # 4. Throughput.
        rate = paragraphs / seconds / runner.cores
        log(f"throughput: {paragraphs} paragraphs in {seconds:.1f} s on {runner.cores} cores = "
            f"{rate:.0f} paragraphs/s per {'executor core' if not args.stand_in else 'worker (stand-in, not Spark)'}"
            f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work on the machine slows this)")
        log(f"single process (--threads 1, no pipe): {paragraphs / single:.0f} paragraphs/s")
        checks.check("throughput measured", rate > 0, f"{rate:.0f} paragraphs/s per core")

        # 5. A corrupt record fails its task, with the record named, instead of vanishing.
        corrupt_test(runner, lines, args.partitions, checks)
    finally:
        runner.stop()
    # The closing line alone on its line, so CI counts it; in the stand-in its one-word label says what ran.
    print(f"{'stand-in: ' if args.stand_in else ''}{checks.passed} passed, {checks.failed} failed", flush=True)
    return 0 if checks.failed == 0 else 1


def single_process(cli, lines):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    p = subprocess.run(shlex.split(f"{shlex.quote(cli)} {FILTER_ARGS}"), input=data, capture_output=True, check=True)
    return [line.decode("utf-8") for line in p.stdout.split(b"\n")[:-1]]


def corrupt_test(runner, lines, partitions, checks):
    target = partitions // 2 + 1  # a middle partition, so it is neither the first nor the last to run
    parts = slices(lines, partitions)
    line_in_part = len(parts[target]) // 2  # 0-based position of the corrupt record in its partition
    index = sum(len(p) for p in parts[:target]) + line_in_part
    record_id = json.loads(lines[index])["id"]
    corrupted = list(lines)
    corrupted[index] = lines[index][:len(lines[index]) // 2]  # a record cut off half-way, as a torn write leaves it
    log(f"corrupt record: {record_id!r} cut in half, partition {target}, line {line_in_part + 1} of its stdin")
    try:
        out = runner.pipe(corrupted, partitions)
    except TaskFailed as failure:
        # Spark's report is a long trace: show its lines that say which task failed and why.
        said = [line.strip() for line in failure.report.splitlines()
                if re.search(r"Task \d+ (in stage|failed)|exited with error code", line)]
        checks.check("corrupt record fails its task: the CLI's non-zero exit", any("exited with error code" in line for line in said),
                     " / ".join(dict.fromkeys(said))[:300] or failure.report[:300])
        failed = runner.failed_partition(failure.report)
        checks.check("the failed task is the corrupt record's partition", failed == target,
                     f"task {failed}, expected {target}")
        named = re.search(rf"<stdin>:{line_in_part + 1}: malformed JSON", failure.stderr)
        checks.check("the task's stderr names the record (partition and line)", named is not None,
                     f"'{named.group(0)}' in partition {target} = record {record_id!r}" if named
                     else f"no '<stdin>:{line_in_part + 1}: malformed JSON' in {len(failure.stderr)} chars of stderr")
        return
    checks.check("corrupt record fails its task: the CLI's non-zero exit", False, f"the job succeeded with {len(out)} lines: the record was dropped silently")


# ---------------------------------------------------------------------------------------------- production job

def run(args):
    from pyspark import SparkFiles
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("classifier-filter").getOrCreate()
    sc = spark.sparkContext
    command = f"{cli_path(sc.master, SparkFiles)} {args.filter_args}"
    docs = sc.textFile(args.input)
    if args.partitions:
        docs = docs.repartition(args.partitions)
    docs = docs.filter(lambda line: line.strip())  # filter skips blank lines; drop them here so counts compare
    docs.pipe(command, env=PIPE_ENV, checkCode=True).saveAsTextFile(args.output)
    read, written = docs.count(), sc.textFile(args.output).count()
    print(f"{read} documents read, {written} written to {args.output}")
    spark.stop()
    return 0 if read == written else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="filter JSONL shards on a cluster")
    r.add_argument("--input", required=True)
    r.add_argument("--output", required=True)
    r.add_argument("--partitions", type=int, help="repartition the input (default: one partition a split)")
    r.add_argument("--filter-args", default=FILTER_ARGS, help=f"the CLI's arguments (default: {FILTER_ARGS})")
    t = sub.add_parser("selftest", help="the Spark test (tests/spark/run.sh)")
    t.add_argument("--cli", required=True, help="the published CLI, for the single-process reference run")
    t.add_argument("--corpora", help="the shared corpora; absent: documents are cut from --data")
    t.add_argument("--data", default="data/articles")
    t.add_argument("--min-docs", type=int, default=5000)
    t.add_argument("--partitions", type=int, default=8)
    t.add_argument("--stderr-log", help="the file spark-submit's stderr goes to (to find the CLI's error)")
    t.add_argument("--stand-in", action="store_true", help="no Spark: run partitions as RDD.pipe would, 2 workers")
    t.add_argument("--archive", help="--stand-in: the archive to unpack as ./cls in each worker's scratch directory")
    t.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.exit(run(args) if args.command == "run" else selftest(args))


if __name__ == "__main__":
    main()
