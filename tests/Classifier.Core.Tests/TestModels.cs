using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;

namespace Classifier.Core.Tests;

/// <summary>Small models with seeded random weights: the core is tested without any training code.</summary>
internal static class TestModels
{
    public static readonly FeatureSpace SmallSpace = new(WordBits: 10, CharBits: 10, MaxWordNgram: 2, MinCharNgram: 3, MaxCharNgram: 5);

    /// <summary>A random model with a small tree stage: per category, two stumps over the stacked features.</summary>
    public static ClassifierModel RandomWithTrees(int seed = 1, FeatureSpace? space = null)
    {
        var linear = Random(seed, space);
        var trees = Enumerable.Range(0, Categories.Count).Select(k => new TreeEnsemble(-0.5f, StackedFeatures.Count, [0, 1],
            [new TreeEnsemble.Node(DenseFeatures.Count + k, 0f, ~0, ~1), new TreeEnsemble.Node((int)DenseFeature.CentroidSimilarity, 0.2f, ~2, ~3)],
            [-1f, 1f, 0.5f, -0.5f])).ToArray();
        return new ClassifierModel(linear.Space, linear.Weights, linear.Bias, linear.DenseMean, linear.DenseScale,
            linear.Calibration, linear.Thresholds, trees: trees);
    }

    public static ClassifierModel Random(int seed = 1, FeatureSpace? space = null)
    {
        space ??= SmallSpace;
        var random = new Random(seed);
        var weights = new float[space.Dimension * Categories.Count];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(random.NextDouble() * 2 - 1);
        var mean = Enumerable.Range(0, DenseFeatures.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var scale = Enumerable.Range(0, DenseFeatures.Count).Select(_ => (float)random.NextDouble() + 0.5f).ToArray();
        return new ClassifierModel(space, weights, [0.1f, -0.2f, 0.3f, -0.4f], mean, scale,
            [new(1, 0), new(0.5f, -1), new(2, 0.5f), new(1, 1)], [0.5f, 0.6f, 0.7f, 0.4f]);
    }
}
