using Classifier.Training.Evaluation;

namespace Classifier.Training.Tests.Evaluation;

public sealed class ThresholdSelectorTests
{
    private static readonly float[] P = BinaryMetricsTests.Probabilities;
    private static readonly bool[] Y = BinaryMetricsTests.Labels;

    [Fact]
    public void Picks_the_F1_maximising_cut()
    {
        // F1 by cut: .9 .40, .8 .33, .7 .57, .6 .75, .4 .67, .3 .80, .2 .73, .1 .67
        Assert.Equal(0.3f, ThresholdSelector.Choose(P, Y));
        Assert.Equal(0.8, BinaryMetrics.Compute(P, Y, ThresholdSelector.Choose(P, Y)).F1, 1e-12);
    }

    [Theory]
    [InlineData(0.7, 0.6f)]   // precision >= .7 at .9 (1.0) and .6 (.75): best F1 .75 at .6
    [InlineData(0.95, 0.9f)]  // only the top cut reaches it
    [InlineData(1.01, 0.3f)]  // unreachable: falls back to the best F1 overall
    public void Honours_min_precision(double minPrecision, float expected)
    {
        float threshold = ThresholdSelector.Choose(P, Y, minPrecision);
        Assert.Equal(expected, threshold);
        if (minPrecision <= 1)
            Assert.True(BinaryMetrics.Compute(P, Y, threshold).Precision >= minPrecision);
    }

    [Fact]
    public void Never_cuts_between_tied_scores()
    {
        // Cutting inside the 0.5 tie would claim F1 = 1, but a threshold of 0.5 flags all three: F1 .67.
        float[] p = [0.9f, 0.5f, 0.5f, 0.5f];
        bool[] y = [true, true, false, false];
        Assert.Equal(0.9f, ThresholdSelector.Choose(p, y));
        Assert.Equal(0.9f, ThresholdSelector.Choose([0.5f, 0.5f, 0.9f, 0.5f], [false, true, true, false]));
    }

    [Fact]
    public void No_positives_gives_one_half()
    {
        Assert.Equal(0.5f, ThresholdSelector.Choose([0.9f, 0.2f], [false, false], 0.8));
        Assert.Equal(0.5f, ThresholdSelector.Choose([], []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Chosen_threshold_has_the_best_F1_of_any_score_used_as_threshold(int seed)
    {
        var random = new Random(seed);
        // Scores rounded to 0.05 so that ties are common.
        var p = Enumerable.Range(0, 200).Select(_ => MathF.Round((float)random.NextDouble() * 20) / 20).ToArray();
        var y = p.Select(x => random.NextDouble() < x).ToArray();
        float chosen = ThresholdSelector.Choose(p, y);
        double best = p.Distinct().Max(t => BinaryMetrics.Compute(p, y, t).F1);
        Assert.Equal(best, BinaryMetrics.Compute(p, y, chosen).F1, 1e-12);
    }
}

public class BalanceAcrossSourcesTests
{
    [Fact]
    public void LowersTheThresholdForASmallSourceWhenNoSourceGainsFalsePositives()
    {
        // Source 0 (large): positives at 0.9, negatives at 0.1. Source 1 (small): positives at 0.45, negatives at 0.05.
        var p = new List<float>(); var y = new List<bool>(); var g = new List<int>();
        void Add(int n, float score, bool label, int source) { for (int i = 0; i < n; i++) { p.Add(score); y.Add(label); g.Add(source); } }
        Add(100, 0.9f, true, 0); Add(900, 0.1f, false, 0); Add(10, 0.45f, true, 1); Add(90, 0.05f, false, 1);
        float balanced = Classifier.Training.Evaluation.ThresholdSelector.BalanceAcrossSources(0.9f, p.ToArray(), y.ToArray(), g.ToArray());
        Assert.InRange(balanced, 0.11f, 0.45f);
    }

    [Fact]
    public void KeepsThePooledThresholdWhenLoweringItWouldFlagCleanText()
    {
        // Source 2 has no positives but many negatives at 0.4: a threshold at or below 0.4 would flag them all.
        var p = new List<float>(); var y = new List<bool>(); var g = new List<int>();
        void Add(int n, float score, bool label, int source) { for (int i = 0; i < n; i++) { p.Add(score); y.Add(label); g.Add(source); } }
        Add(100, 0.9f, true, 0); Add(900, 0.1f, false, 0); Add(10, 0.35f, true, 1); Add(90, 0.05f, false, 1); Add(500, 0.4f, false, 2);
        float balanced = Classifier.Training.Evaluation.ThresholdSelector.BalanceAcrossSources(0.9f, p.ToArray(), y.ToArray(), g.ToArray());
        Assert.True(balanced > 0.4f, $"threshold {balanced} flags the clean source");
    }
}

public class SourceTargetTests
{
    private readonly List<float> p = [];
    private readonly List<bool> y = [];
    private readonly List<int> g = [];

    private void Add(int n, float score, bool label, int source)
    {
        for (int i = 0; i < n; i++) { p.Add(score); y.Add(label); g.Add(source); }
    }

    [Fact]
    public void PrecisionTargetLowersTheThresholdAsFarAsTheWeakestSourceAllows()
    {
        // Source 0: positives at 0.8 and 0.3, negatives at 0.2 (precision holds down to 0.2, then falls to 0.5).
        // Source 1: positives at 0.6, 10 negatives at 0.5 among 90 positives: precision 0.9 at 0.5, still >= 0.85.
        Add(50, 0.8f, true, 0); Add(50, 0.3f, true, 0); Add(100, 0.15f, false, 0);
        Add(90, 0.6f, true, 1); Add(10, 0.5f, false, 1); Add(40, 0.25f, false, 1);
        float? t = Classifier.Training.Evaluation.ThresholdSelector.LowestKeepingPrecision(0.85, p.ToArray(), y.ToArray(), g.ToArray());
        // Below 0.3 source 1 flags its 40 negatives at 0.25 (precision 90/140): the lowest threshold that holds is just above them.
        Assert.NotNull(t);
        Assert.InRange(t!.Value, 0.255f, 0.3f);
    }

    [Fact]
    public void FalsePositiveCeilingHoldsOnEverySourceWithEnoughCleanParagraphs()
    {
        // Source 0: 1,000 negatives, 5 of them at 0.7; source 1: 2,000 negatives, 1 at 0.9; source 2: 100 negatives at 0.95 (too few to count).
        Add(100, 0.95f, true, 0); Add(995, 0.1f, false, 0); Add(5, 0.7f, false, 0);
        Add(1999, 0.1f, false, 1); Add(1, 0.9f, false, 1); Add(100, 0.95f, false, 2);
        float? t = Classifier.Training.Evaluation.ThresholdSelector.LowestKeepingFalsePositives(0.001, p.ToArray(), y.ToArray(), g.ToArray());
        // At most 1 of source 0's 1,000 and 2 of source 1's 2,000: above 0.7, and 0.9 may stay flagged.
        Assert.NotNull(t);
        Assert.InRange(t!.Value, 0.705f, 0.9f);
    }

    [Fact]
    public void NoTargetWhereNoSourceQualifies()
    {
        Add(10, 0.9f, true, 0); Add(100, 0.1f, false, 0);
        Assert.Null(Classifier.Training.Evaluation.ThresholdSelector.LowestKeepingPrecision(0.9, p.ToArray(), y.ToArray(), g.ToArray()));
        Assert.Null(Classifier.Training.Evaluation.ThresholdSelector.LowestKeepingFalsePositives(0.001, p.ToArray(), y.ToArray(), g.ToArray()));
    }
}
