using System.Numerics.Tensors;
using Classifier.Core.Features;

namespace Classifier.Core.Tests.Features;

/// <summary>Gives each paragraph a fixed unit vector, looked up by its text, so the semantic signals can be checked by hand.</summary>
internal sealed class LookupEmbedder(IReadOnlyDictionary<string, float[]> vectors, string encoder = "test", bool isStatic = false) : IParagraphEmbedder
{
    public string Encoder => encoder;
    public bool IsStatic => isStatic;
    public int Dimensions => vectors.Values.First().Length;

    public void Embed(IReadOnlyList<string> paragraphs, Span<float> output, int stride)
    {
        for (int i = 0; i < paragraphs.Count; i++)
        {
            var v = vectors[paragraphs[i]];
            float norm = TensorPrimitives.Norm(v);
            TensorPrimitives.Divide(v, norm, output.Slice(i * stride, v.Length));
        }
    }
}

public sealed class SemanticContextTests
{
    private const int Dimensions = 6;
    private static readonly FeatureSpace Space = TestModels.SmallSpace with { Embedding = new EmbeddingSpace("test", false, Dimensions) };

    /// <summary>A host on one subject (near axis 0) with a run on another (near axis 3) from paragraph 5 on.</summary>
    private static (string[] Paragraphs, LookupEmbedder Embedder) Spliced()
    {
        var random = new Random(7);
        var vectors = new Dictionary<string, float[]>();
        var paragraphs = new string[9];
        for (int i = 0; i < paragraphs.Length; i++)
        {
            paragraphs[i] = $"paragraph {i}";
            var v = new float[Dimensions];
            for (int d = 0; d < Dimensions; d++) v[d] = (float)random.NextDouble() * 0.3f;
            v[i < 5 ? 0 : 3] += 1;
            vectors[paragraphs[i]] = v;
        }
        return (paragraphs, new LookupEmbedder(vectors));
    }

    private static float[][] Vectors(string[] paragraphs, LookupEmbedder embedder)
    {
        var flat = new float[paragraphs.Length * Dimensions];
        embedder.Embed(paragraphs, flat, Dimensions);
        return [.. Enumerable.Range(0, paragraphs.Length).Select(i => flat.AsSpan(i * Dimensions, Dimensions).ToArray())];
    }

    private static float[] Sum(IEnumerable<float[]> vectors)
    {
        var sum = new float[Dimensions];
        foreach (var v in vectors) TensorPrimitives.Add(sum, v, sum);
        return sum;
    }

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Fact]
    public void Signals_match_a_direct_computation()
    {
        var (paragraphs, embedder) = Spliced();
        var v = Vectors(paragraphs, embedder);
        var featurizer = new DocumentFeaturizer(Space, embedder);
        featurizer.Load(paragraphs);
        int n = paragraphs.Length;
        for (int i = 1; i < n; i++)
        {
            var row = featurizer.Dense(i);
            var others = Enumerable.Range(0, n).Where(j => j != i);
            var window = Enumerable.Range(Math.Max(0, i - 2), Math.Min(n, i + 3) - Math.Max(0, i - 2));
            Assert.Equal(Cosine(v[i], v[0]), row[(int)DenseFeature.SemanticTitleSimilarity], 4);
            Assert.Equal(Cosine(v[i], Sum(others.Where(j => j < 3).Select(j => v[j]))), row[(int)DenseFeature.SemanticLeadSimilarity], 4);
            Assert.Equal(Cosine(v[i], Sum(others.Select(j => v[j]))), row[(int)DenseFeature.SemanticRestSimilarity], 4);
            Assert.Equal(Cosine(v[i], Sum(others.Where(j => Math.Abs(j - i) == 1).Select(j => v[j]))), row[(int)DenseFeature.SemanticNeighbourSimilarity], 4);
            Assert.Equal(Cosine(Sum(window.Where(j => j > 0).Select(j => v[j])), v[0]), row[(int)DenseFeature.SemanticWindowTitleSimilarity], 4);
            Assert.Equal(Cosine(Sum(window.Select(j => v[j])), Sum(Enumerable.Range(0, n).Except(window).Select(j => v[j]))), row[(int)DenseFeature.SemanticWindowRestSimilarity], 4);
            float level = Enumerable.Range(1, n - 1).Where(j => j != i).Average(j => Cosine(v[j], v[0]));
            Assert.Equal(Math.Min(Cosine(v[i], v[0]) / level, 4), row[(int)DenseFeature.RelativeSemanticTitleSimilarity], 3);
            Assert.Equal(v[i], row[DenseFeatures.Count..].ToArray(), new FloatTolerance(1e-6f));
        }
    }

    [Fact]
    public void The_inserted_run_sits_far_from_the_title_and_the_host_close()
    {
        var (paragraphs, embedder) = Spliced();
        var featurizer = new DocumentFeaturizer(Space, embedder);
        featurizer.Load(paragraphs);
        float Signal(int i, DenseFeature f) => featurizer.Dense(i)[(int)f];
        float hostLowest = Enumerable.Range(1, 4).Min(i => Signal(i, DenseFeature.SemanticTitleSimilarity));
        float insertedHighest = Enumerable.Range(5, 4).Max(i => Signal(i, DenseFeature.SemanticTitleSimilarity));
        Assert.True(hostLowest > insertedHighest + 0.3f, $"host {hostLowest}, insertion {insertedHighest}");
        Assert.True(Signal(7, DenseFeature.SemanticWindowTitleSimilarity) < Signal(2, DenseFeature.SemanticWindowTitleSimilarity));
    }

    [Fact]
    public void A_space_with_an_embedding_needs_the_embedder_it_was_trained_on()
    {
        var (_, embedder) = Spliced();
        Assert.Contains("none were given", Assert.Throws<ArgumentException>(() => new DocumentFeaturizer(Space)).Message);
        var other = Space with { Embedding = new EmbeddingSpace("minilm", false, Dimensions) };
        Assert.Contains("not test", Assert.Throws<ArgumentException>(() => new DocumentFeaturizer(other, embedder)).Message);
        // Without an embedding in the space the embedder is not used and the semantic signals stay zero.
        var plain = new DocumentFeaturizer(TestModels.SmallSpace, embedder);
        plain.Load(["paragraph 0", "paragraph 1"]);
        Assert.Equal(DenseFeatures.Count, plain.Dense(1).Length);
        Assert.Equal(0f, plain.Dense(1)[(int)DenseFeature.SemanticTitleSimilarity]);
    }

    [Fact]
    public void A_single_paragraph_is_its_own_context()
    {
        var (paragraphs, embedder) = Spliced();
        var featurizer = new DocumentFeaturizer(Space, embedder);
        featurizer.Load([paragraphs[3]]);
        Assert.Equal(1f, featurizer.Dense(0)[(int)DenseFeature.SemanticRestSimilarity]);
        Assert.Equal(1f, featurizer.Dense(0)[(int)DenseFeature.RelativeSemanticTitleSimilarity]);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
