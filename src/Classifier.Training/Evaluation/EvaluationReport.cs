using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Data;

namespace Classifier.Training.Evaluation;

/// <summary>One model's figures on every evaluation set, in the order of <see cref="EvaluationReport.SetNames"/>.</summary>
internal sealed record ModelResult(string Path, IReadOnlyList<float> Thresholds, IReadOnlyList<SetMetrics> Sets);

/// <summary>
/// The figures of an <c>eval</c> run, for a model and optionally a baseline on the same sets: per category and
/// per set (the pooled "all", then each source), positives, precision, recall, F1, PR-AUC and the false-positive
/// rate on paragraphs not of that category; and optionally the model's off-topic insertion report. Rendered as table
/// rows (for a terminal), Markdown or JSON.
/// </summary>
internal sealed class EvaluationReport(string command, EvaluationData data, ModelResult model, ModelResult? baseline, TimeSpan duration,
    InsertionMetrics? insertions = null)
{
    public const string PooledSet = "all";

    public ModelResult Model { get; } = model;
    public ModelResult? Baseline { get; } = baseline;
    /// <summary>The model's off-topic insertion report (the baseline's is not measured); null when turned off.</summary>
    public InsertionMetrics? Insertions { get; } = insertions;

    /// <summary>The pooled set first, then one per source that has labelled paragraphs (spliced sets included).
    /// <paramref name="skipped"/> names the sources left out for having none.</summary>
    public static List<(string Name, IReadOnlyCollection<LabelledDocument> Documents)> Sets(IReadOnlyCollection<LabelledDocument> documents, out List<string> skipped)
    {
        var sets = new List<(string, IReadOnlyCollection<LabelledDocument>)> { (PooledSet, documents) };
        skipped = [];
        foreach (var group in documents.GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.Any(d => d.Paragraphs.Any(p => p.IsLabelled)))
                sets.Add((group.Key, group.ToList()));
            else
                skipped.Add(group.Key);
        }
        return sets;
    }

    /// <summary>Every set measured by every scorer with <see cref="Evaluator.Evaluate"/>, in parallel (a <see cref="Scorer"/> is thread-safe).</summary>
    public static SetMetrics[][] Measure(IReadOnlyList<IBatchScorer> scorers, IReadOnlyList<(string Name, IReadOnlyCollection<LabelledDocument> Documents)> sets)
    {
        var results = scorers.Select(_ => new SetMetrics[sets.Count]).ToArray();
        // Largest sets first, so the pooled set does not start last.
        var jobs = (from m in Enumerable.Range(0, scorers.Count) from s in Enumerable.Range(0, sets.Count) select (m, s))
            .OrderByDescending(job => sets[job.s].Documents.Sum(d => d.Paragraphs.Count)).ToArray();
        Parallel.ForEach(Partitioner.Create(jobs, loadBalance: true), job =>
            results[job.m][job.s] = Evaluator.Evaluate(scorers[job.m], sets[job.s].Name, sets[job.s].Documents));
        return results;
    }

    public IReadOnlyList<string> SetNames => Model.Sets.Select(s => s.Name).ToList();

    /// <summary>Column headers of <see cref="Rows"/>; with a baseline, each figure twice (M = model, B = baseline) and ΔF1.</summary>
    public IReadOnlyList<string> Columns => Baseline is null
        ? ["set", "paragraphs", "positives", "precision", "recall", "F1", "PR-AUC", "FP rate", "ML.NET AUC", "ML.NET PR-AUC", "ML.NET F1", "ML.NET log-loss"]
        : ["set", "paragraphs", "positives", "precision M", "precision B", "recall M", "recall B", "F1 M", "F1 B", "ΔF1", "PR-AUC M", "PR-AUC B", "FP rate M", "FP rate B"];

    /// <summary>One row a set for <paramref name="category"/>: "–" where a figure is undefined (no positives, or no negatives for the FP rate).</summary>
    public IEnumerable<string[]> Rows(Category category)
    {
        for (int i = 0; i < Model.Sets.Count; i++)
        {
            var set = Model.Sets[i];
            var row = new List<string> { set.Name, set.Paragraphs.ToString(CultureInfo.InvariantCulture), set[category].Positives.ToString(CultureInfo.InvariantCulture) };
            var m = Figures(Model, i, category);
            if (Baseline is null)
            {
                row.AddRange(m);
                var n = set.MlNet[(int)category];
                row.AddRange(n is null ? [Dash, Dash, Dash, Dash] : [F(n.Auc), F(n.PrAuc), F(n.F1), F(n.LogLoss)]);
            }
            else
            {
                var b = Figures(Baseline, i, category);
                for (int f = 0; f < m.Length; f++)
                {
                    row.Add(m[f]);
                    row.Add(b[f]);
                    if (f == 2)
                        row.Add(F1Difference(i, category));
                }
            }
            yield return [.. row];
        }
    }

    /// <summary>Precision, recall, F1, PR-AUC and FP rate of one model on set <paramref name="set"/>, formatted; "–" where undefined.</summary>
    public static string[] Figures(ModelResult result, int set, Category category)
    {
        var m = result.Sets[set][category];
        return [Rate(m, m.Precision), Rate(m, m.Recall), Rate(m, m.F1), Rate(m, m.AveragePrecision), F(FalsePositiveRate(m))];
    }

    /// <summary>F1 of the model minus F1 of the baseline, signed; "–" without positives or without a baseline.</summary>
    public string F1Difference(int set, Category category)
    {
        var m = Model.Sets[set][category];
        return Baseline is null || m.Positives == 0 ? Dash
            : (m.F1 - Baseline.Sets[set][category].F1).ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>The heading of a category's table, with its decision threshold(s).</summary>
    public string Title(Category category) => Baseline is null
        ? $"{Categories.Name(category)} (threshold {F(Model.Thresholds[(int)category])})"
        : $"{Categories.Name(category)} (threshold M {F(Model.Thresholds[(int)category])}, B {F(Baseline.Thresholds[(int)category])})";

    /// <summary>What the columns mean, one line.</summary>
    public string Legend => (Baseline is null ? $"Model `{Model.Path}`. " : $"M = `{Model.Path}`, B = `{Baseline.Path}`; ΔF1 = F1 M − F1 B. ")
        + "FP rate = share of the paragraphs not of the category that are flagged (confusion with clean text). "
        + "PR-AUC = average precision. – where a set has no positives (no negatives, for the FP rate)."
        + (Baseline is null ? " ML.NET columns: BinaryClassification.Evaluate on the same probabilities (its PR-AUC is its own curve estimator)." : "");

    /// <summary>A Markdown table per category, in the pipe-table style of <see cref="ModelCard.MetricsTable"/>.</summary>
    public string MarkdownTables()
    {
        var text = new StringBuilder();
        text.AppendLine(Legend).AppendLine();
        foreach (var category in Categories.All)
        {
            text.AppendLine($"### {Title(category)}").AppendLine();
            text.AppendLine($"| {string.Join(" | ", Columns)} |");
            text.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---:|", Columns.Count - 1))}");
            foreach (var row in Rows(category))
                text.AppendLine($"| {string.Join(" | ", row)} |");
            text.AppendLine();
        }
        if (Insertions is not null)
            text.AppendLine("## Off-topic insertions").AppendLine().Append(InsertionReport.Markdown(Insertions));
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Evaluation report").AppendLine();
        text.AppendLine($"Generated by `eval` on {DateTime.UtcNow:yyyy-MM-dd} in {duration.TotalSeconds:F1} s.").AppendLine();
        text.AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        text.AppendLine("## Data").AppendLine();
        text.AppendLine($"Split `{EvaluationData.SplitName(data.Split)}`; {data.Documents.Count - data.SplicedDocuments} documents, "
            + $"plus {data.SplicedDocuments} spliced off-topic documents (`spliced:X` = a document of X with a run of paragraphs from another document spliced in).").AppendLine();
        text.AppendLine("| file | sources | documents | in split |").AppendLine("|---|---|---:|---:|");
        foreach (var file in data.Files)
            text.AppendLine($"| {file.Path} | {file.Source} | {file.Documents} | {file.Selected} |");
        text.AppendLine().AppendLine("## Metrics").AppendLine();
        text.Append(MarkdownTables());
        return text.ToString();
    }

    public string ToJson()
    {
        var sets = new JsonArray();
        for (int i = 0; i < Model.Sets.Count; i++)
        {
            var set = Model.Sets[i];
            var categories = new JsonObject();
            foreach (var category in Categories.All)
            {
                var m = set[category];
                var b = Baseline?.Sets[i][category];
                categories[Categories.Name(category)] = new JsonObject
                {
                    ["positives"] = m.Positives,
                    ["negatives"] = m.Count - m.Positives,
                    ["model"] = Figures(m, set.MlNet[(int)category]),
                    ["baseline"] = b is null ? null : Figures(b, Baseline!.Sets[i].MlNet[(int)category]),
                    ["f1_difference"] = b is null || m.Positives == 0 ? null : m.F1 - b.F1,
                };
            }
            sets.Add(new JsonObject { ["name"] = set.Name, ["documents"] = set.Documents, ["paragraphs"] = set.Paragraphs, ["categories"] = categories });
        }
        var root = new JsonObject
        {
            ["command"] = command,
            ["generated_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["seconds"] = Math.Round(duration.TotalSeconds, 2),
            ["split"] = EvaluationData.SplitName(data.Split),
            ["documents"] = data.Documents.Count - data.SplicedDocuments,
            ["spliced_documents"] = data.SplicedDocuments,
            ["files"] = new JsonArray([.. data.Files.Select(f => (JsonNode)new JsonObject
                { ["path"] = f.Path, ["sources"] = f.Source, ["documents"] = f.Documents, ["in_split"] = f.Selected })]),
            ["model"] = Describe(Model),
            ["baseline"] = Baseline is null ? null : Describe(Baseline),
            ["sets"] = sets,
            ["insertions"] = Insertions is null ? null : InsertionReport.Json(Insertions),
        };
        return root.ToJsonString(WireJson.Indented);
    }

    private static JsonObject Describe(ModelResult result)
    {
        var thresholds = new JsonObject();
        foreach (var category in Categories.All)
            thresholds[Categories.Name(category)] = (double)result.Thresholds[(int)category];
        return new JsonObject { ["path"] = result.Path, ["thresholds"] = thresholds };
    }

    /// <summary>All figures of one category on one set; rates that are undefined (no positives / no negatives) are null.</summary>
    private static JsonObject Figures(BinaryMetrics m, MlNetMetrics? mlNet) => new()
    {
        ["mlnet"] = mlNet is null ? null : new JsonObject { ["auc"] = mlNet.Auc, ["pr_auc"] = mlNet.PrAuc, ["f1"] = mlNet.F1, ["log_loss"] = mlNet.LogLoss },
        ["precision"] = m.Positives == 0 ? null : m.Precision,
        ["recall"] = m.Positives == 0 ? null : m.Recall,
        ["f1"] = m.Positives == 0 ? null : m.F1,
        ["pr_auc"] = m.Positives == 0 ? null : m.AveragePrecision,
        ["false_positive_rate"] = FalsePositiveRate(m),
        ["true_positives"] = m.TruePositives,
        ["false_positives"] = m.FalsePositives,
        ["false_negatives"] = m.FalseNegatives,
        ["true_negatives"] = m.TrueNegatives,
    };

    private static double? FalsePositiveRate(BinaryMetrics m) => m.FalsePositives + m.TrueNegatives == 0 ? null : m.FalsePositiveRate;

    private const string Dash = "–";
    private static string Rate(BinaryMetrics m, double value) => m.Positives == 0 ? Dash : F(value);
    private static string F(double? x) => x is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : Dash;
}
