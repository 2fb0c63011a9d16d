using System.CommandLine;
using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Core.Model;
using Classifier.Training.Evaluation;
using Classifier.Training.Linear;
using Classifier.Training.Pipeline;

namespace Classifier.Cli.Commands;

/// <summary><c>train --data PATH... [--corpora DIR] --output MODEL [--card CARD.md]</c>.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Project labels: CSV (doc_id,para,text,label[,weight]) or JSONL files, or folders of them.", Required = true, AllowMultipleArgumentsPerToken = true };
        var corpora = new Option<string?>("--corpora") { Description = "The shared corpora folder (optional)." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the model.", Required = true };
        var card = new Option<string?>("--card") { Description = "Write a Markdown model card here." };
        var epochs = new Option<int>("--epochs") { Description = "Passes of the linear trainer.", DefaultValueFactory = _ => new LinearOptions().Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed for shuffling and splicing.", DefaultValueFactory = _ => 42 };
        var spliced = new Option<int>("--spliced") { Description = "Spliced off-topic training documents.", DefaultValueFactory = _ => new TrainingOptions().SplicedTrain };
        var linearOnly = new Option<bool>("--linear-only") { Description = "Skip the boosted-tree stage (a baseline)." };
        var holdout = new Option<string[]>("--holdout") { Description = "Sources to leave out of training and measure as unseen (e.g. xai-disinfodemics).", AllowMultipleArgumentsPerToken = true };
        var export = new Option<string?>("--export") { Description = "Also write the labelled train/dev/test paragraphs here as JSONL (to train and measure a peer such as fastText on the same data)." };
        var batchSignals = new Option<bool>("--batch-signals") { Description = "Learn from lines that recur across the documents scored together (site templates); training documents are batched by source." };
        var baseModel = new Option<string?>("--base") { Description = "Retrain a model's recipe with --data added to its data (its corpora unless --corpora is given)." };
        var command = new Command("train", "Train a model and measure it on held-out data.") { data, corpora, output, card, epochs, seed, spliced, linearOnly, holdout, export, batchSignals, baseModel };
        command.SetAction(parse =>
        {
            var recipe = parse.GetValue(baseModel) is { } basePath ? BaseRecipe(basePath) : null;
            var options = (recipe ?? new TrainingOptions()) with
            {
                DataPaths = [.. recipe?.DataPaths ?? [], .. parse.GetValue(data)!],
                CorporaPath = parse.GetValue(corpora) ?? recipe?.CorporaPath,
                Seed = parse.GetValue(seed),
                SplicedTrain = parse.GetValue(spliced),
                Linear = new LinearOptions(Epochs: parse.GetValue(epochs), Seed: parse.GetValue(seed)),
                HoldoutSources = parse.GetValue(holdout) ?? [],
                ExportDirectory = parse.GetValue(export),
            };
            if (parse.GetValue(batchSignals))
                options = options with { BatchSignals = true };
            if (parse.GetValue(linearOnly))
                options = options with { Trees = null };
            var outcome = TerminalProgress.Run("Training", echoWhenPiped: true, progress => TrainingRecipe.Run(options, progress));
            ModelFile.Save(outcome.Model, parse.GetValue(output)!);
            Console.Error.WriteLine($"Model written to {parse.GetValue(output)}.");
            if (parse.GetValue(card) is { } cardPath)
            {
                File.WriteAllText(cardPath, ModelCard.Render(outcome, options, "classifier " + string.Join(' ', parse.Tokens.Select(t => t.Value))));
                Console.Error.WriteLine($"Model card written to {cardPath}.");
            }
            Console.Out.Write(ModelCard.MetricsTable(outcome.Test));
            return 0;
        });
        return command;
    }

    /// <summary>The recipe a model was trained with, as its metadata records it.</summary>
    private static TrainingOptions BaseRecipe(string path)
    {
        var model = ModelLocator.Load(path);
        return model.Metadata["recipe"]?.Deserialize<TrainingOptions>()
            ?? throw new InvalidDataException($"Model '{path}' records no training recipe to retrain from.");
    }
}
