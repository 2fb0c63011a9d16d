using System.Text;
using System.Text.Json.Nodes;

namespace Classifier.Cli.Tests;

/// <summary>A small labels CSV with every category, and a tiny model trained on it by the real program (so the
/// tests do not depend on the shipped model's format while it is retrained).</summary>
public sealed class EvalFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public static readonly string[] CategoryNames = ["spam", "off_topic", "conspiracy", "filler"];

    public string Data { get; }
    public string Model { get; }

    public EvalFixture()
    {
        Data = _dir.Write("labels.csv", LabelsCsv());
        Model = _dir.File("tiny.lqcm");
        var train = CliRunner.Run("train", "--data", Data, "--output", Model, "--spliced", "20");
        Assert.True(train.ExitCode == 0 && System.IO.File.Exists(Model), train.ToString());
    }

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();

    /// <summary>Ten documents on five topics (so off-topic runs can be spliced across topics), each with a title,
    /// two clean paragraphs long enough to donate, spam, conspiracy and filler.</summary>
    private static string LabelsCsv()
    {
        string[] topics = ["politics", "health", "sport", "science", "business"];
        string[] spam = ["Click here to grab 60% off today only with code SAVE60!", "Buy cheap watches now, limited offer, free shipping worldwide!"];
        string[] conspiracy = ["They don't want you to know the truth. Do your own research.", "The media is hiding what really happened, wake up before it is too late."];
        string[] filler = ["Tags: news, world, local", "Share this article on Facebook | Twitter | Email"];
        var csv = new StringBuilder("doc_id,para,text,label\n");
        for (int d = 0; d < 10; d++)
        {
            string topic = topics[d % topics.Length];
            (string Text, string Label)[] rows =
            [
                ($"Report {d}: the latest on {topic}", "clean"),
                ($"Officials working on {topic} said on Tuesday that the new plan for the region would take effect next spring.", "clean"),
                ($"Experts in {topic} told reporters that the figures published this week were broadly in line with forecasts.", "clean"),
                (spam[d % 2], "spam"),
                (conspiracy[d % 2], "conspiracy"),
                (filler[d % 2], "filler"),
            ];
            for (int p = 0; p < rows.Length; p++)
                csv.Append($"{topic}/doc-{d},{p},\"{rows[p].Text.Replace("\"", "\"\"")}\",{rows[p].Label}\n");
        }
        return csv.ToString();
    }
}

/// <summary>eval: a table per category on stdout, Markdown and JSON reports, a baseline side by side, clean errors.</summary>
public sealed class EvalCommandTests(EvalFixture fixture) : IClassFixture<EvalFixture>
{
    private CliResult Eval(params string[] extra) =>
        CliRunner.Run(["eval", "--data", fixture.Data, "--model", fixture.Model, "--split", "all", .. extra]);

