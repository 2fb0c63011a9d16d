using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// Hashed bag-of-n-grams, like ML.NET's FeaturizeText but hashed: word 1..N-grams in one block and
/// character n-grams (across word boundaries, so punctuation such as "tags:" counts) in another,
/// each block scaled to unit L2 norm so long and short paragraphs weigh alike.
/// </summary>
public sealed class NgramFeaturizer(FeatureSpace space)
{
    public FeatureSpace Space { get; } = space;

    /// <summary>Appends the n-gram features of already-normalised text to <paramref name="features"/>.</summary>
    public void Featurize(ReadOnlySpan<char> normalized, SparseFeatures features)
    {
        features.CommitBlock(WriteWordNgrams(normalized, features.ReserveRaw(MaxWordNgrams(normalized.Length))));
        features.CommitBlock(WriteCharNgrams(normalized, features.ReserveRaw(MaxCharNgrams(normalized.Length))));
    }

    private int MaxWordNgrams(int length) => (length / 2 + 1) * Space.MaxWordNgram;

    private int MaxCharNgrams(int length) => length * (Space.MaxCharNgram - Space.MinCharNgram + 1);

    private int WriteWordNgrams(ReadOnlySpan<char> text, Span<int> raw)
    {
        int mask = Space.WordBuckets - 1;
        int count = 0;
        // The last MaxWordNgram-1 word hashes, newest first, for building bigrams and trigrams.
        Span<uint> history = stackalloc uint[Space.MaxWordNgram];
        int seen = 0;
        foreach (var range in new WordTokenizer(text))
        {
            uint word = StableHash.Of(text[range]);
            raw[count++] = (int)(word & mask);
            uint gram = word;
            for (int n = 1; n < Space.MaxWordNgram && n <= seen; n++)
            {
                gram = StableHash.Combine(history[n - 1], gram);
                raw[count++] = (int)(gram & mask);
            }
            for (int n = history.Length - 1; n > 0; n--)
                history[n] = history[n - 1];
            history[0] = word;
            seen++;
        }
        return count;
    }

    private int WriteCharNgrams(ReadOnlySpan<char> text, Span<int> raw)
    {
        int mask = Space.CharBuckets - 1;
        int offset = Space.CharOffset;
        int min = Space.MinCharNgram, max = Space.MaxCharNgram;
        int count = 0;
        for (int start = 0; start + min <= text.Length; start++)
        {
            uint h = StableHash.Seed;
            int end = Math.Min(text.Length, start + max);
            for (int i = start; i < end; i++)
            {
                h = StableHash.Step(h, text[i]);
                if (i - start + 1 >= min)
                    raw[count++] = offset + (int)(StableHash.Finish(h) & mask);
            }
        }
        return count;
    }
}
