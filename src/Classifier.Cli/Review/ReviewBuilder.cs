using Classifier.Cli.Scoring;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Review;

/// <summary>Scores documents and explains their flags into the data of a review page.</summary>
public sealed class ReviewBuilder(ClassifierModel model, int features = 5)
{
    private readonly Explainer _explainer = new(model);

    /// <summary>The review data of a scored batch's documents, explained as they were scored: in their batch.</summary>
    public List<ReviewDocument> Build(ParallelScorer.Batch batch)
    {
        var recurrence = batch.Recurrence();
        var documents = new List<ReviewDocument>(batch.Inputs.Count);
        batch.ForEach((input, index, scores) =>
        {
            var paragraphs = input.Document.Paragraphs;
            var reviewed = new ReviewParagraph[paragraphs.Count];
            for (int i = 0; i < reviewed.Length; i++)
                reviewed[i] = Paragraph(paragraphs, i, scores[i], recurrence, index);
            documents.Add(new ReviewDocument(input.Document.Id, $"{Path.GetFileName(input.File)}:{input.Line}", reviewed,
                Segments(paragraphs, scores, recurrence, index)));
        });
        return documents;
    }

    /// <summary>The document's flagged segments (<see cref="FlaggedSegments"/>): what a moderator judges as one insertion.</summary>
    private List<ReviewSegment> Segments(IReadOnlyList<string> paragraphs, ReadOnlySpan<ParagraphScore> scores, BatchRecurrence batch, int document) =>
        !FlaggedSegments.Possible(scores) ? []
            : [.. FlaggedSegments.Of(_explainer.Segments(paragraphs, batch, document), scores)
                .Select(s => new ReviewSegment(s.Start, s.End, "one topic, mostly flagged off_topic: " + Explainer.SegmentSimilarities(s)))];

    /// <summary>The highest probability of any category in any paragraph: what --min-score compares.</summary>
    public static double MaxScore(ReviewDocument document) =>
        document.Paragraphs.SelectMany(p => p.Scores.Values).DefaultIfEmpty(0).Max();

    public static IReadOnlyDictionary<string, double> Thresholds(ClassifierModel model)
    {
        var thresholds = new Dictionary<string, double>();
        foreach (var category in Categories.All)
            thresholds[Categories.Name(category)] = Math.Round(model.Thresholds[(int)category], 4);
        return thresholds;
    }

    private ReviewParagraph Paragraph(IReadOnlyList<string> paragraphs, int index, ParagraphScore score, BatchRecurrence batch, int document)
    {
        var scores = new Dictionary<string, double>();
        var flags = new List<string>();
        Dictionary<string, IReadOnlyList<ReviewFeature>>? explanation = null;
        Dictionary<string, IReadOnlyList<ReviewReason>>? reasons = null;
        foreach (var category in Categories.All)
        {
            string name = Categories.Name(category);
            scores[name] = Math.Round(score[category], 4);
            if (!score.IsFlagged(category))
                continue;
            flags.Add(name);
            var (contributions, plain) = _explainer.ExplainWithReasons(paragraphs, index, category, features, batch: batch, document: document);
            (explanation ??= [])[name] = [.. contributions.Select(c => new ReviewFeature(c.Feature, Math.Round(c.Value, 4)))];
            (reasons ??= [])[name] = [.. plain.Select(r => new ReviewReason(r.Text, Math.Round(r.Share, 3)))];
        }
        return new ReviewParagraph(paragraphs[index], scores, flags, explanation, reasons);
    }
}
