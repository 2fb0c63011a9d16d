using System.Numerics.Tensors;
using Classifier.Core.Features;

namespace Classifier.Core.Tests.Features;

public sealed class TopicSegmenterTests
{
    private const int Dimensions = 6;
    private static readonly FeatureSpace Space = TestModels.SmallSpace with { Embedding = new EmbeddingSpace("test", false, Dimensions) };

    /// <summary>A document whose paragraph i lies near axis <paramref name="axis"/>(i), with a little seeded noise.</summary>
    private static (string[] Paragraphs, LookupEmbedder Embedder) Document(int paragraphs, Func<int, int> axis, int seed = 7)
    {
        var random = new Random(seed);
        var vectors = new Dictionary<string, float[]>();
        var texts = new string[paragraphs];
        for (int i = 0; i < paragraphs; i++)
        {
            texts[i] = $"paragraph {i}";
            var v = new float[Dimensions];
            for (int d = 0; d < Dimensions; d++) v[d] = (float)random.NextDouble() * 0.3f;
            v[axis(i)] += 1;
            vectors[texts[i]] = v;
        }
        return (texts, new LookupEmbedder(vectors));
    }

    private static DocumentFeaturizer Load((string[] Paragraphs, LookupEmbedder Embedder) document)
    {
        var featurizer = new DocumentFeaturizer(Space, document.Embedder);
        featurizer.Load(document.Paragraphs);
        return featurizer;
    }

    private static (int Start, int Length)[] Segments(DocumentFeaturizer featurizer)
    {
        var segments = new List<(int, int)>();
        for (int i = 0; i < featurizer.Count; i = featurizer.Segment(i)!.Value.End)
            segments.Add((featurizer.Segment(i)!.Value.Start, featurizer.Segment(i)!.Value.Length));
        return [.. segments];
    }

    [Theory]
    [InlineData(12, 20, 32)]   // appended at the end, longer than its host: the SEO guide after the war report
    [InlineData(6, 16, 22)]    // pasted into the middle
    [InlineData(1, 11, 21)]    // right after the title
    public void An_insertion_of_any_length_is_one_segment_unlike_the_title(int start, int end, int paragraphs)
    {
        var featurizer = Load(Document(paragraphs, i => i >= start && i < end ? 3 : 0));
        var expected = new List<(int, int)> { (0, 1) };
        if (start > 1) expected.Add((1, start - 1));
        expected.Add((start, end - start));
        if (end < paragraphs) expected.Add((end, paragraphs - end));
        Assert.Equal(expected, Segments(featurizer));

        var inserted = featurizer.Dense(start).ToArray();
        var host = featurizer.Dense(start == 1 ? end : 1).ToArray();
        Assert.True(inserted[(int)DenseFeature.SegmentTitleSimilarity] < 0.5f, $"inserted segment's title similarity {inserted[(int)DenseFeature.SegmentTitleSimilarity]}");
        Assert.True(host[(int)DenseFeature.SegmentTitleSimilarity] > 0.8f, $"host segment's title similarity {host[(int)DenseFeature.SegmentTitleSimilarity]}");
        Assert.True(inserted[(int)DenseFeature.SegmentTitleGap] > 0.4f);
        Assert.True(host[(int)DenseFeature.SegmentTitleGap] < 0.05f);   // the host's other segment may be a little more title-like
        Assert.Equal((end - start) / (float)(paragraphs - 1), inserted[(int)DenseFeature.SegmentShare], 5);
        Assert.True(inserted[(int)DenseFeature.SegmentBoundaryBefore] > 0.5f || start == 1);
        // Every paragraph of a segment carries the same segment signals.
        for (int i = start; i < end; i++)
            for (var f = DenseFeature.SegmentTitleSimilarity; f <= DenseFeature.SegmentBoundaryAfter; f++)
                Assert.Equal(inserted[(int)f], featurizer.Dense(i)[(int)f]);
    }

