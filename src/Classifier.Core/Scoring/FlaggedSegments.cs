using Classifier.Core.Features;

namespace Classifier.Core.Scoring;

/// <summary>
/// Which topic segments were flagged as insertions: two or more paragraphs, at least half of them flagged off_topic.
/// A moderator judges such a segment as one (the review page), and a filter can drop it whole; a lone flagged
/// paragraph stays a paragraph. One rule for both, so what the page groups is what the filter drops.
/// </summary>
internal static class FlaggedSegments
{
    public static List<TopicSegment> Of(IReadOnlyList<TopicSegment> segments, ReadOnlySpan<ParagraphScore> scores)
    {
        var flagged = new List<TopicSegment>();
        foreach (var segment in segments)
            if (IsFlagged(segment, scores))
                flagged.Add(segment);
        return flagged;
    }

    public static bool IsFlagged(TopicSegment segment, ReadOnlySpan<ParagraphScore> scores)
    {
        if (segment.Start == 0 || segment.Length < 2)   // the title is its own segment
            return false;
        int flagged = 0;
        foreach (var score in scores.Slice(segment.Start, segment.Length))
            if (score.IsFlagged(Category.OffTopic)) flagged++;
        return flagged >= 2 && flagged * 2 >= segment.Length;
    }

    /// <summary>Whether any segment could qualify: the cheap test before segmenting a document again.</summary>
    public static bool Possible(ReadOnlySpan<ParagraphScore> scores)
    {
        int flagged = 0;
        foreach (var score in scores)
            if (score.IsFlagged(Category.OffTopic) && ++flagged >= 2)
                return true;
        return false;
    }

    /// <summary>Flags every paragraph of a flagged segment off_topic, in place.</summary>
    public static void Extend(IReadOnlyList<TopicSegment> segments, Span<ParagraphScore> scores)
    {
        foreach (var segment in segments)
        {
            if (!IsFlagged(segment, scores))
                continue;
            for (int i = segment.Start; i < segment.End; i++)
                scores[i] = new ParagraphScore(scores[i].Probabilities, scores[i].Flags | CategorySet.OffTopic);
        }
    }
}
