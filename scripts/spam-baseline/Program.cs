// The baseline issue 19 measures spam transfer against: a plain character n-gram logistic regression, trained on the
// labelled paragraphs of the train split of the shared corpora (and data/articles) minus the held-out sources, its
// threshold the best F1 on the pooled dev split, then measured on every document of each held-out source and on the
// test split of each training source with spam. ML.NET: hashed character 1-5-grams (2^20 buckets), L2-normalised, and
// L-BFGS logistic regression: nothing of this project's features or learner. (SDCA on ML.NET's FeaturizeText did not
// converge in 50 iterations: see docs/transfer.md.)
// Arguments: [--holdout SOURCE ...] (default: sms-spam) [--add-corpus NAME ...] (opt-in corpora, as train's)
// [--corpora DIR (../shared/corpora)]
using Classifier.Core;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Microsoft.ML;

RepoRoot.Enter();
var holdout = Values("--holdout", ["sms-spam"]);
var added = Values("--add-corpus", []);
string corpora = Values("--corpora", ["../shared/corpora"])[0];
if (!Directory.Exists(corpora)) { Console.Error.WriteLine($"no corpora at {corpora}"); return 2; }

var documents = CorpusSource.ReadAll(corpora, added).SelectMany(s => s.Documents)
    .Concat(Directory.GetFiles("data/articles", "*.csv").SelectMany(f => LabelsCsvReader.Read(f, "project-data"))).ToList();
var rows = documents.SelectMany(d => d.Paragraphs.Where(p => p.Judges(Category.Spam)).Select(p => (d.Source, d.Split, new Row { Text = p.Text, Label = p.Labels.Contains(Category.Spam) }))).ToList();
var train = rows.Where(r => !holdout.Contains(r.Source) && r.Split == Split.Train).Select(r => r.Item3).ToList();
var dev = rows.Where(r => !holdout.Contains(r.Source) && r.Split == Split.Dev).Select(r => r.Item3).ToList();
Console.WriteLine($"training on {train.Count} paragraphs ({train.Count(r => r.Label)} spam), held out: {string.Join(", ", holdout)}");

var ml = new MLContext(seed: 42);
// Characters as keys, hashed 1-5-grams of them into 2^20 buckets (counts), L2-normalised: a plain bag of char n-grams.
var pipeline = ml.Transforms.Text.NormalizeText("Normalized", nameof(Row.Text), keepDiacritics: true, keepPunctuations: true, keepNumbers: true)
    .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Normalized", useMarkerCharacters: true))
    .Append(ml.Transforms.Text.ProduceHashedNgrams("Grams", "Chars", numberOfBits: 20, ngramLength: 5, useAllLengths: true))
    .Append(ml.Transforms.NormalizeLpNorm("Features", "Grams"))
    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(Row.Label), "Features", l2Regularization: 1e-4f, optimizationTolerance: 1e-6f));
var clock = System.Diagnostics.Stopwatch.StartNew();
var model = pipeline.Fit(ml.Data.LoadFromEnumerable(train));
Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s");

float[] Probabilities(IEnumerable<Row> set) =>
    [.. ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(set)), reuseRowObject: false).Select(s => s.Probability)];
var devProbabilities = Probabilities(dev);
var devLabels = dev.Select(r => r.Label).ToArray();
float threshold = Enumerable.Range(1, 99).Select(t => t / 100f)
    .MaxBy(t => BinaryMetrics.Compute(devProbabilities, devLabels, t).F1);
Console.WriteLine($"threshold (best dev F1): {threshold:F2}");
Console.WriteLine("| set | paragraphs | spam | precision | recall | F1 | PR-AUC |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var source in rows.Select(r => r.Source).Distinct().Order())
{
    bool heldOut = holdout.Contains(source);
    var set = rows.Where(r => r.Source == source && (heldOut || r.Split == Split.Test)).Select(r => r.Item3).ToList();
    if (!set.Any(r => r.Label)) continue;
    var m = BinaryMetrics.Compute(Probabilities(set), set.Select(r => r.Label).ToArray(), threshold);
    Console.WriteLine($"| {(heldOut ? "held-out:" : "")}{source} | {set.Count} | {m.Positives} | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.AveragePrecision:F3} |");
}
return 0;

string[] Values(string name, string[] fallback)
{
    int at = Array.IndexOf(args, name);
    if (at < 0) return fallback;
    var values = args.Skip(at + 1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    return values.Length > 0 ? values : fallback;
}

sealed class Row
{
    public string Text { get; set; } = "";
    public bool Label { get; set; }
}

sealed class Scored
{
    public float Probability { get; set; }
}
