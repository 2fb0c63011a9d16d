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
                FlaggedSegments(paragraphs, scores, recurrence, index)));
        });
        return documents;
    }

    /// <summary>Segments of two or more paragraphs with at least half of them flagged off_topic: what a moderator judges
    /// as one insertion. Single flagged paragraphs stay single.</summary>
    private List<ReviewSegment> FlaggedSegments(IReadOnlyList<string> paragraphs, ReadOnlySpan<ParagraphScore> scores, BatchRecurrence batch, int document)
    {
        int flagged = 0;
        foreach (var score in scores) if (score.IsFlagged(Category.OffTopic)) flagged++;
        if (flagged < 2)
            return [];
        var segments = new List<ReviewSegment>();
        foreach (var segment in _explainer.Segments(paragraphs, batch, document))
        {
            if (segment.Start == 0 || segment.Length < 2)
                continue;
            int inside = 0;
            foreach (var score in scores.Slice(segment.Start, segment.Length)) if (score.IsFlagged(Category.OffTopic)) inside++;
            if (inside >= 2 && inside * 2 >= segment.Length)
                segments.Add(new ReviewSegment(segment.Start, segment.End, Explainer.SegmentReason(segment)["segment:".Length..]));
        }
        return segments;
    }

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
        foreach (var category in Categories.All)
        {
            string name = Categories.Name(category);
            scores[name] = Math.Round(score[category], 4);
            if (!score.IsFlagged(category))
                continue;
            flags.Add(name);
            explanation ??= [];
            explanation[name] = [.. _explainer.Explain(paragraphs, index, category, features, batch, document)
                .Select(c => new ReviewFeature(c.Feature, Math.Round(c.Value, 4)))];
        }
        return new ReviewParagraph(paragraphs[index], scores, flags, explanation);
    }
}
