using System.Collections.Concurrent;
using Classifier.Cli.Input;
using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Cli.Scoring;

/// <summary>
/// Read, score and write as a pipeline: documents are grouped into batches, each batch is scored (together) on
/// one of the scoring threads, and batches are written strictly in input order. About <c>2 x threads</c>
/// batches are in flight, so memory stays flat however long the input. An input error stops reading;
/// everything read before it is still written, then the error surfaces.
/// </summary>
public sealed class ParallelScorer(IBatchScorer scorer, int threads, int batchParagraphs = BatchRecurrence.BatchParagraphs)
{
    public delegate void DocumentScores(InputDocument document, ReadOnlySpan<ParagraphScore> scores);

    public delegate void DocumentScoresInBatch(InputDocument document, int index, ReadOnlySpan<ParagraphScore> scores);

    /// <summary>A run of documents, scored together (see <see cref="Scorer.Score(IReadOnlyList{Document}, Span{ParagraphScore})"/>), and their scores, in input order.</summary>
    public sealed class Batch(List<InputDocument> inputs, Document[] documents, ParagraphScore[] scores)
    {
        public List<InputDocument> Inputs { get; } = inputs;
        /// <summary>The documents as scored, in the same order.</summary>
        public Document[] Documents { get; } = documents;
        /// <summary>Scores of all documents' paragraphs, back to back.</summary>
        public ParagraphScore[] Scores { get; } = scores;

        /// <summary>The batch's recurring lines, as the scorer saw them, for explaining its scores.</summary>
        public BatchRecurrence Recurrence() => BatchRecurrence.Of(Documents);

        /// <summary>Hands on each document with its own scores.</summary>
        public void ForEach(DocumentScores action) => ForEach((input, _, scores) => action(input, scores));

        /// <summary>Hands on each document with its place in the batch and its own scores.</summary>
        public void ForEach(DocumentScoresInBatch action)
        {
            int offset = 0;
            for (int d = 0; d < Inputs.Count; d++)
            {
                int count = Documents[d].Paragraphs.Count;
                action(Inputs[d], d, Scores.AsSpan(offset, count));
                offset += count;
            }
        }
    }

    /// <summary>Scores <paramref name="input"/> and hands each batch to <paramref name="write"/>, in input order, on the calling thread.</summary>
    public void Run(IEnumerable<InputDocument> input, Action<Batch> write) => Run(input, batch => batch, write);

    /// <summary>
    /// Scores <paramref name="input"/>: <c>threads</c> scoring threads of their own each score a batch and run
    /// <paramref name="prepare"/> on it (formatting its output, say, so that this work scales with the threads
    /// too); <paramref name="write"/> then gets the prepared batches in input order on the calling thread.
    /// Dedicated threads, one per core asked for, rather than thread-pool tasks beside a reader and a writer
    /// that also ran on the pool: with the formatting moved here, <c>score</c> took 1.11 s instead of 1.28 on
    /// 2 cores (docs/experiments.md, "Two cores").
    /// </summary>
    public void Run<T>(IEnumerable<InputDocument> input, Func<Batch, T> prepare, Action<T> write)
    {
        int scoringThreads = Math.Max(1, threads);
        int inFlight = scoringThreads * 2;
        // Not disposed: after a failure the reader and scoring threads may still touch them (see the catch below).
        var work = new BlockingCollection<Job<T>>(inFlight);    // to the scoring threads
        var order = new BlockingCollection<Job<T>>(inFlight);   // to the writer, in input order
        var stop = new CancellationTokenSource();
        Exception? readError = null;
        var reader = Start("classifier reader", () =>
        {
            try
            {
                foreach (var documents in Batches(input))
                {
                    var job = new Job<T>(documents);
                    order.Add(job, stop.Token);
                    work.Add(job, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { readError = e; }
            finally
            {
                order.CompleteAdding();
                work.CompleteAdding();
            }
        });
        var scorers = Enumerable.Range(0, scoringThreads).Select(i => Start($"classifier scorer {i}", () =>
        {
            foreach (var job in work.GetConsumingEnumerable())
                job.Run(inputs => prepare(Score(inputs)));
        })).ToArray();
        try
        {
            foreach (var job in order.GetConsumingEnumerable())
                write(job.Result.GetAwaiter().GetResult());
        }
        catch
        {
            // The reader stops at its next batch and the scoring threads finish what it queued. Not joined: they
            // are background threads, and the reader may be blocked reading input that will never come.
            stop.Cancel();
            throw;
        }
        reader.Join();
        foreach (var thread in scorers)
            thread.Join();
        if (readError is not null)   // after the batches read before it are written
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readError);
    }

    private static Thread Start(string name, Action body)
    {
        var thread = new Thread(new ThreadStart(body)) { Name = name, IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>A batch read, waiting to be scored and prepared; the writer waits on its result.</summary>
    private sealed class Job<T>(List<InputDocument> inputs)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Result => _result.Task;

        public void Run(Func<List<InputDocument>, T> score)
        {
            try { _result.SetResult(score(inputs)); }
            catch (Exception e) { _result.SetException(e); }
        }
    }

    /// <summary>Groups documents into batches; an input error first hands on the batch read before it.</summary>
    private IEnumerable<List<InputDocument>> Batches(IEnumerable<InputDocument> input)
    {
        var batch = new List<InputDocument>();
        int paragraphs = 0;
        using var documents = input.GetEnumerator();
        while (true)
        {
            Exception? error = null;
            bool more;
            try { more = documents.MoveNext(); }
            catch (Exception e) { error = e; more = false; }
            if (!more)
            {
                if (batch.Count > 0)
                    yield return batch;
                if (error is not null)
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                yield break;
            }
            batch.Add(documents.Current);
            paragraphs += documents.Current.Document.Paragraphs.Count;
            if (paragraphs >= batchParagraphs)
            {
                yield return batch;
                batch = [];
                paragraphs = 0;
            }
        }
    }

    private Batch Score(List<InputDocument> inputs)
    {
        var documents = inputs.Select(i => i.Document).ToArray();
        var scores = new ParagraphScore[documents.Sum(d => d.Paragraphs.Count)];
        scorer.Score(documents, scores);
        return new Batch(inputs, documents, scores);
    }
}
