using System.Text.Json;

namespace Classifier.Cli.Tests;

/// <summary>One parsed line of <c>score</c> output.</summary>
public sealed record ScoreLine(string Doc, int Para, IReadOnlyDictionary<string, double> Scores, IReadOnlyList<string> Flags)
{
    public bool IsFlagged(string category) => Flags.Contains(category);
}

/// <summary>Parses and checks the score contract: one JSON object a line with doc, para, scores and flags.</summary>
public static class ScoreLines
{
    public static readonly string[] Categories = ["spam", "off_topic", "conspiracy", "filler"];

    /// <summary>Parses every line, asserting each is exactly one well-formed contract object.</summary>
    public static List<ScoreLine> Parse(string output)
    {
        var result = new List<ScoreLine>();
        if (output.Length == 0)
            return result;
        Assert.True(output.EndsWith('\n'), "JSON Lines output must end with a newline");
        var lines = output[..^1].Split('\n');
        for (int n = 0; n < lines.Length; n++)
            result.Add(ParseLine(lines[n].TrimEnd('\r'), n + 1));
        return result;
    }

    private static ScoreLine ParseLine(string line, int number)
    {
        JsonDocument json;
        try { json = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new Xunit.Sdk.XunitException($"output line {number} is not one JSON value: {e.Message}\n{line}"); }
        using (json)
        {
            var root = json.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.Equal(["doc", "flags", "para", "scores"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

            Assert.Equal(JsonValueKind.String, root.GetProperty("doc").ValueKind);
            string doc = root.GetProperty("doc").GetString()!;
            Assert.True(root.GetProperty("para").TryGetInt32(out int para), $"line {number}: para must be an integer");

            var scoresElement = root.GetProperty("scores");
            Assert.Equal(JsonValueKind.Object, scoresElement.ValueKind);
            Assert.Equal(Categories.Order(StringComparer.Ordinal), scoresElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            var scores = new Dictionary<string, double>();
            foreach (var property in scoresElement.EnumerateObject())
            {
                Assert.Equal(JsonValueKind.Number, property.Value.ValueKind);
                double value = property.Value.GetDouble();
                Assert.InRange(value, 0.0, 1.0);
                scores[property.Name] = value;
            }

            var flagsElement = root.GetProperty("flags");
            Assert.Equal(JsonValueKind.Array, flagsElement.ValueKind);
            var flags = new List<string>();
            foreach (var flag in flagsElement.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, flag.ValueKind);
                Assert.Contains(flag.GetString()!, Categories);
                flags.Add(flag.GetString()!);
            }
            Assert.Equal(flags.Count, flags.Distinct().Count());
            return new ScoreLine(doc, para, scores, flags);
        }
    }

    /// <summary>
    /// Asserts the lines are the documents' paragraphs in order: for each (id, count), <c>count</c> lines
    /// with that doc and para 0..count-1; the total number of lines is the sum of the counts.
    /// </summary>
    public static void AssertDocuments(IReadOnlyList<ScoreLine> lines, params (string Id, int Paragraphs)[] documents)
    {
        var expected = documents.SelectMany(d => Enumerable.Range(0, d.Paragraphs).Select(p => $"{d.Id}#{p}"));
        Assert.Equal(expected, lines.Select(l => $"{l.Doc}#{l.Para}"));
    }

    /// <summary>Runs <c>score</c> expecting success, and returns its parsed, contract-checked lines.</summary>
    public static List<ScoreLine> Score(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null)
    {
        var result = CliRunner.Run(["score", .. args], stdin, workingDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Parse(result.StdOut);
    }
}
