using System.Text;
using System.Text.Json;

namespace Classifier.Cli.Tests;

/// <summary>Hostile and extreme input: each is scored or is a clear error naming file and line; never a
/// crash or a hang; with --on-error skip every paragraph is scored or its record reported, and the counts reconcile.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void InvalidUtf8AndNulBytesAreScored()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"id\": \"bad-bytes\", \"paragraphs\": [\"caf"));
        bytes.AddRange([0xC3, 0x28, 0xFF, 0xFE]); // invalid UTF-8 sequences
        bytes.AddRange(Encoding.UTF8.GetBytes("e\", \"nul \\u0000 inside\"]}\n"));
        var lines = ScoreLines.Score([WriteBytes("bytes.jsonl", [.. bytes]) ]);
        ScoreLines.AssertDocuments(lines, ("bad-bytes", 2));
    }

    [Fact]
    public void ScriptsEmojiZeroWidthBomAndMixedLineEndingsAreScored()
    {
        string text = "\uFEFFمرحبا بالعالم\r\n新闻报道\r😀😀 emoji only\nzero\u200Bwidth\u200D joiner\r\n\u202Eright-to-left override";
        string path = _dir.Write("mixed.txt", text);
        var lines = ScoreLines.Score([path]);
        ScoreLines.AssertDocuments(lines, ("mixed.txt", 5));
    }

    [Fact]
    public void FiftyMegabyteParagraphIsScored()
    {
        string path = _dir.File("huge.jsonl");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("{\"id\": \"huge\", \"paragraphs\": [\"");
            var chunk = string.Concat(Enumerable.Repeat("Buy cheap pills now at www.example.test and save big. ", 1000));
            for (int written = 0; written < 50_000_000; written += chunk.Length)
                writer.Write(chunk);
            writer.Write("\", \"A short clean paragraph.\"]}\n");
        }
        var lines = ScoreLines.Score([path]);
        ScoreLines.AssertDocuments(lines, ("huge", 2));
    }

    [Fact]
    public void MillionParagraphDocumentIsScored()
    {
        string path = _dir.File("million.jsonl");
        using (var writer = new StreamWriter(path))
            writer.Write(JsonSerializer.Serialize(new { id = "long", paragraphs = Enumerable.Range(0, 1_000_000).Select(i => "p" + (i % 97)) }) + "\n");
        var result = CliRunner.Run("score", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1_000_000, result.StdOut.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("{\"id\": \"t\", \"paragraphs\": [\"cut off", "malformed JSON")]
    [InlineData("{\"id\": \"n\", \"paragraphs\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "malformed JSON")]
    [InlineData("{\"id\": [\"x\"], \"paragraphs\": []}", "\"id\" must be a string or number")]
    [InlineData("{\"id\": \"x\", \"paragraphs\": \"not a list\"}", "\"paragraphs\" must be an array")]
    [InlineData("[1, 2, 3]", "expected a JSON object")]
    public void BrokenJsonIsAnErrorNamingTheLine(string badLine, string expected)
    {
        string path = _dir.Write("broken.jsonl", Jsonl.Lines(Jsonl.Paragraphs("ok", "Fine."), badLine));
        var result = CliRunner.Run("score", path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("broken.jsonl:2", result.StdErr);
        Assert.Contains(expected, result.StdErr);
    }

    [Fact]
    public void SkipModeScoresOrReportsEveryRecordAndTheCountsReconcile()
    {
        string jsonl = _dir.Write("in.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("a", "One.", "Two."), "{broken", Jsonl.Text("b", "Three\nFour\nFive"), "{\"id\": 1, \"paragraphs\": [2]}", Jsonl.Paragraphs("c", "Six.")));
        string csv = _dir.Write("in.csv", "doc_id,text\nd,Seven.\nd,Eight.\ne,\"unbalanced\nf,Nine.\n");
        string errors = _dir.File("errors.jsonl");
        var result = CliRunner.Run("score", jsonl, csv, _dir.File("missing.jsonl"), "--on-error", "skip", "--errors", errors);
        Assert.Equal(0, result.ExitCode);
        var lines = ScoreLines.Parse(result.StdOut);
        Assert.Equal(["a", "a", "b", "b", "b", "c", "d", "d"], lines.Select(l => l.Doc));
        var reported = File.ReadAllLines(errors).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([("in.jsonl", 2L), ("in.jsonl", 4L)], reported.Take(2).Select(r => (Path.GetFileName(r.GetProperty("file").GetString()!), r.GetProperty("line").GetInt64())));
        Assert.Contains(reported, r => r.GetProperty("file").GetString()!.EndsWith("in.csv"));
        Assert.Contains(reported, r => r.GetProperty("file").GetString()!.EndsWith("missing.jsonl"));
        Assert.Contains($"{lines.Select(l => l.Doc).Distinct().Count()} documents, {lines.Count} paragraphs scored; {reported.Count} bad input records reported", result.StdErr);
    }

    [Fact]
    public void FailModeStopsAtTheFirstBadRecordAfterWritingEverythingBefore()
    {
        string jsonl = _dir.Write("in.jsonl", Jsonl.Lines(Jsonl.Paragraphs("a", "One.", "Two."), "{broken", Jsonl.Paragraphs("c", "Six.")));
        var result = CliRunner.Run("score", jsonl);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["a", "a"], ScoreLines.Parse(result.StdOut).Select(l => l.Doc));
        Assert.Contains("in.jsonl:2", result.StdErr);
    }
}

public sealed class LoneSurrogateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void HalfASurrogatePairIsAnErrorNamingTheLine()
    {
        string path = _dir.Write("surrogate.jsonl", Jsonl.Lines(Jsonl.Paragraphs("ok", "Fine."), "{\"id\": \"s\", \"paragraphs\": [\"\\ud800 alone\"]}"));
        var result = CliRunner.Run("score", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("surrogate.jsonl:2: invalid string", result.StdErr);
    }
}
