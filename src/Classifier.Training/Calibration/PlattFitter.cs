using Classifier.Core.Model;

namespace Classifier.Training.Calibration;

/// <summary>
/// Fits Platt scaling, p = sigmoid(a * margin + b), by Newton's method on held-out margins, with Platt's
/// smoothed targets (N+ + 1)/(N+ + 2) and 1/(N- + 2) so that a separable fold does not send a to infinity.
/// </summary>
public static class PlattFitter
{
    public static PlattCalibration Fit(ReadOnlySpan<float> margins, ReadOnlySpan<bool> labels)
    {
        int positives = 0;
        foreach (bool y in labels) if (y) positives++;
        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
            return PlattCalibration.Identity;
        double high = (positives + 1.0) / (positives + 2.0), low = 1.0 / (negatives + 2.0);

        double a = 1, b = 0;
        double loss = Loss(margins, labels, high, low, a, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            // Gradient and Hessian of the log loss in (a, b).
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < margins.Length; i++)
            {
                double m = margins[i];
                double p = 1 / (1 + Math.Exp(-(a * m + b)));
                double residual = p - (labels[i] ? high : low);
                double curvature = Math.Max(p * (1 - p), 1e-12);
                ga += residual * m; gb += residual;
                haa += curvature * m * m; hab += curvature * m; hbb += curvature;
            }
            double determinant = haa * hbb - hab * hab;
            if (Math.Abs(determinant) < 1e-18)
                break;
            double da = (hbb * ga - hab * gb) / determinant;
            double db = (haa * gb - hab * ga) / determinant;
            // Backtracking line search (Lin, Lin and Weng's fix to Platt's method): a full Newton step
            // overshoots, and can diverge, where the curvature is tiny.
            double step = 1, slope = ga * da + gb * db;
            double next = Loss(margins, labels, high, low, a - da, b - db);
            while (next > loss - 1e-4 * step * slope && step > 1e-10)
            {
                step /= 2;
                next = Loss(margins, labels, high, low, a - step * da, b - step * db);
            }
            a -= step * da; b -= step * db;
            bool converged = loss - next < 1e-12 * Math.Max(1, Math.Abs(loss));
            loss = next;
            if (converged || (Math.Abs(step * da) < 1e-7 && Math.Abs(step * db) < 1e-7))
                break;
        }
        return new PlattCalibration((float)a, (float)b);
    }

    /// <summary>Log loss against the smoothed targets, computed stably for large |a m + b|.</summary>
    private static double Loss(ReadOnlySpan<float> margins, ReadOnlySpan<bool> labels, double high, double low, double a, double b)
    {
        double loss = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double z = a * margins[i] + b, t = labels[i] ? high : low;
            // -t log(sigmoid z) - (1 - t) log(1 - sigmoid z) = log(1 + e^z) - t z
            loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - t * z;
        }
        return loss;
    }
}
