using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Model;

/// <summary>How scoring stores the hashed n-gram weights; the file always keeps the trained float weights.</summary>
internal enum NgramPrecision
{
    /// <summary>One signed byte per category (<see cref="QuantizedWeights"/>): the fast default.</summary>
    Int8,
    /// <summary>The trained floats as they are (<see cref="FloatNgramWeights"/>): four times the memory, and scores exactly
    /// as the trainer's own model does, which is what the ML.NET parity tests hold.</summary>
    Float32,
}

/// <summary>The hashed n-gram part of a model's weights as scoring reads them, a bucket's four categories side by side.</summary>
internal abstract class NgramWeights
{
    public abstract int Buckets { get; }

    /// <summary>A bucket's four weights as scoring sees them.</summary>
    public abstract Vector128<float> Weight(int bucket);

    /// <summary>The sum of the weights of <paramref name="buckets"/>, one term per occurrence. Called once per n-gram
    /// block, so the virtual call costs nothing; the loop inside is the hot one.</summary>
    internal abstract Vector128<float> Sum(ReadOnlySpan<int> buckets);

    public static NgramWeights Create(NgramPrecision precision, ReadOnlySpan<float> weights, int buckets) => precision switch
    {
        NgramPrecision.Int8 => new QuantizedWeights(weights, buckets),
        NgramPrecision.Float32 => new FloatNgramWeights(weights, buckets),
        _ => throw new InvalidDataException($"Invalid model: unknown n-gram precision {precision}."),
    };
}

/// <summary>The n-gram weights as trained: a 16-byte lane per bucket.</summary>
internal sealed class FloatNgramWeights(ReadOnlySpan<float> weights, int buckets) : NgramWeights
{
    private readonly float[] _values = weights[..(buckets * Categories.Count)].ToArray();

    public override int Buckets => _values.Length / Categories.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override Vector128<float> Weight(int bucket) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_values), (nuint)bucket * Categories.Count);

    internal override Vector128<float> Sum(ReadOnlySpan<int> buckets)
    {
        var sum = Vector128<float>.Zero;
        foreach (int bucket in buckets)
            sum += Weight(bucket);
        return sum;
    }
}
