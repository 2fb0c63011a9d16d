using Classifier.Core.Model;
using Classifier.Training.Learners;
using Node = Classifier.Core.Model.TreeEnsemble.Node;

namespace Classifier.Training.Tests.Trees;

public sealed class TreeEnsembleTests
{
    /// <summary>Header bytes before the roots: magic, version, features, base score, tree, node and leaf counts.</summary>
    private const int HeaderLength = 28;

    private static readonly SyntheticRows Data = Synthetic.Uniform(3_000, 6, r => r[0] + r[1] * r[2] > 0.8f, noise: 0.05);
    private static readonly TreeEnsemble Trained = Synthetic.Train(Data, new TreeOptions(NumberOfTrees: 20));

    /// <summary>base 0.5; one stump on feature 0 at 0.5: left leaf -1, right leaf +1.</summary>
    private static TreeEnsemble Stump() => new(0.5f, 1, [0], [new Node(0, 0.5f, ~0, ~1)], [-1f, 1f]);

    [Fact]
    public void A_value_at_or_below_the_threshold_and_nan_go_left()
    {
        var stump = Stump();
        Assert.Equal(-0.5f, stump.Predict([0.5f]));
        Assert.Equal(-0.5f, stump.Predict([float.NaN]));
        Assert.Equal(1.5f, stump.Predict([0.50001f]));
        Assert.Equal(-0.5f, stump.Predict([float.NegativeInfinity]));
    }

    [Fact]
    public void A_round_trip_gives_identical_predictions()
    {
        var copy = TreeEnsemble.ReadFrom(Reader(Bytes(Trained)), Data.FeatureCount);
        Assert.Equal(Trained.TreeCount, copy.TreeCount);
        Assert.Equal(Synthetic.Predictions(Trained, Data), Synthetic.Predictions(copy, Data));
        Assert.Equal(Trained.Predict([float.NaN, 0, 1, float.NaN, 2, -1]), copy.Predict([float.NaN, 0, 1, float.NaN, 2, -1]));
    }

    [Theory]
    [InlineData(0, 9999, "node 0 has left child 9999 out of range")]
    [InlineData(1, 0, "node 1 has left child 0 out of range")]   // back to an ancestor: a cycle
    [InlineData(0, ~99999, "node 0 has left child -100000 out of range")]
    public void A_corrupted_child_index_is_refused(int node, int child, string message)
    {
        var bytes = Bytes(Trained);
        BitConverter.TryWriteBytes(bytes.AsSpan(HeaderLength + 4 * Trained.TreeCount + 16 * node + 8), child);
        var e = Assert.Throws<InvalidDataException>(() => TreeEnsemble.ReadFrom(Reader(bytes), Data.FeatureCount));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Foreign_truncated_or_mismatched_data_is_refused()
    {
        var bytes = Bytes(Trained);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TreeEnsemble.ReadFrom(Reader(bytes[..^3]), Data.FeatureCount)).Message);
        Assert.Contains("trained on 6 features, this build has 5",
            Assert.Throws<InvalidDataException>(() => TreeEnsemble.ReadFrom(Reader(bytes), 5)).Message);
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => TreeEnsemble.ReadFrom(Reader([.. "junk"u8, .. bytes]), 6)).Message);
        Assert.Contains("splits on feature 1; there are 1 features",
            Assert.Throws<InvalidDataException>(() => new TreeEnsemble(0, 1, [0], [new Node(1, 0, ~0, ~1)], [0, 0])).Message);
    }

    [Fact]
    public void Predict_allocates_nothing()
    {
        var row = new float[Data.FeatureCount];
        float sum = 0;
        // Warm: jitted and tiered up first, as the runtime's call counting may allocate on this thread.
        for (int i = 0; i < 10_000; i++)
            sum += Trained.Predict(row);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            row[i % row.Length] = (i % 7) / 7f;
            sum += Trained.Predict(row);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(float.IsFinite(sum));
    }

    private static byte[] Bytes(TreeEnsemble ensemble)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ensemble.WriteTo(writer);
        return stream.ToArray();
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes));
}
