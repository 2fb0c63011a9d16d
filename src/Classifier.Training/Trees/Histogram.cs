namespace Classifier.Training.Trees;

/// <summary>
/// Gradient and hessian sums and row counts per bin of every feature, for the rows of one leaf. Features'
/// bins sit back to back (<see cref="Feature"/> slices them out). Sums are doubles: a leaf adds up to
/// millions of float gradients, and the sibling is obtained by subtraction, which must not drift.
/// </summary>
public sealed class Histogram
{
    public struct BinStats
    {
        public double Gradient;
        public double Hessian;
        public int Count;
    }

    private readonly BinStats[] _stats;
    private readonly int[] _offsets;   // feature f's bins are _stats[_offsets[f] .. _offsets[f + 1]]

    public Histogram(FeatureBinner binner)
    {
        _offsets = new int[binner.FeatureCount + 1];
        for (int f = 0; f < binner.FeatureCount; f++)
            _offsets[f + 1] = _offsets[f] + binner.BinCount(f);
        _stats = new BinStats[_offsets[^1]];
    }

    public ReadOnlySpan<BinStats> Feature(int feature) => _stats.AsSpan(_offsets[feature].._offsets[feature + 1]);

    /// <summary>Replaces the contents with the sums over <paramref name="rows"/>.</summary>
    public void Build(BinnedRows bins, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients, ReadOnlySpan<float> hessians)
    {
        Span<BinStats> stats = _stats;
        stats.Clear();
        ReadOnlySpan<int> offsets = _offsets.AsSpan(0, bins.FeatureCount);
        foreach (int row in rows)
        {
            var rowBins = bins.Row(row);
            double gradient = gradients[row], hessian = hessians[row];
            for (int f = 0; f < rowBins.Length; f++)
            {
                ref var bin = ref stats[offsets[f] + rowBins[f]];
                bin.Gradient += gradient;
                bin.Hessian += hessian;
                bin.Count++;
            }
        }
    }

    /// <summary>Turns a parent's histogram into its other child's: parent minus <paramref name="child"/>,
    /// far cheaper than a pass over the (larger) sibling's rows.</summary>
    public void Subtract(Histogram child)
    {
        Span<BinStats> stats = _stats;
        ReadOnlySpan<BinStats> other = child._stats;
        for (int i = 0; i < stats.Length; i++)
        {
            stats[i].Gradient -= other[i].Gradient;
            stats[i].Hessian -= other[i].Hessian;
            stats[i].Count -= other[i].Count;
        }
    }
}
