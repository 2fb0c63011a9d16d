using System.Runtime.Intrinsics;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Data;
using Classifier.Training.Learners;
using Microsoft.ML;

namespace Classifier.Training.Pipeline;

/// <summary>
/// The second stage: boosted trees per category over the dense signals and the linear margins. The
/// trees must learn from linear margins like those of unseen text, so training rows get out-of-fold
/// margins (cross-fitting by document); in-sample margins would be overconfident and the trees would
/// learn to trust them blindly. Margins come from Core's own margin function, at the precision the model will score with.
/// </summary>
internal static class StackingStage
{
    public static Vector128<float>[] OutOfFoldMargins(FeaturizedSet set, FeatureSpace space, ITransformer features, LinearOptions options,
        NgramPrecision precision, int folds, int seed, Action<string> log)
    {
        var margins = new Vector128<float>[set.Count];
        for (int fold = 0; fold < folds; fold++)
        {
            var inFold = Enumerable.Range(0, set.Count).Where(row => set.Document(row) % folds != fold).ToArray();
            var model = LinearLearner.Fit(set, space, features, options, inFold, seed + 10 * (fold + 1)).ToCore(space, precision);
            for (int row = 0; row < set.Count; row++)
                if (set.Document(row) % folds == fold)
                    margins[row] = Margins(model, set, row);
            log($"Out-of-fold linear margins: {fold + 1}/{folds} folds done.");
        }
        return margins;
    }

    public static Vector128<float> Margins(ClassifierModel model, FeaturizedSet set, int row) =>
        model.LinearMargins(set.Indices(row), set.Values(row), set.Dense(row));

    public static Vector128<float>[] Margins(ClassifierModel model, FeaturizedSet set) =>
        [.. Enumerable.Range(0, set.Count).Select(row => Margins(model, set, row))];

    /// <summary>One ensemble per category, stopped early on <paramref name="validation"/>; the four train side by side, each in its own seeded context.</summary>
    public static TreeStage[] TrainTrees(FeaturizedSet train, Vector128<float>[] trainMargins, FeaturizedSet validation, Vector128<float>[] validationMargins,
        TreeOptions options, float maxPositiveWeight, int seed, Action<string> log)
    {
        var trainRows = Stack(train, trainMargins);
        var validationRows = Stack(validation, validationMargins);
        var positiveWeights = LinearLearner.PositiveWeights(train, Enumerable.Range(0, train.Count).ToArray(), maxPositiveWeight);
        var trees = new TreeStage[Categories.Count];
        if (validation.Count == 0)
            log("No dev documents to stop the boosting on: every tree is kept.");
        Parallel.For(0, Categories.Count, k =>
        {
            var category = (Category)k;
            var ml = new MLContext(seed + 100 + k);
            trees[k] = TreeLearner.Fit(ml, Examples(ml, train, trainRows, category, positiveWeights[k]),
                validation.Count == 0 ? null : Examples(ml, validation, validationRows, category, positiveWeights[k]), options, seed + k);
            lock (trees)
                log($"Trees for {Categories.Name(category)}: {options.Trainer} kept {trees[k].TreeCount} of {options.NumberOfTrees}.");
        });
        return trees;
    }

    /// <summary>Stacked rows as the scorer builds them; a document's and a segment's mean margins are over its rows in the set
    /// (the scorer averages over all of its paragraphs, which differ only where a source leaves some unlabelled).</summary>
    public static float[] Stack(FeaturizedSet set, Vector128<float>[] margins)
    {
        var documents = new Dictionary<int, (Vector128<float> Sum, int Count)>();
        var segments = new Dictionary<(int, int), (Vector128<float> Sum, int Count)>();
        for (int row = 0; row < set.Count; row++)
        {
            Accumulate(documents, set.Document(row), margins[row]);
            Accumulate(segments, (set.Document(row), set.Segment(row)), margins[row]);
        }
        var rows = new float[set.Count * StackedFeatures.Count];
        for (int row = 0; row < set.Count; row++)
        {
            var (sum, count) = documents[set.Document(row)];
            var (segmentSum, segmentCount) = segments[(set.Document(row), set.Segment(row))];
            StackedFeatures.Write(set.Dense(row)[..DenseFeatures.Count], margins[row], sum / count, segmentSum / segmentCount,
                rows.AsSpan(row * StackedFeatures.Count, StackedFeatures.Count));
        }
        return rows;
    }

    private static void Accumulate<TKey>(Dictionary<TKey, (Vector128<float> Sum, int Count)> sums, TKey key, Vector128<float> margins) where TKey : notnull
    {
        sums.TryGetValue(key, out var entry);
        sums[key] = (entry.Sum + margins, entry.Count + 1);
    }

    /// <summary>Rows labelled for one category, weighted like the linear stage (source caps, rare positives up-weighted); rows
    /// whose label does not judge the category are left out, as there.</summary>
    private static IDataView Examples(MLContext ml, FeaturizedSet set, float[] rows, Category category, float positiveWeight)
    {
        var labels = new bool[set.Count];
        var weights = new float[set.Count];
        for (int row = 0; row < set.Count; row++)
        {
            labels[row] = set.Label(row).Contains(category);
            weights[row] = !set.Judges(row, category) ? 0f : set.Weight(row) * (labels[row] ? positiveWeight : 1f);
        }
        return ml.Data.FilterRowsByColumn(MlNetRows.Stacked(ml, rows, labels, weights), MlNetRows.Weight, lowerBound: float.Epsilon);
    }
}
