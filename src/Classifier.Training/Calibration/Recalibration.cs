using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Learners;
using Microsoft.ML;

namespace Classifier.Training.Calibration;

/// <summary>One category's fit on labelled paragraphs: how many there were, the calibration and threshold chosen on
/// them (or the model's own where there were too few positives to refit), and F1 on those same paragraphs with the
/// model's settings and with these (in-sample, so the second is optimistic).</summary>
internal sealed record CategoryFit(Category Category, int Positives, int Negatives, PlattCalibration Calibration, float Threshold, bool Refitted,
    double SampleF1Before, double SampleF1After)
{
    /// <summary>ML.NET's calibrator behind <see cref="Calibration"/>, when refitted on both classes (the ML.NET side of parity tests).</summary>
    public ITransformer? MlNetCalibrator { get; init; }
}

/// <summary>
/// Fits each category's Platt calibration and threshold on labelled documents scored by a model: on the dev
/// split in training, and with <c>calibrate</c> on a labelled sample of a user's own source, because
/// thresholds chosen on the training sources transfer only partly to a source never seen (on unseen BBC
/// hosts the off-topic threshold best for them was a tenth of the one chosen on dev, or less). Only the mapping from
/// margin to flag changes; the ranking (weights and trees) does not.
/// </summary>
internal static class Recalibration
{
    /// <param name="minPositives">A category with fewer positive paragraphs keeps the model's calibration and threshold.</param>
    /// <param name="targets">Per-source targets some categories' thresholds must meet (<see cref="ThresholdTargets"/>).</param>
    public static CategoryFit[] Fit(ClassifierModel model, IReadOnlyList<LabelledDocument> documents, double minPrecision, int minPositives = 0, int seed = 42,
        ThresholdTargets? targets = null)
    {
        targets ??= ThresholdTargets.None;
        var ml = new MLContext(seed);
        var scorer = new Scorer(model);
        var margins = new List<Vector128<float>>();
        var labels = new List<CategorySet>();
        var unjudged = new List<CategorySet>();
        var sources = new List<int>();
        var spliced = new List<bool>();
        var sourceIds = new Dictionary<string, int>();
        foreach (var (document, paragraph, margin) in DocumentBatches.ScoreLabelled<Vector128<float>>(documents, (batch, buffer) => scorer.Margins(batch, buffer)))
        {
            margins.Add(margin);
            labels.Add(paragraph.Labels);
            unjudged.Add(paragraph.Unjudged);
            spliced.Add(document.MadeFrom.Count > 0);
            sources.Add(sourceIds.TryGetValue(document.Source, out int id) ? id : sourceIds[document.Source] = sourceIds.Count);
        }
        var fits = new CategoryFit[Categories.Count];
        foreach (var category in Categories.All)
        {
            int k = (int)category;
            // Only the paragraphs whose label judges this category (LabelledParagraph.Unjudged).
            int[] judged = [.. Enumerable.Range(0, margins.Count).Where(i => !unjudged[i].Contains(category))];
            var m = judged.Select(i => margins[i][k]).ToArray();
            var y = judged.Select(i => labels[i].Contains(category)).ToArray();
            int[] sourceOf = [.. judged.Select(i => sources[i])];
            int positives = y.Count(label => label);
            double F1(PlattCalibration c, float t) => BinaryMetrics.Compute([.. m.Select(c.Probability)], y, t).F1;
            double before = F1(model.Calibration[k], model.Thresholds[k]);
            // Platt scaling needs both classes; a category without them keeps the model's mapping.
            if (positives < Math.Max(minPositives, 1) || positives == y.Length)
            {
                fits[k] = new CategoryFit(category, positives, y.Length - positives, model.Calibration[k], model.Thresholds[k], Refitted: false, before, before);
                continue;
            }
            var (calibration, calibrator) = PlattLearner.Fit(ml, m, y);
            var p = m.Select(calibration.Probability).ToArray();
            // Best pooled F1 first; then towards what suits each source, without raising any source's false positives.
            float threshold = ThresholdSelector.BalanceAcrossSources(ThresholdSelector.Choose(p, y, minPrecision), p, y, sourceOf);
            string name = Categories.Name(category);
            // Precision per real source only: a spliced document's filler lines are a donor's read in a host's context, so
            // its precision measures the splice (a donor's title mid-page looks like a headline block), not a source.
            int[] real = [.. Enumerable.Range(0, judged.Length).Where(i => !spliced[judged[i]])];
            if (targets.SourcePrecision.TryGetValue(name, out double precision)
                && ThresholdSelector.LowestKeepingPrecision(precision, [.. real.Select(i => p[i])], [.. real.Select(i => y[i])], [.. real.Select(i => sourceOf[i])])
                    is { } recallLed)
                threshold = Math.Min(threshold, recallLed);
            if (targets.SourceFalsePositiveRate.TryGetValue(name, out double rate)
                && ThresholdSelector.LowestKeepingFalsePositives(rate, p, y, sourceOf) is { } ceiling)
                threshold = Math.Max(threshold, ceiling);
            fits[k] = new CategoryFit(category, positives, y.Length - positives, calibration, threshold, Refitted: true, before, F1(calibration, threshold))
            {
                MlNetCalibrator = calibrator,
            };
        }
        return fits;
    }

    /// <summary>The model with the fitted calibrations and thresholds, and <paramref name="metadata"/>.</summary>
    public static ClassifierModel Apply(ClassifierModel model, IReadOnlyList<CategoryFit> fits, JsonObject metadata) =>
        model.WithCalibration([.. fits.Select(f => f.Calibration)], [.. fits.Select(f => f.Threshold)], metadata);
}
