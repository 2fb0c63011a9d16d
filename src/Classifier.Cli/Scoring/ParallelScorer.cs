using System.Threading.Channels;
using Classifier.Cli.Input;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Scoring;

/// <summary>
/// Read, score and write as a pipeline: documents are grouped into batches, each batch is scored on
/// the thread pool, and batches are written strictly in input order. At most <c>2 x threads</c>
/// batches are in flight, so memory stays flat however long the input. An input error stops reading;
/// everything read before it is still written, then the error surfaces.
/// </summary>
public sealed class ParallelScorer(Scorer scorer, int threads, int batchParagraphs = 2048)
{
    public delegate void DocumentScores(InputDocument document, ReadOnlySpan<ParagraphScore> scores);

    /// <summary>A run of documents and their scores, in input order.</summary>
    public sealed class Batch(List<InputDocument> documents, ParagraphScore[] scores)
    {
        public List<InputDocument> Documents { get; } = documents;
        /// <summary>Scores of all documents' paragraphs, back to back.</summary>
        public ParagraphScore[] Scores { get; } = scores;

        /// <summary>Hands on each document with its own scores.</summary>
        public void ForEach(DocumentScores action)
        {
            int offset = 0;
            foreach (var input in Documents)
            {
                int count = input.Document.Paragraphs.Count;
                action(input, Scores.AsSpan(offset, count));
                offset += count;
            }
        }
    }

    public async Task RunAsync(IEnumerable<InputDocument> input, Action<Batch> write, CancellationToken cancellation = default)
    {
        var pending = Channel.CreateBounded<Task<Batch>>(new BoundedChannelOptions(Math.Max(1, threads) * 2) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var documents in Batches(input))
                    await pending.Writer.WriteAsync(Task.Run(() => Score(documents), cancellation), cancellation);
                pending.Writer.Complete();
            }
            catch (Exception e)
            {
                pending.Writer.Complete(e);
            }
        }, cancellation);

        await foreach (var batch in pending.Reader.ReadAllAsync(cancellation))
            write(await batch);
        await reader;
        await pending.Reader.Completion; // rethrows the reader's error after the batches before it are written
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

    private Batch Score(List<InputDocument> documents)
    {
        var scores = new ParagraphScore[documents.Sum(d => d.Document.Paragraphs.Count)];
        int offset = 0;
        foreach (var input in documents)
        {
            int count = input.Document.Paragraphs.Count;
            scorer.Score(input.Document, scores.AsSpan(offset, count));
            offset += count;
        }
        return new Batch(documents, scores);
    }
}
