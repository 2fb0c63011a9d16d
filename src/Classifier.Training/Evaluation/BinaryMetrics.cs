namespace Classifier.Training.Evaluation;

/// <summary>Confusion counts of one category at one threshold, with the ranking quality (PR-AUC).</summary>
internal sealed record BinaryMetrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, double AveragePrecision)
{
    public int Positives => TruePositives + FalseNegatives;
    public int Count => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    /// <summary>Share of clean (negative) paragraphs wrongly flagged: the figure that matters where a source has no positives.</summary>
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    public static BinaryMetrics Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, float threshold)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            bool predicted = probabilities[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
            else tn++;
        }
        return new BinaryMetrics(tp, fp, fn, tn, AveragePrecisionOf(probabilities, labels));
    }

    /// <summary>Area under the precision-recall curve as average precision: the mean precision at each positive's rank.</summary>
    public static double AveragePrecisionOf(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels)
    {
        var order = RankDescending(probabilities);
        int positives = 0, seen = 0;
        double sum = 0;
        foreach (int i in order)
        {
            seen++;
            if (labels[i]) { positives++; sum += (double)positives / seen; }
        }
        return positives == 0 ? 0 : sum / positives;
    }

    internal static int[] RankDescending(ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        Array.Reverse(order);
        return order;
    }
}
