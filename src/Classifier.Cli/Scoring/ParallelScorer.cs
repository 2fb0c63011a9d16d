using System.Threading.Channels;
using Classifier.Cli.Input;
using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Cli.Scoring;

/// <summary>
/// Read, score and write as a pipeline: documents are grouped into batches, each batch is scored (together) on
/// the thread pool, and batches are written strictly in input order. At most <c>2 x threads</c>
/// batches are in flight, so memory stays flat however long the input. An input error stops reading;
/// everything read before it is still written, then the error surfaces.
/// </summary>
public sealed class ParallelScorer(Scorer scorer, int threads, int batchParagraphs = BatchRecurrence.BatchParagraphs)
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

    private Batch Score(List<InputDocument> inputs)
    {
        var documents = inputs.Select(i => i.Document).ToArray();
        var scores = new ParagraphScore[documents.Sum(d => d.Paragraphs.Count)];
        scorer.Score(documents, scores);
        return new Batch(inputs, documents, scores);
    }
}
