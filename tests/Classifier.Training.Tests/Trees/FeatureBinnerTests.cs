using Classifier.Training.Trees;

namespace Classifier.Training.Tests.Trees;

public sealed class FeatureBinnerTests
{
    [Fact]
    public void Many_distinct_values_get_at_most_255_bins_of_similar_size()
    {
        var data = Synthetic.Uniform(20_000, 1, _ => false);
        var binner = FeatureBinner.Fit(data);
        Assert.Equal(FeatureBinner.MaxBins, binner.BinCount(0));
        var counts = new int[binner.BinCount(0)];
        for (int i = 0; i < data.Count; i++)
            counts[binner.Bin(0, data.Row(i)[0])]++;
        Assert.InRange(counts.Min(), 20_000 / 255 / 2, 20_000 / 255 * 2);
        Assert.InRange(counts.Max(), 20_000 / 255 / 2, 20_000 / 255 * 2);
    }

    [Fact]
    public void Few_distinct_values_get_one_bin_each_with_bounds_between_them()
    {
        float[][] rows = [[1], [1], [1], [1], [2], [5], [5], [float.NaN]];
        var binner = FeatureBinner.Fit(DenseExamples.FromRows(rows, new bool[rows.Length]));
        Assert.Equal([1.5f, 3.5f, float.PositiveInfinity], binner.UpperBounds(0).ToArray());
        Assert.Equal([0, 1, 2, 0], new[] { 1f, 2f, 5f, float.NaN }.Select(v => (int)binner.Bin(0, v)));
    }

    [Fact]
    public void A_value_is_in_bin_b_or_below_exactly_when_it_is_at_most_the_upper_bound_of_b()
    {
        var data = Synthetic.Uniform(3_000, 1, _ => false, seed: 5);
        var binner = FeatureBinner.Fit(data, maxBins: 16);
        var bounds = binner.UpperBounds(0);
        var probes = data.Features.Concat(bounds.ToArray()).Concat([-1f, 2f, float.NegativeInfinity]);
        foreach (float value in probes)
            for (int b = 0; b < bounds.Length; b++)
                Assert.Equal(value <= bounds[b], binner.Bin(0, value) <= b);
    }
}
