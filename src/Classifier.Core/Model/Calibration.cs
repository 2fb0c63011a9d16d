namespace Classifier.Core.Model;

/// <summary>
/// Platt scaling of one category's margin: p = sigmoid(Slope * margin + Offset). Class weighting in
/// training shifts the raw margins; Platt parameters fitted on held-out data make p mean what it says.
/// </summary>
internal readonly record struct PlattCalibration(float Slope, float Offset)
{
    public static PlattCalibration Identity => new(1f, 0f);

    public float Probability(float margin) => Sigmoid(Slope * margin + Offset);

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
