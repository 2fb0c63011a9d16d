using Classifier.Training.Data;

namespace Classifier.Training.Evaluation;

/// <summary>Off-topic detection on one group of spliced documents, over all of their labelled paragraphs (inserted
/// ones are the positives, the host's the negatives, so precision counts host paragraphs wrongly flagged).</summary>
internal sealed record InsertionGroup(string Name, int Documents, BinaryMetrics Paragraphs);

/// <summary>Off-topic flags raised on documents without any off-topic paragraph: how much natural text the model
/// takes for an insertion, by labelled paragraph and by document (a document counts if any paragraph is flagged).</summary>
internal sealed record UnsplicedFalsePositives(int Documents, int FlaggedDocuments, int Paragraphs, int FlaggedParagraphs)
{
    public double? DocumentRate => Documents == 0 ? null : (double)FlaggedDocuments / Documents;
    public double? ParagraphRate => Paragraphs == 0 ? null : (double)FlaggedParagraphs / Paragraphs;
}

/// <summary>
/// The off-topic insertion report: paragraph-level detection by the run's length bucket (<see cref="Insertion.Buckets"/>),
/// by position, and by both; document-level detection over spliced and unspliced documents (a document is positive
/// when it has an off-topic paragraph, flagged when any of its paragraphs is); and the false-positive rate on the
/// unspliced documents, all of them and the long ones (at least <see cref="LongDocument"/> paragraphs), where
/// natural changes of subject (sections, live blogs, round-ups) are most likely.
/// </summary>
internal sealed record InsertionMetrics(
    float Threshold,
    IReadOnlyList<InsertionGroup> ByLength,
    IReadOnlyList<InsertionGroup> ByPosition,
    IReadOnlyList<InsertionGroup> ByLengthAndPosition,
    InsertionGroup All,
    int SplicedDocuments,
    int UnsplicedDocuments,
    BinaryMetrics Documents,
    UnsplicedFalsePositives Unspliced,
    UnsplicedFalsePositives LongUnspliced)
{
    public const int LongDocument = 20;

    /// <summary>Seconds the report took (splicing and scoring), when measured.</summary>
    public double? Seconds { get; init; }

    /// <summary>The figures at <paramref name="threshold"/> (a paragraph is flagged at probability >= threshold, as in
    /// <see cref="BinaryMetrics.Compute"/>). Unspliced documents that have off-topic paragraphs of their own count as
    /// positives for document detection and are left out of the false-positive rates.</summary>
    public static InsertionMetrics Compute(IReadOnlyList<(Insertion Insertion, ScoredDocument Scored)> spliced, IReadOnlyList<ScoredDocument> unspliced, float threshold)
    {
        InsertionGroup Group(string name, Func<Insertion, bool> member)
        {
            var members = spliced.Where(s => member(s.Insertion)).Select(s => s.Scored).ToList();
            return new InsertionGroup(name, members.Count, BinaryMetrics.Compute(
                [.. members.SelectMany(d => d.Probabilities)], [.. members.SelectMany(d => d.OffTopic)], threshold));
        }

        var positions = Enum.GetValues<InsertionPosition>();
        var byLength = Insertion.Buckets.Select(b => Group(b, i => i.Bucket == b)).ToList();
        var byPosition = positions.Select(p => Group(InsertionShape.PositionName(p), i => i.Shape.Position == p)).ToList();
        var cells = (from b in Insertion.Buckets from p in positions
                     select Group($"{b} {InsertionShape.PositionName(p)}", i => i.Bucket == b && i.Shape.Position == p)).ToList();

        var documents = spliced.Select(s => s.Scored).Concat(unspliced).ToList();
        var documentMetrics = BinaryMetrics.Compute([.. documents.Select(d => d.MaxProbability)], [.. documents.Select(d => d.HasOffTopic)], threshold);

        var clean = unspliced.Where(d => !d.HasOffTopic).ToList();
        return new InsertionMetrics(threshold, byLength, byPosition, cells, Group("all", _ => true), spliced.Count, unspliced.Count, documentMetrics,
            FalsePositives(clean, threshold), FalsePositives([.. clean.Where(d => d.Paragraphs >= LongDocument)], threshold));
    }

    private static UnsplicedFalsePositives FalsePositives(IReadOnlyList<ScoredDocument> documents, float threshold) => new(
        documents.Count,
        documents.Count(d => d.MaxProbability >= threshold),
        documents.Sum(d => d.Probabilities.Count),
        documents.Sum(d => d.Probabilities.Count(p => p >= threshold)));
}
