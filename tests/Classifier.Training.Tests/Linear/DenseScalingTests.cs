using Classifier.Core.Features;
using Classifier.Training.Data;
using Classifier.Training.Linear;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Linear;

public sealed class DenseScalingTests
{
    // Two documents of two paragraphs: position features alternate 1,0 / 0,1, document length is constant.
    private static readonly FeaturizedSet Set = FeaturizedSet.Build(
    [
        Doc("a/1", P("Short title"), P("A much longer sentence with well over five words in it.")),
        Doc("b/2", P("Another title!!!!!"), P("And a second long sentence that also has many words.")),
    ], TinyProblem.Space, _ => 1f);

    private static readonly DenseScaling Scaling = DenseScaling.Fit(Set);

    [Theory]
    [InlineData(DenseFeature.IsFirst, 0.5f, 2f)]          // 1,0,1,0
    [InlineData(DenseFeature.IsLast, 0.5f, 2f)]           // 0,1,0,1
    [InlineData(DenseFeature.RelativePosition, 0.5f, 2f)] // 0,1,0,1
    [InlineData(DenseFeature.ShortParagraph, 0.5f, 2f)]   // 1,0,1,0
    [InlineData(DenseFeature.Exclamations, 0.25f, 2.3094011f)] // 0,0,1,0: variance 3/16
    public void Mean_and_scale_of_known_features(DenseFeature feature, float mean, float scale)
    {
        Assert.Equal(mean, Scaling.Mean[(int)feature], 1e-5f);
        Assert.Equal(scale, Scaling.Scale[(int)feature], 1e-4f);
    }

    [Theory]
    [InlineData(DenseFeature.LogDocumentParagraphs)]
    [InlineData(DenseFeature.HasEmail)]
    [InlineData(DenseFeature.HasUrl)]
    public void Constant_feature_gets_scale_zero(DenseFeature feature)
    {
        Assert.Equal(Set.Dense(0)[(int)feature], Scaling.Mean[(int)feature]);
        Assert.Equal(0f, Scaling.Scale[(int)feature]);
    }

    [Fact]
    public void LogDocumentParagraphs_mean_is_log2_over_5() =>
        Assert.Equal(MathF.Log(2) / 5, Scaling.Mean[(int)DenseFeature.LogDocumentParagraphs], 1e-6f);

    [Fact]
    public void Every_feature_is_standardised_to_zero_mean_and_unit_variance_or_dropped()
    {
        Assert.Equal(DenseFeatures.Count, Scaling.Mean.Length);
        Assert.Equal(DenseFeatures.Count, Scaling.Scale.Length);
        for (int j = 0; j < DenseFeatures.Count; j++)
        {
            var z = Enumerable.Range(0, Set.Count).Select(r => (Set.Dense(r)[j] - Scaling.Mean[j]) * Scaling.Scale[j]).ToArray();
            Assert.Equal(0, z.Average(), 1e-4);
            double variance = z.Average(x => (double)x * x);
            Assert.True(Scaling.Scale[j] == 0 ? variance == 0 : Math.Abs(variance - 1) < 1e-3, $"{DenseFeatures.Names[j]}: variance {variance}");
        }
    }

    [Fact]
    public void Empty_set_gives_zero_mean_and_scale()
    {
        var scaling = DenseScaling.Fit(FeaturizedSet.Build([], TinyProblem.Space, _ => 1f));
        Assert.All(scaling.Mean, m => Assert.Equal(0f, m));
        Assert.All(scaling.Scale, s => Assert.Equal(0f, s));
    }
}
