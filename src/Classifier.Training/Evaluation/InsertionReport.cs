using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Classifier.Training.Evaluation;

/// <summary>A titled table of formatted cells, so that Markdown and a terminal render the same figures.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows);

/// <summary>
/// The off-topic insertion report (<see cref="InsertionMetrics"/>) as tables, Markdown or JSON, for <c>eval</c>'s
/// output and report and for the model card. "–" where a figure is undefined (no positives, or nothing to rate).
/// </summary>
internal static class InsertionReport
{
    public static string Legend(InsertionMetrics m) =>
        $"Off-topic insertions (threshold {F(m.Threshold)}): {m.SplicedDocuments} documents with a run of one donor's paragraphs "
        + "(several donors' when one is too short) spliced in after the title, in the middle or at the end, up to the same number "
        + "of each run length (1, 2-5, 6-20, 0.5-1.5x the host) and position, from hosts and donors of these documents only; "
        + $"and the {m.UnsplicedDocuments} unspliced documents of the sources that host them. Paragraph figures count the labelled "
        + "paragraphs of the spliced documents (inserted ones are the positives); run length is the run's actual length. "
        + "A document is flagged when any of its paragraphs is; document precision depends on how many documents of each kind there are.";

    public static IReadOnlyList<ReportTable> Tables(InsertionMetrics m)
    {
        string[] groupColumns = ["run length / position", "documents", "inserted", "host paragraphs", "precision", "recall", "F1", "PR-AUC"];
        var groups = new ReportTable("Off-topic paragraphs in spliced documents, by run length and by position", groupColumns,
            [.. m.ByLength.Concat(m.ByPosition).Append(m.All).Select(GroupRow)]);

        string[] positions = [.. m.ByPosition.Select(g => g.Name)];
        var cells = new ReportTable("Off-topic F1 (recall) by run length and position", ["run length", .. positions],
            [.. m.ByLength.Select(length => (string[])[length.Name, .. positions.Select(p => Cell(m.ByLengthAndPosition.Single(c => c.Name == $"{length.Name} {p}")))])]);

        var d = m.Documents;
        var documents = new ReportTable("Document-level detection (a document with an insertion, flagged if any paragraph is)",
            ["documents", "with an insertion", "without", "flagged with", "flagged without", "precision", "recall", "F1"],
            [["all", N(d.Positives), N(d.Count - d.Positives), N(d.TruePositives), N(d.FalsePositives), Rate(d, d.Precision), Rate(d, d.Recall), Rate(d, d.F1)]]);

        var falsePositives = new ReportTable("Off-topic false positives on unspliced documents",
            ["unspliced documents", "documents", "flagged documents", "document FP rate", "paragraphs", "flagged paragraphs", "paragraph FP rate"],
            [FalsePositiveRow("all", m.Unspliced), FalsePositiveRow($">= {InsertionMetrics.LongDocument} paragraphs", m.LongUnspliced)]);
        return [groups, cells, documents, falsePositives];
    }

    /// <summary>The tables in the pipe-table style of <see cref="EvaluationReport.MarkdownTables"/>, under headings of
    /// <paramref name="level"/> (e.g. "###").</summary>
    public static string Markdown(InsertionMetrics m, string level = "###")
    {
        var text = new StringBuilder();
        text.AppendLine(Legend(m)).AppendLine();
        foreach (var table in Tables(m))
        {
            text.AppendLine($"{level} {table.Title}").AppendLine();
            text.AppendLine($"| {string.Join(" | ", table.Columns)} |");
            text.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---:|", table.Columns.Count - 1))}");
            foreach (var row in table.Rows)
                text.AppendLine($"| {string.Join(" | ", row)} |");
            text.AppendLine();
        }
        return text.ToString();
    }

    public static JsonObject Json(InsertionMetrics m) => new()
    {
        ["threshold"] = (double)m.Threshold,
        ["seconds"] = m.Seconds is { } s ? Math.Round(s, 2) : null,
        ["spliced_documents"] = m.SplicedDocuments,
        ["unspliced_documents"] = m.UnsplicedDocuments,
        ["by_run_length"] = Groups(m.ByLength),
        ["by_position"] = Groups(m.ByPosition),
        ["by_run_length_and_position"] = Groups(m.ByLengthAndPosition),
        ["all"] = Group(m.All),
        ["documents"] = Counts(m.Documents),
        ["unspliced_false_positives"] = FalsePositives(m.Unspliced),
        ["long_unspliced_false_positives"] = FalsePositives(m.LongUnspliced),
        ["long_document_paragraphs"] = InsertionMetrics.LongDocument,
    };

    private static string[] GroupRow(InsertionGroup g)
    {
        var p = g.Paragraphs;
        return [g.Name, N(g.Documents), N(p.Positives), N(p.Count - p.Positives), Rate(p, p.Precision), Rate(p, p.Recall), Rate(p, p.F1), Rate(p, p.AveragePrecision)];
    }

    private static string Cell(InsertionGroup g) => g.Paragraphs.Positives == 0 ? Dash : $"{F(g.Paragraphs.F1)} ({F(g.Paragraphs.Recall)})";

    private static string[] FalsePositiveRow(string name, UnsplicedFalsePositives f) =>
        [name, N(f.Documents), N(f.FlaggedDocuments), F(f.DocumentRate), N(f.Paragraphs), N(f.FlaggedParagraphs), F(f.ParagraphRate)];

    private static JsonArray Groups(IEnumerable<InsertionGroup> groups) => [.. groups.Select(g => (JsonNode)Group(g))];

    private static JsonObject Group(InsertionGroup g)
    {
        var json = Counts(g.Paragraphs);
        json.Insert(0, "name", g.Name);
        json.Insert(1, "documents", g.Documents);
        return json;
    }

    /// <summary>Confusion counts and rates; rates that are undefined (no positives) are null.</summary>
    private static JsonObject Counts(BinaryMetrics m) => new()
    {
        ["positives"] = m.Positives,
        ["negatives"] = m.Count - m.Positives,
        ["precision"] = m.Positives == 0 ? null : m.Precision,
        ["recall"] = m.Positives == 0 ? null : m.Recall,
        ["f1"] = m.Positives == 0 ? null : m.F1,
        ["pr_auc"] = m.Positives == 0 ? null : m.AveragePrecision,
        ["true_positives"] = m.TruePositives,
        ["false_positives"] = m.FalsePositives,
        ["false_negatives"] = m.FalseNegatives,
        ["true_negatives"] = m.TrueNegatives,
    };

    private static JsonObject FalsePositives(UnsplicedFalsePositives f) => new()
    {
        ["documents"] = f.Documents,
        ["flagged_documents"] = f.FlaggedDocuments,
        ["document_rate"] = f.DocumentRate,
        ["paragraphs"] = f.Paragraphs,
        ["flagged_paragraphs"] = f.FlaggedParagraphs,
        ["paragraph_rate"] = f.ParagraphRate,
    };

    private const string Dash = "–";
    private static string Rate(BinaryMetrics m, double value) => m.Positives == 0 ? Dash : F(value);
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string F(double? x) => x is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : Dash;
}
