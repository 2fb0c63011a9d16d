using System.Text.Json.Nodes;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;

namespace Classifier.Training.Tests.Evaluation;

/// <summary>The insertion report on a case small enough to count by hand, at threshold 0.5.</summary>
public sealed class InsertionMetricsTests
{
    private const float Threshold = 0.5f;

    private static Insertion At(InsertionLength length, InsertionPosition position, int start, int run) =>
        new(new LabelledDocument("spliced:test", $"doc-{length}-{position}", "t", Split.Test, []), new InsertionShape(length, position), start, run);

    private static ScoredDocument Scored(int paragraphs, params (bool OffTopic, float Probability)[] labelled) =>
        new(paragraphs, [.. labelled.Select(p => p.OffTopic)], [.. labelled.Select(p => p.Probability)]);

    private static (bool, float) Host(float p) => (false, p);
    private static (bool, float) Inserted(float p) => (true, p);

    /// <summary>
    /// A: one paragraph after the title, caught, and one host paragraph wrongly flagged (TP 1, FP 1, TN 2).
    /// B: 25 paragraphs at the end, 10 caught (TP 10, FN 15, TN 3). C: 3 in the middle, none caught (FN 3, TN 3).
    /// Unspliced: U1 clean, not flagged; U2 long (22) with one flagged paragraph; U3 with its own off-topic paragraph,
    /// flagged; U4 long (25 paragraphs, 2 labelled), not flagged.
    /// </summary>
    private static InsertionMetrics Case() => InsertionMetrics.Compute(
        [
            (At(InsertionLength.One, InsertionPosition.AfterTitle, 1, 1), Scored(4, Host(0.1f), Inserted(0.9f), Host(0.6f), Host(0.2f))),
            (At(InsertionLength.HostLength, InsertionPosition.End, 3, 25), Scored(28,
                [Host(0.1f), Host(0.1f), Host(0.1f), .. Enumerable.Repeat(Inserted(0.8f), 10), .. Enumerable.Repeat(Inserted(0.3f), 15)])),
            (At(InsertionLength.TwoToFive, InsertionPosition.Middle, 2, 3), Scored(6, Host(0.2f), Host(0.2f), Inserted(0.4f), Inserted(0.4f), Inserted(0.4f), Host(0.1f))),
        ],
        [
            Scored(3, Host(0.1f), Host(0.1f), Host(0.1f)),
            Scored(22, [Host(0.7f), .. Enumerable.Repeat(Host(0.1f), 21)]),
            Scored(4, Host(0.1f), Inserted(0.9f), Host(0.1f), Host(0.1f)),
            Scored(25, Host(0.2f), Host(0.2f)),
        ],
        Threshold);

    [Fact]
    public void Paragraph_figures_by_run_length_and_position_are_counted_by_hand()
    {
        var m = Case();

        Assert.Equal(["1", "2-5", "6-20", ">20"], m.ByLength.Select(g => g.Name));
        Assert.Equal(["after title", "middle", "end"], m.ByPosition.Select(g => g.Name));
        var one = m.ByLength[0].Paragraphs;
        Assert.Equal((1, 1, 0, 2), (one.TruePositives, one.FalsePositives, one.FalseNegatives, one.TrueNegatives));
        Assert.Equal(0.5, one.Precision, 1e-12);
        Assert.Equal(1.0, one.Recall, 1e-12);
        Assert.Equal(2.0 / 3, one.F1, 1e-12);
        var short_ = m.ByLength[1].Paragraphs;
        Assert.Equal((0, 0, 3, 3), (short_.TruePositives, short_.FalsePositives, short_.FalseNegatives, short_.TrueNegatives));
        Assert.Equal(0.0, short_.F1);
        Assert.Equal((0, 0), (m.ByLength[2].Documents, m.ByLength[2].Paragraphs.Count));
        var longRun = m.ByLength[3].Paragraphs;
        Assert.Equal((10, 0, 15, 3), (longRun.TruePositives, longRun.FalsePositives, longRun.FalseNegatives, longRun.TrueNegatives));
        Assert.Equal(0.4, longRun.Recall, 1e-12);
        Assert.Equal(2 * 0.4 / 1.4, longRun.F1, 1e-12);

        // Positions hold the same documents here: A after the title, C in the middle, B at the end.
        Assert.Equal(one, m.ByPosition[0].Paragraphs);
        Assert.Equal(short_, m.ByPosition[1].Paragraphs);
        Assert.Equal(longRun, m.ByPosition[2].Paragraphs);
        Assert.Equal(longRun, m.ByLengthAndPosition.Single(c => c.Name == ">20 end").Paragraphs);
        Assert.Equal(1, m.ByLengthAndPosition.Single(c => c.Name == "1 after title").Documents);
        Assert.Equal(9, m.ByLengthAndPosition.Count(c => c.Documents == 0));

        var all = m.All.Paragraphs;
        Assert.Equal((11, 1, 18, 8), (all.TruePositives, all.FalsePositives, all.FalseNegatives, all.TrueNegatives));
        Assert.Equal(11.0 / 12, all.Precision, 1e-12);
        Assert.Equal(11.0 / 29, all.Recall, 1e-12);
    }

