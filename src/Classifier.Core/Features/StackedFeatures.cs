using System.Runtime.Intrinsics;

namespace Classifier.Core.Features;

/// <summary>
/// The input of the boosted-tree stage: the raw dense signals, the linear stage's four margins for the
/// paragraph (stacking), and the mean of those margins over its whole document and over its topic segment, so
/// the trees can weigh a paragraph against its document (a conspiracy site's neutral narration sits in a
/// conspiratorial document, an insertion's margins differ from its host's) and judge a segment as one: the
/// plainly off-topic paragraphs of an insertion carry its quieter ones.
/// </summary>
internal static class StackedFeatures
{
    public static readonly int Count = DenseFeatures.Count + 3 * Categories.Count;

    public static IReadOnlyList<string> Names { get; } =
    [
        .. DenseFeatures.Names,
        .. Enum.GetValues<Category>().Select(c => "linear_" + Categories.Name(c)),
        .. Enum.GetValues<Category>().Select(c => "document_mean_linear_" + Categories.Name(c)),
        .. Enum.GetValues<Category>().Select(c => "segment_mean_linear_" + Categories.Name(c)),
    ];

    /// <summary>Writes the stacked row: the named dense signals (not the embedding: the linear margins carry that), the
    /// paragraph's linear margins, the document's and the segment's mean margins.</summary>
    public static void Write(ReadOnlySpan<float> dense, Vector128<float> linearMargins, Vector128<float> documentMeanMargins,
        Vector128<float> segmentMeanMargins, Span<float> row)
    {
        dense.CopyTo(row);
        linearMargins.CopyTo(row[DenseFeatures.Count..]);
        documentMeanMargins.CopyTo(row[(DenseFeatures.Count + Categories.Count)..]);
        segmentMeanMargins.CopyTo(row[(DenseFeatures.Count + 2 * Categories.Count)..]);
    }
}
