namespace Classifier.Core.Features;

/// <summary>
/// The named part of the dense block: hand-made signals of one paragraph and of its place in its document
/// (the paragraph's embedding, if the model has one, follows them). Models store them by position and list
/// their names; a model whose names differ from this build's is refused at load, so adding one means
/// retraining the shipped model.
/// </summary>
internal enum DenseFeature
{
    // Paragraph shape
    LogChars, LogWords, ShortParagraph, DigitRatio, UpperRatio, PunctuationRatio, Exclamations,
    HasUrl, HasEmail, HasPhone, EndsWithTerminal, StartsWithBullet, EarlyColon,
    // Vocabulary
    StopWordDensity, SecondPersonDensity, CallToActionDensity, InsinuationDensity, HedgeDensity, TemplateOpener,
    // Document context
    RelativePosition, IsFirst, IsLast, LogDocumentParagraphs,
    CentroidSimilarity, NeighbourSimilarity, TitleSimilarity, DuplicatesTitle,
    RunSimilarity, RunCohesion,
    // The same similarities against the document's own level, which varies by source far more than by topic
    DocumentCohesion, RelativeCentroidSimilarity, RelativeRunSimilarity, RelativeNeighbourSimilarity,
    // Batch context (see BatchRecurrence): zero when a document is scored alone
    RecursInBatch, BatchRecurrenceShare,
    // Meaning (see SemanticContext): cosines of sentence embeddings; zero for a model without an embedding
    SemanticTitleSimilarity, SemanticLeadSimilarity, SemanticRestSimilarity, SemanticNeighbourSimilarity,
    SemanticWindowTitleSimilarity, SemanticWindowRestSimilarity, SemanticDocumentCohesion, RelativeSemanticTitleSimilarity,
    // Topic segment (see TopicSegmenter): the paragraph's segment against the title and lead; zero without an embedding
    SegmentTitleSimilarity, SegmentLeadSimilarity, SegmentTitleGap, LogSegmentLength, SegmentShare,
    SegmentBoundaryBefore, SegmentBoundaryAfter,
}

internal static class DenseFeatures
{
    public static readonly int Count = Enum.GetValues<DenseFeature>().Length;

    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<DenseFeature>();
}
