using System.CommandLine;
using Classifier.Cli.Output;
using Classifier.Core.Model;
using Classifier.Training.Embeddings;
using Classifier.Training.Evaluation;
using Classifier.Training.Learners;
using Classifier.Training.Pipeline;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>train [--recipe FILE | --base MODEL] --data PATH... --output MODEL [options]</c>. A recipe comes from the code
/// defaults, then a recipe file or a base model's recorded recipe, then the options given here: an option not given
/// keeps the recipe's value, never the code default.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = SharedOptions.Data("Labels to train on: CSV (doc_id,para,text,label[,weight]) or JSONL files, or folders of them; added to the data of --recipe or --base.", required: false);
        var corpora = new Option<string?>("--corpora") { Description = "The shared corpora folder (optional)." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the model.", Required = true };
        var card = new Option<string?>("--card") { Description = "Write a Markdown model card here." };
        var recipeFile = new Option<string?>("--recipe") { Description = "Start from a recipe file (JSON, as `recipe MODEL` prints it)." };
        var baseModel = new Option<string?>("--base") { Description = "Retrain a model's recorded recipe, with --data added to its data." };
        var acceptDataChanges = new Option<bool>("--accept-data-changes") { Description = "With --base: train even if files the base was trained on are missing or changed." };
        var seed = SharedOptions.OptionalSeed("Seed for splicing and the ML.NET trainers.");
        var spliced = SharedOptions.OptionalSpliced("Spliced off-topic training documents.");
        var addCorpus = new Option<string[]?>("--add-corpus") { Description = "Opt-in corpora to train on too: dragnet (page boilerplate vs. main text), datacamp-comment-spam.", AllowMultipleArgumentsPerToken = true };
        var holdout = new Option<string[]?>("--holdout") { Description = "Sources to leave out of training and measure as unseen (e.g. xai-disinfodemics).", AllowMultipleArgumentsPerToken = true };
        var export = new Option<string?>("--export") { Description = "Also write the labelled train/dev/test paragraphs here as JSONL (to train and measure a peer such as fastText on the same data)." };
        var batchSignals = new Option<bool?>("--batch-signals") { Description = "Learn from lines that recur across the documents scored together (site templates); training documents are batched by source." };
        var linearOnly = new Option<bool>("--linear-only") { Description = "Skip the boosted-tree stage (a baseline)." };
        var trainer = new Option<LinearTrainer?>("--linear-trainer") { Description = "ML.NET linear trainer: Sdca (SdcaNonCalibrated, log loss) or Lbfgs (LbfgsLogisticRegression)." };
        var l1 = new Option<float?>("--l1") { Description = "L1 regularisation of the linear trainer." };
        var l2 = new Option<float?>("--l2") { Description = "L2 regularisation of the linear trainer." };
        var iterations = new Option<int?>("--iterations") { Description = "Maximum iterations of the linear trainer." };
        var positiveWeight = new Option<float?>("--max-positive-weight") { Description = "Cap on the weight of a rare category's positives." };
        var treeTrainer = new Option<TreeTrainer?>("--tree-trainer") { Description = "ML.NET boosted-tree trainer: LightGbm (early stopping on log loss) or FastTree (pruning on error rate)." };
        var trees = new Option<int?>("--trees") { Description = "Trees: most trees per category (stopped early on dev)." };
        var leaves = new Option<int?>("--leaves") { Description = "Trees: leaves per tree." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Trees: learning rate." };
        var minLeaf = new Option<int?>("--min-examples-per-leaf") { Description = "Trees: minimum examples per leaf." };
        var leafL2 = new Option<double?>("--leaf-l2") { Description = "LightGbm: L2 regularisation of leaf values." };
        var precision = new Option<NgramPrecision?>("--precision") { Description = "How scoring stores n-gram weights: Int8 (fast, default) or Float32 (exact ML.NET margins)." };
        var encoder = new Option<string?>("--encoder") { Description = "Train for the full sentence encoder (minilm, arcticxs): the accurate path, scored with score --encoder NAME. Without it the model carries a distilled table." };
        var embedding = new Option<string?>("--embedding") { Description = "The distilled table's encoder (minilm, arcticxs), or none for a model on n-grams and signals alone." };
        var dimensions = new Option<int?>("--embedding-dimensions") { Description = "Principal components kept of the distilled table." };
        var sif = new Option<double?>("--sif") { Description = "SIF weighting of the distilled table's pieces: a / (a + p)." };
        var insertions = new Option<int?>("--insertions") { Description = "Training documents per insertion shape (runs of 1, 2-5, 6-20 paragraphs or the host's length, after the title, in the middle, at the end; default 150); 0 for none." };
        var encoderCache = new Option<string?>("--encoder-cache") { Description = "With --encoder: a file keeping the paragraph vectors between runs." };
        var command = new Command("train", "Train a model with ML.NET, export it for the scorer, and measure it on held-out data.")
        {
            data, corpora, output, card, recipeFile, baseModel, acceptDataChanges, seed, spliced, holdout, addCorpus, export, batchSignals, linearOnly,
            trainer, l1, l2, iterations, positiveWeight, treeTrainer, trees, leaves, learningRate, minLeaf, leafL2, precision,
            encoder, embedding, dimensions, sif, encoderCache, insertions,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(recipeFile) is not null && parse.GetValue(baseModel) is not null)
                throw new ArgumentException("Give --recipe or --base, not both: each is a whole recipe to start from.");
            var options = new TrainingOptions();
            if (parse.GetValue(recipeFile) is { } file)
                options = Recipes.FromFile(file);
            if (parse.GetValue(baseModel) is { } basePath)
            {
                var model = ModelLocator.Load(basePath);
                var recorded = Recipes.FromModel(model, basePath);
                options = recorded with { CorporaPath = parse.GetValue(corpora) ?? recorded.CorporaPath };
                var changes = Recipes.DataChanges(model, options);
                if (changes.Count > 0 && !parse.GetValue(acceptDataChanges))
                    throw new InvalidDataException($"The base model's data is not what it was trained on:\n  {string.Join("\n  ", changes)}\n" +
                        "Restore those files, or pass --accept-data-changes to train on the data as it is now.");
                foreach (var change in changes)
                    Console.Error.WriteLine($"warning: {change}");
            }

            var linear = options.Linear;
            linear = linear with
            {
                Trainer = parse.GetValue(trainer) ?? linear.Trainer,
                L1 = parse.GetValue(l1) ?? linear.L1,
                L2 = parse.GetValue(l2) ?? linear.L2,
                MaxIterations = parse.GetValue(iterations) ?? linear.MaxIterations,
                MaxPositiveWeight = parse.GetValue(positiveWeight) ?? linear.MaxPositiveWeight,
            };
            var treeOptions = parse.GetValue(linearOnly) ? null : options.Trees is { } t ? t with
            {
                Trainer = parse.GetValue(treeTrainer) ?? t.Trainer,
                NumberOfTrees = parse.GetValue(trees) ?? t.NumberOfTrees,
                NumberOfLeaves = parse.GetValue(leaves) ?? t.NumberOfLeaves,
                LearningRate = parse.GetValue(learningRate) ?? t.LearningRate,
                MinimumExampleCountPerLeaf = parse.GetValue(minLeaf) ?? t.MinimumExampleCountPerLeaf,
                L2Regularization = parse.GetValue(leafL2) ?? t.L2Regularization,
            } : null;
            // As for every option: what is not given keeps the recipe's (or the base model's) value, none included.
            var embeddingOptions = parse.GetValue(embedding) switch
            {
                "none" => null,
                null => options.Embedding,
                var name => (options.Embedding ?? new EmbeddingOptions()) with { Encoder = name, Static = true },
            };
            if (parse.GetValue(encoder) is { } full)
                embeddingOptions = embeddingOptions is null && parse.GetValue(embedding) == "none"
                    ? throw new ArgumentException("--encoder trains on the full encoder's embeddings; it cannot go with --embedding none.")
                    : (embeddingOptions ?? new EmbeddingOptions()) with { Encoder = full, Static = false };
            if (embeddingOptions is not null)
                embeddingOptions = embeddingOptions with
                {
                    Dimensions = parse.GetValue(dimensions) ?? embeddingOptions.Dimensions,
                    Sif = parse.GetValue(sif) ?? embeddingOptions.Sif,
                };
            options = options with
            {
                Embedding = embeddingOptions,
                EmbeddingCache = parse.GetValue(encoderCache),
                DataPaths = [.. options.DataPaths, .. parse.GetValue(data) ?? []],
                CorporaPath = parse.GetValue(corpora) ?? options.CorporaPath,
                Seed = parse.GetValue(seed) ?? options.Seed,
                SplicedTrain = parse.GetValue(spliced) ?? options.SplicedTrain,
                InsertionsPerShape = parse.GetValue(insertions) ?? options.InsertionsPerShape,
                HoldoutSources = parse.GetValue(holdout) ?? options.HoldoutSources,
                AddedCorpora = parse.GetValue(addCorpus) ?? options.AddedCorpora,
                ExportDirectory = parse.GetValue(export) ?? options.ExportDirectory,
                BatchSignals = parse.GetValue(batchSignals) ?? options.BatchSignals,
                Precision = parse.GetValue(precision) ?? options.Precision,
                Linear = linear,
                Trees = treeOptions,
            };
            if (options.DataPaths.Count == 0)
                throw new ArgumentException("No training data: give --data, or a --recipe or --base that names some.");

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
}
