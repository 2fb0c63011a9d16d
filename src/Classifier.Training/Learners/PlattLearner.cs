using Classifier.Core.Model;
using Microsoft.ML;
using Microsoft.ML.Calibrators;

namespace Classifier.Training.Learners;

/// <summary>Platt scaling with ML.NET's calibrator, fitted on held-out margins and exported as Core's <see cref="PlattCalibration"/>.</summary>
internal static class PlattLearner
{
    public static (PlattCalibration Calibration, ITransformer Model) Fit(MLContext ml, IReadOnlyList<float> margins, IReadOnlyList<bool> labels)
    {
        var model = ml.BinaryClassification.Calibrators.Platt(MlNetRows.Label, MlNetRows.Score).Fit(MlNetRows.Scored(ml, margins, labels));
        var platt = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)model).Model;
        // ML.NET's p = 1 / (1 + e^(Slope m + Offset)); Core's p = sigmoid(Slope m + Offset).
        return (new PlattCalibration((float)-platt.Slope, (float)-platt.Offset), model);
    }
}
