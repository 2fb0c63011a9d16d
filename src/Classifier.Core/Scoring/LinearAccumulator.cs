using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Classifier.Core.Features;

namespace Classifier.Core.Scoring;

/// <summary>
/// Scores n-grams as they are hashed, without building the sparse vector: a block's bucket indices are
/// buffered, then its weights are summed per occurrence (a bucket seen c times contributes c times its
/// weight, as its count-valued feature would) and its L2 norm, sqrt(sum of squared counts), comes from
/// counting the buckets in a small open-addressing table that stays in L1 cache: raising a count from c
/// to c+1 adds 2c+1 to the sum. Gathering the weights in a loop of its own, over independent loads into
/// four accumulators, lets the CPU overlap the cache misses of the random weight reads; interleaved
/// with hashing it measured 2.3 times slower. No sort, no allocation.
/// </summary>
internal struct LinearAccumulator(float[] weights, CountTable table) : INgramSink
{
    private int _pending;

    /// <summary>The accumulated margins of all completed blocks, each divided by its norm.</summary>
    public Vector128<float> Sum { get; private set; }

    public void BeginBlock(int maxCount)
    {
        table.Begin(maxCount);
        _pending = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index) => table.Pending[_pending++] = index;

    public void EndBlock()
    {
        var indices = table.Pending.AsSpan(0, _pending);
        if (indices.IsEmpty)
            return;
        ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
        var sum0 = Vector128<float>.Zero;
        var sum1 = Vector128<float>.Zero;
        var sum2 = Vector128<float>.Zero;
        var sum3 = Vector128<float>.Zero;
        int i = 0;
        for (; i + 4 <= indices.Length; i += 4)
        {
            sum0 += Vector128.LoadUnsafe(ref w, (nuint)indices[i] * Categories.Count);
            sum1 += Vector128.LoadUnsafe(ref w, (nuint)indices[i + 1] * Categories.Count);
            sum2 += Vector128.LoadUnsafe(ref w, (nuint)indices[i + 2] * Categories.Count);
            sum3 += Vector128.LoadUnsafe(ref w, (nuint)indices[i + 3] * Categories.Count);
        }
        for (; i < indices.Length; i++)
            sum0 += Vector128.LoadUnsafe(ref w, (nuint)indices[i] * Categories.Count);

        long sumSquares = 0;
        foreach (int index in indices)
            sumSquares += 2 * table.Increment(index) + 1;
        table.Clear();
        Sum += (sum0 + sum1 + sum2 + sum3) * (float)(1 / Math.Sqrt(sumSquares));
    }
}

/// <summary>Counts occurrences of bucket indices within one block; reused, cleared slot by slot.</summary>
internal sealed class CountTable
{
    /// <summary>Key and count side by side: one cache line per probe.</summary>
    private struct Slot
    {
        public int Key;   // index + 1; 0 marks an empty slot
        public int Count;
    }

    private Slot[] _slots = new Slot[1 << 12];
    private int[] _used = new int[1 << 12];

    /// <summary>The current block's raw indices, buffered by <see cref="LinearAccumulator"/>.</summary>
    public int[] Pending { get; private set; } = new int[1 << 12];
    private int _usedCount;
    private int _shift;
    private int _mask;

    /// <summary>Sizes the table for up to <paramref name="maxCount"/> distinct keys at most half full.</summary>
    public void Begin(int maxCount)
    {
        if (Pending.Length < maxCount)
            Pending = new int[Math.Max(maxCount, Pending.Length * 2)];
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(256, maxCount * 2));
        if (size > _slots.Length)
        {
            _slots = new Slot[size];
            _used = new int[size];
        }
        _mask = size - 1;
        _shift = 32 - BitOperations.Log2((uint)size);
        _usedCount = 0;
    }

    /// <summary>Counts one more occurrence of <paramref name="index"/>; returns the count before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Increment(int index)
    {
        int key = index + 1;
        int slot = (int)(((uint)key * 0x9E3779B1u) >> _shift);
        while (true)
        {
            ref var entry = ref _slots[slot];
            if (entry.Key == key)
                return entry.Count++;
            if (entry.Key == 0)
            {
                entry.Key = key;
                entry.Count = 1;
                _used[_usedCount++] = slot;
                return 0;
            }
            slot = (slot + 1) & _mask;
        }
    }

    public void Clear()
    {
        foreach (int slot in _used.AsSpan(0, _usedCount))
            _slots[slot].Key = 0;
        _usedCount = 0;
    }
}
