using Classifier.Training.Trees;

namespace Classifier.Training.Tests.Trees;

public sealed class TreeLearnerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(250)]
    public void Every_leaf_holds_at_least_min_examples_and_there_are_at_most_max_leaves(int minExamples)
    {
        var data = Synthetic.Uniform(2_000, 3, r => r[0] + r[1] > 1, noise: 0.2);
        var binner = FeatureBinner.Fit(data);
        var bins = binner.Apply(data);
        var gradients = data.Labels.Select(y => y ? -0.5f : 0.5f).ToArray();
        var hessians = Enumerable.Repeat(0.25f, data.Count).ToArray();
        var tree = new TreeLearner(binner, bins, new TreeOptions(MaxLeaves: 15, MinExamplesPerLeaf: minExamples))
            .Grow([.. Enumerable.Range(0, data.Count)], gradients, hessians);

        var counts = new int[tree.LeafValues.Length];
        for (int row = 0; row < data.Count; row++)
            counts[tree.Leaf(bins.Row(row))]++;
        Assert.InRange(tree.LeafValues.Length, 2, 15);
        Assert.All(counts, c => Assert.True(c >= minExamples, $"a leaf has {c} rows < {minExamples}"));
    }

    [Fact]
    public void A_leaf_value_is_the_newton_step()
    {
        // One feature, constant: no split is possible, so the root is the only leaf.
        var data = DenseExamples.FromRows([[0f], [0f], [0f]], [true, false, true]);
        var binner = FeatureBinner.Fit(data);
        var tree = new TreeLearner(binner, binner.Apply(data), new TreeOptions(MinExamplesPerLeaf: 1, L2: 1f))
            .Grow([0, 1, 2], [-1f, 2f, -4f], [1f, 1f, 1f]);
        Assert.Equal(3f / (3f + 1f), Assert.Single(tree.LeafValues), 6);
    }
}
