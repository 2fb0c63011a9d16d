namespace Classifier.Training.Trees;

/// <summary>Binary-labelled examples with dense features, row-major: row <c>i</c> is
/// <c>Features[i * FeatureCount ..][..FeatureCount]</c>. Weights default to 1.</summary>
public sealed class DenseExamples
{
    public float[] Features { get; }
    public int FeatureCount { get; }
    public bool[] Labels { get; }
    public float[]? Weights { get; }
    public int Count => Labels.Length;

    public DenseExamples(float[] features, int featureCount, bool[] labels, float[]? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"{labels.Length} rows of {featureCount} features need {(long)labels.Length * featureCount} values, got {features.Length}");
        if (weights is not null && weights.Length != labels.Length)
            throw new ArgumentException($"{labels.Length} rows but {weights.Length} weights");
        if (weights is not null && !weights.All(w => float.IsFinite(w) && w >= 0))
            throw new ArgumentException("weights must be finite and non-negative");
        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>Copies jagged rows, which must all have the same length, into one row-major array.</summary>
    public static DenseExamples FromRows(float[][] rows, bool[] labels, float[]? weights = null)
    {
        int featureCount = rows.Length == 0 ? 0 : rows[0].Length;
        var features = new float[rows.Length * featureCount];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != featureCount)
                throw new ArgumentException($"row {i} has {rows[i].Length} features, row 0 has {featureCount}");
            rows[i].CopyTo(features, i * featureCount);
        }
        return new DenseExamples(features, featureCount, labels, weights);
    }

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    public float Weight(int row) => Weights is null ? 1f : Weights[row];
}
