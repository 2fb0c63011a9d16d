using System.Text.Json;
using System.Text.RegularExpressions;

namespace Classifier.Cli.Tests;

/// <summary>One document of filter output: its paragraphs and, in mark mode, their flags.</summary>
public sealed record FilteredDocument(string Id, IReadOnlyList<string> Paragraphs, IReadOnlyList<IReadOnlyList<string>>? Flags);

/// <summary>One line of filter --log.</summary>
public sealed record FilterLogLine(string Doc, int Para, IReadOnlyList<string> Flags, IReadOnlyDictionary<string, double> Scores, string Text);

/// <summary>filter: agrees with score, drop and mark modes, the log accounts for every removed paragraph, thresholds.</summary>
public sealed partial class FilterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string LongSpam = "Click here to buy cheap watches now, limited offer with free shipping worldwide! " +
        string.Concat(Enumerable.Repeat("Use code SAVE60 today only and grab 60% off every order. ", 5));

    /// <summary>Several JSONL documents (one empty, one in text form) and the shipped sample article.</summary>
    private string[] Inputs()
    {
        string jsonl = _dir.Write("docs.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("rail",
                "Rail operator confirms new timetable for spring",
                "The regional rail operator will add six extra trains on the northern line from March, its chief executive said on Monday.",
                LongSpam,
                "Passenger numbers on the route have risen by about 12 percent since last year, according to the transport ministry.",
                "Tags: politics, economy, world"),
            Jsonl.Paragraphs("empty"),
            Jsonl.Text("notes", "Harbour report\nThe council met on Tuesday.\nLeave a reply")));
        return [jsonl, Path.Combine(CliRunner.RepoRoot, "data", "samples", "article.txt")];
    }

    private static (List<FilteredDocument> Documents, string Summary) Filter(IEnumerable<string> args, string? stdin = null)
    {
        var result = CliRunner.Run(["filter", .. args], stdin);
        Assert.True(result.ExitCode == 0, result.ToString());
        return (ParseDocuments(result.StdOut), result.StdErr.Trim());
    }

    private static List<FilteredDocument> ParseDocuments(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var flags = root.TryGetProperty("flags", out var f)
                ? f.EnumerateArray().Select(p => (IReadOnlyList<string>)p.EnumerateArray().Select(x => x.GetString()!).ToList()).ToList()
                : null;
            return new FilteredDocument(root.GetProperty("id").GetString()!,
                root.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList(), flags);
        }).ToList();

    private static List<FilterLogLine> ParseLog(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(["doc", "flags", "para", "scores", "text"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            return new FilterLogLine(root.GetProperty("doc").GetString()!, root.GetProperty("para").GetInt32(),
                root.GetProperty("flags").EnumerateArray().Select(x => x.GetString()!).ToList(),
                root.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
                root.GetProperty("text").GetString()!);
        }).ToList();

    /// <summary>The summary line's counts: documents, read, kept, removed or flagged, and per category.</summary>
    private static (int Documents, int Read, int Kept, int Removed, Dictionary<string, int> ByCategory) ParseSummary(string summary)
    {
        var match = SummaryPattern().Match(summary);
        Assert.True(match.Success, $"unexpected summary: {summary}");
        int N(string group) => int.Parse(match.Groups[group].Value);
        return (N("docs"), N("read"), N("kept"), N("removed"),
            ScoreLines.Categories.ToDictionary(c => c, N));
    }

    [GeneratedRegex(@"^filter: (?<docs>\d+) documents, (?<read>\d+) paragraphs read, (?<kept>\d+) kept, (?<removed>\d+) (removed|flagged) \(spam (?<spam>\d+), off_topic (?<off_topic>\d+), conspiracy (?<conspiracy>\d+), filler (?<filler>\d+)\)$")]
    private static partial Regex SummaryPattern();

    [Fact]
    public void Segments_mark_every_paragraph_of_a_flagged_insertion_and_drop_it_whole()
    {
        // data/samples/pasted-guide.jsonl: a flood report (paragraphs 0-7) with a WordPress SEO guide pasted after it (8-15).
        string sample = Path.Combine(CliRunner.RepoRoot, "data", "samples", "pasted-guide.jsonl");
        var plain = Filter([sample, "--mode", "mark"]).Documents.Single();
        var whole = Filter([sample, "--mode", "mark", "--segments"]).Documents.Single();
        bool[] OffTopic(FilteredDocument d) => [.. d.Flags!.Select(f => f.Contains("off_topic"))];
        var before = OffTopic(plain);
        var after = OffTopic(whole);
        Assert.True(before.Count(f => f) >= 2, "the shipped model should flag some of the pasted guide");
        // Only more flags, never fewer; the guide is flagged whole and the report not at all.
        Assert.All(Enumerable.Range(0, before.Length), i => Assert.True(!before[i] || after[i]));
        Assert.All(Enumerable.Range(8, 7), i => Assert.True(after[i], $"paragraph {i} of the guide"));   // all but its one-line conclusion
        Assert.All(Enumerable.Range(0, 8), i => Assert.False(after[i], $"paragraph {i} of the report"));
        Assert.True(after.Count(f => f) > before.Count(f => f) || before.Skip(8).Take(7).All(f => f));

        var dropped = Filter([sample, "--segments"]).Documents.Single();
        Assert.Equal(plain.Paragraphs.Where((_, i) => !after[i] && plain.Flags![i].Count == 0), dropped.Paragraphs);
    }

    [Fact]
    public void Mark_keeps_every_paragraph_with_the_flags_score_gives()
    {
        var inputs = Inputs();
        var scored = ScoreLines.Score(inputs);

        var (documents, summary) = Filter([.. inputs, "--mode", "mark"]);

        Assert.Equal(["rail", "empty", "notes", "article.txt"], documents.Select(d => d.Id));
        Assert.Equal(scored.Select(l => $"{l.Doc}#{l.Para}"), documents.SelectMany(d => d.Paragraphs.Select((_, i) => $"{d.Id}#{i}")));
        Assert.Equal(scored.Select(l => string.Join(",", l.Flags)), documents.SelectMany(d => d.Flags!).Select(f => string.Join(",", f)));
        Assert.Equal(LongSpam, documents[0].Paragraphs[2]);
        var counts = ParseSummary(summary);
        Assert.Equal((4, scored.Count, scored.Count, scored.Count(l => l.Flags.Count > 0)), (counts.Documents, counts.Read, counts.Kept, counts.Removed));
    }

    [Fact]
    public void Drop_removes_exactly_the_paragraphs_score_flags()
    {
        var inputs = Inputs();
        var marked = Filter([.. inputs, "--mode", "mark"]).Documents;
        var scored = ScoreLines.Score(inputs);
        Assert.Contains(scored, l => l.Flags.Count > 0); // otherwise the test proves nothing
        Assert.Contains(scored, l => l.Flags.Count == 0);

        var (documents, _) = Filter(inputs);

        Assert.Equal(marked.Select(d => d.Id), documents.Select(d => d.Id));
        for (int d = 0; d < marked.Count; d++)
        {
            var expected = marked[d].Paragraphs.Where((_, i) => !scored.Single(l => l.Doc == marked[d].Id && l.Para == i).Flags.Any());
            Assert.Equal(expected, documents[d].Paragraphs);
            Assert.Null(documents[d].Flags);
        }
    }

    [Fact]
    public void Log_lists_every_removed_paragraph_and_the_counts_reconcile()
    {
        var inputs = Inputs();
        var scored = ScoreLines.Score(inputs);
        var marked = Filter([.. inputs, "--mode", "mark"]).Documents;
        string log = _dir.File("removed.jsonl");

        var (documents, summary) = Filter([.. inputs, "--log", log]);

        var entries = ParseLog(log);
        var flagged = scored.Where(l => l.Flags.Count > 0).ToList();
        Assert.Equal(flagged.Select(l => $"{l.Doc}#{l.Para}"), entries.Select(e => $"{e.Doc}#{e.Para}"));
        for (int i = 0; i < entries.Count; i++)
        {
            Assert.Equal(flagged[i].Flags, entries[i].Flags);
            Assert.Equal(flagged[i].Scores, entries[i].Scores);
            string paragraph = marked.Single(d => d.Id == entries[i].Doc).Paragraphs[entries[i].Para];
            Assert.Equal(paragraph.Length <= 200 ? paragraph : paragraph[..200], entries[i].Text);
        }
        var counts = ParseSummary(summary);
        int kept = documents.Sum(d => d.Paragraphs.Count);
        Assert.Equal((4, scored.Count, kept, entries.Count), (counts.Documents, counts.Read, counts.Kept, counts.Removed));
        Assert.Equal(counts.Read, counts.Kept + counts.Removed);
        foreach (var category in ScoreLines.Categories)
            Assert.Equal(scored.Count(l => l.IsFlagged(category)), counts.ByCategory[category]);
    }

    [Fact]
    public void Reads_stdin_and_a_threshold_override_changes_what_is_dropped()
    {
        string input = Jsonl.Lines(Jsonl.Paragraphs("a", "Council approves budget", "The vote was 7-2."), Jsonl.Paragraphs("b", "One more."));
        string log = _dir.File("all.jsonl");

        // Every probability is >= 0, so spam=0 flags everything.
        var (documents, summary) = Filter(["--threshold", "spam=0", "--log", log], stdin: input);

        Assert.Equal(["a", "b"], documents.Select(d => d.Id));
        Assert.All(documents, d => Assert.Empty(d.Paragraphs));
        Assert.All(ParseLog(log), e => Assert.Contains("spam", e.Flags));
        Assert.Equal(3, ParseLog(log).Count);
        var counts = ParseSummary(summary);
        Assert.Equal((2, 3, 0, 3, 3), (counts.Documents, counts.Read, counts.Kept, counts.Removed, counts.ByCategory["spam"]));
    }

    [Theory]
    [InlineData("spam=1.1", "between 0 and 1")]
    [InlineData("spam=-0.1", "between 0 and 1")]
    [InlineData("bogus=0.5", "unknown category 'bogus'")]
    [InlineData("spam", "expected CATEGORY=P")]
    [InlineData("spam=high", "not a number")]
    public void A_bad_threshold_is_a_clear_error(string threshold, string expected)
    {
        var result = CliRunner.Run(["filter", "--threshold", threshold], stdin: Jsonl.Lines(Jsonl.Paragraphs("a", "Text.")));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--threshold {threshold}", result.StdErr);
        Assert.Contains(expected, result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void The_same_category_twice_is_an_error()
    {
        var result = CliRunner.Run(["filter", "--threshold", "spam=0.5", "filler=0.5", "spam=0.9"], stdin: "");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("more than once", result.StdErr);
    }
}
