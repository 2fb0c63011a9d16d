using Classifier.Core.Model;
using Classifier.Training.Learners;
using Node = Classifier.Core.Model.TreeEnsemble.Node;

namespace Classifier.Training.Tests.Trees;

public sealed class QuickScorerTests
{
    private static readonly SyntheticRows Data = Synthetic.Uniform(3_000, 6, r => r[0] + r[1] * r[2] > 0.8f, noise: 0.05);

    /// <summary>Ensembles of different sizes and shapes over the same rows, as the four categories are.</summary>
    private static readonly TreeEnsemble[] Ensembles =
    [
        Synthetic.Train(Data, new TreeOptions(NumberOfTrees: 20)),
        Synthetic.Train(Data, new TreeOptions(TreeTrainer.FastTree, NumberOfTrees: 50, NumberOfLeaves: 63, MinimumExampleCountPerLeaf: 5), seed: 2),
        Synthetic.Train(Synthetic.Uniform(3_000, 6, r => r[3] > 0.5f ^ r[4] > 0.3f, seed: 3), new TreeOptions(NumberOfTrees: 30, NumberOfLeaves: 4)),
        Stump(),
    ];

    [Fact]
    public void Scores_exactly_as_walking_each_tree()
    {
        var quick = QuickScorer.TryBuild(Ensembles) ?? throw new InvalidOperationException("expected a layout");
        var scores = new float[Ensembles.Length];
        foreach (var row in Rows())
        {
            quick.Predict(row, scores);
            for (int e = 0; e < Ensembles.Length; e++)
                Assert.Equal(Ensembles[e].Predict(row), scores[e]);
        }
    }

    [Fact]
    public void Rows_scored_together_score_exactly_as_one_by_one()
    {
        var quick = QuickScorer.TryBuild(Ensembles) ?? throw new InvalidOperationException("expected a layout");
        const int stride = 7;   // wider than the 6 features, as the scorer's rows may be
        var rows = Rows().ToArray();
        var expected = new float[Ensembles.Length];
        // Every count from 1 to 9 (partial passes of four), in runs over all the rows.
        for (int count = 1; count <= 9; count++)
            for (int start = 0; start + count <= rows.Length; start += count * 13)
            {
                var packed = new float[count * stride];
                for (int r = 0; r < count; r++)
                    rows[start + r].CopyTo(packed, r * stride);
                var scores = new float[count * Ensembles.Length];
                var four = new float[count * Ensembles.Length];
                var eight = new float[count * Ensembles.Length];
                quick.Predict(packed, stride, scores);
                quick.PredictFourAPass(packed, stride, count, four);
                if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                    quick.PredictEightAPass(packed, stride, count, eight);
                for (int r = 0; r < count; r++)
                {
                    quick.Predict(rows[start + r], expected);
                    Assert.Equal(expected, scores.AsSpan(r * Ensembles.Length, Ensembles.Length).ToArray());
                    Assert.Equal(expected, four.AsSpan(r * Ensembles.Length, Ensembles.Length).ToArray());
                    if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                        Assert.Equal(expected, eight.AsSpan(r * Ensembles.Length, Ensembles.Length).ToArray());
                }
            }
    }

    [Fact]
    public void Rows_sharing_values_score_together_exactly_as_one_by_one()
    {
        // The scorer's rows of one document share its document-wide features, so most passes have features whose every
        // row is above a threshold (one AND for all lanes), or at it, and now and then one row's NaN among equal values.
        var quick = QuickScorer.TryBuild(Ensembles) ?? throw new InvalidOperationException("expected a layout");
        var rows = Rows().ToArray();
        var random = new Random(11);
        var expected = new float[Ensembles.Length];
        for (int start = 0; start + 8 <= rows.Length; start += 8)
        {
            int count = 1 + random.Next(8);
            var packed = new float[count * 6];
            for (int r = 0; r < count; r++)
                rows[start + r].CopyTo(packed, r * 6);
            for (int f = 0; f < 6; f++)
                if (random.Next(5) < 3)
                    for (int r = 1; r < count; r++)
                        packed[r * 6 + f] = random.Next(20) == 0 ? float.NaN : packed[f];
            var four = new float[count * Ensembles.Length];
            var eight = new float[count * Ensembles.Length];
            quick.PredictFourAPass(packed, 6, count, four);
            if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                quick.PredictEightAPass(packed, 6, count, eight);
            for (int r = 0; r < count; r++)
            {
                quick.Predict(packed.AsSpan(r * 6, 6), expected);
                for (int e = 0; e < Ensembles.Length; e++)
                    Assert.Equal(Ensembles[e].Predict(packed.AsSpan(r * 6, 6)), expected[e]);
                Assert.Equal(expected, four.AsSpan(r * Ensembles.Length, Ensembles.Length).ToArray());
                if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                    Assert.Equal(expected, eight.AsSpan(r * Ensembles.Length, Ensembles.Length).ToArray());
            }
        }
    }

