namespace Classifier.Training.Evaluation;

/// <summary>Chooses a category's decision threshold on held-out data.</summary>
public static class ThresholdSelector
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
}
