using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Classifier.Core.Model;

/// <summary>
/// Ensembles over one row laid out for QuickScorer (Lucchese et al., SIGIR 2015): evaluated feature by
/// feature instead of tree by tree. Walking a tree is a chain of dependent loads and unpredictable branches;
/// here every split of every tree sits in one list per feature, sorted by threshold, and a row scans
/// each list only while its value is above the threshold. Such a split sends the row right, so the
/// leaves of its left subtree cannot be the row's leaf: one AND clears them from its tree's bitmask of
/// candidate leaves (numbered left to right). The leftmost candidate left is the leaf the walk would
/// reach, since every leaf left of it hangs under a split that sent the row right. The scan is
/// sequential, its branches are predictable, and each ensemble's leaf values are added in its trees'
/// order, so scores are bit for bit those of <see cref="TreeEnsemble.Predict(ReadOnlySpan{float})"/>. The
/// ensembles of all categories share the lists: one pass over a row's features scores them all.
/// </summary>
internal sealed class QuickScorer
{
    /// <summary>Leaves per tree that fit one 64-bit mask.</summary>
    private const int MaxLeaves = 64;
    /// <summary>Trees whose masks fit on the stack (8 KB).</summary>
    private const int MaxTrees = 1024;

    /// <summary>One split in a feature's list: the leaves it keeps when it sends a row right (all but its left subtree's),
    /// its threshold and its tree, side by side so that the scan reads one array.</summary>
    private readonly record struct Split(ulong Kept, float Threshold, int Tree);

    private readonly int[] _featureStarts;   // feature f's splits are [_featureStarts[f], _featureStarts[f + 1]), the last a sentinel
    private readonly Split[] _splits;
    private readonly int[] _leafStarts;       // per tree: where its leaves, left to right, begin in _leafValues
    private readonly float[] _leafValues;
    private readonly int[] _ensembleEnds;     // ensemble e's trees are [_ensembleEnds[e - 1], _ensembleEnds[e])
    private readonly float[] _baseScores;

    private QuickScorer(int[] featureStarts, Split[] splits, int[] leafStarts, float[] leafValues, int[] ensembleEnds, float[] baseScores)
    {
        _featureStarts = featureStarts;
        _splits = splits;
        _leafStarts = leafStarts;
        _leafValues = leafValues;
        _ensembleEnds = ensembleEnds;
        _baseScores = baseScores;
    }

    /// <summary>The layout of ensembles over rows of the same features, or null when they have over
    /// <see cref="MaxTrees"/> trees or a tree of over <see cref="MaxLeaves"/> leaves (walk those instead).</summary>
    public static QuickScorer? TryBuild(IReadOnlyList<TreeEnsemble> ensembles)
    {
        int featureCount = ensembles.Count == 0 ? 0 : ensembles[0].FeatureCount;
        if (ensembles.Any(e => e.FeatureCount != featureCount))
            throw new ArgumentException("The ensembles read rows of different widths.", nameof(ensembles));
        int treeCount = ensembles.Sum(e => e.TreeCount);
        if (treeCount > MaxTrees)
            return null;
        var splits = new List<(int Feature, float Threshold, int Tree, ulong Kept)>();
        var leafStarts = new int[treeCount];
        var ensembleEnds = new int[ensembles.Count];
        var orderedLeaves = new List<float>();
        var pending = new Stack<int>();
        var open = new Stack<(int Node, int FirstLeaf)>();
        int tree = 0;
        for (int e = 0; e < ensembles.Count; e++)
        {
            if (!TryAdd(ensembles[e], ref tree, splits, leafStarts, orderedLeaves, pending, open))
                return null;
            ensembleEnds[e] = tree;
        }
        // Each feature's list ends in a sentinel above every value (+inf, which no value exceeds, nor does NaN): the scans
        // stop on its threshold alone, with no bounds compare per split. Applied, it would keep every leaf of tree 0.
        var byFeature = splits.ToLookup(s => s.Feature);
        var ordered = new List<Split>(splits.Count + featureCount);
        var featureStarts = new int[featureCount + 1];
        for (int f = 0; f < featureCount; f++)
        {
            ordered.AddRange(byFeature[f].OrderBy(s => s.Threshold).Select(s => new Split(s.Kept, s.Threshold, s.Tree)));
            ordered.Add(new Split(ulong.MaxValue, float.PositiveInfinity, 0));
            featureStarts[f + 1] = ordered.Count;
        }
        return new QuickScorer(featureStarts, [.. ordered], leafStarts, [.. orderedLeaves],
            ensembleEnds, [.. ensembles.Select(e => e.BaseScore)]);
    }

