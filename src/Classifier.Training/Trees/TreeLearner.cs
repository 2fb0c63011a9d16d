using Classifier.Core.Model;

namespace Classifier.Training.Trees;

/// <summary>Growth limits of one tree. A split must gain more than <see cref="MinGain"/>.</summary>
public sealed record TreeOptions(int MaxLeaves = 31, int MinExamplesPerLeaf = 20, float L2 = 1f, float MinGain = 0f)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLeaves, 2, nameof(MaxLeaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinExamplesPerLeaf, 1, nameof(MinExamplesPerLeaf));
        if (!(L2 >= 0) || !float.IsFinite(L2)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "must be finite and >= 0");
        if (!(MinGain >= 0) || !float.IsFinite(MinGain)) throw new ArgumentOutOfRangeException(nameof(MinGain), MinGain, "must be finite and >= 0");
    }
}

/// <summary>
/// Grows one regression tree best-first (leaf-wise, as LightGBM and FastTree do): each step splits the
/// leaf whose best split gains most, until <see cref="TreeOptions.MaxLeaves"/> or no split gains enough.
/// Splits are scored on the second-order expansion of the loss, gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ),
/// and a leaf's value is the Newton step −G/(H+λ). Rows, histograms and leaves are allocated once per
/// learner and reused by every tree; only the small output arrays are new.
/// </summary>
public sealed class TreeLearner
{
    private readonly record struct Split(int Feature, int Bin, double Gain, double LeftGradient, double LeftHessian)
    {
        public static Split None => new(-1, 0, double.NegativeInfinity, 0, 0);
    }

    /// <summary>A leaf of the growing tree: its range of <see cref="_rows"/>, sums, histogram slot,
    /// the node pointing at it (-1 for the root) and its best split.</summary>
    private struct Leaf
    {
        public int Start, Count, Histogram, Parent;
        public bool IsRight;
        public double Gradient, Hessian;
        public Split Best;
    }

    private readonly FeatureBinner _binner;
    private readonly BinnedRows _bins;
    private readonly TreeOptions _options;
    private readonly Histogram[] _histograms;   // leaves own slots 0..leafCount-1; a split hands its slot to the larger child
    private readonly Leaf[] _leaves;
    private readonly int[] _rows;
    private readonly int[] _scratch;

    public TreeLearner(FeatureBinner binner, BinnedRows bins, TreeOptions options)
    {
        options.Validate();
        if (bins.FeatureCount != binner.FeatureCount)
            throw new ArgumentException($"binner has {binner.FeatureCount} features, rows have {bins.FeatureCount}");
        _binner = binner;
        _bins = bins;
        _options = options;
        _histograms = [.. Enumerable.Range(0, options.MaxLeaves).Select(_ => new Histogram(binner))];
        _leaves = new Leaf[options.MaxLeaves];
        _rows = new int[bins.Count];
        _scratch = new int[bins.Count];
    }

    /// <summary>Fits a tree to the gradients and hessians of <paramref name="rows"/> (ascending order reads the bins sequentially).</summary>
    public RegressionTree Grow(ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients, ReadOnlySpan<float> hessians)
    {
        rows.CopyTo(_rows);
        double gradient = 0, hessian = 0;
        foreach (int row in rows)
        {
            gradient += gradients[row];
            hessian += hessians[row];
        }
        _leaves[0] = new Leaf { Count = rows.Length, Parent = -1, Gradient = gradient, Hessian = hessian, Best = Split.None };
        if (CanSplit(rows.Length))
        {
            _histograms[0].Build(_bins, rows, gradients, hessians);
            _leaves[0].Best = BestSplit(_leaves[0]);
        }

        var nodes = new List<TreeEnsemble.Node>();
        var splitBins = new List<byte>();
        int leafCount = 1;
        while (leafCount < _options.MaxLeaves)
        {
            int best = 0;
            for (int i = 1; i < leafCount; i++)
                if (_leaves[i].Best.Gain > _leaves[best].Best.Gain) best = i;
            if (!(_leaves[best].Best.Gain > _options.MinGain))
                break;
            SplitLeaf(best, leafCount++, nodes, splitBins, gradients, hessians);
        }

        var values = new float[leafCount];
        for (int i = 0; i < leafCount; i++)
            values[i] = LeafValue(_leaves[i].Gradient, _leaves[i].Hessian);
        return new RegressionTree([.. nodes], [.. splitBins], values);
    }

