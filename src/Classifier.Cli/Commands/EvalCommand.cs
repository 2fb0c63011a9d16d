using System.CommandLine;
using System.Diagnostics;
using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Evaluation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Classifier.Cli.Commands;

/// <summary>
/// <c>eval --data PATH... [--model M] [--baseline M2] [--split test|dev|train|all] [--report FILE.md|FILE.json] [--spliced N] [--insertions N] [--seed S]</c>:
/// measures a model (and optionally a baseline) per category and per source on labelled data, and the model on
/// off-topic insertions of every length and position (<see cref="InsertionEvaluator"/>).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var data = SharedOptions.Data("Labelled data: CSV (doc_id,para,text,label[,weight]) or corpus-schema JSONL files, or folders of them.");
        var model = SharedOptions.Model("Model to measure (default: the shipped model).");
        var baseline = new Option<string?>("--baseline") { Description = "A second model to measure on the same data, side by side." };
        var split = SharedOptions.Split("Documents of this split only; 'all' for data never used in training.", "test");
        var report = new Option<string?>("--report") { Description = "Also write the figures to this file: JSON if it ends in .json, else Markdown." };
        var spliced = SharedOptions.Spliced("Spliced off-topic documents to generate (at most one per host document).");
        var insertions = new Option<int>("--insertions")
        {
            Description = "Spliced documents per run length (1, 2-5, 6-20, 0.5-1.5x host) and position (after title, middle, end) for the off-topic insertion report; 0 leaves the report out.",
            DefaultValueFactory = _ => InsertionEvaluator.DefaultPerShape,
        };
        var seed = SharedOptions.Seed();
        var segments = new Option<bool>("--segments") { Description = "Measure the model as filter --segments flags: every paragraph of a segment at least half flagged off_topic counts as flagged." };
        var command = new Command("eval", "Measure a model per category and per source: precision, recall, F1, PR-AUC and false-positive rate.")
            { data, model, baseline, split, report, spliced, insertions, seed, segments };
        EncoderSettings.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(model), parse.GetValue(baseline), parse.GetValue(split)!,
            parse.GetValue(report), parse.GetValue(spliced), parse.GetValue(seed),
            "classifier " + string.Join(' ', parse.Tokens.Select(t => t.Value)), EncoderSettings.From(parse), parse.GetValue(insertions), parse.GetValue(segments)));
        return command;
    }

    public static int Run(IReadOnlyList<string> dataPaths, string? modelPath, string? baselinePath, string splitName, string? reportPath, int spliced, int seed, string commandLine,
        EncoderSettings? encoder = null, int insertionsPerShape = InsertionEvaluator.DefaultPerShape, bool wholeSegments = false)
    {
        if (insertionsPerShape < 0)
            throw new ArgumentException("--insertions must be zero or more.");
        var clock = Stopwatch.StartNew();
        void Log(string message) => Console.Error.WriteLine(message);
        var split = EvaluationData.ParseSplit(splitName);
        // Models before data: a wrong path fails at once, not after reading the corpora.
        var scorer = EncoderSettings.Scorer(encoder, modelPath, m => m).Scorer;
        var scorers = new List<IBatchScorer> { wholeSegments ? new WholeSegmentScorer(scorer) : scorer };
        if (baselinePath is not null)
            scorers.Add(new Scorer(ModelLocator.Load(baselinePath)));

        var evaluation = EvaluationData.Load(dataPaths, split, spliced, seed, Log);
        var sets = EvaluationReport.Sets(evaluation.Documents, out var skipped);
        foreach (var name in skipped)
            Log($"Skipped {name}: no labelled paragraphs.");
        if (sets.Count == 1) // only the pooled set: no source has a labelled paragraph
            throw new InvalidDataException($"No labelled paragraphs in split '{EvaluationData.SplitName(split)}' of the data given (use --split all for data never split for training).");

        var metrics = EvaluationReport.Measure(scorers, sets);
        InsertionMetrics? insertions = null;
        if (insertionsPerShape > 0)
        {
            insertions = InsertionEvaluator.Evaluate(scorers[0], evaluation.SpliceHosts, insertionsPerShape, seed);
            Log($"Off-topic insertion report: {insertions.SplicedDocuments} spliced and {insertions.UnsplicedDocuments} unspliced documents in {insertions.Seconds:F1} s"
                + (baselinePath is null ? "." : " (model only, not the baseline)."));
        }
        var results = scorers.Select((scorer, i) => new ModelResult(
            i == 0 ? EncoderSettings.ScoringModelPath(encoder, modelPath) : baselinePath!, scorer.Model.Thresholds.ToArray(), metrics[i])).ToArray();
        clock.Stop();
        var result = new EvaluationReport(commandLine, evaluation, results[0], results.Length > 1 ? results[1] : null, clock.Elapsed, insertions);

        if (Console.IsOutputRedirected)
            Console.Out.Write(result.MarkdownTables());
        else
            WriteTables(result);
        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, reportPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? result.ToJson() : result.ToMarkdown());
            Log($"Report written to {reportPath}.");
        }
        Log($"Evaluated {evaluation.Documents.Count} documents ({sets[0].Documents.Sum(d => d.Paragraphs.Count(p => p.IsLabelled))} labelled paragraphs) in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>A compact table per category for a terminal; with a baseline, each figure cell holds the model's
    /// value over the baseline's.</summary>
    private static void WriteTables(EvaluationReport result)
    {
        bool compare = result.Baseline is not null;
        AnsiConsole.Write(new Text((compare ? $"M = {result.Model.Path}\nB = {result.Baseline!.Path}\n" : $"Model {result.Model.Path}\n")
            + "P precision, R recall, AUC PR-AUC (average precision), FPR false-positive rate on paragraphs not of the category "
            + "(confusion with clean text)" + (compare ? ", ΔF1 = F1 M − F1 B" : "") + "; – where a set has no positives.\n"));
        string[] headers = compare
            ? ["set", "paras", "pos", "", "P", "R", "F1", "ΔF1", "AUC", "FPR"]
            : ["set", "paras", "pos", "P", "R", "F1", "AUC", "FPR"];
        foreach (var category in Categories.All)
        {
            var table = new Table { Title = new TableTitle(Markup.Escape(result.Title(category))), Border = TableBorder.Rounded };
            for (int c = 0; c < headers.Length; c++)
                table.AddColumn(new TableColumn(Markup.Escape(headers[c])) { Alignment = c == 0 ? Justify.Left : Justify.Right, NoWrap = c > 0 });
            for (int i = 0; i < result.Model.Sets.Count; i++)
            {
                var set = result.Model.Sets[i];
                var cells = new List<string> { set.Name, set.Paragraphs.ToString(), set[category].Positives.ToString() };
                var m = EvaluationReport.Figures(result.Model, i, category);
                if (!compare)
                    cells.AddRange(m);
                else
                {
                    var b = EvaluationReport.Figures(result.Baseline!, i, category);
                    cells.Add("M\nB");
                    cells.AddRange(m.Select((figure, f) => $"{figure}\n{b[f]}"));
                    cells.Insert(7, result.F1Difference(i, category));
                }
                table.AddRow(cells.Select(cell => (IRenderable)new Text(cell)));
            }
            AnsiConsole.Write(table);
        }
        if (result.Insertions is { } insertions)
        {
            AnsiConsole.Write(new Text("\n" + InsertionReport.Legend(insertions) + "\n"));
            foreach (var report in InsertionReport.Tables(insertions))
            {
                var table = new Table { Title = new TableTitle(Markup.Escape(report.Title)), Border = TableBorder.Rounded };
                for (int c = 0; c < report.Columns.Count; c++)
                    table.AddColumn(new TableColumn(Markup.Escape(report.Columns[c])) { Alignment = c == 0 ? Justify.Left : Justify.Right });
                foreach (var row in report.Rows)
                    table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
                AnsiConsole.Write(table);
            }
        }
    }
}