    /// <summary>Numbers the leaves of each tree of <paramref name="ensemble"/> and adds its splits; false if a tree has too many leaves.</summary>
    private static bool TryAdd(TreeEnsemble ensemble, ref int tree, List<(int Feature, float Threshold, int Tree, ulong Kept)> splits,
        int[] leafStarts, List<float> orderedLeaves, Stack<int> pending, Stack<(int Node, int FirstLeaf)> open)
    {
        var nodes = ensemble.Nodes;
        var leafValues = ensemble.LeafValues;
        foreach (int root in ensemble.Roots)
        {
            leafStarts[tree] = orderedLeaves.Count;
            // Depth first, left before right: leaves get their numbers left to right, and a split's left
            // subtree holds the leaves numbered from when it is reached until its right child is.
            pending.Push(root);
            while (pending.Count > 0)
            {
                int at = pending.Pop();
                if (at == int.MinValue)
                {
                    // Marker: the left subtree of the split on top of `open` is done.
                    var (node, first) = open.Pop();
                    int leaves = orderedLeaves.Count - leafStarts[tree];
                    ulong left = (leaves == MaxLeaves ? ulong.MaxValue : (1UL << leaves) - 1) & ~((1UL << first) - 1);
                    splits.Add((nodes[node].Feature, nodes[node].Threshold, tree, ~left));
                    continue;
                }
                if (at < 0)
                {
                    if (orderedLeaves.Count - leafStarts[tree] == MaxLeaves)
                        return false;
                    orderedLeaves.Add(leafValues[~at]);
                    continue;
                }
                open.Push((at, orderedLeaves.Count - leafStarts[tree]));
                pending.Push(nodes[at].Right);
                pending.Push(int.MinValue);
                pending.Push(nodes[at].Left);
            }
            tree++;
        }
        return true;
    }

    /// <summary>Each ensemble's score for <paramref name="row"/>: its base score plus one leaf value per tree. Allocates nothing.</summary>
    public void Predict(ReadOnlySpan<float> row, Span<float> scores)
    {
        if (row.Length < _featureStarts.Length - 1)
            throw new ArgumentException($"expected {_featureStarts.Length - 1} features, got {row.Length}", nameof(row));
        if (scores.Length < _baseScores.Length)
            throw new ArgumentException($"room for {scores.Length} scores; there are {_baseScores.Length} ensembles", nameof(scores));
        Span<ulong> candidates = stackalloc ulong[_leafStarts.Length];
        candidates.Fill(ulong.MaxValue);
        ref ulong candidate = ref MemoryMarshal.GetReference(candidates);
        ref Split split = ref MemoryMarshal.GetArrayDataReference(_splits);
        // The indices come from the layout built above: in range by construction.
        for (int f = 0; f + 1 < _featureStarts.Length; f++)
        {
            float value = row[f];
            // NaN is above no threshold: it goes left everywhere, as in the walk. The sentinel ends the scan.
            for (ref Split at = ref Unsafe.Add(ref split, _featureStarts[f]); value > at.Threshold; at = ref Unsafe.Add(ref at, 1))
                Unsafe.Add(ref candidate, at.Tree) &= at.Kept;
        }
        ref int leafStarts = ref MemoryMarshal.GetArrayDataReference(_leafStarts);
        ref float leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        int t = 0;
        for (int e = 0; e < _baseScores.Length; e++)
        {
            float score = _baseScores[e];
            for (int end = _ensembleEnds[e]; t < end; t++)
                score += Leaf(ref Unsafe.Add(ref leafValues, Unsafe.Add(ref leafStarts, t)), Unsafe.Add(ref candidate, t));
            scores[e] = score;
        }
    }

