using System.CommandLine;
using Classifier.Cli.Input;
using Classifier.Cli.Scoring;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>filter [FILES...] [--model PATH] [--output PATH] [--mode drop|mark] [--log PATH] [--threshold CATEGORY=P ...] [--threads N] [--segments]</c>:
/// JSONL documents in, the same documents out without (or marking) every paragraph flagged in any category (with
/// --segments, every paragraph of a segment flagged as an insertion).
/// Reads stdin and writes stdout by default, so it drops into shell pipes, Spark's RDD.pipe and Hadoop Streaming.
/// </summary>
public static class FilterCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Inputs as for score: .jsonl, .txt, .csv (doc_id,text). None or '-' reads JSONL from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var model = SharedOptions.Model();
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSONL documents here instead of standard output." };
        var mode = new Option<string>("--mode") { Description = "drop: leave flagged paragraphs out (default). mark: keep them and add a parallel \"flags\" array.", DefaultValueFactory = _ => "drop" };
        mode.AcceptOnlyFromAmong("drop", "mark");
        var log = new Option<string?>("--log") { Description = "Write every removed (mark: flagged) paragraph here as a JSON line: doc, para, flags, scores, text (first 200 characters)." };
        var thresholds = SharedOptions.Thresholds();
        var threads = SharedOptions.Threads();
        var segments = new Option<bool>("--segments") { Description = "Treat a topic segment of two or more paragraphs, at least half of them flagged off_topic, as an insertion: drop (mark) every paragraph of it." };
        var command = new Command("filter", "Remove (or mark) flagged paragraphs from JSONL documents, for data pipelines; a summary goes to standard error.")
            { files, model, output, mode, log, thresholds, threads, segments };
        EncoderSettings.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(model), parse.GetValue(output),
            parse.GetValue(mode) == "mark" ? FilterMode.Mark : FilterMode.Drop, parse.GetValue(log), parse.GetValue(thresholds) ?? [], parse.GetValue(threads),
            EncoderSettings.From(parse), parse.GetValue(segments)));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? modelPath, string? outputPath, FilterMode mode, string? logPath,
        IReadOnlyList<string> thresholds, int threads, EncoderSettings? encoder = null, bool wholeSegments = false)
    {
        if (threads < 1)
            throw new ArgumentException("--threads must be at least 1.");
        var (scorer, _) = EncoderSettings.Scorer(encoder, modelPath, m => ThresholdOverrides.Apply(m, thresholds));
        using var stream = new BufferedStream(outputPath is null ? Console.OpenStandardOutput() : File.Create(outputPath), 1 << 16);
        using var writer = new FilteredDocumentWriter(stream, mode);
        using var log = logPath is null ? null : new FilterLog(new BufferedStream(File.Create(logPath), 1 << 16));
        using var standardInput = DocumentInputs.OpenStandardInput();
        var tally = new FilterTally(mode);
        new ParallelScorer(wholeSegments ? new WholeSegmentScorer(scorer) : scorer, threads).Run(DocumentInputs.Read(files, standardInput), batch => batch.ForEach((input, scores) =>
        {
            writer.Write(input.Document, scores);
            log?.Write(input.Document, scores);
            tally.Add(scores);
        }));
        Console.Error.WriteLine(tally.Summary());
        return 0;
    }
}
