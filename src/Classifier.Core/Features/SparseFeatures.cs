using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Features;

/// <summary>
/// A reusable sparse vector: sorted, distinct indices with their values, in pooled arrays that grow
/// as needed and are reused paragraph after paragraph, so featurizing allocates nothing once warm.
/// </summary>
internal sealed class SparseFeatures : IDisposable
{
    private int[] _indices = ArrayPool<int>.Shared.Rent(1024);
    private float[] _values = ArrayPool<float>.Shared.Rent(1024);

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Collects a block's raw indices after the current end, then sorts and counts them.</summary>
    internal struct Sink(SparseFeatures features) : INgramSink
    {
        private int _raw;

        public void BeginBlock(int maxCount)
        {
            features.EnsureCapacity(features.Count + maxCount);
            _raw = 0;
        }

        public void Add(int index) => features._indices[features.Count + _raw++] = index;

        public void Add(Vector256<int> indices)
        {
            indices.CopyTo(features._indices.AsSpan(features.Count + _raw));
            _raw += Vector256<int>.Count;
        }

        public void EndBlock() => features.CommitBlock(_raw);
    }

    /// <summary>
    /// Turns <paramref name="rawCount"/> raw indices written after the current end into distinct
    /// sorted entries valued by count, scaled to unit L2 norm within the block.
    /// </summary>
    internal void CommitBlock(int rawCount)
    {
        if (rawCount == 0)
            return;
        var raw = _indices.AsSpan(Count, rawCount);
        raw.Sort();
        int write = Count;
        double sumSquares = 0;
        for (int read = 0; read < raw.Length;)
        {
            int index = raw[read];
            int run = 1;
            while (read + run < raw.Length && raw[read + run] == index)
                run++;
            _indices[write] = index;
            _values[write] = run;
            sumSquares += (double)run * run;
            write++;
            read += run;
        }
        float scale = (float)(1.0 / Math.Sqrt(sumSquares));
        TensorPrimitives.Multiply(_values.AsSpan(Count, write - Count), scale, _values.AsSpan(Count, write - Count));
        Count = write;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_indices);
        ArrayPool<float>.Shared.Return(_values);
        _indices = [];
        _values = [];
        Count = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _indices.Length)
            return;
        int size = Math.Max(needed, _indices.Length * 2);
        Grow(ref _indices, size, Count);
        Grow(ref _values, size, Count);
    }

    private static void Grow<T>(ref T[] array, int size, int keep)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, keep).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }
}