    [Fact]
    public void Eval_prints_a_table_with_every_category()
    {
        var result = Eval();

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in EvalFixture.CategoryNames)
            Assert.Contains($"### {name} ", result.StdOut);
        Assert.Contains("| all |", result.StdOut);
        Assert.Contains("| project-data |", result.StdOut);
        Assert.Contains("| spliced:project-data |", result.StdOut);
        Assert.Contains("| set | paragraphs | positives | precision | recall | F1 | PR-AUC | FP rate |", result.StdOut);
    }

    [Fact]
    public void Eval_writes_a_markdown_report()
    {
        string report = fixture.File("report.md");

        var result = Eval("--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        string markdown = File.ReadAllText(report);
        Assert.StartsWith("# Evaluation report", markdown);
        foreach (var name in EvalFixture.CategoryNames)
            Assert.Contains($"### {name} ", markdown);
        Assert.Contains("labels.csv", markdown);
    }

    [Fact]
    public void Eval_writes_a_json_report_with_every_figure()
    {
        string report = fixture.File("report.json");

        var result = Eval("--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonNode.Parse(File.ReadAllText(report))!;
        Assert.Equal("all", (string?)root["split"]);
        Assert.True((int)root["spliced_documents"]! > 0, "no spliced documents");
        Assert.Null(root["baseline"]);
        var sets = root["sets"]!.AsArray();
        Assert.Equal(["all", "project-data", "spliced:project-data"], sets.Select(s => (string)s!["name"]!).ToArray());
        var pooled = sets[0]!["categories"]!;
        foreach (var name in EvalFixture.CategoryNames)
        {
            var category = pooled[name]!;
            int positives = (int)category["positives"]!;
            Assert.True(positives > 0, $"{name}: no positives in the pooled set");
            var model = category["model"]!;
            Assert.Equal(positives, (int)model["true_positives"]! + (int)model["false_negatives"]!);
            foreach (var figure in new[] { "precision", "recall", "f1", "pr_auc", "false_positive_rate" })
            {
                double value = (double)model[figure]!;
                Assert.True(value is >= 0 and <= 1, $"{name} {figure} = {value}");
            }
            Assert.Null(category["baseline"]);
        }
    }

    [Fact]
    public void Eval_reports_off_topic_insertions_by_run_length_and_position_unless_turned_off()
    {
        string report = fixture.File("insertions.json");

        var result = Eval("--insertions", "5", "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("## Off-topic insertions", result.StdOut);
        Assert.Contains("| run length / position | documents | inserted | host paragraphs | precision | recall | F1 | PR-AUC |", result.StdOut);
        Assert.Contains("| >= 20 paragraphs |", result.StdOut);
        var insertions = JsonNode.Parse(File.ReadAllText(report))!["insertions"]!;
        // Ten hosts of five topics: five documents of each of the 12 shapes.
        Assert.Equal(60, (int)insertions["spliced_documents"]!);
        Assert.Equal(10, (int)insertions["unspliced_documents"]!);
        Assert.Equal(["1", "2-5", "6-20", ">20"], insertions["by_run_length"]!.AsArray().Select(g => (string)g!["name"]!).ToArray());
        Assert.Equal(["after title", "middle", "end"], insertions["by_position"]!.AsArray().Select(g => (string)g!["name"]!).ToArray());
        Assert.Equal(60, insertions["by_position"]!.AsArray().Sum(g => (int)g!["documents"]!));
        var documents = insertions["documents"]!;
        Assert.Equal(60, (int)documents["positives"]!);
        Assert.Equal(10, (int)documents["negatives"]!);

        var off = Eval("--insertions", "0", "--report", report);

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain("Off-topic insertions", off.StdOut);
        Assert.Null(JsonNode.Parse(File.ReadAllText(report))!["insertions"]);
    }

    [Fact]
    public void Eval_with_the_same_model_as_baseline_gives_identical_figures()
    {
        string report = fixture.File("baseline.json");

        var result = Eval("--baseline", fixture.Model, "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ΔF1", result.StdOut);
        var root = JsonNode.Parse(File.ReadAllText(report))!;
        Assert.NotNull(root["baseline"]);
        int compared = 0;
        foreach (var set in root["sets"]!.AsArray())
            foreach (var name in EvalFixture.CategoryNames)
            {
                var category = set!["categories"]![name]!;
                Assert.True(JsonNode.DeepEquals(category["model"], category["baseline"]), $"{set["name"]} {name}: model and baseline differ");
                if (category["f1_difference"] is { } difference)
                    Assert.Equal(0.0, (double)difference);
                compared++;
            }
        Assert.Equal(3 * 4, compared);
    }

    [Fact]
    public void Eval_with_a_missing_data_path_fails_naming_it()
    {
        string missing = fixture.File("no-such-labels.csv");

        var result = Eval("--data", missing);

        CliAssert.FailsNaming(result, "no-such-labels.csv");
    }

    [Fact]
    public void Eval_with_a_missing_model_fails_naming_it()
    {
        var result = CliRunner.Run("eval", "--data", fixture.Data, "--model", fixture.File("no-such-model.lqcm"), "--split", "all");

        CliAssert.FailsNaming(result, "no-such-model.lqcm");
    }
}
