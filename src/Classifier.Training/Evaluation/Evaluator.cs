using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Data;

namespace Classifier.Training.Evaluation;

/// <summary>Metrics of one evaluation set (a source's test split, or spliced documents), per category.</summary>
internal sealed record SetMetrics(string Name, int Documents, int Paragraphs, IReadOnlyList<BinaryMetrics> ByCategory)
{
    /// <summary>ML.NET's figures per category, where the set has both classes of it.</summary>
    public IReadOnlyList<MlNetMetrics?> MlNet { get; init; } = [null, null, null, null];

    public BinaryMetrics this[Category category] => ByCategory[(int)category];
}

/// <summary>Scores labelled documents through the same <see cref="Scorer"/> users run, in batches as they would, and measures it.</summary>
internal static class Evaluator
{
    public static SetMetrics Evaluate(IBatchScorer scorer, string name, IReadOnlyCollection<LabelledDocument> documents)
    {
        var probabilities = Enumerable.Range(0, Categories.Count).Select(_ => new List<float>()).ToArray();
        var labels = Enumerable.Range(0, Categories.Count).Select(_ => new List<bool>()).ToArray();
        int paragraphs = 0;
        foreach (var (_, paragraph, score) in DocumentBatches.ScoreLabelled<ParagraphScore>(documents, (batch, scores) => scorer.Score(batch, scores)))
        {
            paragraphs++;
            foreach (var category in Categories.All)
            {
                if (!paragraph.Judges(category))
                    continue;
                probabilities[(int)category].Add(Decision(score, category, scorer.Model.Thresholds[(int)category]));
                labels[(int)category].Add(paragraph.Labels.Contains(category));
            }
        }
        var metrics = Categories.All.ToArray().Select(c => BinaryMetrics.Compute(
            probabilities[(int)c].ToArray(), labels[(int)c].ToArray(), scorer.Model.Thresholds[(int)c])).ToArray();
        var mlNet = Categories.All.ToArray().Select(c => MlNetMetrics.Evaluate(probabilities[(int)c], labels[(int)c], scorer.Model.Thresholds[(int)c])).ToArray();
        return new SetMetrics(name, documents.Count, paragraphs, metrics) { MlNet = mlNet };
    }

    /// <summary>The probability measured for a paragraph: its own, or the threshold when a flag was raised without it (a
    /// <see cref="WholeSegmentScorer"/> flags a whole segment), so the metrics at the threshold count the flags users get.</summary>
    public static float Decision(ParagraphScore score, Category category, float threshold) =>
        score.IsFlagged(category) ? Math.Max(score[category], threshold) : score[category];
}
