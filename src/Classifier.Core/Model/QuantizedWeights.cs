using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Model;

/// <summary>
/// The hashed n-gram weights as scoring reads them: one signed byte per category, so a bucket's four
/// categories fit in 4 bytes instead of 16 and the 2^19-bucket table takes 2 MB instead of 8, which keeps
/// far more of the random reads in cache. Each category has one scale, its largest |weight| / 127; the
/// rounding error (at most half a step, about 0.02 in the shipped model against a median |weight| of 0.6)
/// is averaged down further by the block's L2 norm. Sums are taken in integers and scaled once per block.
/// The float weights in <see cref="ClassifierModel.Weights"/> stay the trained truth saved in the file.
/// </summary>
internal sealed class QuantizedWeights : NgramWeights
{
    private const float Levels = 127f;
    private readonly sbyte[] _values;   // [bucket][category]

    /// <summary>Per category: the weight one integer step stands for.</summary>
    public Vector128<float> Scale { get; }

    public override int Buckets => _values.Length / Categories.Count;

    /// <summary>Quantises the first <paramref name="buckets"/> lanes of weights laid out <c>[feature][category]</c>.</summary>
    public QuantizedWeights(ReadOnlySpan<float> weights, int buckets)
    {
        var largest = Vector128<float>.Zero;
        for (int b = 0; b < buckets; b++)
            largest = Vector128.Max(largest, Vector128.Abs(Vector128.Create(weights.Slice(b * Categories.Count, Categories.Count))));
        // An all-zero category keeps a step of 1: its bytes are 0 either way.
        var scale = Vector128.ConditionalSelect(Vector128.Equals(largest, Vector128<float>.Zero), Vector128<float>.One, largest / Levels);
        _values = new sbyte[buckets * Categories.Count];
        for (int i = 0; i < _values.Length; i++)
            _values[i] = (sbyte)Math.Clamp(MathF.Round(weights[i] / scale[i % Categories.Count]), -Levels, Levels);
        Scale = scale;
    }

    /// <summary>A bucket's four categories in integer steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Steps(int bucket)
    {
        // Callers pass bucket indices below Buckets: the hashing masks them into range.
        uint packed = Unsafe.ReadUnaligned<uint>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), bucket * Categories.Count)));
        return Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(packed).AsSByte()));
    }

    public override Vector128<float> Weight(int bucket) => Vector128.ConvertToSingle(Steps(bucket)) * Scale;

    /// <summary>Gathered in a loop of its own, over independent loads into four integer accumulators, so the CPU
    /// overlaps the cache misses of the random reads; scaled once at the end.</summary>
    internal override Vector128<float> Sum(ReadOnlySpan<int> buckets)
    {
        var sum0 = Vector128<int>.Zero;
        var sum1 = Vector128<int>.Zero;
        var sum2 = Vector128<int>.Zero;
        var sum3 = Vector128<int>.Zero;
        int i = 0;
        for (; i + 4 <= buckets.Length; i += 4)
        {
            sum0 += Steps(buckets[i]);
            sum1 += Steps(buckets[i + 1]);
            sum2 += Steps(buckets[i + 2]);
            sum3 += Steps(buckets[i + 3]);
        }
        for (; i < buckets.Length; i++)
            sum0 += Steps(buckets[i]);
        // At most 100,000 characters x 3 n-grams x 127 steps: the integer sums cannot overflow.
        return Vector128.ConvertToSingle(sum0 + sum1 + sum2 + sum3) * Scale;
    }
}
