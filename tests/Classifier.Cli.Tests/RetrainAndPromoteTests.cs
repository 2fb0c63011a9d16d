using Classifier.Core.Model;

namespace Classifier.Cli.Tests;

/// <summary>The trainer's loop: retrain a model's recipe with new labels (train --base), then promote the
/// candidate only if it does not lose F1 on any category.</summary>
public sealed class RetrainAndPromoteTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Data, string Model) TrainSmall(string name)
    {
        string data = _dir.Write(name + ".csv", TrainCommandTests.LabelsCsv());
        string model = _dir.File(name + ".lqcm");
        var result = CliRunner.Run("train", "--data", data, "--output", model, "--spliced", "20", "--linear-only", "--embedding", "none");
        Assert.True(result.ExitCode == 0, result.ToString());
        return (data, model);
    }

    [Fact]
    public void RetrainingFromABaseAddsTheNewLabelsToItsRecipe()
    {
        var (data, model) = TrainSmall("base");
        string extra = _dir.Write("extra.csv", TrainCommandTests.LabelsCsv((d, p, label) => p == 1 ? "clean" : label).Replace("news/doc-", "more/doc-"));
        string candidate = _dir.File("candidate.lqcm");

        var result = CliRunner.Run("train", "--base", model, "--data", extra, "--output", candidate, "--spliced", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        var metadata = ModelFile.Load(candidate).Metadata;
        var paths = metadata["recipe"]!["data_paths"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        Assert.Equal([data, extra], paths);
        Assert.Null(metadata["recipe"]!["trees"]); // the base was linear-only, and so is its retrained recipe
        Assert.Equal(2, metadata["data"]!.AsArray().Count);
        Assert.NotNull(metadata["created"]);
    }

    [Fact]
    public void PromoteInstallsAModelThatHoldsUpAndRefusesOneThatLoses()
    {
        var (data, current) = TrainSmall("current");
        string target = _dir.File("installed.lqcm");

        // A negative margin makes any change, even none, a loss: the gate must refuse and install nothing.
        var refused = CliRunner.Run("promote", current, "--current", current, "--to", target, "--data", data, "--split", "all", "--max-loss", "-1");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("refused", refused.StdErr);
        Assert.False(File.Exists(target));

        var forced = CliRunner.Run("promote", current, "--current", current, "--to", target, "--data", data, "--split", "all", "--max-loss", "-1", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());

        File.Delete(target);
        var accepted = CliRunner.Run("promote", current, "--current", current, "--to", target, "--data", data, "--split", "all");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("change +0.000", accepted.StdOut);
        Assert.Equal(ModelFile.Load(current).Weights, ModelFile.Load(target).Weights);
    }
}
