using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Training.Data;
using Classifier.Training.Learners;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Tests.Learners;

/// <summary>Models trained once per tree trainer on the project's own articles (no corpora), exported at float precision.</summary>
public sealed class ParityModels
{
    public IReadOnlyList<Document> Documents { get; } = [.. DataPaths.Expand([RepoPaths.Articles], "articles")
        .SelectMany(file => LabelsCsvReader.Read(file, "project-data")).Select(d => new Document(d.Id, d.Texts))];

    private readonly Dictionary<string, Lazy<TrainingOutcome>> _outcomes;

    public ParityModels()
    {
        var options = new TrainingOptions
        {
            DataPaths = [RepoPaths.Articles], SplicedTrain = 400, SplicedEval = 150, Precision = NgramPrecision.Float32,
        };
        _outcomes = new()
        {
            ["LightGbm"] = new(() => TrainingRecipe.Run(options with { Trees = new TreeOptions(TreeTrainer.LightGbm) }, _ => { })),
            ["FastTree"] = new(() => TrainingRecipe.Run(options with { Trees = new TreeOptions(TreeTrainer.FastTree) }, _ => { })),
            ["linear"] = new(() => TrainingRecipe.Run(options with { Trees = null }, _ => { })),
        };
    }

    internal TrainingOutcome this[string recipe] => _outcomes[recipe].Value;
}

/// <summary>
/// What ML.NET's own transformers compute for a trained model (linear stage, trees, Platt calibrators, end to end) and
/// what Core's exported model computes for the same paragraphs must agree to 1e-5 on every probability.
/// </summary>
public sealed class MlNetParityTests(ParityModels models) : IClassFixture<ParityModels>
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData("LightGbm")]
    [InlineData("FastTree")]
    [InlineData("linear")]
    public void MlNetParity_core_scores_every_paragraph_as_MlNet_does(string recipe)
    {
        var outcome = models[recipe];
        var expected = outcome.MlNet.Predict(models.Documents);
        var actual = CoreScores(outcome.Model, models.Documents);

        Assert.True(actual.Length >= 1000, $"only {actual.Length} paragraphs");
        Assert.Equal(expected.Length, actual.Length);
        var mismatches = Mismatches(expected, actual);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} probabilities differ by more than {Tolerance}, e.g. {string.Join("; ", mismatches.Take(5))}");
        // A model that says the same for everything would agree trivially: the probabilities must spread.
        foreach (var category in Categories.All)
            Assert.True(actual.Max(p => p[(int)category]) - actual.Min(p => p[(int)category]) > 0.5f, $"{Categories.Name(category)} barely varies");
    }

    [Fact]
    public void MlNetParity_fails_when_the_export_is_off()
    {
        var outcome = models["LightGbm"];
        var expected = outcome.MlNet.Predict(models.Documents);
        var model = outcome.Model;
        // One tree's leaves nudged by 1e-3: the comparison must see it.
        var trees = model.Trees!.Select((t, k) => k != 2 ? t : new TreeEnsemble(t.BaseScore + 1e-3f, t.FeatureCount, t.Roots.ToArray(), t.Nodes.ToArray(), t.LeafValues.ToArray())).ToArray();
        var nudged = new ClassifierModel(model.Space, model.Weights, model.Bias, model.DenseMean, model.DenseScale, model.Calibration, model.Thresholds,
            trees: trees, precision: model.Precision, embeddings: model.Embeddings);
        Assert.NotEmpty(Mismatches(expected, CoreScores(nudged, models.Documents)));
        // And the quantised table of the shipped precision is an approximation, not parity.
        var quantised = new ClassifierModel(model.Space, model.Weights, model.Bias, model.DenseMean, model.DenseScale, model.Calibration, model.Thresholds,
            trees: model.Trees!.ToArray(), precision: NgramPrecision.Int8, embeddings: model.Embeddings);
        Assert.NotEmpty(Mismatches(expected, CoreScores(quantised, models.Documents)));
    }

    [Fact]
    public void MlNetParity_the_model_header_names_MlNet()
    {
        var header = models["linear"].Model.Metadata["trainer"]!.GetValue<string>();
        Assert.StartsWith("ML.NET ", header);
        Assert.Contains(TrainingRecipe.MlNetVersion, header);
    }

    private static float[][] CoreScores(ClassifierModel model, IReadOnlyList<Document> documents)
    {
        var scorer = new Scorer(model);
        return [.. documents.SelectMany(d => scorer.Score(d)).Select(s => new[] { s[Category.Spam], s[Category.OffTopic], s[Category.Conspiracy], s[Category.Filler] })];
    }

    private static List<string> Mismatches(float[][] expected, float[][] actual)
    {
        var mismatches = new List<string>();
        for (int i = 0; i < expected.Length; i++)
            for (int k = 0; k < Categories.Count; k++)
                if (!(Math.Abs(expected[i][k] - actual[i][k]) <= Tolerance))
                    mismatches.Add($"paragraph {i} {Categories.Name((Category)k)}: ML.NET {expected[i][k]:G9}, Core {actual[i][k]:G9}");
        return mismatches;
    }
}
