// Platt against isotonic calibration on the model the recipe trains: both fitted by ML.NET on the same calibration half of
// dev (identity-calibrated model's probabilities, a monotone map of the margins), thresholds chosen the recipe's way,
// measured on the test split: log loss, expected calibration error (10 bins), pooled F1 at the chosen threshold.
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;

RepoRoot.Enter();
var options = new TrainingOptions { DataPaths = ["data/articles"], CorporaPath = "../shared/corpora" };
var outcome = ClassifierTrainer.Fit(options, Console.Error.WriteLine);
var model = outcome.Model;
var identity = model.WithCalibration([.. Enumerable.Repeat(PlattCalibration.Identity, 4)], [0.5f, 0.5f, 0.5f, 0.5f], model.Metadata);
var scorer = new Scorer(identity);
var data = TrainingData.Load(options, _ => { });
var calibrationHalf = data.In(Split.Dev).Where((_, i) => i % 2 == 1).ToList();
var test = data.In(Split.Test).ToList();

(List<float[]> P, List<CategorySet> Y, List<int> S) Score(List<LabelledDocument> docs)
{
    var p = new List<float[]>(); var y = new List<CategorySet>(); var s = new List<int>(); var ids = new Dictionary<string, int>();
    foreach (var (d, para, r) in DocumentBatches.ScoreLabelled<ParagraphScore>(docs, (b, buf) => scorer.Score(b, buf)))
    { p.Add([r[Category.Spam], r[Category.OffTopic], r[Category.Conspiracy], r[Category.Filler]]); y.Add(para.Labels); s.Add(ids.TryGetValue(d.Source, out int i) ? i : ids[d.Source] = ids.Count); }
    return (p, y, s);
}
var dev = Score(calibrationHalf);
var tst = Score(test);
var ml = new MLContext(0);
Console.WriteLine("| category | calibrator | test log loss | test ECE | test F1 |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var c in Categories.All)
{
    int k = (int)c;
    var devRows = ml.Data.LoadFromEnumerable(dev.P.Select((p, i) => new Row { Score = p[k], Label = dev.Y[i].Contains(c) }));
    var testRows = ml.Data.LoadFromEnumerable(tst.P.Select((p, i) => new Row { Score = p[k], Label = tst.Y[i].Contains(c) }));
    foreach (var (name, estimator) in new (string, IEstimator<ITransformer>)[] { ("Platt", ml.BinaryClassification.Calibrators.Platt()), ("isotonic", ml.BinaryClassification.Calibrators.Isotonic()) })
    {
        var calibrator = estimator.Fit(devRows);
        float[] devP = calibrator.Transform(devRows).GetColumn<float>("Probability").ToArray();
        float[] testP = calibrator.Transform(testRows).GetColumn<float>("Probability").ToArray();
        bool[] devY = [.. dev.Y.Select(l => l.Contains(c))], testY = [.. tst.Y.Select(l => l.Contains(c))];
        float threshold = ThresholdSelector.BalanceAcrossSources(ThresholdSelector.Choose(devP, devY, options.MinPrecision), devP, devY, [.. dev.S]);
        double logLoss = testP.Select((p, i) => -Math.Log(Math.Clamp(testY[i] ? p : 1 - p, 1e-7, 1))).Average();
        double ece = Enumerable.Range(0, 10).Sum(b =>
        {
            var idx = Enumerable.Range(0, testP.Length).Where(i => Math.Min((int)(testP[i] * 10), 9) == b).ToArray();
            return idx.Length == 0 ? 0 : Math.Abs(idx.Average(i => testP[i]) - idx.Average(i => testY[i] ? 1.0 : 0.0)) * idx.Length / testP.Length;
        });
        Console.WriteLine($"| {Categories.Name(c)} | {name} | {logLoss:F4} | {ece:F4} | {BinaryMetrics.Compute(testP, testY, threshold).F1:F3} |");
    }
}
sealed class Row { public float Score; public bool Label; }
