using Classifier.Core.Model;

namespace Classifier.Core.Tests.Model;

public class QuantizedWeightsTests
{
    [Fact]
    public void EveryWeightIsWithinHalfAStepAndTheLargestIsExact()
    {
        var model = TestModels.Random(seed: 11);
        var quantized = Assert.IsType<QuantizedWeights>(model.NgramWeights);
        Assert.Equal(model.Space.DenseOffset, quantized.Buckets);
        for (int bucket = 0; bucket < quantized.Buckets; bucket++)
            for (int k = 0; k < Categories.Count; k++)
            {
                float weight = model.Weights[bucket * Categories.Count + k];
                Assert.InRange(quantized.Weight(bucket)[k] - weight, -quantized.Scale[k] / 2 - 1e-6f, quantized.Scale[k] / 2 + 1e-6f);
            }
        for (int k = 0; k < Categories.Count; k++)
        {
            int largest = Enumerable.Range(0, quantized.Buckets).MaxBy(b => Math.Abs(model.Weights[b * Categories.Count + k]));
            Assert.Equal(127, Math.Abs(quantized.Steps(largest)[k]));
        }
    }

    [Fact]
    public void AnAllZeroCategoryStaysZero()
    {
        var weights = new float[8 * Categories.Count];
        for (int bucket = 0; bucket < 8; bucket++)
            weights[bucket * Categories.Count + 1] = bucket - 4;   // only category 1 is non-zero
        var quantized = new QuantizedWeights(weights, 8);
        Assert.Equal(1f, quantized.Scale[0]);
        Assert.Equal(4f / 127, quantized.Scale[1]);
        for (int bucket = 0; bucket < 8; bucket++)
        {
            Assert.Equal(0f, quantized.Weight(bucket)[0]);
            Assert.InRange(quantized.Weight(bucket)[1] - (bucket - 4), -quantized.Scale[1] / 2, quantized.Scale[1] / 2);
        }
    }

    /// <summary>One NaN or infinite weight would spoil its category's scale, so such a model is refused.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void AModelWithANonFiniteWeightIsRefused(float value)
    {
        var m = TestModels.Random(seed: 5);
        var weights = m.Weights.ToArray();
        weights[123] = value;
        var error = Assert.Throws<InvalidDataException>(() =>
            new ClassifierModel(m.Space, weights, m.Bias, m.DenseMean, m.DenseScale, m.Calibration, m.Thresholds));
        Assert.Contains("weight 123 is not finite", error.Message);
    }
}
