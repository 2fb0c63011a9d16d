using Classifier.Core.Features;

namespace Classifier.Core.Tests.Features;

public class NgramFeaturizerTests
{
    private static (int[] Indices, float[] Values) Featurize(string normalized, FeatureSpace? space = null)
    {
        using var features = new SparseFeatures();
        new NgramFeaturizer(space ?? FeatureSpace.Default).Featurize(normalized, features);
        return (features.Indices.ToArray(), features.Values.ToArray());
    }

    /// <summary>Keeps every index a block receives, in arrival order.</summary>
    private struct CollectingSink() : INgramSink
    {
        public List<int> Indices { get; } = [];
        public void BeginBlock(int maxCount) { }
        public void Add(int index) => Indices.Add(index);
        public void Add(System.Runtime.Intrinsics.Vector256<int> indices)
        {
            for (int i = 0; i < System.Runtime.Intrinsics.Vector256<int>.Count; i++)
                Indices.Add(indices[i]);
        }
        public void EndBlock() { }
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(2, 4)]
    [InlineData(1, 8)]
    public void CharacterNgramsHashedEightAtOnceAreTheOnesHashedOneByOne(int min, int max)
    {
        var featurizer = new NgramFeaturizer(FeatureSpace.Default with { MinCharNgram = min, MaxCharNgram = max });
        var random = new Random(min * 10 + max);
        const string alphabet = "abc tags: 0.,!é€\u00e9\ud83d\ude00中";
        for (int length = 0; length < 60; length++)
        {
            string text = new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = new List<int>();
            for (int start = 0; start < length; start++)
                for (int n = min; n <= max && start + n <= length; n++)
                    expected.Add(FeatureSpace.Default.CharOffset + (int)(StableHash.Of(text.AsSpan(start, n)) & (FeatureSpace.Default.CharBuckets - 1)));
            var fast = new CollectingSink();
            featurizer.Featurize(text, [], ref fast);   // no words: only the character block
            var oneByOne = new CollectingSink();
            featurizer.AddCharNgrams(text, 0, ref oneByOne);
            Assert.Equal(expected.Order(), fast.Indices.Order());
            Assert.Equal(expected.Order(), oneByOne.Indices.Order());
        }
    }

    [Fact]
    public void SameTextGivesSameFeaturesAcrossInstances()
    {
        var first = Featurize("subscribe now for exclusive deals");
        var second = Featurize("subscribe now for exclusive deals");
        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Values, second.Values);
    }

    [Fact]
    public void HashIsStableAcrossRunsAndPlatforms()
    {
        // Pinned values: if these change, every shipped model silently breaks.
        Assert.Equal(0xCA3CE5C0u, StableHash.Of("spam")); // as computed by an independent Python FNV-1a + fmix32
        Assert.Equal(StableHash.Of("tags"), StableHash.Of("tags".AsSpan()));
    }

    [Fact]
    public void IndicesAreSortedDistinctAndInTheirBlocks()
    {
        var space = FeatureSpace.Default;
        var (indices, _) = Featurize("the the the cat sat on the mat, tags: news", space);
        Assert.True(indices.SequenceEqual(indices.Distinct().Order()));
        Assert.All(indices, i => Assert.InRange(i, 0, space.DenseOffset - 1));
        Assert.Contains(indices, i => i < space.CharOffset);
        Assert.Contains(indices, i => i >= space.CharOffset);
    }

    [Fact]
    public void EachBlockHasUnitNorm()
    {
        var space = FeatureSpace.Default;
        var (indices, values) = Featurize("click here to buy cheap pills today, click here", space);
        double word = 0, chars = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < space.CharOffset) word += values[i] * values[i];
            else chars += values[i] * values[i];
        }
        Assert.Equal(1.0, word, 4);
        Assert.Equal(1.0, chars, 4);
    }

    [Fact]
    public void RepeatedWordsWeighMore()
    {
        var space = FeatureSpace.Default;
        var (indices, values) = Featurize("buy buy buy now", space);
        int buy = (int)(StableHash.Of("buy") & (space.WordBuckets - 1));
        int now = (int)(StableHash.Of("now") & (space.WordBuckets - 1));
        Assert.Equal(3 * values[Array.IndexOf(indices, now)], values[Array.IndexOf(indices, buy)], 4);
    }

    [Fact]
    public void EmptyTextHasNoFeatures() => Assert.Empty(Featurize("").Indices);
}