    /// <summary>
    /// The scores of many rows, <paramref name="stride"/> floats apart in <paramref name="rows"/>, into
    /// <paramref name="scores"/> (one run of <see cref="_baseScores"/>.Length scores per row), bit for bit those of
    /// <see cref="Predict(ReadOnlySpan{float}, Span{float})"/> row by row. Several rows share one pass over the split
    /// lists (V-QuickScorer, Lucchese et al. 2016): a tree's masks for four rows sit in one 256-bit vector (eight in a
    /// 512-bit one where AVX-512 runs them), and one compare, widen and AND-NOT per split clears the left leaves of the
    /// rows it sends right. A pass scans a feature's list while any of its rows is above the threshold, so it reads more
    /// splits than one row would, but does a fourth (an eighth) of the work per split read: the trees were the largest
    /// fixed cost of a short paragraph. The splits below every row's value, most of those read, skip the lanes: one
    /// scalar AND on a mask per tree that all lanes share (<see cref="SendAllRight"/>). Allocates nothing.
    /// </summary>
    public void Predict(ReadOnlySpan<float> rows, int stride, Span<float> scores)
    {
        int features = _featureStarts.Length - 1, ensembles = _baseScores.Length;
        if (stride < features)
            throw new ArgumentException($"expected {features} features a row, got a stride of {stride}", nameof(stride));
        int count = rows.Length / stride;
        if (scores.Length < count * ensembles)
            throw new ArgumentException($"room for {scores.Length} scores; {count} rows need {count * ensembles}", nameof(scores));
        // One row (a one-paragraph document) fills no lanes: the scalar scan reads the same splits without the vector masks.
        if (count == 1)
            Predict(rows[..stride], scores[..ensembles]);
        else if (Vector512.IsHardwareAccelerated)
            PredictEightAPass(rows, stride, count, scores);
        else if (Vector256.IsHardwareAccelerated)
            PredictFourAPass(rows, stride, count, scores);
        else
            for (int r = 0; r < count; r++)
                Predict(rows.Slice(r * stride, stride), scores.Slice(r * ensembles, ensembles));
    }

    internal void PredictFourAPass(ReadOnlySpan<float> rows, int stride, int count, Span<float> scores)
    {
        const int Lanes = 4;
        CheckPass(rows, stride, count, scores);
        Span<Vector256<ulong>> candidates = stackalloc Vector256<ulong>[_leafStarts.Length];   // [tree]: a mask per lane (32 KB at most)
        Span<ulong> shared = stackalloc ulong[_leafStarts.Length];   // [tree]: the leaves ruled out in every lane
        ref var candidate = ref MemoryMarshal.GetReference(candidates);
        ref ulong common = ref MemoryMarshal.GetReference(shared);
        Span<int> offsets = stackalloc int[Lanes];
        Span<float> values = stackalloc float[Lanes];
        for (int first = 0; first < count; first += Lanes)
        {
            int lanes = Math.Min(Lanes, count - first);
            candidates.Fill(Vector256<ulong>.AllBitsSet);
            shared.Fill(ulong.MaxValue);
            RowOffsets(first, lanes, stride, offsets);
            for (int f = 0; f + 1 < _featureStarts.Length; f++)
            {
                var (min, max) = Gather(rows, offsets, f, values);
                var value = Vector128.Create<float>(values);
                // The sentinel ends the scan: no value is above it.
                for (ref Split at = ref SendAllRight(f, min, ref common); max > at.Threshold; at = ref Unsafe.Add(ref at, 1))
                {
                    // All ones in the lanes this split sends right; those lose its left subtree's leaves.
                    var right = Vector256.WidenLower(Vector128.GreaterThan(value, Vector128.Create(at.Threshold)).AsInt32().ToVector256Unsafe()).AsUInt64();
                    ref var mask = ref Unsafe.Add(ref candidate, at.Tree);
                    mask = Vector256.AndNot(mask, Vector256.AndNot(right, Vector256.Create(at.Kept)));
                }
            }
            LeavesFour(candidates, shared, first, lanes, scores);
        }
    }

