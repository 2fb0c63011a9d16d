using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Features;

/// <summary>
/// Hashed bag-of-n-grams, like ML.NET's FeaturizeText but hashed: word 1..N-grams in one block and
/// character n-grams (across word boundaries, so punctuation such as "tags:" counts) in another,
/// each block scaled to unit L2 norm so long and short paragraphs weigh alike.
/// </summary>
internal sealed class NgramFeaturizer(FeatureSpace space)
{
    public FeatureSpace Space { get; } = space;

    /// <summary>Appends the n-gram features of normalised text, hashing its words first.</summary>
    public void Featurize(ReadOnlySpan<char> normalized, SparseFeatures features)
    {
        var hashes = System.Buffers.ArrayPool<uint>.Shared.Rent(normalized.Length / 2 + 1);
        int count = 0;
        foreach (var range in new Text.WordTokenizer(normalized))
            hashes[count++] = StableHash.Of(normalized[range]);
        Featurize(normalized, hashes.AsSpan(0, count), features);
        System.Buffers.ArrayPool<uint>.Shared.Return(hashes);
    }

    /// <summary>Appends the n-gram features of normalised text, whose words hash to <paramref name="wordHashes"/>.</summary>
    public void Featurize(ReadOnlySpan<char> normalized, ReadOnlySpan<uint> wordHashes, SparseFeatures features)
    {
        var sink = new SparseFeatures.Sink(features);
        Featurize(normalized, wordHashes, ref sink);
    }

    internal void Featurize<TSink>(ReadOnlySpan<char> normalized, ReadOnlySpan<uint> wordHashes, ref TSink sink)
        where TSink : struct, INgramSink
    {
        sink.BeginBlock(wordHashes.Length * Space.MaxWordNgram);
        AddWordNgrams(wordHashes, ref sink);
        sink.EndBlock();
        sink.BeginBlock(normalized.Length * (Space.MaxCharNgram - Space.MinCharNgram + 1));
        AddCharNgrams(normalized, ref sink);
        sink.EndBlock();
    }

    private void AddWordNgrams<TSink>(ReadOnlySpan<uint> words, ref TSink sink) where TSink : struct, INgramSink
    {
        int mask = Space.WordBuckets - 1;
        for (int i = 0; i < words.Length; i++)
        {
            uint gram = words[i];
            sink.Add((int)(gram & mask));
            // Longer n-grams ending at word i: fold in the previous words one by one.
            for (int n = 1; n < Space.MaxWordNgram && i - n >= 0; n++)
            {
                gram = StableHash.Combine(words[i - n], gram);
                sink.Add((int)(gram & mask));
            }
        }
    }

    private void AddCharNgrams<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, INgramSink
    {
        int start = Vector256.IsHardwareAccelerated ? AddCharNgramsEightAtOnce(text, ref sink) : 0;
        AddCharNgrams(text, start, ref sink);
    }

    /// <summary>The character n-grams starting at <paramref name="from"/> or later, one start position at a time.</summary>
    internal void AddCharNgrams<TSink>(ReadOnlySpan<char> text, int from, ref TSink sink) where TSink : struct, INgramSink
    {
        int mask = Space.CharBuckets - 1;
        int offset = Space.CharOffset;
        int min = Space.MinCharNgram, max = Space.MaxCharNgram;
        for (int start = from; start + min <= text.Length; start++)
        {
            // Extend one FNV state from the start position: each n-gram length costs one step and one finish.
            uint h = StableHash.Seed;
            int end = Math.Min(text.Length, start + max);
            for (int i = start; i < end; i++)
            {
                h = StableHash.Step(h, text[i]);
                if (i - start + 1 >= min)
                    sink.Add(offset + (int)(StableHash.Finish(h) & mask));
            }
        }
    }

    /// <summary>
    /// The same hashes for eight start positions at a time, one per lane, while all n-gram lengths fit in the
    /// text; the lanes' indices go to the sink in another order than one by one, which a block allows.
    /// Returns the first start position left to the scalar loop.
    /// </summary>
    private int AddCharNgramsEightAtOnce<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, INgramSink
    {
        const int Lanes = 8;
        int min = Space.MinCharNgram, max = Space.MaxCharNgram;
        var mask = Vector256.Create((uint)Space.CharBuckets - 1);
        var offset = Vector256.Create(Space.CharOffset);
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        int start = 0;
        // Lane j reads text[start + j + k] for k < max: the last lane's last read is text[start + 7 + max - 1].
        for (; start + Lanes + max - 1 <= text.Length; start += Lanes)
        {
            var h = Vector256.Create(StableHash.Seed);
            for (int k = 0; k < max; k++)
            {
                var c = Vector128.LoadUnsafe(ref chars, (nuint)(start + k));
                h = StableHash.Step(h, Vector256.Create(Vector128.WidenLower(c), Vector128.WidenUpper(c)));
                if (k + 1 >= min)
                    sink.Add((StableHash.Finish(h) & mask).AsInt32() + offset);
            }
        }
        return start;
    }
}
