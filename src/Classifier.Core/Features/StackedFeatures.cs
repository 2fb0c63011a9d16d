namespace Classifier.Core.Features;

/// <summary>
/// The input of the boosted-tree stage: the raw dense signals followed by the linear stage's four
/// margins (stacking), so the trees can combine what the n-grams say with length, position and context.
/// </summary>
public static class StackedFeatures
{
    public static readonly int Count = DenseFeatures.Count + Categories.Count;

    public static IReadOnlyList<string> Names { get; } =
        [.. DenseFeatures.Names, .. Enum.GetValues<Category>().Select(c => "linear_" + Categories.Name(c))];

    /// <summary>Writes the stacked row: dense signals, then the linear margins in category order.</summary>
    public static void Write(ReadOnlySpan<float> dense, System.Runtime.Intrinsics.Vector128<float> linearMargins, Span<float> row)
    {
        dense.CopyTo(row);
        System.Runtime.Intrinsics.Vector128.CopyTo(linearMargins, row[DenseFeatures.Count..]);
    }
}