    [Fact]
    public void A_value_equal_to_a_threshold_or_nan_goes_left()
    {
        var quick = QuickScorer.TryBuild([Stump()])!;
        var score = new float[1];
        foreach (float value in new[] { 0.5f, float.NaN, float.NegativeInfinity })
        {
            quick.Predict([value, 0, 0, 0, 0, 0], score);
            Assert.Equal(-0.5f, score[0]);
        }
        quick.Predict([0.50001f, 0, 0, 0, 0, 0], score);
        Assert.Equal(1.5f, score[0]);
    }

    [Fact]
    public void Trees_too_large_for_a_64_bit_mask_are_left_to_the_walk()
    {
        // A chain of 64 splits: 65 leaves.
        var nodes = Enumerable.Range(0, 64).Select(i => new Node(0, i, ~i, i == 63 ? ~64 : i + 1)).ToArray();
        var chain = new TreeEnsemble(0, 6, [0], nodes, [.. Enumerable.Range(0, 65).Select(i => (float)i)]);
        Assert.Null(QuickScorer.TryBuild([Ensembles[0], chain]));
        Assert.NotNull(QuickScorer.TryBuild([new TreeEnsemble(0, 6, [0], nodes[..63].Select((n, i) => i == 62 ? n with { Right = ~63 } : n).ToArray(),
            [.. Enumerable.Range(0, 64).Select(i => (float)i)])]));
    }

    [Fact]
    public void Ensembles_over_rows_of_different_widths_are_refused()
    {
        var narrow = new TreeEnsemble(0, 1, [0], [new Node(0, 0.5f, ~0, ~1)], [-1f, 1f]);
        Assert.Throws<ArgumentException>(() => QuickScorer.TryBuild([Ensembles[0], narrow]));
        var quick = QuickScorer.TryBuild(Ensembles)!;
        Assert.Contains("expected 6 features, got 5", Assert.Throws<ArgumentException>(() => quick.Predict(new float[5], new float[4])).Message);
    }

    [Fact]
    public void Predict_allocates_nothing()
    {
        var quick = QuickScorer.TryBuild(Ensembles)!;
        var rows = Rows().ToArray();
        var scores = new float[Ensembles.Length];
        // Warm: every call path jitted and tiered up first, as the runtime's call counting may allocate on this thread.
        for (int pass = 0; pass < 3; pass++)
            foreach (var row in rows)
                quick.Predict(row, scores);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in rows)
            quick.Predict(row, scores);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>base 0.5; one stump on feature 0 at 0.5: left leaf -1, right leaf +1.</summary>
    private static TreeEnsemble Stump() => new(0.5f, 6, [0], [new Node(0, 0.5f, ~0, ~1)], [-1f, 1f]);

    /// <summary>Training rows, random ones with NaN and infinities, and rows at every threshold of every split.</summary>
    private static IEnumerable<float[]> Rows()
    {
        for (int i = 0; i < 500; i++)
            yield return Data.Row(i).ToArray();
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
            yield return [.. Enumerable.Range(0, 6).Select(f => (random.Next(12)) switch
            {
                0 => float.NaN, 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, _ => random.NextSingle(),
            })];
        foreach (var ensemble in Ensembles)
            foreach (var node in ensemble.Nodes.ToArray())
                yield return [.. Enumerable.Range(0, 6).Select(f => f == node.Feature ? node.Threshold : random.NextSingle())];
    }
}