    [Fact]
    public void Segment_signals_match_a_direct_computation()
    {
        var featurizer = Load(Document(20, i => i >= 12 ? 3 : 0));
        var flat = new float[20 * Dimensions];
        Document(20, i => i >= 12 ? 3 : 0).Embedder.Embed(Document(20, i => i >= 12 ? 3 : 0).Paragraphs, flat, Dimensions);
        float[] Sum(int from, int to)
        {
            var sum = new float[Dimensions];
            for (int i = from; i < to; i++) TensorPrimitives.Add(sum, flat.AsSpan(i * Dimensions, Dimensions), sum);
            return sum;
        }
        var title = Sum(0, 1);
        var row = featurizer.Dense(15);
        Assert.Equal(TensorPrimitives.CosineSimilarity(Sum(12, 20), title), row[(int)DenseFeature.SegmentTitleSimilarity], 4);
        // The lead segment holds the first paragraph of prose (here none is: paragraph 1), and is 1 against itself.
        Assert.Equal(TensorPrimitives.CosineSimilarity(Sum(12, 20), Sum(1, 12)), row[(int)DenseFeature.SegmentLeadSimilarity], 4);
        Assert.Equal(1, featurizer.Dense(5)[(int)DenseFeature.SegmentLeadSimilarity]);
        Assert.Equal(TensorPrimitives.CosineSimilarity(Sum(1, 12), title) - TensorPrimitives.CosineSimilarity(Sum(12, 20), title),
            row[(int)DenseFeature.SegmentTitleGap], 4);
        Assert.Equal(MathF.Log(9), row[(int)DenseFeature.LogSegmentLength], 4);
        // An insertion right after the title holds the lead: the title tells it from its host, by the title gap.
        var after = Load(Document(20, i => i is >= 1 and < 10 ? 3 : 0));
        Assert.Equal(1, after.Dense(4)[(int)DenseFeature.SegmentLeadSimilarity]);
        Assert.True(after.Dense(4)[(int)DenseFeature.SegmentTitleGap] > 0.4f);
        Assert.True(after.Dense(15)[(int)DenseFeature.SegmentTitleGap] < 0.05f);
    }

    [Fact]
    public void The_lead_segment_holds_the_first_paragraph_of_prose_not_the_first_paragraphs()
    {
        // A scraped page: a title-like first block, three short navigation blocks, then the article's prose.
        var document = Document(16, i => i is >= 1 and < 4 ? 3 : 0);
        string[] texts = [.. document.Paragraphs.Select((p, i) => i >= 4 ? p + " " + string.Join(' ', Enumerable.Repeat("word", 12)) : p)];
        var vectors = Enumerable.Range(0, 16).ToDictionary(i => texts[i], i =>
        {
            var flat = new float[16 * Dimensions];
            document.Embedder.Embed(document.Paragraphs, flat, Dimensions);
            return flat.AsSpan(i * Dimensions, Dimensions).ToArray();
        });
        var featurizer = Load((texts, new LookupEmbedder(vectors)));
        Assert.Equal(1, featurizer.Dense(8)[(int)DenseFeature.SegmentLeadSimilarity]);
        Assert.True(featurizer.Dense(2)[(int)DenseFeature.SegmentLeadSimilarity] < 0.5f);
    }

    [Fact]
    public void A_document_on_one_topic_is_one_segment_after_its_title()
    {
        var featurizer = Load(Document(30, _ => 0));
        Assert.Equal([(0, 1), (1, 29)], Segments(featurizer));
        Assert.Equal(0, featurizer.Dense(10)[(int)DenseFeature.SegmentBoundaryBefore]);
        Assert.Equal(0, featurizer.Dense(10)[(int)DenseFeature.SegmentBoundaryAfter]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Short_documents_segment_without_gaps_to_compare(int paragraphs)
    {
        var featurizer = Load(Document(paragraphs, i => i % 2 == 0 ? 0 : 3));
        var segments = Segments(featurizer);
        Assert.Equal(paragraphs, segments.Sum(s => s.Length));
        Assert.Equal((0, 1), segments[0]);
    }

    [Fact]
    public void A_space_without_an_embedding_has_no_segments()
    {
        var featurizer = new DocumentFeaturizer(TestModels.SmallSpace);
        featurizer.Load(["A title", "A paragraph of text."]);
        Assert.Null(featurizer.Segment(1));
        Assert.Equal(0, featurizer.Dense(1)[(int)DenseFeature.SegmentTitleSimilarity]);
    }
}
