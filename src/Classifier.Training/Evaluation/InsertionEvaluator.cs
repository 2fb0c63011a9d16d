using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Data;

namespace Classifier.Training.Evaluation;

/// <summary>
/// Builds the off-topic insertion report for a model: a balanced grid of documents spliced from <c>pool</c> (every
/// <see cref="InsertionShape"/>, up to <c>perShape</c> each, hosts and donors from the pool alone), and the pool's own
/// documents as the unspliced ones, all scored through the same <see cref="IBatchScorer"/> and batches as
/// <see cref="Evaluator"/> and measured by <see cref="InsertionMetrics.Compute"/>.
/// </summary>
internal static class InsertionEvaluator
{
    /// <summary>Documents per shape: 12 shapes x 100 is about a thousand documents, scored in seconds, and the
    /// test split's news hosts (about 300) each appear at most once per shape.</summary>
    public const int DefaultPerShape = 100;

    public static InsertionMetrics Evaluate(IBatchScorer scorer, IReadOnlyList<LabelledDocument> pool, int perShape, int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var insertions = InsertionSplicer.Grid(pool, perShape, seed);
        var unspliced = pool.Where(d => d.Paragraphs.Any(p => p.IsLabelled)).ToList();
        var scored = Score(scorer, [.. insertions.Select(i => i.Document), .. unspliced]);
        var metrics = InsertionMetrics.Compute([.. insertions.Select(i => (i, scored[i.Document]))], [.. unspliced.Select(d => scored[d])],
            scorer.Model.Thresholds[(int)Category.OffTopic]);
        return metrics with { Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Each document's labelled paragraphs' off-topic labels and probabilities, by document (reference).</summary>
    private static Dictionary<LabelledDocument, ScoredDocument> Score(IBatchScorer scorer, IReadOnlyList<LabelledDocument> documents)
    {
        var labels = new Dictionary<LabelledDocument, (List<bool> OffTopic, List<float> Probabilities)>(ReferenceEqualityComparer.Instance);
        foreach (var document in documents)
            labels.TryAdd(document, ([], []));
        foreach (var (document, paragraph, score) in DocumentBatches.ScoreLabelled<ParagraphScore>(documents, (batch, scores) => scorer.Score(batch, scores)))
        {
            var (offTopic, probabilities) = labels[document];
            offTopic.Add(paragraph.Labels.Contains(Category.OffTopic));
            probabilities.Add(Evaluator.Decision(score, Category.OffTopic, scorer.Model.Thresholds[(int)Category.OffTopic]));
        }
        return labels.ToDictionary(kv => kv.Key, kv => new ScoredDocument(kv.Key.Paragraphs.Count, kv.Value.OffTopic, kv.Value.Probabilities),
            (IEqualityComparer<LabelledDocument>)ReferenceEqualityComparer.Instance);
    }
}
