using System.CommandLine;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>promote CANDIDATE --data PATH... [--current M] [--to M] [--max-loss 0.02] [--force]</c>: measures the
/// candidate and the current model on the same data and installs the candidate only if no category's
/// F1 falls by more than the margin; otherwise exits 3 naming the categories, unless forced.
/// </summary>
public static class PromoteCommand
{
    public const int Refused = 3;

    public static Command Create()
    {
        var candidate = new Argument<string>("candidate") { Description = "The retrained model." };
        var data = SharedOptions.Data("Labelled data to compare on (as for eval).");
        var current = new Option<string?>("--current") { Description = "The model in use (default: the shipped model)." };
        var target = new Option<string?>("--to") { Description = "Where to install the candidate (default: where --current is)." };
        var split = SharedOptions.Split("Documents of this split only, or 'all'.", "test");
        var maxLoss = new Option<double>("--max-loss") { Description = "Largest F1 loss allowed on any category.", DefaultValueFactory = _ => 0.02 };
        var force = new Option<bool>("--force") { Description = "Install even if a category regresses." };
        var command = new Command("promote", "Install a retrained model unless it is worse than the current one on any category.")
            { candidate, data, current, target, split, maxLoss, force };
        command.SetAction(parse => Run(parse.GetValue(candidate)!, parse.GetValue(data)!, parse.GetValue(current), parse.GetValue(target),
            parse.GetValue(split)!, parse.GetValue(maxLoss), parse.GetValue(force)));
        return command;
    }

    public static int Run(string candidatePath, IReadOnlyList<string> dataPaths, string? currentPath, string? targetPath, string splitName, double maxLoss, bool force)
    {
        currentPath ??= ModelLocator.DefaultPath;
        targetPath ??= currentPath;
        var scorers = new[] { new Scorer(ModelLocator.Load(currentPath)), new Scorer(ModelLocator.Load(candidatePath)) };
        var evaluation = EvaluationData.Load(dataPaths, EvaluationData.ParseSplit(splitName), 300, 7, message => Console.Error.WriteLine(message));
        var pooled = EvaluationReport.Sets(evaluation.Documents, out _).Take(1).ToList();
        var metrics = EvaluationReport.Measure(scorers, pooled);

        var gate = new PromotionGate(maxLoss);
        var comparisons = gate.Compare(metrics[0][0], metrics[1][0]);
        foreach (var c in comparisons)
            Console.Out.WriteLine($"{Categories.Name(c.Category),-11} positives {c.Positives,6}  F1 current {c.CurrentF1:F3}  candidate {c.CandidateF1:F3}  change {c.Change:+0.000;-0.000}");
        var regressions = gate.Regressions(comparisons);
        if (regressions.Count > 0 && !force)
        {
            Console.Error.WriteLine($"error: refused: F1 falls by more than {maxLoss} on {string.Join(", ", regressions.Select(r => Categories.Name(r.Category)))}; use --force to install anyway.");
            return Refused;
        }
        // Load-verify-save rather than a file copy: what is installed is known to be a valid model, written atomically.
        ModelFile.Save(ModelFile.Load(candidatePath), targetPath);
        Console.Error.WriteLine($"Installed {candidatePath} as {targetPath}{(regressions.Count > 0 ? " (forced despite regressions)" : "")}.");
        return 0;
    }
}