    /// <summary>Replaces leaf <paramref name="index"/> by a node whose left child keeps the index and whose
    /// right child is the new leaf <paramref name="newIndex"/>.</summary>
    private void SplitLeaf(int index, int newIndex, List<TreeEnsemble.Node> nodes, List<byte> splitBins,
        ReadOnlySpan<float> gradients, ReadOnlySpan<float> hessians)
    {
        var parent = _leaves[index];
        var split = parent.Best;
        int node = nodes.Count;
        nodes.Add(new TreeEnsemble.Node(split.Feature, _binner.UpperBounds(split.Feature)[split.Bin], ~index, ~newIndex));
        splitBins.Add((byte)split.Bin);
        if (parent.Parent >= 0)
            nodes[parent.Parent] = parent.IsRight ? nodes[parent.Parent] with { Right = node } : nodes[parent.Parent] with { Left = node };

        int leftCount = Partition(parent.Start, parent.Count, split.Feature, split.Bin);
        var left = new Leaf
        {
            Start = parent.Start, Count = leftCount, Parent = node,
            Gradient = split.LeftGradient, Hessian = split.LeftHessian, Best = Split.None,
        };
        var right = new Leaf
        {
            Start = parent.Start + leftCount, Count = parent.Count - leftCount, Parent = node, IsRight = true,
            Gradient = parent.Gradient - split.LeftGradient, Hessian = parent.Hessian - split.LeftHessian, Best = Split.None,
        };

        // Only the smaller child's rows are summed; the larger child's histogram is the parent's minus it.
        bool leftIsSmaller = left.Count <= right.Count;
        ref var smaller = ref leftIsSmaller ? ref left : ref right;
        ref var larger = ref leftIsSmaller ? ref right : ref left;
        smaller.Histogram = newIndex;
        larger.Histogram = parent.Histogram;
        bool room = newIndex + 1 < _options.MaxLeaves;
        bool splitSmaller = room && CanSplit(smaller.Count), splitLarger = room && CanSplit(larger.Count);
        if (splitSmaller || splitLarger)
            _histograms[smaller.Histogram].Build(_bins, _rows.AsSpan(smaller.Start, smaller.Count), gradients, hessians);
        if (splitLarger)
            _histograms[larger.Histogram].Subtract(_histograms[smaller.Histogram]);
        if (splitSmaller)
            smaller.Best = BestSplit(smaller);
        if (splitLarger)
            larger.Best = BestSplit(larger);

        _leaves[index] = left;
        _leaves[newIndex] = right;
    }

    /// <summary>The split of highest gain leaving at least MinExamplesPerLeaf rows on each side; ties go to
    /// the lower feature and bin, so the result is deterministic.</summary>
    private Split BestSplit(in Leaf leaf)
    {
        var histogram = _histograms[leaf.Histogram];
        int minCount = _options.MinExamplesPerLeaf;
        double parentScore = Score(leaf.Gradient, leaf.Hessian);
        var best = Split.None;
        for (int feature = 0; feature < _binner.FeatureCount; feature++)
        {
            var bins = histogram.Feature(feature);
            double gradient = 0, hessian = 0;
            int count = 0;
            for (int bin = 0; bin < bins.Length - 1; bin++)
            {
                gradient += bins[bin].Gradient;
                hessian += bins[bin].Hessian;
                count += bins[bin].Count;
                if (count < minCount)
                    continue;
                if (leaf.Count - count < minCount)
                    break;
                double gain = Score(gradient, hessian) + Score(leaf.Gradient - gradient, leaf.Hessian - hessian) - parentScore;
                if (gain > best.Gain)
                    best = new Split(feature, bin, gain, gradient, hessian);
            }
        }
        return best;
    }

    /// <summary>Stable partition of a leaf's rows: left rows first, each side keeping ascending order.</summary>
    private int Partition(int start, int count, int feature, int bin)
    {
        var rows = _rows.AsSpan(start, count);
        int left = 0, right = 0;
        foreach (int row in rows)
        {
            if (_bins[row, feature] <= bin) rows[left++] = row;
            else _scratch[right++] = row;
        }
        _scratch.AsSpan(0, right).CopyTo(rows[left..]);
        return left;
    }

    private bool CanSplit(int count) => count >= 2 * _options.MinExamplesPerLeaf;

    /// <summary>The loss reduction of a leaf's Newton step, G²/(H+λ); 0 without curvature.</summary>
    private double Score(double gradient, double hessian)
    {
        double denominator = hessian + _options.L2;
        return denominator > 1e-12 ? gradient * gradient / denominator : 0;
    }

    private float LeafValue(double gradient, double hessian)
    {
        double denominator = hessian + _options.L2;
        return denominator > 1e-12 ? (float)(-gradient / denominator) : 0f;
    }
}
