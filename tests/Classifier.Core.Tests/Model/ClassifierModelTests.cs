using System.Text.Json.Nodes;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Core.Tests.Model;

/// <summary>A model is immutable in fact: what built it, and what it hands out, cannot change it afterwards.</summary>
public sealed class ClassifierModelTests
{
    [Fact]
    public void Changing_the_arrays_a_model_was_built_from_changes_nothing()
    {
        var source = TestModels.Random(seed: 3);
        var weights = source.Weights.ToArray();
        float[] bias = [.. source.Bias], mean = [.. source.DenseMean], scale = [.. source.DenseScale], thresholds = [.. source.Thresholds];
        PlattCalibration[] calibration = [.. source.Calibration];
        var metadata = new JsonObject { ["trainer"] = "test" };
        var model = new ClassifierModel(source.Space, weights, bias, mean, scale, calibration, thresholds, metadata);
        var document = new Document("d", ["Subscribe now for exclusive deals!", "The council met on Monday to approve the budget."]);
        var before = new Scorer(model).Score(document);

        Array.Fill(weights, 5f);
        Array.Fill(bias, 5f);
        Array.Fill(mean, 5f);
        Array.Fill(scale, 5f);
        Array.Fill(thresholds, 0f);
        Array.Fill(calibration, new PlattCalibration(9, 9));
        metadata["trainer"] = "changed";

        var after = new Scorer(model).Score(document);
        Assert.Equal(before.Select(s => (s.Probabilities, s.Flags)), after.Select(s => (s.Probabilities, s.Flags)));
        Assert.Equal(source.Thresholds, model.Thresholds);
        Assert.Equal("test", model.Metadata["trainer"]!.GetValue<string>());
    }

    [Fact]
    public void Metadata_is_a_copy_and_with_thresholds_copies_its_argument()
    {
        var model = TestModels.Random(seed: 4).WithThresholds([0.5f, 0.5f, 0.5f, 0.5f]);
        model.Metadata["trainer"] = "edited";
        Assert.Null(model.Metadata["trainer"]);

        float[] thresholds = [0.1f, 0.2f, 0.3f, 0.4f];
        var overridden = model.WithThresholds(thresholds);
        thresholds[0] = 0.9f;
        Assert.Equal(0.1f, overridden.Thresholds[0]);
    }
}
