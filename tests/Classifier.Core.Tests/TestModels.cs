using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;

namespace Classifier.Core.Tests;

/// <summary>Small models with seeded random weights: the core is tested without any training code.</summary>
internal static class TestModels
{
    public static readonly FeatureSpace SmallSpace = new(WordBits: 10, CharBits: 10, MaxWordNgram: 2, MinCharNgram: 3, MaxCharNgram: 5);

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
