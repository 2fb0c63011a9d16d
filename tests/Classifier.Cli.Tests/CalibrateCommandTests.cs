using System.Text.Json.Nodes;
using Classifier.Core.Model;

namespace Classifier.Cli.Tests;

/// <summary>calibrate: refits calibration and thresholds on a labelled sample, records it, keeps the weights and trees.</summary>
public sealed class CalibrateCommandTests(EvalFixture fixture) : IClassFixture<EvalFixture>
{
    private CliResult Calibrate(string output, params string[] extra) =>
        CliRunner.Run(["calibrate", "--data", fixture.Data, "--model", fixture.Model, "--output", output, .. extra]);

    [Fact]
    public void Writes_a_model_that_records_the_recalibration_and_keeps_the_weights()
    {
        string output = fixture.File("recalibrated.lqcm");

        var result = Calibrate(output, "--min-positives", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"\| spam \| \d+ \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| refitted \|", result.StdOut);
        var original = ModelFile.Load(fixture.Model);
        var recalibrated = ModelFile.Load(output);
        Assert.Equal(original.Weights, recalibrated.Weights);
        Assert.Equal(original.Metadata["recipe"]!.ToJsonString(), recalibrated.Metadata["recipe"]!.ToJsonString());
        var record = recalibrated.Metadata["recalibrations"]!.AsArray().Single()!;
        Assert.Contains("calibrate", (string)record["command"]!);
        Assert.Equal("all", (string?)record["split"]);
        Assert.EndsWith("labels.csv", (string)record["data"]![0]!["path"]!);
        Assert.Equal(64, ((string)record["data"]![0]!["sha256"]!).Length);
        foreach (var name in EvalFixture.CategoryNames)
        {
            var category = record["categories"]![name]!;
            Assert.True((bool)category["refitted"]!, $"{name} not refitted: {category.ToJsonString()}");
            Assert.True((int)category["positives"]! >= 10, name);
        }
        // Eval reads it like any model.
        var eval = CliRunner.Run("eval", "--data", fixture.Data, "--model", output, "--baseline", fixture.Model, "--split", "all");
        Assert.True(eval.ExitCode == 0, eval.ToString());
    }

    [Fact]
    public void Categories_below_the_minimum_keep_their_thresholds_and_a_second_run_appends_to_the_record()
    {
        string first = fixture.File("first.lqcm"), second = fixture.File("second.lqcm");
        Assert.Equal(0, Calibrate(first, "--min-positives", "5").ExitCode);

        var result = CliRunner.Run("calibrate", "--data", fixture.Data, "--model", first, "--output", second, "--min-positives", "1000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kept: fewer than 1000 positives", result.StdOut);
        var before = ModelFile.Load(first);
        var after = ModelFile.Load(second);
        Assert.Equal(before.Thresholds, after.Thresholds);
        Assert.Equal(before.Calibration, after.Calibration);
        var history = after.Metadata["recalibrations"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.False((bool)history[1]!["categories"]!["spam"]!["refitted"]!);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_a_message()
    {
        string output = fixture.File("never.lqcm");
        var missing = CliRunner.Run("calibrate", "--data", fixture.File("absent.csv"), "--model", fixture.Model, "--output", output);
        var zero = Calibrate(output, "--min-positives", "0");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("absent.csv", missing.StdErr);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--min-positives", zero.StdErr);
        Assert.False(File.Exists(output));
    }
}
