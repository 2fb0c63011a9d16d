using Classifier.Core.Model;
using Classifier.Training.Calibration;

namespace Classifier.Training.Tests.Calibration;

public sealed class PlattFitterTests
{
    /// <summary>Margins uniform in [-width, width], labels drawn from p = sigmoid(slope * m + offset).</summary>
    private static (float[] Margins, bool[] Labels) Sample(int n, double slope, double offset, int seed, double width = 4)
    {
        var random = new Random(seed);
        var margins = new float[n];
        var labels = new bool[n];
        for (int i = 0; i < n; i++)
        {
            margins[i] = (float)((random.NextDouble() * 2 - 1) * width);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(slope * margins[i] + offset)));
        }
        return (margins, labels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Recovers_a_known_logistic(int seed)
    {
        var (margins, labels) = Sample(5000, 2, -1, seed);
        var fit = PlattFitter.Fit(margins, labels);
        Assert.InRange(fit.Slope, 1.75f, 2.25f);
        Assert.InRange(fit.Offset, -1.2f, -0.8f);
    }

    // Overconfident margins (true slope well below 1, or margins spread wide) are the usual case after
    // class-weighted training. PlattFitter takes full Newton steps from (1, 0) with no line search, so here it
    // diverges: e.g. (0.5, 1.5) on [-4, 4] fits slope -8.6e9 (inverted), (0.25, 0) on [-10, 10] slope 8e10.
    [Theory]
    [InlineData(0.5, 1.5, 4)]
    [InlineData(0.25, 0, 10)]
    [InlineData(0.1, -2, 30)]
    public void Recovers_a_shrinking_calibration_of_wide_margins(double slope, double offset, double width)
    {
        var (margins, labels) = Sample(5000, slope, offset, seed: 1, width);
        var fit = PlattFitter.Fit(margins, labels);
        Assert.InRange(fit.Slope, 0.8 * slope, 1.2 * slope);
        Assert.InRange(fit.Offset, offset - 0.3, offset + 0.3);
    }

    [Fact]
    public void Calibrated_probability_is_monotone_in_the_margin()
    {
        var (margins, labels) = Sample(3000, 2, -1, seed: 4);
        var fit = PlattFitter.Fit(margins, labels);
        float previous = -1;
        for (float m = -6; m <= 6; m += 0.25f)
        {
            float p = fit.Probability(m);
            Assert.InRange(p, 0f, 1f);
            Assert.True(p > previous, $"p({m}) = {p} not above {previous}");
            previous = p;
        }
        Assert.Equal(0.5f, fit.Probability(-fit.Offset / fit.Slope), 1e-4f);
    }

    [Fact]
    public void Separable_data_gives_a_finite_positive_slope()
    {
        var fit = PlattFitter.Fit([-3f, -2f, -1f, 1f, 2f, 3f], [false, false, false, true, true, true]);
        Assert.True(float.IsFinite(fit.Slope) && float.IsFinite(fit.Offset));
        Assert.True(fit.Slope > 0);
        // Smoothed targets: the most confident positive is at most (N+ + 1) / (N+ + 2) = 0.8 ... plus fitting slack.
        Assert.InRange(fit.Probability(3), 0.5f, 0.95f);
    }

    [Fact]
    public void One_class_only_gives_identity()
    {
        Assert.Equal(PlattCalibration.Identity, PlattFitter.Fit([0.5f, 1f, -2f], [true, true, true]));
        Assert.Equal(PlattCalibration.Identity, PlattFitter.Fit([0.5f, 1f, -2f], [false, false, false]));
        Assert.Equal(PlattCalibration.Identity, PlattFitter.Fit([], []));
    }
}
