using System.Text.Json;
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Calibration;
using Classifier.Training.Data;
using Classifier.Training.Embeddings;
using Classifier.Training.Evaluation;
using Classifier.Training.Learners;
using Microsoft.ML;

namespace Classifier.Training.Pipeline;

/// <summary>What a training run produced: the model exported for Core, the same model as ML.NET holds it, and its measurements on held-out data.</summary>
internal sealed record TrainingOutcome(ClassifierModel Model, MlNetModel MlNet, IReadOnlyList<SetMetrics> Test, IReadOnlyList<DataFile> Files, TimeSpan Duration)
{
    /// <summary>The off-topic insertion report on the test split's documents (<see cref="InsertionEvaluator"/>).</summary>
    public InsertionMetrics? Insertions { get; init; }

    /// <summary>The same on documents of held-out sources only, when sources were held out: text never trained on.</summary>
    public InsertionMetrics? HeldOutInsertions { get; init; }
}

/// <summary>
/// The default recipe: load and splice the data, featurize it with Core's featurizer, train the linear stage (ML.NET)
/// on the train split and the tree stage (FastTree) on out-of-fold margins, fit ML.NET's Platt calibration and choose
/// thresholds on dev, export into Core's model, then measure that model on test, per source.
/// </summary>
internal static class TrainingRecipe
{
    public static TrainingOutcome Run(TrainingOptions options, Action<string> log, IReadOnlyCollection<LabelledDocument>? documents = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = TrainingData.Load(options, log, documents);
        if (options.ExportDirectory is { } export)
        {
            DataExport.Write(data, export);
            log($"Wrote the train, dev and test paragraphs to {export}.");
        }
        var train = data.In(Split.Train).ToList();
        var embedder = Embedders.Build(options.Embedding, data, options.EmbeddingCache, log);
        var space = options.Space with { Embedding = embedder is null ? null : new EmbeddingSpace(embedder.Encoder, embedder.IsStatic, embedder.Dimensions) };

        var sourceWeights = train.GroupBy(d => d.Source).ToDictionary(g => g.Key,
            g => (float)Math.Min(1.0, options.SourceCap / Math.Max(1, g.Sum(d => d.Paragraphs.Count))));
        var set = FeaturizedSet.Build(train, space, embedder,
            d => sourceWeights[d.Source] * (d.Source.EndsWith(TrainingData.ProjectSource, StringComparison.Ordinal) ? options.ProjectDataWeight : 1f),
            options.BatchSignals);
        log($"Featurized {set.Count} training paragraphs from {train.Count} documents ({clock.Elapsed.TotalSeconds:F0} s).");

        var ml = new MLContext(options.Seed);
        var allRows = Enumerable.Range(0, set.Count).ToArray();
        var features = LinearLearner.FitFeatures(ml, MlNetRows.Paragraphs(ml, set, space, allRows, [1f, 1f, 1f, 1f]));
        var linear = LinearLearner.Fit(set, space, features, options.Linear, allRows, options.Seed);
        var linearModel = linear.ToCore(space, options.Precision);
        log($"Linear stage trained: ML.NET {options.Linear.Trainer} ({clock.Elapsed.TotalSeconds:F0} s).");

        var dev = data.In(Split.Dev).ToList();
        TreeStage[]? trees = null;
        if (options.Trees is { } treeOptions)
        {
            var (stopping, calibrating) = HalveDev(dev);
            dev = calibrating;
            var stoppingSet = FeaturizedSet.Build(stopping, space, embedder, _ => 1f, options.BatchSignals);
            var outOfFold = StackingStage.OutOfFoldMargins(set, space, features, options.Linear, options.Precision, options.StackingFolds, options.Seed, log);
            log($"Out-of-fold margins done ({clock.Elapsed.TotalSeconds:F0} s).");
            trees = StackingStage.TrainTrees(set, outOfFold, stoppingSet, StackingStage.Margins(linearModel, stoppingSet),
                treeOptions, options.Linear.MaxPositiveWeight, options.Seed, log);
            log($"Trees trained ({clock.Elapsed.TotalSeconds:F0} s).");
        }

        var uncalibrated = Model(options, space, embedder, linear, trees, [.. Enumerable.Repeat(PlattCalibration.Identity, Categories.Count)], [0.5f, 0.5f, 0.5f, 0.5f], null);
        var fits = Recalibration.Fit(uncalibrated, dev, options.MinPrecision, seed: options.Seed, targets: options.ThresholdTargets);
        PlattCalibration[] calibration = [.. fits.Select(f => f.Calibration)];
        float[] thresholds = [.. fits.Select(f => f.Threshold)];
        var model = Model(options, space, embedder, linear, trees, calibration, thresholds, null);

        var scorer = new Scorer(model);
        var test = data.In(Split.Test).GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Evaluator.Evaluate(scorer, g.Key, g.ToList()))
            .Concat(data.HeldOut.GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Evaluator.Evaluate(scorer, "held-out:" + g.Key, g.ToList())))
            .ToList();
        // Measurement only: these documents are built from the test split (or held-out sources) after training.
        var insertions = InsertionEvaluator.Evaluate(scorer, data.SpliceHosts(Split.Test), InsertionEvaluator.DefaultPerShape, options.Seed + 200);
        var heldOutInsertions = data.HeldOutSpliceHosts.Count == 0 ? null
            : InsertionEvaluator.Evaluate(scorer, data.HeldOutSpliceHosts, InsertionEvaluator.DefaultPerShape, options.Seed + 300);
        log($"Off-topic insertion report measured ({clock.Elapsed.TotalSeconds:F0} s).");
        clock.Stop();

        var metadata = Provenance(options, data.Files, test, set.Count, clock.Elapsed);
        model = Model(options, space, embedder, linear, trees, calibration, thresholds, metadata);
        var mlNet = new MlNetModel(space, embedder, linear, trees, [.. fits.Select(f => f.MlNetCalibrator)]);
        return new TrainingOutcome(model, mlNet, test, data.Files, clock.Elapsed) { Insertions = insertions, HeldOutInsertions = heldOutInsertions };
    }

    /// <summary>With a tree stage, dev documents are halved: one half prunes the boosting, the other calibrates and sets
    /// thresholds (<c>scripts/rethreshold</c> takes the same half again).</summary>
    internal static (List<LabelledDocument> Stopping, List<LabelledDocument> Calibrating) HalveDev(IReadOnlyList<LabelledDocument> dev) =>
        ([.. dev.Where((_, i) => i % 2 == 0)], [.. dev.Where((_, i) => i % 2 == 1)]);

    private static ClassifierModel Model(TrainingOptions options, FeatureSpace space, IParagraphEmbedder? embedder, LinearStage linear, TreeStage[]? trees,
        PlattCalibration[] calibration, float[] thresholds, JsonObject? metadata)
    {
        var model = new ClassifierModel(space, linear.Weights, linear.Bias, linear.DenseMean, linear.DenseScale, calibration, thresholds, metadata,
            trees?.Select(t => t.Ensemble).ToArray(), options.Precision, embedder as StaticEmbeddings);
        return embedder is { IsStatic: false } ? model.WithEncoder(embedder) : model;
    }

    /// <summary>The Microsoft.ML version that trained, as its assembly reports it (e.g. "6.0.0").</summary>
    public static string MlNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(MLContext).Assembly.GetName().Version!.ToString();

    private static JsonObject Provenance(TrainingOptions options, IReadOnlyList<DataFile> files, IReadOnlyList<SetMetrics> test, int examples, TimeSpan duration)
    {
        return new JsonObject
        {
            ["created"] = DateTime.UtcNow.ToString("O"),
            ["trainer"] = $"ML.NET {MlNetVersion}: one-vs-rest logistic regression ({options.Linear.Trainer})"
                + (options.Trees is { } trees ? $" stacked into {trees.Trainer} boosted trees per category" : "")
                + "; Platt calibration on dev",
            ["recipe"] = Recipes.ToNode(options),
            ["training_examples"] = examples,
            ["training_seconds"] = Math.Round(duration.TotalSeconds, 1),
            ["data"] = JsonSerializer.SerializeToNode(files, WireJson.Options),
            ["test_metrics"] = new JsonArray([.. test.Select(s => (JsonNode)new JsonObject
            {
                ["set"] = s.Name,
                ["paragraphs"] = s.Paragraphs,
                ["categories"] = new JsonObject(Categories.All.ToArray().Select(c => KeyValuePair.Create(Categories.Name(c), (JsonNode?)new JsonObject
                {
                    ["positives"] = s[c].Positives,
                    ["precision"] = Math.Round(s[c].Precision, 4),
                    ["recall"] = Math.Round(s[c].Recall, 4),
                    ["f1"] = Math.Round(s[c].F1, 4),
                    ["average_precision"] = Math.Round(s[c].AveragePrecision, 4),
                    ["false_positive_rate"] = Math.Round(s[c].FalsePositiveRate, 4),
                    ["mlnet"] = s.MlNet[(int)c] is { } m ? new JsonObject
                    {
                        ["auc"] = MlNetMetrics.Round(m.Auc), ["pr_auc"] = MlNetMetrics.Round(m.PrAuc), ["f1"] = MlNetMetrics.Round(m.F1), ["log_loss"] = MlNetMetrics.Round(m.LogLoss),
                    } : null,
                }))),
            })]),
        };
    }
}
