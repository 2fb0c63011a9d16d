using System.Text;

namespace Classifier.Cli.Tests;

/// <summary>train, minimally: a tiny labelled CSV trains a model score can use; bad labels are located.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    internal static string LabelsCsv(Func<int, int, string, string>? relabel = null)
    {
        string[] clean =
        [
            "The council voted on Tuesday to approve the new budget for schools.",
            "Officials said the bridge repairs would finish by the end of the year.",
            "The hospital hired twelve nurses to cover night shifts this winter.",
        ];
        string[] spam = ["Click here to grab 60% off today only with code SAVE60!", "Buy cheap watches now, limited offer, free shipping worldwide!"];
        string[] filler = ["Tags: politics, economy, world", "Share this article on Facebook | Twitter | Email"];
        const string conspiracy = "They don't want you to know the truth. Do your own research.";

        var csv = new StringBuilder("doc_id,para,text,label\n");
        for (int d = 0; d < 8; d++)
        {
            (string Text, string Label)[] rows =
            [
                ($"Headline number {d} about local news", "clean"),
                (clean[d % 3], "clean"),
                (spam[d % 2], "spam"),
                (conspiracy, "conspiracy"),
                (filler[d % 2], "filler"),
            ];
            for (int p = 0; p < rows.Length; p++)
            {
                string label = relabel?.Invoke(d, p, rows[p].Label) ?? rows[p].Label;
                csv.Append($"news/doc-{d},{p},\"{rows[p].Text.Replace("\"", "\"\"")}\",{label}\n");
            }
        }
        return csv.ToString();
    }

    [Fact]
    public void Train_writes_a_model_that_score_can_use()
    {
        string data = _dir.Write("labels.csv", LabelsCsv());
        string model = _dir.File("tiny.lqcm");

        var train = CliRunner.Run("train", "--data", data, "--output", model, "--spliced", "20");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(File.Exists(model), "no model written");

        var lines = ScoreLines.Score(["--model", model], stdin: Jsonl.Lines(Jsonl.Text("t", "The council met on Tuesday.\nTags: politics, economy, world")));
        ScoreLines.AssertDocuments(lines, ("t", 2));
    }

    [Fact]
    public void Train_with_a_bad_label_names_file_and_line()
    {
        // Row of doc 1, paragraph 2 is line 1 (header) + 1 * 5 + 2 + 1 = 9.
        string data = _dir.Write("badlabel.csv", LabelsCsv((d, p, label) => d == 1 && p == 2 ? "spammy" : label));
        string model = _dir.File("never.lqcm");

        var result = CliRunner.Run("train", "--data", data, "--output", model, "--spliced", "20");

        CliAssert.FailsNaming(result, "badlabel.csv:9");
        Assert.False(File.Exists(model), "a model was written despite the bad label");
    }
}