    /// <summary><see cref="PredictFourAPass"/> with 512-bit vectors: eight rows a pass.</summary>
    internal void PredictEightAPass(ReadOnlySpan<float> rows, int stride, int count, Span<float> scores)
    {
        const int Lanes = 8;
        CheckPass(rows, stride, count, scores);
        Span<Vector512<ulong>> candidates = stackalloc Vector512<ulong>[_leafStarts.Length];   // 64 KB at most
        Span<ulong> shared = stackalloc ulong[_leafStarts.Length];
        ref var candidate = ref MemoryMarshal.GetReference(candidates);
        ref ulong common = ref MemoryMarshal.GetReference(shared);
        Span<int> offsets = stackalloc int[Lanes];
        Span<float> values = stackalloc float[Lanes];
        for (int first = 0; first < count; first += Lanes)
        {
            int lanes = Math.Min(Lanes, count - first);
            candidates.Fill(Vector512<ulong>.AllBitsSet);
            shared.Fill(ulong.MaxValue);
            RowOffsets(first, lanes, stride, offsets);
            for (int f = 0; f + 1 < _featureStarts.Length; f++)
            {
                var (min, max) = Gather(rows, offsets, f, values);
                var value = Vector256.Create<float>(values);
                // The sentinel ends the scan: no value is above it.
                for (ref Split at = ref SendAllRight(f, min, ref common); max > at.Threshold; at = ref Unsafe.Add(ref at, 1))
                {
                    var right = Vector512.WidenLower(Vector256.GreaterThan(value, Vector256.Create(at.Threshold)).AsInt32().ToVector512Unsafe()).AsUInt64();
                    ref var mask = ref Unsafe.Add(ref candidate, at.Tree);
                    mask = Vector512.AndNot(mask, Vector512.AndNot(right, Vector512.Create(at.Kept)));
                }
            }
            LeavesEight(candidates, shared, first, lanes, scores);
        }
    }

    private void CheckPass(ReadOnlySpan<float> rows, int stride, int count, Span<float> scores)
    {
        // The passes index the rows and scores without bounds checks: these bounds hold for every index they form.
        if (stride < _featureStarts.Length - 1 || count < 0 || (long)count * stride > rows.Length || (long)count * _baseScores.Length > scores.Length)
            throw new ArgumentException($"{count} rows of stride {stride} ({_featureStarts.Length - 1} features) need {(long)count * stride} values and room for {(long)count * _baseScores.Length} scores");
    }

