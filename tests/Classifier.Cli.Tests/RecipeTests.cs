using System.Text.Json.Nodes;
using Classifier.Core.Model;

namespace Classifier.Cli.Tests;

/// <summary>Retraining a trainer can trust: options not given come from the base model's recipe, a base whose data
/// changed is refused unless accepted, and a printed recipe trains again with <c>train --recipe</c>.</summary>
public sealed class RecipeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonNode Recipe(string model) => ModelFile.Load(model).Metadata["recipe"]!;

    private (string Data, string Model) TrainBase()
    {
        string data = _dir.Write("base.csv", TrainCommandTests.LabelsCsv());
        string model = _dir.File("base.lqcm");
        var result = CliRunner.Run("train", "--data", data, "--output", model, "--spliced", "20", "--linear-only", "--embedding", "none",
            "--seed", "7", "--l2", "0.0003", "--max-positive-weight", "4", "--iterations", "12");
        Assert.True(result.ExitCode == 0, result.ToString());
        return (data, model);
    }

    [Fact]
    public void Options_not_given_keep_the_base_recipe_values()
    {
        var (_, model) = TrainBase();
        string extra = _dir.Write("extra.csv", TrainCommandTests.LabelsCsv().Replace("news/doc-", "more/doc-"));
        string candidate = _dir.File("candidate.lqcm");

        var result = CliRunner.Run("train", "--base", model, "--data", extra, "--output", candidate, "--iterations", "15");

        Assert.True(result.ExitCode == 0, result.ToString());
        var recipe = Recipe(candidate);
        Assert.Equal(7, recipe["seed"]!.GetValue<int>());
        Assert.Equal(20, recipe["spliced_train"]!.GetValue<int>());
        Assert.Equal(0.0003f, recipe["linear"]!["l2"]!.GetValue<float>());
        Assert.Equal(4f, recipe["linear"]!["max_positive_weight"]!.GetValue<float>());
        Assert.Equal(15, recipe["linear"]!["max_iterations"]!.GetValue<int>());   // given, so it wins
        Assert.Null(recipe["trees"]);
    }

    [Fact]
    public void A_base_whose_data_changed_is_refused_unless_accepted()
    {
        var (data, model) = TrainBase();
        File.AppendAllText(data, "news/doc-99,0,An added paragraph,clean\n");
        string candidate = _dir.File("candidate.lqcm");

        var refused = CliRunner.Run("train", "--base", model, "--output", candidate);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("changed since the base model was trained", refused.StdErr);
        Assert.Contains("--accept-data-changes", refused.StdErr);
        Assert.False(File.Exists(candidate));

        File.Delete(data);
        var missing = CliRunner.Run("train", "--base", model, "--output", candidate);
        Assert.Contains("missing", missing.StdErr);

        File.WriteAllText(data, TrainCommandTests.LabelsCsv((d, p, label) => p == 0 ? "filler" : label));
        var accepted = CliRunner.Run("train", "--base", model, "--output", candidate, "--accept-data-changes");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("warning:", accepted.StdErr);
    }

    [Fact]
    public void A_printed_recipe_trains_the_same_recipe_again()
    {
        var (_, model) = TrainBase();
        var printed = CliRunner.Run("recipe", model);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        string file = _dir.Write("recipe.json", printed.StdOut);
        string again = _dir.File("again.lqcm");

        var result = CliRunner.Run("train", "--recipe", file, "--output", again);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Recipe(model).ToJsonString(), Recipe(again).ToJsonString());
        Assert.Equal(ModelFile.Load(model).Weights, ModelFile.Load(again).Weights);   // the trainers are seeded and single-threaded
    }

    [Fact]
    public void A_misspelt_recipe_option_is_an_error()
    {
        string file = _dir.Write("bad.json", "{\"seeed\": 3}");
        var result = CliRunner.Run("train", "--recipe", file, "--output", _dir.File("m.lqcm"), "--data", "x.csv");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("seeed", result.StdErr);
    }
}
