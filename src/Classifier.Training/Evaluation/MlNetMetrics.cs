using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Training.Evaluation;

/// <summary>ML.NET's own measurement of one category (<c>BinaryClassification.Evaluate</c>), reported beside ours: ROC-AUC,
/// PR-AUC (its area under the precision-recall curve, a different estimator from our average precision), F1 at the
/// model's threshold, and log loss of the calibrated probabilities. A figure ML.NET gives as infinite or NaN (log loss
/// of a positive at probability 0, say) is null.</summary>
internal sealed record MlNetMetrics(double? Auc, double? PrAuc, double? F1, double? LogLoss)
{
    private static readonly MLContext Context = new(seed: 0);

    /// <summary>Null unless both classes occur: ML.NET's curves are undefined otherwise.</summary>
    public static MlNetMetrics? Evaluate(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, float threshold)
    {
        if (!labels.Contains(true) || !labels.Contains(false))
            return null;
        // Probabilities rank exactly as the margins they calibrate, so they serve as the score too, shifted by the threshold:
        // ML.NET's evaluator takes its F1 at score > 0 (not from PredictedLabel), which on raw probabilities flags everything.
        var rows = Enumerable.Range(0, labels.Count).Select(i => new Row
        {
            Label = labels[i], Score = probabilities[i] - threshold, Probability = probabilities[i], PredictedLabel = probabilities[i] >= threshold,
        });
        CalibratedBinaryClassificationMetrics m;
        lock (Context)   // one shared context, as its catalog is not documented thread-safe
            m = Context.BinaryClassification.Evaluate(Context.Data.LoadFromEnumerable(rows));
        return new MlNetMetrics(Finite(m.AreaUnderRocCurve), Finite(m.AreaUnderPrecisionRecallCurve), Finite(m.F1Score), Finite(m.LogLoss));
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    /// <summary>Rounded for the model's metadata.</summary>
    public static double? Round(double? x) => x is { } v ? Math.Round(v, 4) : null;

    private sealed class Row
    {
        public bool Label;
        public float Score;
        public float Probability;
        public bool PredictedLabel;
    }
}
