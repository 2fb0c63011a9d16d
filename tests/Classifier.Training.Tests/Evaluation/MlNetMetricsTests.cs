using Classifier.Training.Evaluation;

namespace Classifier.Training.Tests.Evaluation;

public sealed class MlNetMetricsTests
{
    [Fact]
    public void Agrees_with_our_figures_where_they_mean_the_same()
    {
        float[] p = [0.9f, 0.8f, 0.3f, 0.6f, 0.1f, 0.2f];
        bool[] y = [true, true, true, false, false, false];
        var ml = MlNetMetrics.Evaluate(p, y, threshold: 0.5f)!;
        var ours = BinaryMetrics.Compute(p, y, 0.5f);
        Assert.Equal(ours.F1, ml.F1!.Value, 6);
        Assert.Equal(8.0 / 9, ml.Auc!.Value, 6);   // 8 of the 9 positive-negative pairs are ordered right
        Assert.True(ml.LogLoss > 0);
    }

    [Theory]
    [InlineData(0.25f)]
    [InlineData(0.7f)]
    public void F1_is_taken_at_the_given_threshold_not_at_one_half(float threshold)
    {
        float[] p = [0.9f, 0.8f, 0.3f, 0.6f, 0.1f, 0.2f];
        bool[] y = [true, true, true, false, false, false];
        var ml = MlNetMetrics.Evaluate(p, y, threshold)!;
        Assert.Equal(BinaryMetrics.Compute(p, y, threshold).F1, ml.F1!.Value, 6);
        Assert.NotEqual(BinaryMetrics.Compute(p, y, 0.5f).F1, ml.F1!.Value, 6);
    }

    [Fact]
    public void One_class_gives_nothing_and_an_infinite_log_loss_gives_null()
    {
        Assert.Null(MlNetMetrics.Evaluate([0.2f, 0.9f], [true, true], 0.5f));
        // A positive at probability 0: ML.NET's log loss is infinite, which JSON cannot hold.
        var ml = MlNetMetrics.Evaluate([0f, 0.9f, 0.1f], [true, true, false], 0.5f)!;
        Assert.Null(ml.LogLoss);
        Assert.NotNull(ml.Auc);
    }
}
