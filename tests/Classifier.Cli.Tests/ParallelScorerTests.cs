using Classifier.Cli.Commands;
using Classifier.Cli.Input;
using Classifier.Cli.Scoring;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Cli.Tests;

/// <summary>The scoring pipeline on its own: order, errors from the input, from the prepare step and from the writer.</summary>
public sealed class ParallelScorerTests
{
    private static readonly Scorer Scorer = new(ModelLocator.Load(null));

    private static IEnumerable<InputDocument> Documents(int count, int failAfter = int.MaxValue)
    {
        for (int d = 0; d < count; d++)
        {
            if (d == failAfter)
                throw new InputFormatException("input.jsonl", d + 1, "malformed JSON");
            // Documents of different lengths, so that batches take different times to score.
            var paragraphs = Enumerable.Range(0, 1 + d % 5).Select(p => $"Paragraph {p} of document {d}: the council met on Tuesday.").ToList();
            yield return new InputDocument(new Document($"doc-{d}", paragraphs), "input.jsonl", d + 1);
        }
    }

    /// <summary>Every document's id, as the writer receives them, with a prepare step on the scoring threads.</summary>
    private static List<string> Run(ParallelScorer pipeline, IEnumerable<InputDocument> input)
    {
        var written = new List<string>();
        pipeline.Run(input, batch => batch.Inputs.Select(i => i.Document.Id).ToList(), written.AddRange);
        return written;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Batches_reach_the_writer_in_input_order(int threads)
    {
        // Batches of about 4 paragraphs: 200 documents make about 130 batches, many in flight at once.
        var written = Run(new ParallelScorer(Scorer, threads, batchParagraphs: 4), Documents(200));
        Assert.Equal(Enumerable.Range(0, 200).Select(d => $"doc-{d}"), written);
    }

    [Fact]
    public void Scores_do_not_depend_on_the_number_of_threads()
    {
        float[] Scores(int threads)
        {
            var scores = new List<float>();
            new ParallelScorer(Scorer, threads, batchParagraphs: 16).Run(Documents(100),
                batch => { foreach (var score in batch.Scores) scores.Add(score[Core.Category.Filler]); });
            return [.. scores];
        }
        Assert.Equal(Scores(1), Scores(2));
    }

    [Fact]
    public void An_input_error_surfaces_after_every_batch_read_before_it_is_written()
    {
        var written = new List<string>();
        var error = Assert.Throws<InputFormatException>(() => new ParallelScorer(Scorer, 2, batchParagraphs: 4)
            .Run(Documents(100, failAfter: 37), batch => batch, batch => written.AddRange(batch.Inputs.Select(i => i.Document.Id))));
        Assert.Contains("input.jsonl", error.Message);
        Assert.Equal(Enumerable.Range(0, 37).Select(d => $"doc-{d}"), written);
    }

    [Fact]
    public void A_failing_prepare_step_surfaces_instead_of_hanging()
    {
        var pipeline = new ParallelScorer(Scorer, 2, batchParagraphs: 4);
        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Run(Documents(1000),
            batch => batch.Inputs[0].Document.Id == "doc-50" ? throw new InvalidOperationException("format failed") : batch, _ => { }));
        Assert.Equal("format failed", error.Message);
    }

    [Fact]
    public void A_failing_writer_stops_the_reader()
    {
        int read = 0;
        IEnumerable<InputDocument> Counted() { foreach (var document in Documents(100_000)) { read++; yield return document; } }
        var pipeline = new ParallelScorer(Scorer, 2, batchParagraphs: 4);
        Assert.Throws<IOException>(() => pipeline.Run(Counted(), _ => throw new IOException("broken pipe")));
        Assert.True(read < 1000, $"{read} documents read after the writer failed");
    }
}
