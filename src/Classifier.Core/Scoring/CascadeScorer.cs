using System.Runtime.Intrinsics;
using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>
/// Ingestion at scale: the fast model scores every document, and a document any of whose paragraphs the fast model is
/// unsure about (a probability within <see cref="Band"/> of its category's threshold) is scored again, whole, by the
/// accurate model (the full sentence encoder is some hundred times slower). Whole documents, because the accurate model
/// reads each paragraph's document context too. Thread-safe.
/// </summary>
public sealed class CascadeScorer : IBatchScorer
{
    private readonly Scorer _fast, _accurate;
    private readonly Vector128<float> _thresholds;
    private long _documents, _rescored;

    public CascadeScorer(Scorer fast, Scorer accurate, float band)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        _fast = fast;
        _accurate = accurate;
        Band = band;
        _thresholds = Vector128.Create(fast.Model.Thresholds);
    }

    public ClassifierModel Model => _fast.Model;
    public float Band { get; }

    /// <summary>Documents scored so far, and how many of them the accurate model scored again.</summary>
    public (long Documents, long Rescored) Counts => (Interlocked.Read(ref _documents), Interlocked.Read(ref _rescored));

    public void Score(IReadOnlyList<Document> batch, Span<ParagraphScore> results)
    {
        _fast.Score(batch, results);
        int offset = 0;
        long rescored = 0;
        for (int d = 0; d < batch.Count; d++)
        {
            int count = batch[d].Paragraphs.Count;
            var scores = results.Slice(offset, count);
            if (Unsure(scores))
            {
                _accurate.Score(batch[d], scores);
                rescored++;
            }
            offset += count;
        }
        Interlocked.Add(ref _documents, batch.Count);
        Interlocked.Add(ref _rescored, rescored);
    }

    /// <summary>Whether the fast model is unsure of any paragraph: the band is 0 for a pure fast path and 1 to re-score everything.</summary>
    internal bool Unsure(ReadOnlySpan<ParagraphScore> scores)
    {
        if (Band == 0)
            return false;
        var band = Vector128.Create(Band);
        foreach (var score in scores)
            if (Vector128.LessThanOrEqualAny(Vector128.Abs(score.Probabilities - _thresholds), band))
                return true;
        return false;
    }
}
