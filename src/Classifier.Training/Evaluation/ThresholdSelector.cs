namespace Classifier.Training.Evaluation;

/// <summary>Chooses a category's decision threshold on held-out data.</summary>
internal static class ThresholdSelector
{
    /// <summary>
    /// The threshold of highest F1 among those reaching <paramref name="minPrecision"/>; if none reaches
    /// it, the threshold of highest F1. Returns 0.5 where the data has no positives.
    /// </summary>
    public static float Choose(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, double minPrecision = 0)
    {
        int totalPositives = 0;
        foreach (bool y in labels) if (y) totalPositives++;
        if (totalPositives == 0)
            return 0.5f;
        var order = BinaryMetrics.RankDescending(probabilities);
        float best = 0.5f, bestAny = 0.5f;
        double bestF1 = -1, bestAnyF1 = -1;
        int tp = 0, flagged = 0;
        for (int k = 0; k < order.Length; k++)
        {
            flagged++;
            if (labels[order[k]]) tp++;
            // Only cut between distinct scores: a threshold cannot separate ties.
            if (k + 1 < order.Length && probabilities[order[k + 1]] == probabilities[order[k]])
                continue;
            double precision = (double)tp / flagged, recall = (double)tp / totalPositives;
            double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
            float threshold = probabilities[order[k]];
            if (f1 > bestAnyF1) { bestAnyF1 = f1; bestAny = threshold; }
            if (precision >= minPrecision && f1 > bestF1) { bestF1 = f1; best = threshold; }
        }
        return bestF1 >= 0 ? best : bestAny;
    }

    /// <summary>
    /// Moves <paramref name="pooled"/> (a threshold chosen on all of dev at once) towards the one of highest mean
    /// F1 over the sources with at least <paramref name="minPositives"/> positives, so each source counts once
    /// however large, on a grid of 0.01 steps: but only as far as no source's false-positive rate (sources with
    /// at least 50 negatives, clean-only ones included) rises above the larger of its rate at the pooled
    /// threshold and <paramref name="falsePositiveAllowance"/>.
    /// </summary>
    public static float BalanceAcrossSources(float pooled, ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, ReadOnlySpan<int> sources,
        int minPositives = 5, double falsePositiveAllowance = 0.02)
    {
        int count = 0;
        foreach (int g in sources) count = Math.Max(count, g + 1);
        var positives = new int[count];
        var negatives = new int[count];
        for (int i = 0; i < labels.Length; i++)
            if (labels[i]) positives[sources[i]]++; else negatives[sources[i]]++;
        if (!positives.Any(p => p >= minPositives))
            return pooled;

        var (_, pooledRates) = Evaluate(pooled, probabilities, labels, sources, positives, negatives, minPositives);
        float best = pooled;
        var (bestScore, _) = Evaluate(pooled, probabilities, labels, sources, positives, negatives, minPositives);
        for (int step = 1; step < 100; step++)
        {
            float threshold = step / 100f;
            var (score, rates) = Evaluate(threshold, probabilities, labels, sources, positives, negatives, minPositives);
            bool allowed = true;
            for (int g = 0; g < count; g++)
                if (negatives[g] >= 50 && rates[g] > Math.Max(pooledRates[g], falsePositiveAllowance))
                    allowed = false;
            if (allowed && score > bestScore)
            {
                bestScore = score;
                best = threshold;
            }
        }
        return best;
    }

    /// <summary>
    /// The lowest threshold, on a grid of 0.005 steps, at which every source with at least <paramref name="minPositives"/>
    /// positives keeps precision at or above <paramref name="precision"/>: the most recall those sources allow. Null
    /// where no source qualifies or no threshold meets it.
    /// </summary>
    public static float? LowestKeepingPrecision(double precision, ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, ReadOnlySpan<int> sources,
        int minPositives = 30) =>
        Lowest(probabilities, labels, sources, qualifies: (positives, _) => positives >= minPositives,
            holds: (tp, fp, _) => tp + fp == 0 || (double)tp / (tp + fp) >= precision);

    /// <summary>
    /// The lowest threshold, on a grid of 0.005 steps, at which no source with at least <paramref name="minNegatives"/>
    /// negatives has a false-positive rate above <paramref name="rate"/>. Null where no source qualifies or none meets it.
    /// </summary>
    public static float? LowestKeepingFalsePositives(double rate, ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, ReadOnlySpan<int> sources,
        int minNegatives = 500) =>
        Lowest(probabilities, labels, sources, qualifies: (_, negatives) => negatives >= minNegatives,
            holds: (_, fp, negatives) => (double)fp / negatives <= rate);

    private const int GridSteps = 200;

    /// <summary>The lowest grid threshold where <paramref name="holds"/>(true positives, false positives, negatives) is
    /// true for every source that <paramref name="qualifies"/>(positives, negatives), if any does.</summary>
    private static float? Lowest(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, ReadOnlySpan<int> sources,
        Func<int, int, bool> qualifies, Func<int, int, int, bool> holds)
    {
        int count = 0;
        foreach (int g in sources) count = Math.Max(count, g + 1);
        // Counts per source and grid cell: a paragraph of probability p is flagged at every grid step <= p.
        var tp = new int[count, GridSteps + 1];
        var fp = new int[count, GridSteps + 1];
        var positives = new int[count];
        var negatives = new int[count];
        for (int i = 0; i < probabilities.Length; i++)
        {
            int cell = Math.Clamp((int)(probabilities[i] * GridSteps), 0, GridSteps);
            if (labels[i]) { positives[sources[i]]++; tp[sources[i], cell]++; }
            else { negatives[sources[i]]++; fp[sources[i], cell]++; }
        }
        var counted = new bool[count];
        for (int g = 0; g < count; g++) counted[g] = qualifies(positives[g], negatives[g]);
        if (!counted.Contains(true))
            return null;
        // Flagged at step s = everything in cells >= s: accumulate from the top down.
        var flaggedTp = new int[count];
        var flaggedFp = new int[count];
        float? lowest = null;
        for (int step = GridSteps; step >= 1; step--)
        {
            bool all = true;
            for (int g = 0; g < count; g++)
            {
                flaggedTp[g] += tp[g, step];
                flaggedFp[g] += fp[g, step];
                all &= !counted[g] || holds(flaggedTp[g], flaggedFp[g], negatives[g]);
            }
            if (all) lowest = (float)step / GridSteps;
        }
        return lowest;
    }

    /// <summary>Mean F1 over the sources with enough positives, and every source's false-positive rate, at one threshold.</summary>
    private static (double MeanF1, double[] FalsePositiveRates) Evaluate(float threshold, ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels,
        ReadOnlySpan<int> sources, int[] positives, int[] negatives, int minPositives)
    {
        var truePositives = new int[positives.Length];
        var falsePositives = new int[positives.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] < threshold) continue;
            if (labels[i]) truePositives[sources[i]]++; else falsePositives[sources[i]]++;
        }
        double sum = 0;
        int counted = 0;
        var rates = new double[positives.Length];
        for (int g = 0; g < positives.Length; g++)
        {
            rates[g] = negatives[g] == 0 ? 0 : (double)falsePositives[g] / negatives[g];
            if (positives[g] < minPositives) continue;
            counted++;
            sum += 2.0 * truePositives[g] / (truePositives[g] + falsePositives[g] + positives[g]);
        }
        return (sum / counted, rates);
    }
}
