using System.Text;
using System.Text.Json.Nodes;

namespace Classifier.Cli.Tests;

/// <summary>A linear model trained with <c>--batch-signals</c> on the eval fixture's labels, whose filler lines
/// recur across its documents, so the model learns the batch signals (linear, so that only a recurring
/// paragraph's own score can move).</summary>
public sealed class BatchSignalModelFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public string Model { get; }

    public BatchSignalModelFixture()
    {
        using var labels = new EvalFixture();
        Model = _dir.File("batch.lqcm");
        var train = CliRunner.Run("train", "--data", labels.Data, "--output", Model, "--spliced", "20", "--batch-signals", "--linear-only", "--embedding", "none");
        Assert.True(train.ExitCode == 0 && File.Exists(Model), train.ToString());
    }

    public string Write(string name, string content) => _dir.Write(name, content);

    public void Dispose() => _dir.Dispose();
}

/// <summary>score with a model that reads the batch: documents are scored together, and the output still does
/// not depend on the number of threads.</summary>
public sealed class BatchScoringTests(BatchSignalModelFixture fixture) : IClassFixture<BatchSignalModelFixture>
{
    private static readonly string[] Towns = ["Arbroath", "Brixham", "Cromer", "Dunbar", "Eyemouth", "Fowey", "Girvan"];

    /// <summary>Documents whose paragraph 2 recurs in every one; paragraph 1 differs by more than a number (which the
    /// fingerprint folds), so it recurs only in documents 7 apart.</summary>
    private static string Jsonl(int documents)
    {
        var jsonl = new StringBuilder();
        for (int d = 0; d < documents; d++)
        {
            var paragraphs = new JsonArray(
                $"Harbour report {d}", $"Officials in {Towns[d % Towns.Length]} said on Tuesday that the plan would take effect next spring.",
                "Share this article on Facebook | Twitter | Email", $"Experts said figures for district {d} were in line with forecasts.",
                $"Ferries to island {d} will run an hour later from May.", $"Residents of street {d} welcomed the change.",
                $"The council meets again on day {d} of the month.", $"Tags: harbour, district {d % 7}");
            jsonl.Append(new JsonObject { ["id"] = $"doc-{d}", ["paragraphs"] = paragraphs }.ToJsonString()).Append('\n');
        }
        return jsonl.ToString();
    }

    [Fact]
    public void A_line_recurring_across_the_batch_scores_differently_than_in_its_document_alone()
    {
        var batch = ScoreLines.Score([fixture.Write("batch.jsonl", Jsonl(3)), "--model", fixture.Model]);
        var alone = ScoreLines.Score([fixture.Write("alone.jsonl", Jsonl(1)), "--model", fixture.Model]);
        Assert.Equal(24, batch.Count);
        Assert.NotEqual(alone[2].Scores, batch[2].Scores);   // "Share this article..." recurs in the batch
        Assert.Equal(alone[1].Scores, batch[1].Scores);
    }

    [Fact]
    public void Output_is_the_same_on_one_thread_and_on_two_across_several_batches()
    {
        // 300 documents of 8 paragraphs: 2,400 paragraphs, more than one batch of 2,048.
        string input = fixture.Write("many.jsonl", Jsonl(300));
        var one = CliRunner.Run("score", input, "--model", fixture.Model, "--threads", "1");
        var two = CliRunner.Run("score", input, "--model", fixture.Model, "--threads", "2");
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one + "\n" + two);
        Assert.Equal(2400, ScoreLines.Parse(one.StdOut).Count);
        Assert.Equal(one.StdOut, two.StdOut);
    }
}
