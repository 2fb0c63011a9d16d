using System.CommandLine;
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Training.Calibration;
using Classifier.Training.Evaluation;
using Classifier.Training.Pipeline;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>calibrate --data PATH... [--model M] --output M2 [--split all|dev|test|train] [--min-positives 20] [--min-precision 0.5]</c>:
/// refits each category's calibration and threshold on labelled paragraphs of the user's own source, keeping
/// the weights and trees, and records what it did in the model's metadata.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var data = SharedOptions.Data("Labelled sample of the source to adapt to: CSV (doc_id,para,text,label[,weight]) or corpus-schema JSONL files, or folders of them.");
        var model = SharedOptions.Model("Model to recalibrate (default: the shipped model).");
        var output = new Option<string>("--output", "-o") { Description = "Where to write the recalibrated model.", Required = true };
        var split = SharedOptions.Split("Documents of this split only; 'all' (default) for a sample of your own.", "all");
        var minPositives = new Option<int>("--min-positives") { Description = "A category with fewer positive paragraphs in the sample keeps the model's calibration and threshold.", DefaultValueFactory = _ => 20 };
        var minPrecision = new Option<double>("--min-precision") { Description = "Thresholds: the best F1 among those with at least this precision on the sample.", DefaultValueFactory = _ => new TrainingOptions().MinPrecision };
        var spliced = SharedOptions.Spliced("Spliced off-topic documents to generate from the sample, as eval does.");
        var seed = SharedOptions.Seed();
        var command = new Command("calibrate", "Refit calibration and thresholds on a labelled sample of a new source (weights and trees unchanged).")
            { data, model, output, split, minPositives, minPrecision, spliced, seed };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(model), parse.GetValue(output)!, parse.GetValue(split)!,
            parse.GetValue(minPositives), parse.GetValue(minPrecision), parse.GetValue(spliced), parse.GetValue(seed),
            "classifier " + string.Join(' ', parse.Tokens.Select(t => t.Value))));
        return command;
    }

    public static int Run(IReadOnlyList<string> dataPaths, string? modelPath, string outputPath, string splitName, int minPositives, double minPrecision,
        int spliced, int seed, string commandLine)
    {
        if (minPositives < 1)
            throw new ArgumentException("--min-positives must be at least 1.");
        if (!(minPrecision is >= 0 and <= 1))
            throw new ArgumentException("--min-precision must be between 0 and 1.");
        var model = ModelLocator.Load(modelPath);
        var sample = EvaluationData.Load(dataPaths, EvaluationData.ParseSplit(splitName), spliced, seed, message => Console.Error.WriteLine(message));
        if (sample.Documents.Count == 0)
            throw new InvalidDataException($"No documents in split '{splitName}' of the data given.");

        var fits = Recalibration.Fit(model, sample.Documents, minPrecision, minPositives);
        var recalibrated = Recalibration.Apply(model, fits, Record(model.Metadata, fits, model.Thresholds.ToArray(), sample, commandLine, minPrecision));
        ModelFile.Save(recalibrated, outputPath);

        // Thresholds before and after are on different probability scales once Platt is refitted; F1 on the sample compares.
        Console.Out.WriteLine("| category | positives | negatives | threshold | F1 on the sample, before | after (in-sample) | |");
        Console.Out.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var fit in fits)
            Console.Out.WriteLine($"| {Categories.Name(fit.Category)} | {fit.Positives} | {fit.Negatives} | {fit.Threshold:0.####} | {fit.SampleF1Before:F3} | {fit.SampleF1After:F3} | "
                + (fit.Refitted ? "refitted |" : $"kept: fewer than {minPositives} positives |"));
        Console.Error.WriteLine($"Recalibrated model written to {outputPath}; measure it with eval on documents not in the sample.");
        return 0;
    }

    /// <summary>The model's metadata with this recalibration appended to its "recalibrations" list.</summary>
    private static JsonObject Record(JsonObject metadata, IReadOnlyList<CategoryFit> fits, float[] before, EvaluationData sample, string commandLine, double minPrecision)
    {
        var record = (JsonObject)metadata.DeepClone();
        if (record["recalibrations"] is not JsonArray history)
            record["recalibrations"] = history = [];
        history.Add(new JsonObject
        {
            ["created"] = DateTime.UtcNow.ToString("O"),
            ["command"] = commandLine,
            ["split"] = EvaluationData.SplitName(sample.Split),
            ["min_precision"] = minPrecision,
            ["spliced_documents"] = sample.SplicedDocuments,
            ["data"] = new JsonArray([.. sample.Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path, ["sha256"] = DataFile.HashOf(f.Path), ["documents"] = f.Documents, ["selected"] = f.Selected,
            })]),
            ["categories"] = new JsonObject(fits.Select(f => KeyValuePair.Create(Categories.Name(f.Category), (JsonNode?)new JsonObject
            {
                ["positives"] = f.Positives,
                ["negatives"] = f.Negatives,
                ["refitted"] = f.Refitted,
                ["threshold_before"] = before[(int)f.Category],
                ["threshold"] = f.Threshold,
                ["sample_f1_before"] = Math.Round(f.SampleF1Before, 4),
                ["sample_f1_after"] = Math.Round(f.SampleF1After, 4),
            }))),
        });
        return record;
    }
}
