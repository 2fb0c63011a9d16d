namespace Classifier.Training.Trees;

/// <summary>Examples as bin ids, row-major: a histogram pass reads each row's bins as one contiguous run.</summary>
public sealed class BinnedRows
{
    private readonly byte[] _bins;

    public int Count { get; }
    public int FeatureCount { get; }

    internal BinnedRows(byte[] bins, int count, int featureCount)
    {
        _bins = bins;
        Count = count;
        FeatureCount = featureCount;
    }

    public ReadOnlySpan<byte> Row(int row) => _bins.AsSpan(row * FeatureCount, FeatureCount);

    public byte this[int row, int feature] => _bins[row * FeatureCount + feature];
}
