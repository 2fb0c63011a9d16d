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

    /// <summary>A tiny distilled table: eleven pieces of four dimensions, seeded random rows.</summary>
    public static StaticEmbeddings TinyEmbeddings(int seed = 3)
    {
        string[] vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "council", "budget", "buy", "cheap", "watches", "##s"];
        var random = new Random(seed);
        var vectors = Enumerable.Range(0, vocabulary.Length * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] weights = [0, 0, 0, 0, .. Enumerable.Range(4, vocabulary.Length - 4).Select(_ => 1f)];
        return new StaticEmbeddings("tiny", new Core.Text.WordPieceTokenizer(vocabulary), vectors, weights, 4);
    }

    /// <summary>A random linear model that reads <see cref="TinyEmbeddings"/>.</summary>
    public static ClassifierModel RandomWithEmbeddings(int seed = 1)
    {
        var table = TinyEmbeddings();
        var space = SmallSpace with { Embedding = new EmbeddingSpace(table.Encoder, true, table.Dimensions) };
        var m = Random(seed, space);
        return new ClassifierModel(space, m.Weights, m.Bias, m.DenseMean, m.DenseScale, m.Calibration, m.Thresholds, embeddings: table);
    }

    public static ClassifierModel Random(int seed = 1, FeatureSpace? space = null)
    {
        space ??= SmallSpace;
        var random = new Random(seed);
        var weights = new float[space.Dimension * Categories.Count];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (float)(random.NextDouble() * 2 - 1);
        var mean = Enumerable.Range(0, space.DenseCount).Select(_ => (float)random.NextDouble()).ToArray();
        var scale = Enumerable.Range(0, space.DenseCount).Select(_ => (float)random.NextDouble() + 0.5f).ToArray();
        return new ClassifierModel(space, weights, [0.1f, -0.2f, 0.3f, -0.4f], mean, scale,
            [new(1, 0), new(0.5f, -1), new(2, 0.5f), new(1, 1)], [0.5f, 0.6f, 0.7f, 0.4f]);
    }
}
