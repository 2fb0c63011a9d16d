using Classifier.Core.Features;

namespace Classifier.Core.Scoring;

/// <summary>
/// Which topic segments were flagged as insertions: two or more paragraphs, at least half of them flagged off_topic.
/// A moderator judges such a segment as one (the review page), and a filter can drop it whole; a lone flagged
/// paragraph stays a paragraph. One rule for both, so what the page groups is what the filter drops.
/// </summary>
public static class FlaggedSegments
{
    public static IEnumerable<TopicSegment> Of(IReadOnlyList<TopicSegment> segments, ReadOnlyMemory<ParagraphScore> scores)
    {
        foreach (var segment in segments)
        {
            if (segment.Start == 0 || segment.Length < 2)   // the title is its own segment
                continue;
            int flagged = 0;
            foreach (var score in scores.Span.Slice(segment.Start, segment.Length))
                if (score.IsFlagged(Category.OffTopic)) flagged++;
            if (flagged >= 2 && flagged * 2 >= segment.Length)
                yield return segment;
        }
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

    /// <summary><paramref name="scores"/> with every paragraph of a flagged segment flagged off_topic.</summary>
    public static ParagraphScore[] Extend(IReadOnlyList<TopicSegment> segments, ReadOnlySpan<ParagraphScore> scores)
    {
        var extended = scores.ToArray();
        foreach (var segment in Of(segments, extended))
            for (int i = segment.Start; i < segment.End; i++)
                extended[i] = new ParagraphScore(extended[i].Probabilities, extended[i].Flags | CategorySet.OffTopic);
        return extended;
    }
}
