using System.Runtime.Intrinsics;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Data;
using Classifier.Training.Linear;
using Classifier.Training.Trees;

namespace Classifier.Training.Pipeline;

/// <summary>
/// The second stage: boosted trees per category over the dense signals and the linear margins. The
/// trees must learn from linear margins like those of unseen text, so training rows get out-of-fold
/// margins (cross-fitting by document); in-sample margins would be overconfident and the trees would
/// learn to trust them blindly.
/// </summary>
public static class StackingStage
{
    public static Vector128<float>[] OutOfFoldMargins(FeaturizedSet set, FeatureSpace space, DenseScaling scaling, LinearOptions options, int folds, Action<string> log)
    {
        var margins = new Vector128<float>[set.Count];
        int done = 0;
        // The folds are independent (each writes only its own rows, each trainer is seeded), so they run side by side.
        Parallel.For(0, folds, fold =>
        {
            var inFold = Enumerable.Range(0, set.Count).Where(row => set.Document(row) % folds != fold).ToArray();
            var model = LogisticRegressionTrainer.Train(set, space, scaling, options, rows: inFold);
            for (int row = 0; row < set.Count; row++)
                if (set.Document(row) % folds == fold)
                    margins[row] = LogisticRegressionTrainer.Margins(set, row, model, space, scaling);
            lock (margins)
                log($"Out-of-fold linear margins: {++done}/{folds} folds done.");
        });
        return margins;
    }

    public static Vector128<float>[] Margins(FeaturizedSet set, LogisticRegressionTrainer.Result model, FeatureSpace space, DenseScaling scaling) =>
        Enumerable.Range(0, set.Count).Select(row => LogisticRegressionTrainer.Margins(set, row, model, space, scaling)).ToArray();

    /// <summary>One ensemble per category, early-stopped on <paramref name="validation"/>.</summary>
    public static TreeEnsemble[] TrainTrees(FeaturizedSet train, Vector128<float>[] trainMargins, FeaturizedSet validation, Vector128<float>[] validationMargins,
        BoostingOptions options, float maxPositiveWeight, Action<string> log)
    {
        var trainRows = Stack(train, trainMargins);
        var validationRows = Stack(validation, validationMargins);
        var positiveWeights = LogisticRegressionTrainer.PositiveWeights(train, Enumerable.Range(0, train.Count).ToArray(), maxPositiveWeight);
        var trees = new TreeEnsemble[Categories.Count];
        // One independent, deterministic learner per category: they run side by side.
        Parallel.For(0, Categories.Count, lane =>
        {
            var category = (Category)lane;
            var trainSet = Examples(train, trainRows, category, positiveWeights[(int)category]);
            var validationSet = Examples(validation, validationRows, category, positiveWeights[(int)category]);
            var result = GradientBoostingTrainer.Train(trainSet, options, validationSet);
            trees[(int)category] = result.Ensemble;
            lock (trees)
                log($"Trees for {Categories.Name(category)}: kept {result.BestTreeCount} of {result.ValidationLoss.Count} (validation log loss {result.ValidationLoss.DefaultIfEmpty(double.NaN).Min():F4}).");
        });
        return trees;
    }

    /// <summary>Stacked rows as the scorer builds them; a document's mean margins are over its labelled rows
    /// (the scorer averages over all of its paragraphs, which differ only where a source leaves some unlabelled).</summary>
    private static float[] Stack(FeaturizedSet set, Vector128<float>[] margins)
    {
        var sums = new Dictionary<int, (Vector128<float> Sum, int Count)>();
        for (int row = 0; row < set.Count; row++)
        {
            sums.TryGetValue(set.Document(row), out var entry);
            sums[set.Document(row)] = (entry.Sum + margins[row], entry.Count + 1);
        }
        var rows = new float[set.Count * StackedFeatures.Count];
        for (int row = 0; row < set.Count; row++)
        {
            var (sum, count) = sums[set.Document(row)];
            StackedFeatures.Write(set.Dense(row), margins[row], sum / count, rows.AsSpan(row * StackedFeatures.Count, StackedFeatures.Count));
        }
        return rows;
    }

    /// <summary>Rows labelled for one category, weighted like the linear stage (source caps, rare positives up-weighted).</summary>
    private static DenseExamples Examples(FeaturizedSet set, float[] rows, Category category, float positiveWeight)
    {
        var labels = new bool[set.Count];
        var weights = new float[set.Count];
        for (int row = 0; row < set.Count; row++)
        {
            labels[row] = set.Label(row).Contains(category);
            weights[row] = set.Weight(row) * (labels[row] ? positiveWeight : 1f);
        }
        return new DenseExamples(rows, StackedFeatures.Count, labels, weights);
    }
}
