using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Calibration;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Pipeline;
using Classifier.Training.Tests.Pipeline;

namespace Classifier.Training.Tests.Calibration;

/// <summary>Recalibration on a labelled sample: it repairs a miscalibrated model, keeps what it cannot refit, and never touches the ranking.</summary>
public sealed class RecalibrationTests(ProjectDataTraining training) : IClassFixture<ProjectDataTraining>
{
    private static readonly List<LabelledDocument> Sample =
        TrainingData.Load(ProjectDataTraining.Options, _ => { }).In(Split.Test).ToList();

    private static SetMetrics Measure(ClassifierModel model) => Evaluator.Evaluate(new Scorer(model), "sample", Sample);

    /// <summary>The trained model as it would look on a source where every calibrated log-odds runs 10 lower: flags almost vanish.
    /// (Shifted in log-odds rather than in margin units, whose scale is the trainer's.)</summary>
    private ClassifierModel UnderConfident()
    {
        var model = training.Outcome.Model;
        return model.WithCalibration([.. model.Calibration.ToArray().Select(c => c with { Offset = c.Offset - 10 })], model.Thresholds, model.Metadata);
    }

    [Fact]
    public void Refitting_on_the_sample_restores_what_a_shifted_calibration_lost()
    {
        var shifted = UnderConfident();
        var fits = Recalibration.Fit(shifted, Sample, minPrecision: 0.5, minPositives: 5);
        var repaired = Recalibration.Apply(shifted, fits, shifted.Metadata);
        SetMetrics before = Measure(shifted), after = Measure(repaired);

        foreach (var category in new[] { Category.Spam, Category.Filler })
        {
            Assert.True(fits[(int)category].Refitted, $"{category}: {fits[(int)category]}");
            double f1Before = before[category].F1, f1After = after[category].F1;
            // Measured on the project test split: spam 0.000 -> 0.952, filler 0.000 -> 0.981.
            Assert.True(f1After > f1Before + 0.3 && f1After > 0.8, $"{category}: F1 {f1Before:F3} -> {f1After:F3}");
            // The ranking is the model's: only the mapping from margin to probability moved.
            Assert.Equal(before[category].AveragePrecision, after[category].AveragePrecision, 6);
        }
    }

    [Fact]
    public void A_category_with_too_few_positives_keeps_the_models_calibration_and_threshold()
    {
        var model = UnderConfident();
        var fits = Recalibration.Fit(model, Sample, minPrecision: 0.5, minPositives: 1_000_000);

        Assert.All(fits, fit =>
        {
            Assert.False(fit.Refitted);
            Assert.Equal(model.Calibration[(int)fit.Category], fit.Calibration);
            Assert.Equal(model.Thresholds[(int)fit.Category], fit.Threshold);
            Assert.True(fit.Positives + fit.Negatives > 0);
        });
        Assert.Equal(Sample.Sum(d => d.Paragraphs.Count(p => p.IsLabelled && p.Labels.Contains(Category.Spam))), fits[(int)Category.Spam].Positives);
    }
}
