// Re-chooses a trained model's thresholds under the code's current ThresholdTargets, without retraining: loads the
// data its recipe names (run from the folder it was trained from, as `train --base` must), takes the same half of
// the dev documents training calibrated on, refits with Recalibration.Fit, and checks that the Platt fits come out
// as the model's own (so the dev half is the one training used) before writing the model with the new thresholds
// and the recipe updated to the targets that chose them. Weights, trees and calibration are unchanged.
// Arguments: MODEL OUTPUT [--rate CATEGORY=R ...] [--precision CATEGORY=P ...] (instead of ThresholdTargets.Default's)
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Training.Calibration;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Pipeline;

if (args.Length < 2) { Console.Error.WriteLine("usage: rethreshold MODEL OUTPUT [--rate CATEGORY=R ...] [--precision CATEGORY=P ...]"); return 2; }
var targets = ThresholdTargets.Default;
for (int i = 2; i < args.Length; i++)
{
    if (args[i] is not ("--rate" or "--precision")) continue;
    var given = args[(i + 1)..].TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))
        .Select(a => a.Split('=')).ToDictionary(a => a[0], a => double.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture));
    targets = args[i] == "--rate" ? targets with { SourceFalsePositiveRate = given } : targets with { SourcePrecision = given };
}
var model = ModelFile.Load(args[0]);
var recipe = Recipes.FromModel(model, args[0]) with { ThresholdTargets = targets };
var data = TrainingData.Load(recipe, Console.Error.WriteLine);
var dev = data.In(Split.Dev).ToList();
if (recipe.Trees is not null)
    dev = TrainingRecipe.HalveDev(dev).Calibrating;

var fits = Recalibration.Fit(model, dev, recipe.MinPrecision, seed: recipe.Seed, targets: recipe.ThresholdTargets);
for (int k = 0; k < Categories.Count; k++)
{
    var (was, now) = (model.Calibration[k], fits[k].Calibration);
    if (Math.Abs(was.Slope - now.Slope) > 1e-4 || Math.Abs(was.Offset - now.Offset) > 1e-4)
    {
        Console.Error.WriteLine($"{Categories.Name((Category)k)}: Platt fit {now} differs from the model's {was}: not the dev half training used.");
        return 1;
    }
    Console.WriteLine($"{Categories.Name((Category)k)}: threshold {model.Thresholds[k]:F3} -> {fits[k].Threshold:F3}");
}
var metadata = model.Metadata;
metadata["recipe"] = Recipes.ToNode(recipe);
metadata["rethresholded"] = new JsonObject
{
    ["utc"] = DateTime.UtcNow.ToString("O"),
    ["from"] = new JsonArray([.. model.Thresholds.ToArray().Select(t => (JsonNode)Math.Round(t, 4))]),
    ["why"] = "thresholds re-chosen on the model's own dev half under the current ThresholdTargets (scripts/rethreshold)",
};
ModelFile.Save(Recalibration.Apply(model, fits, metadata), args[1]);
Console.WriteLine($"wrote {args[1]}");
return 0;
