using System.Runtime.Intrinsics;

namespace Classifier.Core.Scoring;

/// <summary>One paragraph's probabilities for the four categories and the flags its thresholds raised.</summary>
public readonly struct ParagraphScore
{
    internal ParagraphScore(Vector128<float> probabilities, CategorySet flags)
    {
        Probabilities = probabilities;
        Flags = flags;
    }

    /// <summary>Probabilities in category lane order (<see cref="Categories.All"/>).</summary>
    public Vector128<float> Probabilities { get; }

    public CategorySet Flags { get; }

    public float this[Category category] => Probabilities.GetElement((int)category);

    public bool IsFlagged(Category category) => Flags.Contains(category);
}
