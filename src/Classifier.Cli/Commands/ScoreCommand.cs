using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using Classifier.Cli.Input;
using Classifier.Cli.Output;
using Classifier.Cli.Scoring;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Commands;

/// <summary><c>score [FILES...] [--model PATH] [--output PATH]</c>: one JSON line per input paragraph.</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Inputs: .jsonl documents, .txt (one document), .csv (doc_id,text). None or '-' reads JSONL from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var model = SharedOptions.Model();
        var output = new Option<string?>("--output", "-o") { Description = "Write JSON lines here instead of standard output." };
        var threads = SharedOptions.Threads();
        var onError = new Option<string>("--on-error") { Description = "fail: stop at the first bad record (default). skip: report it and go on.", DefaultValueFactory = _ => "fail" };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var errors = new Option<string?>("--errors") { Description = "With --on-error skip: write the bad records here as JSON lines (default: standard error)." };
        var explain = new Option<bool>("--explain") { Description = "Add to every flagged paragraph the n-grams and signals that pushed its score most (\"explanation\") and the top reasons in plain words with their share of the score (\"reasons\")." };
        var thresholds = SharedOptions.Thresholds();
        var command = new Command("score", "Score every paragraph for spam, off_topic, conspiracy and filler.") { files, model, output, threads, explain, onError, errors, thresholds };
        EncoderSettings.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(model), parse.GetValue(output), parse.GetValue(threads), parse.GetValue(explain),
            parse.GetValue(onError) == "skip", parse.GetValue(errors), parse.GetValue(thresholds) ?? [], EncoderSettings.From(parse)));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? modelPath, string? outputPath, int threads, bool explain,
        bool skipErrors, string? errorsPath, IReadOnlyList<string> thresholds, EncoderSettings? encoder = null)
    {
        if (threads < 1)
            throw new ArgumentException("--threads must be at least 1.");
        var (scorer, model) = EncoderSettings.Scorer(encoder, modelPath, m => ThresholdOverrides.Apply(m, thresholds));
        var explainer = explain ? new Explainer(model) : null;
        using var stream = new BufferedStream(outputPath is null ? Console.OpenStandardOutput() : File.Create(outputPath), 1 << 16);
        using var standardInput = DocumentInputs.OpenStandardInput();
        using var errorReport = skipErrors ? new ErrorReport(errorsPath) : null;
        var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();   // at most one per batch in flight
        int documents = 0, scored = 0;
        var pipeline = new ParallelScorer(scorer, threads);
        // Progress only when a person watches (output to a file from a terminal); never mixed into piped output.
        TerminalProgress.Run("Scoring", echoWhenPiped: false, progress => pipeline.Run(
            DocumentInputs.Read(files, standardInput, errorReport is null ? null : errorReport.Add),
            batch => Format(batch, explainer, buffers.TryTake(out var buffer) ? buffer : new ArrayBufferWriter<byte>(1 << 16)),
            formatted =>
            {
                var (batch, lines) = formatted;
                stream.Write(lines.WrittenSpan);
                lines.ResetWrittenCount();
                buffers.Add(lines);
                documents += batch.Inputs.Count;
                scored += batch.Scores.Length;
                progress($"{documents:N0} documents, {scored:N0} paragraphs scored");
            }));
        if (scorer is CascadeScorer cascade)
            Console.Error.WriteLine($"score: the {encoder!.Name} model re-scored {cascade.Counts.Rescored:N0} of {cascade.Counts.Documents:N0} documents (band {cascade.Band}).");
        if (errorReport is not null)
            Console.Error.WriteLine($"score: {documents} documents, {scored} paragraphs scored; {errorReport.Count} bad input records reported{(errorsPath is null ? "" : $" in {errorsPath}")}.");
        return 0;
    }

    /// <summary>A batch's JSON lines, formatted on its scoring thread.</summary>
    private static (ParallelScorer.Batch, ArrayBufferWriter<byte>) Format(ParallelScorer.Batch batch, Explainer? explainer, ArrayBufferWriter<byte> lines)
    {
        using var writer = new ScoreWriter(lines);
        var recurrence = explainer is null ? null : batch.Recurrence();
        batch.ForEach((input, index, scores) =>
        {
            var paragraphs = input.Document.Paragraphs;
            writer.Write(input.Document.Id, scores,
                explainer is null ? null : (paragraph, category) => explainer.ExplainWithReasons(paragraphs, paragraph, category, batch: recurrence, document: index));
        });
        return (batch, lines);
    }
}
