using System.Text.Json;
using System.Text.RegularExpressions;

namespace Classifier.Cli.Tests;

/// <summary>The review verb: one self-contained HTML page that embeds every paragraph and survives hostile text.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    private const string Hostile = "</script><img src=x onerror=alert(1)>";
    private const string DataOpen = "<script type=\"application/json\" id=\"review-data\">";

    private static readonly string[] Ferry =
    [
        "Council approves ferry timetable",
        "The council voted 7-2 on Tuesday to approve the new ferry timetable, officials said.",
        "Click here to grab 60% off today only with code SAVE60! Subscribe now!",
        "They don't want you to know the truth about the ferries. Do your own research.",
        "Tags: ferries, council, transport",
        Hostile,
    ];

    private static readonly string[] Rail = ["Rail timetable changes", "The operator will add six trains on weekdays.", "Related articles: <b>more</b> rail & bus news"];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (CliResult Result, string Html) Review(params string[] extra)
    {
        string input = _dir.Write("docs.jsonl", Jsonl.Lines(Jsonl.Paragraphs("news/ferry", Ferry), Jsonl.Paragraphs("news/rail", Rail)));
        string output = _dir.File("review.html");
        var result = CliRunner.Run(["review", input, "--output", output, .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return (result, File.ReadAllText(output));
    }

    /// <summary>The embedded data block, parsed as the page's script parses it.</summary>
    private static JsonElement Data(string html)
    {
        int start = html.IndexOf(DataOpen, StringComparison.Ordinal);
        Assert.True(start >= 0, "no review-data block");
        start += DataOpen.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(html[start..end]).RootElement.Clone();
    }

    private static List<(string Id, string[] Paragraphs)> Documents(JsonElement data) =>
        [.. data.GetProperty("documents").EnumerateArray().Select(d => (d.GetProperty("id").GetString()!,
            d.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToArray()))];

    [Fact]
    public void Review_writes_one_html_file_and_nothing_else()
    {
        var (result, html) = Review();

        Assert.Equal(["docs.jsonl", "review.html"], Directory.GetFiles(_dir.Path).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal("", result.StdOut);
        Assert.Contains("2 documents, 9 paragraphs", result.StdErr);
    }

    [Fact]
    public void Page_is_self_contained()
    {
        var (_, html) = Review();

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"<script[^>]*\ssrc\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<link\b", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<(img|iframe|object|embed)\b", RegexOptions.IgnoreCase), html);
        Assert.Matches(new Regex(@"<style>[^<]+</style>"), html);
        // The policy lets only the page's own script run: an injected handler would be refused too.
        Assert.Matches(new Regex(@"default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'"), html);
        Assert.DoesNotContain("unsafe-inline", html);
    }

    [Fact]
    public void Page_embeds_every_paragraph_in_order()
    {
        var (_, html) = Review();

        var documents = Documents(Data(html));

        Assert.Equal(["news/ferry", "news/rail"], documents.Select(d => d.Id).ToArray());
        Assert.Equal(Ferry, documents[0].Paragraphs);
        Assert.Equal(Rail, documents[1].Paragraphs);
    }

    [Fact]
    public void Flagged_paragraphs_carry_scores_and_explanations()
    {
        var (_, html) = Review();

        var paragraphs = Data(html).GetProperty("documents").EnumerateArray().SelectMany(d => d.GetProperty("paragraphs").EnumerateArray()).ToList();
        var flagged = paragraphs.Where(p => p.GetProperty("flags").GetArrayLength() > 0).ToList();

        Assert.NotEmpty(flagged);
        Assert.All(paragraphs, p => Assert.Equal(4, p.GetProperty("scores").EnumerateObject().Count()));
        Assert.All(flagged, p =>
        {
            foreach (var flag in p.GetProperty("flags").EnumerateArray())
            {
                Assert.NotEmpty(p.GetProperty("explanation").GetProperty(flag.GetString()!).EnumerateArray());
                var reasons = p.GetProperty("reasons").GetProperty(flag.GetString()!).EnumerateArray().ToList();
                Assert.InRange(reasons.Count, 1, 3);
                Assert.All(reasons, r =>
                {
                    Assert.DoesNotContain("signal:", r.GetProperty("text").GetString()!);
                    Assert.InRange(r.GetProperty("share").GetDouble(), 0.001, 1);
                });
            }
        });
        Assert.All(paragraphs.Except(flagged), p => Assert.False(p.TryGetProperty("reasons", out _)));
    }

    [Fact]
    public void Hostile_paragraph_cannot_break_out_of_the_data_block()
    {
        var (_, html) = Review();

        Assert.DoesNotContain(Hostile, html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e", html);
        Assert.Equal(2, Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count); // the data block's and the script's own
        Assert.Equal(Hostile, Documents(Data(html))[0].Paragraphs[5]); // and it reads back intact
    }

    [Fact]
    public void Page_script_never_parses_data_as_markup()
    {
        var (_, html) = Review();

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
            Assert.DoesNotContain(sink, html);
    }

    [Fact]
    public void Min_score_leaves_out_documents_below_it_and_starts_the_slider_there()
    {
        var (_, all) = Review();
        var (_, none) = Review("--min-score", "1");

        Assert.Equal(2, Documents(Data(all)).Count);
        Assert.Empty(Documents(Data(none)));
        Assert.Equal(1, Data(none).GetProperty("minScore").GetDouble());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void Min_score_outside_0_to_1_is_refused(string value)
    {
        string input = _dir.Write("one.jsonl", Jsonl.Lines(Jsonl.Paragraphs("a", "Hello.")));
        string output = _dir.File("refused.html");

        var result = CliRunner.Run("review", input, "--output", output, "--min-score", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--min-score", result.StdErr);
        Assert.False(File.Exists(output));
    }
}
