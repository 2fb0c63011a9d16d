using System.CommandLine;
using Classifier.Cli.Input;
using Classifier.Cli.Output;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Commands;

/// <summary><c>score [FILES...] [--model PATH] [--output PATH]</c>: one JSON line per input paragraph.</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Inputs: .jsonl documents, .txt (one document), .csv (doc_id,text). None or '-' reads JSONL from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "Model file (default: the shipped model)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write JSON lines here instead of standard output." };
        var command = new Command("score", "Score every paragraph for spam, off_topic, conspiracy and filler.") { files, model, output };
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(model), parse.GetValue(output)));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? modelPath, string? outputPath)
    {
        var scorer = new Scorer(ModelLocator.Load(modelPath));
        using var stream = new BufferedStream(outputPath is null ? Console.OpenStandardOutput() : File.Create(outputPath), 1 << 16);
        using var writer = new ScoreWriter(stream);
        // A reader of our own rather than Console.In: it drops a UTF-8 byte-order mark as file input does.
        using var standardInput = new StreamReader(Console.OpenStandardInput(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var scores = new ParagraphScore[64];
        foreach (var input in DocumentInputs.Read(files, standardInput))
        {
            int count = input.Document.Paragraphs.Count;
            if (scores.Length < count)
                scores = new ParagraphScore[Math.Max(count, scores.Length * 2)];
            scorer.Score(input.Document, scores);
            writer.Write(input.Document.Id, scores.AsSpan(0, count));
        }
        return 0;
    }
}
