using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Features;

/// <summary>
/// Hashing for feature buckets: FNV-1a over UTF-16 code units with a MurmurHash3 finaliser.
/// Defined here rather than taken from <see cref="HashCode"/> because models must hash the same on
/// every platform, process and run.
/// </summary>
internal static class StableHash
{
    public const uint Seed = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>One FNV-1a step: callers hashing a growing prefix (character n-grams) extend it char by char.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint hash, char c) => (hash ^ c) * Prime;

    /// <summary>One FNV-1a step in each lane, for eight hashes at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<uint> Step(Vector256<uint> hash, Vector256<uint> c) => (hash ^ c) * Prime;

    public static uint Of(ReadOnlySpan<char> text)
    {
        uint h = Seed;
        foreach (char c in text)
            h = Step(h, c);
        return Finish(h);
    }

    /// <summary>Hash of an ordered pair (a word bigram from its two word hashes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Combine(uint first, uint second) => Finish(first * 0x9E3779B1u + (second ^ 0x7F4A7C15u));

    /// <summary>MurmurHash3 fmix32: spreads FNV's weak low bits before masking to a bucket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    /// <summary><see cref="Finish(uint)"/> in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<uint> Finish(Vector256<uint> h)
    {
        h ^= Vector256.ShiftRightLogical(h, 16);
        h *= 0x85EBCA6B;
        h ^= Vector256.ShiftRightLogical(h, 13);
        h *= 0xC2B2AE35;
        h ^= Vector256.ShiftRightLogical(h, 16);
        return h;
    }
}
