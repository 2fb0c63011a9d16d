using Classifier.Core.Model;

namespace Classifier.Training.Trees;

/// <summary>
/// One learnt tree in training form: the nodes as the ensemble stores them (child encoding of
/// <see cref="TreeEnsemble"/>, local to this tree, node 0 the root when there is a split), plus each node's
/// split bin, so that binned rows are routed without going back to floats.
/// </summary>
public sealed record RegressionTree(TreeEnsemble.Node[] Nodes, byte[] SplitBins, float[] LeafValues)
{
    public int Root => Nodes.Length == 0 ? ~0 : 0;

    /// <summary>The leaf a binned row lands in: right when its bin is above the split bin, as in the ensemble.</summary>
    public int Leaf(ReadOnlySpan<byte> rowBins)
    {
        int at = Root;
        while (at >= 0)
            at = rowBins[Nodes[at].Feature] > SplitBins[at] ? Nodes[at].Right : Nodes[at].Left;
        return ~at;
    }

    public float Predict(ReadOnlySpan<byte> rowBins) => LeafValues[Leaf(rowBins)];

    /// <summary>This tree with every leaf value multiplied by <paramref name="factor"/> (boosting shrinkage).</summary>
    public RegressionTree Scaled(float factor) => this with { LeafValues = [.. LeafValues.Select(v => v * factor)] };
}
