using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>
/// Judges insertions whole: scores with another scorer, then flags every paragraph of a flagged segment
/// (<see cref="FlaggedSegments"/>) off_topic, so a pasted article goes as one, its quieter paragraphs with it. Only a
/// document with two off_topic flags or more is segmented again (the segments come from the scoring model's own
/// embeddings); the rest cost nothing more. Thread-safe.
/// </summary>
internal sealed class WholeSegmentScorer(IBatchScorer inner) : IBatchScorer
{
    private readonly Explainer _segmenter = new(inner.Model);

    public ClassifierModel Model => inner.Model;

    public void Score(IReadOnlyList<Document> batch, Span<ParagraphScore> results)
    {
        inner.Score(batch, results);
        int offset = 0;
        foreach (var document in batch)
        {
            var scores = results.Slice(offset, document.Paragraphs.Count);
            if (FlaggedSegments.Possible(scores))
                FlaggedSegments.Extend(_segmenter.Segments(document.Paragraphs), scores);
            offset += document.Paragraphs.Count;
        }
    }
}
