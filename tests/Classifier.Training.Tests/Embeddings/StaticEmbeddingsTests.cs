using Classifier.Core.Features;
using Classifier.Training.Data;
using Classifier.Training.Embeddings;

namespace Classifier.Training.Tests.Embeddings;

/// <summary>MiniLM distilled once, SIF weights counted over the project's paragraphs.</summary>
public sealed class DistilledMiniLm
{
    internal StaticEmbeddings Embeddings { get; } = StaticEmbeddingDistiller.Distil("minilm",
        DataPaths.Expand([RepoPaths.Articles], "articles").SelectMany(f => LabelsCsvReader.Read(f)).SelectMany(d => d.Texts), dimensions: 64);
}

public sealed class StaticEmbeddingsTests(DistilledMiniLm distilled) : IClassFixture<DistilledMiniLm>
{
    private float[] Embed(string text)
    {
        var vector = new float[distilled.Embeddings.Dimensions];
        distilled.Embeddings.Embed(text, new int[512], vector);
        return vector;
    }

    private static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    [Fact]
    public void Paragraphs_on_one_subject_sit_closer_than_paragraphs_on_another()
    {
        var budget = Embed("The city council approved next year's budget after a long debate about school funding.");
        var taxes = Embed("Councillors voted to raise local taxes to pay for new schools and road repairs.");
        var football = Embed("The striker scored twice in the second half as the home side won the cup final.");
        var seo = Embed("Install an SEO plugin, choose your focus keyword and write a meta description for every post.");
        Assert.True(Cosine(budget, taxes) > Cosine(budget, football) + 0.1, $"{Cosine(budget, taxes)} vs {Cosine(budget, football)}");
        Assert.True(Cosine(budget, taxes) > Cosine(budget, seo) + 0.1, $"{Cosine(budget, taxes)} vs {Cosine(budget, seo)}");
        Assert.Equal(1f, Cosine(budget, budget), 3);
    }

    [Fact]
    public void A_text_without_pieces_is_the_zero_vector_and_embedding_allocates_nothing()
    {
        Assert.All(Embed("   \t "), x => Assert.Equal(0f, x));
        var ids = new int[512];
        var vector = new float[distilled.Embeddings.Dimensions];
        distilled.Embeddings.Embed("warm up", ids, vector);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            distilled.Embeddings.Embed("The council approved the budget on Tuesday, officials said.", ids, vector);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
