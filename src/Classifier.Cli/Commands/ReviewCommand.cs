using System.CommandLine;
using System.Text;
using Classifier.Cli.Input;
using Classifier.Cli.Review;
using Classifier.Cli.Scoring;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Commands;

/// <summary><c>review [FILES...] [--model PATH] --output PAGE.html [--min-score P]</c>: a moderator review page.</summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Inputs as for score: .jsonl, .txt, .csv (doc_id,text). None or '-' reads JSONL from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var model = SharedOptions.Model();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the review page (one self-contained HTML file).", Required = true };
        var minScore = new Option<double>("--min-score") { Description = "Leave out documents whose highest score of any category is below this (0-1); the page's score slider starts here. Default 0: every document." };
        var command = new Command("review", "Write an HTML page on which a moderator checks flagged paragraphs and exports the decisions as a labels CSV for train --data.") { files, model, output, minScore };
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(model), parse.GetValue(output)!, parse.GetValue(minScore)));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? modelPath, string outputPath, double minScore = 0)
    {
        if (!(minScore >= 0 && minScore <= 1))
            throw new ArgumentException($"--min-score must be between 0 and 1, got {minScore}.");
        var model = ModelLocator.Load(modelPath);
        var builder = new ReviewBuilder(model);
        using var standardInput = DocumentInputs.OpenStandardInput();
        var documents = new List<ReviewDocument>();
        new ParallelScorer(new Scorer(model), Environment.ProcessorCount).Run(DocumentInputs.Read(files, standardInput),
            batch => documents.AddRange(builder.Build(batch).Where(d => ReviewBuilder.MaxScore(d) >= minScore)));
        var data = new ReviewData(Path.GetFileName(modelPath ?? ModelLocator.DefaultPath), minScore,
            [.. Categories.All.ToArray().Select(Categories.Name)], ReviewBuilder.Thresholds(model), documents);
        File.WriteAllText(outputPath, ReviewPage.Render(data), new UTF8Encoding(false));
        int paragraphs = documents.Sum(d => d.Paragraphs.Count), flagged = documents.Sum(d => d.Paragraphs.Count(p => p.Flags.Count > 0));
        Console.Error.WriteLine($"review: {documents.Count} documents, {paragraphs} paragraphs ({flagged} flagged) written to {outputPath}.");
        return 0;
    }
}
