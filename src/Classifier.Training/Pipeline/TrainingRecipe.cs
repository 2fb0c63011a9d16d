using System.Text.Json;
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Calibration;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Linear;

namespace Classifier.Training.Pipeline;

/// <summary>What a training run produced: the model and its measurements on held-out data.</summary>
public sealed record TrainingOutcome(ClassifierModel Model, IReadOnlyList<SetMetrics> Test, IReadOnlyList<DataFile> Files, TimeSpan Duration);

/// <summary>
/// The default recipe: load and splice the data, train the linear stage on the train split, fit Platt
/// calibration and choose thresholds on dev, then measure on test, per source.
/// </summary>
public static class TrainingRecipe
{
    public static TrainingOutcome Run(TrainingOptions options, Action<string> log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = TrainingData.Load(options, log);
        if (options.ExportDirectory is { } export)
        {
            DataExport.Write(data, export);
            log($"Wrote the train, dev and test paragraphs to {export}.");
        }
        var train = data.In(Split.Train).ToList();

        var sourceWeights = train.GroupBy(d => d.Source).ToDictionary(g => g.Key,
            g => (float)Math.Min(1.0, options.SourceCap / Math.Max(1, g.Sum(d => d.Paragraphs.Count))));
        var set = FeaturizedSet.Build(train, options.Space,
            d => sourceWeights[d.Source] * (d.Source.EndsWith(TrainingData.ProjectSource, StringComparison.Ordinal) ? options.ProjectDataWeight : 1f),
            options.BatchSignals);
        log($"Featurized {set.Count} training paragraphs from {train.Count} documents ({clock.Elapsed.TotalSeconds:F0} s).");

        var scaling = DenseScaling.Fit(set);
        var linear = LogisticRegressionTrainer.Train(set, options.Space, scaling, options.Linear,
            new Progress<int>(epoch => log($"Epoch {epoch}/{options.Linear.Epochs} done ({clock.Elapsed.TotalSeconds:F0} s).")));
        log($"Training loss by epoch: {string.Join(", ", linear.EpochLoss.Select(l => l.ToString("F4")))}.");

        var dev = data.In(Split.Dev).ToList();
        TreeEnsemble[]? trees = null;
        if (options.Trees is { } boosting)
        {
            // Dev documents are halved: one half stops the boosting, the other calibrates and sets thresholds.
            var stopping = dev.Where((_, i) => i % 2 == 0).ToList();
            dev = dev.Where((_, i) => i % 2 == 1).ToList();
            var stoppingSet = FeaturizedSet.Build(stopping, options.Space, _ => 1f, options.BatchSignals);
            var outOfFold = StackingStage.OutOfFoldMargins(set, options.Space, scaling, options.Linear, options.StackingFolds, log);
            trees = StackingStage.TrainTrees(set, outOfFold, stoppingSet, StackingStage.Margins(stoppingSet, linear, options.Space, scaling),
                boosting, options.Linear.MaxPositiveWeight, log);
            log($"Trees trained ({clock.Elapsed.TotalSeconds:F0} s).");
        }

        var uncalibrated = new ClassifierModel(options.Space, linear.Weights, linear.Bias, scaling.Mean, scaling.Scale,
            [.. Enumerable.Repeat(PlattCalibration.Identity, Categories.Count)], [0.5f, 0.5f, 0.5f, 0.5f], trees: trees);
        var fits = Recalibration.Fit(uncalibrated, dev, options.MinPrecision);
        PlattCalibration[] calibration = [.. fits.Select(f => f.Calibration)];
        float[] thresholds = [.. fits.Select(f => f.Threshold)];
        var model = new ClassifierModel(options.Space, linear.Weights, linear.Bias, scaling.Mean, scaling.Scale, calibration, thresholds, trees: trees);

        var scorer = new Scorer(model);
        var test = data.In(Split.Test).GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Evaluator.Evaluate(scorer, g.Key, g.ToList()))
            .Concat(data.HeldOut.GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Evaluator.Evaluate(scorer, "held-out:" + g.Key, g.ToList())))
            .ToList();
        clock.Stop();

        var metadata = Provenance(options, data.Files, test, set.Count, clock.Elapsed);
        model = new ClassifierModel(options.Space, linear.Weights, linear.Bias, scaling.Mean, scaling.Scale, calibration, thresholds, metadata, trees);
        return new TrainingOutcome(model, test, data.Files, clock.Elapsed);
    }

    private static JsonObject Provenance(TrainingOptions options, IReadOnlyList<DataFile> files, IReadOnlyList<SetMetrics> test, int examples, TimeSpan duration)
    {
        var json = new JsonSerializerOptions { WriteIndented = false };
        return new JsonObject
        {
            ["created"] = DateTime.UtcNow.ToString("O"),
            ["trainer"] = options.Trees is null
                ? "linear: one-vs-rest logistic regression, AdaGrad SGD; Platt calibration on dev"
                : "linear (AdaGrad logistic regression) stacked into boosted trees per category; Platt calibration on dev",
            ["recipe"] = JsonSerializer.SerializeToNode(options, json),
            ["trainingExamples"] = examples,
            ["trainingSeconds"] = Math.Round(duration.TotalSeconds, 1),
            ["data"] = JsonSerializer.SerializeToNode(files, json),
            ["testMetrics"] = new JsonArray([.. test.Select(s => (JsonNode)new JsonObject
            {
                ["set"] = s.Name,
                ["paragraphs"] = s.Paragraphs,
                ["categories"] = new JsonObject(Categories.All.ToArray().Select(c => KeyValuePair.Create(Categories.Name(c), (JsonNode?)new JsonObject
                {
                    ["positives"] = s[c].Positives,
                    ["precision"] = Math.Round(s[c].Precision, 4),
                    ["recall"] = Math.Round(s[c].Recall, 4),
                    ["f1"] = Math.Round(s[c].F1, 4),
                    ["averagePrecision"] = Math.Round(s[c].AveragePrecision, 4),
                    ["falsePositiveRate"] = Math.Round(s[c].FalsePositiveRate, 4),
                }))),
            })]),
        };
    }
}