    /// <summary>
    /// Applies the splits of feature <paramref name="f"/> whose threshold is below <paramref name="min"/>, the least of the
    /// pass's values: they send every row right, so they clear the same leaves in every lane, and one scalar AND on the
    /// tree's <paramref name="common"/> mask does what a compare, widen and AND-NOT across the lanes would. A feature
    /// of the whole document (the document means) has the same value in every row of a pass and never needs the
    /// lanes. Returns the first split left, which the lanes decide.
    /// </summary>
    private ref Split SendAllRight(int f, float min, ref ulong common)
    {
        ref Split at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_splits), _featureStarts[f]);
        for (; min > at.Threshold; at = ref Unsafe.Add(ref at, 1))   // the sentinel stops it
            Unsafe.Add(ref common, at.Tree) &= at.Kept;
        return ref at;
    }

    /// <summary>Where each lane's row starts in the rows. Lanes past the last row repeat the first row: they widen neither
    /// the least nor the largest value, and their scores are never read.</summary>
    private static void RowOffsets(int first, int lanes, int stride, Span<int> offsets)
    {
        for (int lane = 0; lane < offsets.Length; lane++)
            offsets[lane] = (first + (lane < lanes ? lane : 0)) * stride;
    }

    /// <summary>Feature <paramref name="f"/> of the pass's rows into <paramref name="values"/>, and their least and largest.
    /// A NaN, which goes left everywhere, is never the largest and makes the least NaN, above no threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Min, float Max) Gather(ReadOnlySpan<float> rows, ReadOnlySpan<int> offsets, int f, Span<float> values)
    {
        ref float first = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), f);   // CheckPass bounds every offset + f
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        bool nan = false;
        for (int lane = 0; lane < values.Length; lane++)
        {
            float value = Unsafe.Add(ref first, offsets[lane]);
            values[lane] = value;
            if (value < min) min = value;
            if (value > max) max = value;
            nan |= float.IsNaN(value);
        }
        return (nan ? float.NaN : min, max);
    }

    /// <summary>Each row's scores from the pass's candidate masks, four lanes a tree, and the masks shared by every lane: its
    /// base score plus its leftmost candidate leaf of every tree, added in the trees' order as the walk adds them. The
    /// four rows' sums are the lanes of one vector, one add per tree for all four: each lane the same float adds, in
    /// the same order, as one row alone.</summary>
    private void LeavesFour(ReadOnlySpan<Vector256<ulong>> candidates, ReadOnlySpan<ulong> shared, int first, int lanes, Span<float> scores)
    {
        const int Lanes = 4;
        int ensembles = _baseScores.Length;
        // Both spans hold a mask (or Lanes masks) per tree: in range for every tree.
        ref ulong masks = ref Unsafe.As<Vector256<ulong>, ulong>(ref MemoryMarshal.GetReference(candidates));
        ref ulong common = ref MemoryMarshal.GetReference(shared);
        ref int leafStarts = ref MemoryMarshal.GetArrayDataReference(_leafStarts);
        ref float leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        int t = 0;
        for (int e = 0; e < ensembles; e++)
        {
            var score = Vector128.Create(_baseScores[e]);
            for (int end = _ensembleEnds[e]; t < end; t++)
            {
                ulong kept = Unsafe.Add(ref common, t);
                ref ulong mask = ref Unsafe.Add(ref masks, t * Lanes);
                ref float leaves = ref Unsafe.Add(ref leafValues, Unsafe.Add(ref leafStarts, t));
                score += Vector128.Create(Leaf(ref leaves, mask & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 1) & kept),
                    Leaf(ref leaves, Unsafe.Add(ref mask, 2) & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 3) & kept));
            }
            for (int lane = 0; lane < lanes; lane++)
                scores[(first + lane) * ensembles + e] = score[lane];
        }
    }

    /// <summary><see cref="LeavesFour"/> for eight lanes a tree.</summary>
    private void LeavesEight(ReadOnlySpan<Vector512<ulong>> candidates, ReadOnlySpan<ulong> shared, int first, int lanes, Span<float> scores)
    {
        const int Lanes = 8;
        int ensembles = _baseScores.Length;
        ref ulong masks = ref Unsafe.As<Vector512<ulong>, ulong>(ref MemoryMarshal.GetReference(candidates));
        ref ulong common = ref MemoryMarshal.GetReference(shared);
        ref int leafStarts = ref MemoryMarshal.GetArrayDataReference(_leafStarts);
        ref float leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        int t = 0;
        for (int e = 0; e < ensembles; e++)
        {
            var score = Vector256.Create(_baseScores[e]);
            for (int end = _ensembleEnds[e]; t < end; t++)
            {
                ulong kept = Unsafe.Add(ref common, t);
                ref ulong mask = ref Unsafe.Add(ref masks, t * Lanes);
                ref float leaves = ref Unsafe.Add(ref leafValues, Unsafe.Add(ref leafStarts, t));
                score += Vector256.Create(Leaf(ref leaves, mask & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 1) & kept),
                    Leaf(ref leaves, Unsafe.Add(ref mask, 2) & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 3) & kept),
                    Leaf(ref leaves, Unsafe.Add(ref mask, 4) & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 5) & kept),
                    Leaf(ref leaves, Unsafe.Add(ref mask, 6) & kept), Leaf(ref leaves, Unsafe.Add(ref mask, 7) & kept));
            }
            for (int lane = 0; lane < lanes; lane++)
                scores[(first + lane) * ensembles + e] = score[lane];
        }
    }

    /// <summary>The value of a tree's leftmost candidate leaf; the tree's leaves start at <paramref name="leaves"/>. The walk's
    /// leaf is always a candidate, so the mask is never zero and the index is in the tree's range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Leaf(ref float leaves, ulong candidates) => Unsafe.Add(ref leaves, (nint)ulong.TrailingZeroCount(candidates));
}
