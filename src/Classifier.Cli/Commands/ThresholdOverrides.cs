using System.Globalization;
using Classifier.Core;
using Classifier.Core.Model;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>--threshold CATEGORY=P ...</c>: replaces the model's decision threshold for the named categories,
/// so a pipeline can be stricter or looser than the dev-chosen defaults without retraining.
/// </summary>
public static class ThresholdOverrides
{
    public const string Help = "Override a category's flag threshold, e.g. --threshold spam=0.9 filler=0.5 (P between 0 and 1; categories: spam, off_topic, conspiracy, filler).";

    /// <summary>The model with the overrides applied; the model itself when there are none.</summary>
    /// <exception cref="ArgumentException">A malformed, unknown, out-of-range or repeated override.</exception>
    public static ClassifierModel Apply(ClassifierModel model, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0)
            return model;
        var thresholds = model.Thresholds.ToArray();
        var seen = new HashSet<Category>();
        foreach (var spec in overrides)
        {
            var (category, probability) = Parse(spec);
            if (!seen.Add(category))
                throw new ArgumentException($"--threshold {spec}: {Categories.Name(category)} is given more than once.");
            thresholds[(int)category] = probability;
        }
        return model.WithThresholds(thresholds);
    }

    private static (Category, float) Parse(string spec)
    {
        int equals = spec.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"--threshold {spec}: expected CATEGORY=P, e.g. spam=0.9 (files go before --threshold).");
        string name = spec[..equals].Trim(), value = spec[(equals + 1)..].Trim();
        if (!Categories.TryParse(name, out var category))
            throw new ArgumentException($"--threshold {spec}: unknown category '{name}'; expected spam, off_topic, conspiracy or filler.");
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double p))
            throw new ArgumentException($"--threshold {spec}: '{value}' is not a number.");
        if (!(p >= 0 && p <= 1)) // also refuses NaN
            throw new ArgumentException($"--threshold {spec}: the probability must be between 0 and 1.");
        return (category, (float)p);
    }
}
