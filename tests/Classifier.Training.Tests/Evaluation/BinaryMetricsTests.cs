using Classifier.Training.Evaluation;

namespace Classifier.Training.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    // Ranked: + - + + | - + - -   (cut at 0.5 after the fourth)
    internal static readonly float[] Probabilities = [0.9f, 0.8f, 0.7f, 0.6f, 0.4f, 0.3f, 0.2f, 0.1f];
    internal static readonly bool[] Labels = [true, false, true, true, false, true, false, false];

    [Fact]
    public void Confusion_counts_and_rates_at_a_threshold()
    {
        var m = BinaryMetrics.Compute(Probabilities, Labels, 0.5f);
        Assert.Equal((3, 1, 1, 3), (m.TruePositives, m.FalsePositives, m.FalseNegatives, m.TrueNegatives));
        Assert.Equal(4, m.Positives);
        Assert.Equal(8, m.Count);
        Assert.Equal(0.75, m.Precision, 1e-12);
        Assert.Equal(0.75, m.Recall, 1e-12);
        Assert.Equal(0.75, m.F1, 1e-12);
        Assert.Equal(0.25, m.FalsePositiveRate, 1e-12);
    }

    [Fact]
    public void Threshold_is_inclusive_and_F1_is_the_harmonic_mean()
    {
        var m = BinaryMetrics.Compute(Probabilities, Labels, 0.3f);
        Assert.Equal((4, 2, 0, 2), (m.TruePositives, m.FalsePositives, m.FalseNegatives, m.TrueNegatives));
        Assert.Equal(4.0 / 6, m.Precision, 1e-12);
        Assert.Equal(1.0, m.Recall, 1e-12);
        Assert.Equal(0.8, m.F1, 1e-12);
        Assert.Equal(0.5, m.FalsePositiveRate, 1e-12);
    }

    [Fact]
    public void Average_precision_is_the_mean_precision_at_each_positive()
    {
        // Positives at ranks 1, 3, 4, 6: (1 + 2/3 + 3/4 + 4/6) / 4.
        double expected = (1 + 2.0 / 3 + 3.0 / 4 + 4.0 / 6) / 4;
        Assert.Equal(expected, BinaryMetrics.AveragePrecisionOf(Probabilities, Labels), 1e-12);
        Assert.Equal(expected, BinaryMetrics.Compute(Probabilities, Labels, 0.5f).AveragePrecision, 1e-12);
        // Order of the input does not matter, only the ranking.
        var order = new[] { 5, 2, 7, 0, 4, 1, 6, 3 };
        Assert.Equal(expected, BinaryMetrics.AveragePrecisionOf(order.Select(i => Probabilities[i]).ToArray(), order.Select(i => Labels[i]).ToArray()), 1e-12);
    }

    [Fact]
    public void Perfect_and_empty_rankings()
    {
        Assert.Equal(1.0, BinaryMetrics.AveragePrecisionOf([0.9f, 0.8f, 0.1f], [true, true, false]), 1e-12);
        Assert.Equal(0.0, BinaryMetrics.AveragePrecisionOf([0.9f, 0.1f], [false, false]));
        var none = BinaryMetrics.Compute([0.9f, 0.1f], [false, false], 0.5f);
        Assert.Equal((0, 0, 0.0, 0.5), (none.Positives, none.Recall == 0 ? 0 : 1, none.F1, none.FalsePositiveRate));
        var empty = BinaryMetrics.Compute([], [], 0.5f);
        Assert.Equal((0, 0.0, 0.0, 0.0), (empty.Count, empty.Precision, empty.F1, empty.FalsePositiveRate));
    }
}
