using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Scoring;

/// <summary>
/// Per-thread scratch for <see cref="LinearAccumulator"/>: the current block's raw indices, and an open-addressed
/// table that counts them, sized to the block (at most half full), not to the bucket space. A paragraph's few hundred
/// n-grams then touch a few KB that stay in L1, and clearing them is a few hundred bytes of vector stores, where a
/// counter per bucket (512 KB for 2^19 buckets) cost a cache miss per n-gram (callgrind's cache simulation: 350 L1
/// misses a block paragraph against 45) and a second pass to zero them. A slot is <c>(index + 1) &lt;&lt; countBits | count</c>,
/// 0 when empty; an empty slot's count is 0, so finding the index and finding room for it are one step, and the only
/// branch is the probe loop's, which a half-empty table mostly leaves at once. A count that would carry into the key
/// sends its block to an exact sort.
/// </summary>
internal sealed class BucketCounts
{
    private readonly int _countBits;
    private uint[] _slots = new uint[1 << 10];

    /// <param name="buckets">How many buckets the indices range over (the hashed blocks' total).</param>
    public BucketCounts(int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        // The key, index + 1 (up to buckets), takes the high bits; the rest count (12 bits for 2^19 buckets).
        _countBits = BitOperations.LeadingZeroCount((uint)buckets);
        if (_countBits < 4)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "Too many buckets to count in 32-bit slots.");
    }

    /// <summary>The current block's raw indices, buffered by <see cref="LinearAccumulator"/>.</summary>
    public int[] Pending { get; private set; } = new int[1 << 12];

    public void Reserve(int maxCount)
    {
        if (Pending.Length < maxCount)
            Pending = new int[Math.Max(maxCount, Pending.Length * 2)];
    }

    /// <summary>The sum of squared occurrence counts of <paramref name="indices"/>, each below the bucket count.
    /// May reorder <paramref name="indices"/>.</summary>
    public long SumOfSquaredCounts(Span<int> indices)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * indices.Length));
        if (_slots.Length < size)
            _slots = new uint[size];
        uint mask = (uint)size - 1, countMask = (1u << _countBits) - 1;
        int countBits = _countBits;
        ref uint slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        long sumSquares = 0;
        uint carried = 0;
        foreach (int index in indices)
        {
            uint key = (uint)(index + 1) << countBits;
            // The indices are hashes already: their low bits spread them over the table.
            uint at = (uint)index & mask, slot;
            while ((slot = Unsafe.Add(ref slots, at)) != 0 && (slot & ~countMask) != key)
                at = (at + 1) & mask;
            uint count = slot & countMask;
            sumSquares += 2 * count + 1;
            Unsafe.Add(ref slots, at) = key + count + 1;
            carried |= count + 1;   // 1 << countBits once a count has no room left: the slot now holds another key
        }
        Clear(ref slots, size);
        // Only a block repeating one n-gram thousands of times gets here, so the sort costs nothing in practice.
        return carried <= countMask ? sumSquares : SumOfSquaredRuns(indices);
    }

    /// <summary>Zeroes the first <paramref name="size"/> slots (a multiple of 8) with 32-byte stores. Not <c>Span.Clear</c>:
    /// from 2 KB that is libc's <c>rep stosb</c>, as fast on the CPU but counted byte by byte by callgrind, whose
    /// instruction counts are how this code is measured (docs/performance.md).</summary>
    private static void Clear(ref uint slots, int size)
    {
        for (int at = 0; at < size; at += Vector256<uint>.Count)
            Vector256<uint>.Zero.StoreUnsafe(ref slots, (nuint)at);
    }

    private static long SumOfSquaredRuns(Span<int> indices)
    {
        indices.Sort();
        long sumSquares = 0;
        for (int start = 0, end; start < indices.Length; start = end)
        {
            for (end = start + 1; end < indices.Length && indices[end] == indices[start]; end++) { }
            sumSquares += (long)(end - start) * (end - start);
        }
        return sumSquares;
    }
}
