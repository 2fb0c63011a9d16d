using System.Runtime.Intrinsics;

namespace Classifier.Core.Scoring;

/// <summary>One paragraph's probabilities for the four categories and the flags its thresholds raised.</summary>
public readonly struct ParagraphScore(Vector128<float> probabilities, CategorySet flags)
{
    /// <summary>Probabilities in category lane order (<see cref="Categories.All"/>).</summary>
    public Vector128<float> Probabilities { get; } = probabilities;

    public CategorySet Flags { get; } = flags;

    public float this[Category category] => Probabilities.GetElement((int)category);

    public bool IsFlagged(Category category) => Flags.Contains(category);
}
