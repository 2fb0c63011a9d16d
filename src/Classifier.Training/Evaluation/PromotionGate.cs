using Classifier.Core;

namespace Classifier.Training.Evaluation;

/// <summary>One category's F1 under the current and the candidate model, on the same data.</summary>
internal sealed record CategoryComparison(Category Category, int Positives, double CurrentF1, double CandidateF1)
{
    public double Change => CandidateF1 - CurrentF1;
}

/// <summary>
/// Decides whether a retrained model may replace the current one: it must not lose more than
/// <paramref name="maxLoss"/> F1 on any category that the evaluation data has positives of.
/// </summary>
internal sealed class PromotionGate(double maxLoss)
{
    public IReadOnlyList<CategoryComparison> Compare(SetMetrics current, SetMetrics candidate) =>
        Categories.All.ToArray()
            .Where(c => current[c].Positives > 0)
            .Select(c => new CategoryComparison(c, current[c].Positives, current[c].F1, candidate[c].F1))
            .ToArray();

    public IReadOnlyList<CategoryComparison> Regressions(IEnumerable<CategoryComparison> comparisons) =>
        comparisons.Where(c => c.Change < -maxLoss).ToArray();
}
