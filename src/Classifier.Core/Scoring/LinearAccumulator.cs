using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Classifier.Core.Features;

namespace Classifier.Core.Scoring;

/// <summary>
/// Scores n-grams as they are hashed, without building the sparse vector: the block's weights are
/// summed per occurrence (a bucket seen c times contributes c times its weight, as its count-valued
/// feature would), and the block's L2 norm, sqrt(sum of squared counts), comes from counting the
/// buckets in a small open-addressing table that stays in L1 cache: raising a count from c to c+1
/// adds 2c+1 to the sum. No sort, no allocation.
/// </summary>
internal struct LinearAccumulator(float[] weights, CountTable table) : INgramSink
{
    private Vector128<float> _block;
    private long _sumSquares;

    /// <summary>The accumulated margins of all completed blocks, each divided by its norm.</summary>
    public Vector128<float> Sum { get; private set; }

    public void BeginBlock(int maxCount)
    {
        _block = Vector128<float>.Zero;
        _sumSquares = 0;
        table.Begin(maxCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        _sumSquares += 2 * table.Increment(index) + 1;
        _block += Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(weights), (nuint)index * Categories.Count);
    }

    public void EndBlock()
    {
        table.Clear();
        if (_sumSquares > 0)
            Sum += _block * (float)(1 / Math.Sqrt(_sumSquares));
    }
}

/// <summary>Counts occurrences of bucket indices within one block; reused, cleared slot by slot.</summary>
internal sealed class CountTable
{
    private int[] _keys = new int[1 << 12];   // index + 1; 0 marks an empty slot
    private int[] _counts = new int[1 << 12];
    private int[] _used = new int[1 << 12];
    private int _usedCount;
    private int _shift;
    private int _mask;

    /// <summary>Sizes the table for up to <paramref name="maxCount"/> distinct keys at most half full.</summary>
    public void Begin(int maxCount)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(256, maxCount * 2));
        if (size > _keys.Length)
        {
            _keys = new int[size];
            _counts = new int[size];
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
            int existing = _keys[slot];
            if (existing == key)
                return _counts[slot]++;
            if (existing == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                _used[_usedCount++] = slot;
                return 0;
            }
            slot = (slot + 1) & _mask;
        }
    }

    public void Clear()
    {
        foreach (int slot in _used.AsSpan(0, _usedCount))
            _keys[slot] = 0;
        _usedCount = 0;
    }
}