    [Fact]
    public void Document_detection_and_false_positives_on_unspliced_documents_are_counted_by_hand()
    {
        var m = Case();

        Assert.Equal((3, 4), (m.SplicedDocuments, m.UnsplicedDocuments));
        // Positives A, B, C and U3; flagged A, B, U3 and U2.
        var d = m.Documents;
        Assert.Equal((3, 1, 1, 2), (d.TruePositives, d.FalsePositives, d.FalseNegatives, d.TrueNegatives));
        Assert.Equal(0.75, d.Precision, 1e-12);
        Assert.Equal(0.75, d.Recall, 1e-12);

        // U3 has an off-topic paragraph of its own, so it is not a document without insertions.
        Assert.Equal(new UnsplicedFalsePositives(3, 1, 3 + 22 + 2, 1), m.Unspliced);
        Assert.Equal(1.0 / 3, m.Unspliced.DocumentRate!.Value, 1e-12);
        Assert.Equal(1.0 / 27, m.Unspliced.ParagraphRate!.Value, 1e-12);
        // Long by all their paragraphs, labelled or not: U2 (22) and U4 (25).
        Assert.Equal(new UnsplicedFalsePositives(2, 1, 22 + 2, 1), m.LongUnspliced);
    }

    [Fact]
    public void Markdown_and_json_carry_the_same_figures()
    {
        var m = Case();

        string markdown = InsertionReport.Markdown(m);
        Assert.Contains("| 1 | 1 | 1 | 3 | 0.500 | 1.000 | 0.667 |", markdown);
        Assert.Contains("| 6-20 | 0 | 0 | 0 | – | – | – | – |", markdown);
        Assert.Contains("| 1 | 0.667 (1.000) | – | – |", markdown);
        Assert.Contains("| 2-5 | – | 0.000 (0.000) | – |", markdown);
        Assert.Contains("| >20 | – | – | 0.571 (0.400) |", markdown);
        Assert.Contains("| all | 4 | 3 | 3 | 1 | 0.750 | 0.750 | 0.750 |", markdown);
        Assert.Contains("| all | 3 | 1 | 0.333 | 27 | 1 | 0.037 |", markdown);
        Assert.Contains("| >= 20 paragraphs | 2 | 1 | 0.500 | 24 | 1 | 0.042 |", markdown);

        var json = InsertionReport.Json(m);
        var byLength = json["by_run_length"]!.AsArray();
        Assert.Equal(["1", "2-5", "6-20", ">20"], byLength.Select(g => (string)g!["name"]!));
        Assert.Equal(2.0 / 3, (double)byLength[0]!["f1"]!, 1e-12);
        Assert.Null(byLength[2]!["f1"]);
        Assert.Equal(12, json["by_run_length_and_position"]!.AsArray().Count);
        Assert.Equal(0.75, (double)json["documents"]!["precision"]!, 1e-12);
        Assert.Equal(1.0 / 27, (double)json["unspliced_false_positives"]!["paragraph_rate"]!, 1e-12);
        Assert.Equal(1, (int)json["long_unspliced_false_positives"]!["flagged_documents"]!);
    }
}
