using Classifier.Core.Features;
using Classifier.Training.Data;

namespace Classifier.Training.Linear;

/// <summary>Standardises the dense signals (zero mean, unit variance on the training set) so that one
/// learning rate suits them and the unit-norm n-gram blocks alike.</summary>
public sealed record DenseScaling(float[] Mean, float[] Scale)
{
    public static DenseScaling Fit(FeaturizedSet set)
    {
        int d = DenseFeatures.Count;
        var sum = new double[d];
        var sumSquares = new double[d];
        for (int row = 0; row < set.Count; row++)
        {
            var dense = set.Dense(row);
            for (int j = 0; j < d; j++)
            {
                sum[j] += dense[j];
                sumSquares[j] += (double)dense[j] * dense[j];
            }
        }
        var mean = new float[d];
        var scale = new float[d];
        int n = Math.Max(set.Count, 1);
        for (int j = 0; j < d; j++)
        {
            double m = sum[j] / n;
            double variance = Math.Max(sumSquares[j] / n - m * m, 0);
            mean[j] = (float)m;
            // A constant signal carries nothing; scale 0 keeps it out of the model rather than dividing by 0.
            scale[j] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }
        return new DenseScaling(mean, scale);
    }
}
