using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>Parses a label field: "clean", one category name, or several joined by ';' (or ',' / '|').</summary>
internal static class LabelParser
{
    public static bool TryParse(string? field, out CategorySet labels, out string? error)
    {
        labels = CategorySet.None;
        error = null;
        if (string.IsNullOrWhiteSpace(field))
        {
            error = "empty label (use \"clean\" for a paragraph with no category)";
            return false;
        }
        foreach (var part in field.Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("clean", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!Categories.TryParse(part, out var category))
            {
                error = $"unknown label '{part}' (expected clean, spam, off_topic, conspiracy or filler)";
                return false;
            }
            labels |= category.ToSet();
        }
        return true;
    }
}
