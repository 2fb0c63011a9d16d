namespace Classifier.Training.Trees;

/// <summary>
/// Per-feature quantile bins, so that a tree learner sees byte bin ids instead of floats. Bin <c>b</c> of a
/// feature holds the values <c>v &lt;= UpperBounds(f)[b]</c> above the previous bound; the last bound is
/// +∞. A split "bin &lt;= b" is therefore exactly "value &lt;= UpperBounds(f)[b]" in a <see cref="Classifier.Core.Model.TreeEnsemble"/>.
/// NaN goes to bin 0, matching the ensemble's NaN-goes-left rule at every split.
/// </summary>
public sealed class FeatureBinner
{
    public const int MaxBins = 255;

    private readonly float[][] _upperBounds;

    private FeatureBinner(float[][] upperBounds) => _upperBounds = upperBounds;

    public int FeatureCount => _upperBounds.Length;

    public int BinCount(int feature) => _upperBounds[feature].Length;

    public ReadOnlySpan<float> UpperBounds(int feature) => _upperBounds[feature];

    /// <summary>Fits the bins of every feature on <paramref name="data"/>, by unweighted row counts.</summary>
    public static FeatureBinner Fit(DenseExamples data, int maxBins = MaxBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBins, MaxBins);
        var column = new float[data.Count];
        var bounds = new float[data.FeatureCount][];
        for (int f = 0; f < data.FeatureCount; f++)
        {
            int n = 0;
            for (int row = 0; row < data.Count; row++)
            {
                float value = data.Features[row * data.FeatureCount + f];
                if (!float.IsNaN(value))
                    column[n++] = value;
            }
            bounds[f] = QuantileBounds(column.AsSpan(0, n), maxBins);
        }
        return new FeatureBinner(bounds);
    }

    /// <summary>The first bin whose upper bound is at least <paramref name="value"/>; NaN is bin 0.</summary>
    public byte Bin(int feature, float value)
    {
        var bounds = _upperBounds[feature];
        if (float.IsNaN(value))
            return 0;
        int low = 0, high = bounds.Length - 1;   // the last bound is +∞, so the answer is in [low, high]
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (value <= bounds[mid]) high = mid;
            else low = mid + 1;
        }
        return (byte)low;
    }

    public BinnedRows Apply(DenseExamples data)
    {
        if (data.FeatureCount != FeatureCount)
            throw new ArgumentException($"binner has {FeatureCount} features, data has {data.FeatureCount}");
        var bins = new byte[data.Features.Length];
        for (int i = 0; i < bins.Length; i++)
            bins[i] = Bin(i % FeatureCount, data.Features[i]);
        return new BinnedRows(bins, data.Count, FeatureCount);
    }

    /// <summary>
    /// Greedy equal-count bins over the sorted distinct values: a bin closes once it holds its share of the
    /// rows still unbinned, so a value repeated in half the rows gets one bin and the rest share the others.
    /// Bounds sit midway between neighbouring distinct values, so unseen values fall to the nearer side.
    /// </summary>
    private static float[] QuantileBounds(Span<float> values, int maxBins)
    {
        values.Sort();
        int distinct = 0;
        for (int i = 0; i < values.Length; i++)
            if (i == 0 || values[i] != values[i - 1]) distinct++;

        var bounds = new List<float>(Math.Min(distinct, maxBins));
        int remainingRows = values.Length, remainingDistinct = distinct, binsLeft = maxBins, inBin = 0;
        for (int i = 0; i < values.Length; i++)
        {
            inBin++;
            if (i + 1 == values.Length || values[i + 1] == values[i])
                continue;
            remainingDistinct--;   // values[i] was the last of its value
            bool full = inBin >= (double)remainingRows / binsLeft || remainingDistinct < binsLeft;
            if (full && binsLeft > 1)
            {
                bounds.Add(Midpoint(values[i], values[i + 1]));
                remainingRows -= inBin;
                inBin = 0;
                binsLeft--;
            }
        }
        bounds.Add(float.PositiveInfinity);
        return [.. bounds];
    }

    /// <summary>A float in [a, b): the midpoint, or <paramref name="a"/> when the two are adjacent floats or infinite.</summary>
    private static float Midpoint(float a, float b)
    {
        float mid = (float)((a + (double)b) / 2);
        return mid < b && mid >= a ? mid : a;
    }
}
