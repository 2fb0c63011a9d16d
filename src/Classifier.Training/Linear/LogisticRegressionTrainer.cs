using System.Runtime.Intrinsics;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Training.Data;

namespace Classifier.Training.Linear;

/// <summary>Settings of the linear stage.</summary>
public sealed record LinearOptions(int Epochs = 6, float LearningRate = 0.2f, float L2 = 1e-6f, float MaxPositiveWeight = 10f, int Seed = 42);

/// <summary>
/// One-vs-rest logistic regression for the four categories at once, trained by AdaGrad SGD over
/// shuffled epochs. Each hash bucket keeps its four categories' weights side by side, so one example
/// updates all four with 4-lane vector arithmetic. L2 is applied to the weights an example touches
/// (sparse L2). Rare categories get a larger weight on their positives: sqrt(negatives / positives),
/// capped, so that they are learnt without drowning the rest; calibration undoes the shift later.
/// </summary>
public static class LogisticRegressionTrainer
{
    public sealed record Result(float[] Weights, float[] Bias, IReadOnlyList<double> EpochLoss);

    /// <summary>Trains on the rows of <paramref name="set"/>, or on <paramref name="rows"/> of it only (cross-fitting).</summary>
    public static Result Train(FeaturizedSet set, FeatureSpace space, DenseScaling scaling, LinearOptions options,
        IProgress<int>? epochDone = null, IReadOnlyList<int>? rows = null)
    {
        var weights = new float[space.Dimension * Categories.Count];
        var squaredGradients = new float[weights.Length];
        var bias = Vector128<float>.Zero;
        var biasSquaredGradients = Vector128<float>.Zero;
        var order = rows?.ToArray() ?? Enumerable.Range(0, set.Count).ToArray();
        var positiveWeight = PositiveWeights(set, order, options.MaxPositiveWeight);
        var learningRate = Vector128.Create(options.LearningRate);
        var l2 = Vector128.Create(options.L2);
        var epsilon = Vector128.Create(1e-8f);
        int denseOffset = space.DenseOffset;
        Span<float> scaledDense = stackalloc float[DenseFeatures.Count];

        var random = new Random(options.Seed);
        var losses = new List<double>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            foreach (int row in order)
            {
                Scale(set.Dense(row), scaling, scaledDense);
                var indices = set.Indices(row);
                var values = set.Values(row);

                var margin = bias;
                for (int i = 0; i < indices.Length; i++)
                    margin += Load(weights, indices[i]) * values[i];
                for (int d = 0; d < scaledDense.Length; d++)
                    margin += Load(weights, denseOffset + d) * scaledDense[d];

                var target = Targets(set.Label(row));
                var probability = Sigmoid(margin);
                var exampleWeight = Vector128.ConditionalSelect(Vector128.Equals(target, Vector128<float>.One), positiveWeight, Vector128<float>.One)
                    * set.Weight(row);
                var gradient = exampleWeight * (probability - target);
                loss += LogLoss(probability, target, exampleWeight);

                for (int i = 0; i < indices.Length; i++)
                    Update(weights, squaredGradients, indices[i], gradient * values[i], learningRate, l2, epsilon);
                for (int d = 0; d < scaledDense.Length; d++)
                    Update(weights, squaredGradients, denseOffset + d, gradient * scaledDense[d], learningRate, l2, epsilon);
                biasSquaredGradients += gradient * gradient;
                bias -= learningRate * gradient / (Vector128.Sqrt(biasSquaredGradients) + epsilon);
            }
            losses.Add(loss / Math.Max(1, order.Length));
            epochDone?.Report(epoch + 1);
        }
        var biasArray = new float[Categories.Count];
        bias.CopyTo(biasArray);
        return new Result(weights, biasArray, losses);
    }

    /// <summary>Weight on positive examples per category: sqrt(negatives / positives), between 1 and <paramref name="cap"/>.</summary>
    public static Vector128<float> PositiveWeights(FeaturizedSet set, IReadOnlyList<int> rows, float cap)
    {
        Span<float> weights = stackalloc float[Categories.Count];
        foreach (var category in Categories.All)
        {
            int positives = 0;
            foreach (int row in rows)
                if (set.Label(row).Contains(category)) positives++;
            float ratio = positives == 0 ? 1 : (float)(rows.Count - positives) / positives;
            weights[(int)category] = Math.Clamp(MathF.Sqrt(ratio), 1f, cap);
        }
        return Vector128.Create((ReadOnlySpan<float>)weights);
    }

    /// <summary>The four margins of one row under trained weights: what the scorer computes for it.</summary>
    public static Vector128<float> Margins(FeaturizedSet set, int row, Result model, FeatureSpace space, DenseScaling scaling)
    {
        var margin = Vector128.Create(model.Bias);
        var indices = set.Indices(row);
        var values = set.Values(row);
        for (int i = 0; i < indices.Length; i++)
            margin += Load(model.Weights, indices[i]) * values[i];
        var dense = set.Dense(row);
        for (int d = 0; d < dense.Length; d++)
            margin += Load(model.Weights, space.DenseOffset + d) * ((dense[d] - scaling.Mean[d]) * scaling.Scale[d]);
        return margin;
    }

    private static void Update(float[] weights, float[] squaredGradients, int feature, Vector128<float> gradient,
        Vector128<float> learningRate, Vector128<float> l2, Vector128<float> epsilon)
    {
        int at = feature * Categories.Count;
        var w = Vector128.Create(weights.AsSpan(at, Categories.Count));
        var g = gradient + l2 * w;
        var accumulated = Vector128.Create(squaredGradients.AsSpan(at, Categories.Count)) + g * g;
        accumulated.CopyTo(squaredGradients.AsSpan(at));
        (w - learningRate * g / (Vector128.Sqrt(accumulated) + epsilon)).CopyTo(weights.AsSpan(at));
    }

    private static Vector128<float> Load(float[] weights, int feature) => Vector128.Create(weights.AsSpan(feature * Categories.Count, Categories.Count));

    private static void Scale(ReadOnlySpan<float> raw, DenseScaling scaling, Span<float> scaled)
    {
        for (int d = 0; d < raw.Length; d++)
            scaled[d] = (raw[d] - scaling.Mean[d]) * scaling.Scale[d];
    }

    internal static Vector128<float> Targets(CategorySet labels) => Vector128.Create(
        labels.Contains(Category.Spam) ? 1f : 0f, labels.Contains(Category.OffTopic) ? 1f : 0f,
        labels.Contains(Category.Conspiracy) ? 1f : 0f, labels.Contains(Category.Filler) ? 1f : 0f);

    private static Vector128<float> Sigmoid(Vector128<float> x) =>
        Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-x));

    private static double LogLoss(Vector128<float> p, Vector128<float> y, Vector128<float> weight)
    {
        var clipped = Vector128.Min(Vector128.Max(p, Vector128.Create(1e-7f)), Vector128.Create(1 - 1e-7f));
        var loss = -(y * Vector128.Log(clipped) + (Vector128<float>.One - y) * Vector128.Log(Vector128<float>.One - clipped)) * weight;
        return Vector128.Sum(loss);
    }
}
