namespace Classifier.Cli.Tests;

/// <summary>The accurate path from the command line: score --encoder minilm with the model shipped for it, the cascade, and
/// the errors of a model scored with the wrong path.</summary>
public sealed class EncoderOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly string EncoderModel = Path.Combine(AppContext.BaseDirectory, "models", "minilm.lqcm");

    public void Dispose() => _dir.Dispose();

    private string Sample() => _dir.Write("docs.jsonl", Jsonl.Lines(
        Jsonl.Paragraphs("a", "Council approves ferry timetable", "The council voted 7-2 on Tuesday to approve the new timetable.",
            "Buy cheap watches now at www.deals.test!", "Tags: ferries, council"),
        Jsonl.Paragraphs("b", "One paragraph only.")));

    [Fact]
    public void Score_with_the_encoder_uses_the_model_shipped_for_it_and_scores_every_paragraph()
    {
        Assert.True(File.Exists(EncoderModel), $"models/minilm.lqcm is not beside the program ({EncoderModel})");
        var lines = ScoreLines.Score([Sample(), "--encoder", "minilm"]);
        ScoreLines.AssertDocuments(lines, ("a", 4), ("b", 1));
        // The accurate model reads meaning the fast one does not: its probabilities differ.
        var fast = ScoreLines.Score([Sample()]);
        Assert.NotEqual(fast.Select(l => l.Scores["spam"]), lines.Select(l => l.Scores["spam"]));
    }

    [Fact]
    public void The_cascade_rescores_what_the_fast_model_is_unsure_of_and_says_how_much()
    {
        var everything = CliRunner.Run("score", Sample(), "--encoder", "minilm", "--cascade", "1");
        Assert.Equal(0, everything.ExitCode);
        Assert.Contains("re-scored 2 of 2 documents", everything.StdErr);
        Assert.Equal(ScoreLines.Parse(CliRunner.Run("score", Sample(), "--encoder", "minilm").StdOut).Select(l => l.Scores["spam"]),
            ScoreLines.Parse(everything.StdOut).Select(l => l.Scores["spam"]));
        var nothing = CliRunner.Run("score", Sample(), "--encoder", "minilm", "--cascade", "0");
        Assert.Contains("re-scored 0 of 2 documents", nothing.StdErr);
        Assert.Equal(ScoreLines.Parse(CliRunner.Run("score", Sample()).StdOut).Select(l => l.Scores["spam"]),
            ScoreLines.Parse(nothing.StdOut).Select(l => l.Scores["spam"]));
    }

    [Fact]
    public void A_model_scored_with_the_wrong_path_is_refused_with_the_reason()
    {
        var noEncoder = CliRunner.Run("score", Sample(), "--model", EncoderModel);
        Assert.NotEqual(0, noEncoder.ExitCode);
        Assert.Contains("--encoder minilm", noEncoder.StdErr);
        var staticModel = CliRunner.Run("score", Sample(), "--encoder", "minilm", "--model", CliRunner.DefaultModelPath);
        Assert.NotEqual(0, staticModel.ExitCode);
        Assert.Contains("needs no encoder", staticModel.StdErr);
        var unknown = CliRunner.Run("score", Sample(), "--encoder", "bert-large");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("minilm", unknown.StdErr);
        var stray = CliRunner.Run("score", Sample(), "--cascade", "0.2");
        Assert.NotEqual(0, stray.ExitCode);
        Assert.Contains("need --encoder", stray.StdErr);
    }
}
