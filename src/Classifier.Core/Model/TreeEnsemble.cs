namespace Classifier.Core.Model;

/// <summary>
/// A boosted ensemble of regression trees; its score is <see cref="BaseScore"/> plus one leaf value per tree.
/// All trees share flat arrays: a child reference <c>c &gt;= 0</c> is a node index, <c>c &lt; 0</c> is leaf
/// <c>~c</c>. A node sends a row left when <c>value &lt;= Threshold</c>, and also when the value is NaN (the
/// comparison that would send it right is false): the binned learner files NaN under the lowest bin, so
/// missing values follow the smallest values at every split. Immutable once built; share across threads.
/// </summary>
internal sealed class TreeEnsemble
{
    /// <summary>One split; <see cref="Left"/> and <see cref="Right"/> use the child encoding of the ensemble.</summary>
    public readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    public const int FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "LQTE"u8;
    /// <summary>Bounds the arrays a corrupted count could make <see cref="ReadFrom"/> allocate.</summary>
    private const int MaxCount = 1 << 24;

    private readonly int[] _roots;
    private readonly Node[] _nodes;
    private readonly float[] _leafValues;

    public float BaseScore { get; }
    public int FeatureCount { get; }
    public int TreeCount => _roots.Length;
    public ReadOnlySpan<int> Roots => _roots;
    public ReadOnlySpan<Node> Nodes => _nodes;
    public ReadOnlySpan<float> LeafValues => _leafValues;

    /// <summary>Copies and validates the layout: every reference in range and every child after its parent, so that
    /// <see cref="Predict"/> can neither index out of bounds nor loop.</summary>
    public TreeEnsemble(float baseScore, int featureCount, ReadOnlySpan<int> roots, ReadOnlySpan<Node> nodes, ReadOnlySpan<float> leafValues)
    {
        Require(float.IsFinite(baseScore), "base score is not finite");
        Require(featureCount >= 0, $"feature count {featureCount} is negative");
        for (int t = 0; t < roots.Length; t++)
            Require(IsValidChild(roots[t], -1, nodes.Length, leafValues.Length), $"root of tree {t} ({roots[t]}) is out of range");
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            Require((uint)node.Feature < (uint)featureCount, $"node {i} splits on feature {node.Feature}; there are {featureCount} features");
            Require(!float.IsNaN(node.Threshold), $"node {i} has a NaN threshold");
            Require(IsValidChild(node.Left, i, nodes.Length, leafValues.Length), $"node {i} has left child {node.Left} out of range");
            Require(IsValidChild(node.Right, i, nodes.Length, leafValues.Length), $"node {i} has right child {node.Right} out of range");
        }
        for (int i = 0; i < leafValues.Length; i++)
            Require(float.IsFinite(leafValues[i]), $"leaf {i} is not finite");
        BaseScore = baseScore;
        FeatureCount = featureCount;
        _roots = roots.ToArray();   // copies: nothing outside can change an ensemble a scorer reads
        _nodes = nodes.ToArray();
        _leafValues = leafValues.ToArray();
    }

    /// <summary>The raw score (log-odds for a logistic model); allocates nothing.</summary>
    public float Predict(ReadOnlySpan<float> features)
    {
        if (features.Length < FeatureCount)
            throw new ArgumentException($"expected {FeatureCount} features, got {features.Length}", nameof(features));
        var nodes = _nodes;
        float score = BaseScore;
        foreach (int root in _roots)
        {
            int at = root;
            while (at >= 0)
            {
                ref readonly var node = ref nodes[at];
                at = features[node.Feature] > node.Threshold ? node.Right : node.Left;
            }
            score += _leafValues[~at];
        }
        return score;
    }

    /// <summary><c>"LQTE" | version | features | base score | trees | nodes | leaves | roots | nodes | leaf values</c>,
    /// little-endian as <see cref="BinaryWriter"/> writes.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(FeatureCount);
        writer.Write(BaseScore);
        writer.Write(_roots.Length);
        writer.Write(_nodes.Length);
        writer.Write(_leafValues.Length);
        foreach (int root in _roots)
            writer.Write(root);
        foreach (var node in _nodes)
        {
            writer.Write(node.Feature);
            writer.Write(node.Threshold);
            writer.Write(node.Left);
            writer.Write(node.Right);
        }
        foreach (float value in _leafValues)
            writer.Write(value);
    }

    /// <summary>Reads an ensemble written by <see cref="WriteTo"/> for a featurizer of <paramref name="featureCount"/>
    /// features; a foreign, truncated, corrupted or mismatched ensemble is an <see cref="InvalidDataException"/>.</summary>
    public static TreeEnsemble ReadFrom(BinaryReader reader, int featureCount)
    {
        try
        {
            Require(reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic), "bad magic bytes");
            int version = reader.ReadInt32();
            Require(version == FormatVersion, $"format version {version}; this build reads version {FormatVersion}");
            int storedFeatures = reader.ReadInt32();
            Require(storedFeatures == featureCount, $"trained on {storedFeatures} features, this build has {featureCount}");
            float baseScore = reader.ReadSingle();
            var roots = new int[ReadCount(reader, "tree")];
            var nodes = new Node[ReadCount(reader, "node")];
            var leafValues = new float[ReadCount(reader, "leaf")];
            for (int i = 0; i < roots.Length; i++)
                roots[i] = reader.ReadInt32();
            for (int i = 0; i < nodes.Length; i++)
                nodes[i] = new Node(reader.ReadInt32(), reader.ReadSingle(), reader.ReadInt32(), reader.ReadInt32());
            for (int i = 0; i < leafValues.Length; i++)
                leafValues[i] = reader.ReadSingle();
            return new TreeEnsemble(baseScore, featureCount, roots, nodes, leafValues);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Invalid tree ensemble: the data is truncated.", e);
        }
    }

    private static int ReadCount(BinaryReader reader, string what)
    {
        int count = reader.ReadInt32();
        Require(count is >= 0 and <= MaxCount, $"{what} count {count} is out of range");
        return count;
    }

    /// <summary>A node child must come after its parent (roots pass parent -1): trees are then acyclic.</summary>
    private static bool IsValidChild(int child, int parent, int nodeCount, int leafCount) =>
        child >= 0 ? child > parent && child < nodeCount : ~child < leafCount;

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new InvalidDataException($"Invalid tree ensemble: {message}.");
    }
}
