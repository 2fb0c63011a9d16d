using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Classifier.Cli.Tests;

/// <summary>One server for the whole class: started once, killed with its process tree when the class is done.</summary>
public sealed class ServeFixture : IDisposable
{
    public const int MaxRequestBytes = 256 * 1024;

    public ServerProcess Server { get; } = new("--max-request-bytes", MaxRequestBytes.ToString());

    public void Dispose() => Server.Dispose();
}

/// <summary>serve: the real program over loopback HTTP: shapes, agreement with score, client errors, limits, concurrency, shutdown.</summary>
public sealed class ServeTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private static readonly string[] Rail =
    [
        "Rail operator confirms new timetable for spring",
        "The regional rail operator will add six extra trains on the northern line from March, its chief executive said on Monday.",
        "Looking for the best deals on headphones? Click here to grab 60% off today only and use code RAIL60 at checkout!",
        "Passenger numbers on the route have risen by about 12 percent since last year, according to the transport ministry.",
        "Tags: politics, economy, world",
    ];

    private HttpClient Client => fixture.Server.Client;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Document(string id, params string[] paragraphs) => JsonSerializer.Serialize(new { id, paragraphs });

    private async Task<(HttpStatusCode Status, JsonNode Body)> Post(string json, string path = "v1/score")
    {
        using var response = await Client.PostAsync(path, Body(json), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"empty body, status {response.StatusCode}"));
    }

    /// <summary>Asserts the results contract and returns the results: ids in order, paras 0..n-1, four scores in [0,1], flags from the categories.</summary>
    private static JsonArray AssertResults(JsonNode body, params (string Id, int Paragraphs)[] expected)
    {
        var results = body["results"]!.AsArray();
        Assert.Equal(expected.Select(e => e.Id), results.Select(r => (string)r!["id"]!));
        for (int d = 0; d < expected.Length; d++)
        {
            var paragraphs = results[d]!["paragraphs"]!.AsArray();
            Assert.Equal(Enumerable.Range(0, expected[d].Paragraphs), paragraphs.Select(p => (int)p!["para"]!));
            foreach (var paragraph in paragraphs)
            {
                var scores = paragraph!["scores"]!.AsObject();
                Assert.Equal(ScoreLines.Categories.Order(StringComparer.Ordinal), scores.Select(s => s.Key).Order(StringComparer.Ordinal));
                Assert.All(scores, s => Assert.InRange((double)s.Value!, 0.0, 1.0));
                var flags = paragraph["flags"]!.AsArray().Select(f => (string)f!).ToList();
                Assert.All(flags, f => Assert.Contains(f, ScoreLines.Categories));
                Assert.Equal(flags.Count, flags.Distinct().Count());
            }
        }
        return results;
    }

    /// <summary>The service and the score command agree exactly, scores and flags, on the same documents and model.</summary>
    private static void AssertSameAsScoreCommand(JsonArray results, string jsonl)
    {
        var lines = ScoreLines.Score([], stdin: jsonl);
        var served = results.SelectMany(r => r!["paragraphs"]!.AsArray().Select(p => (Doc: (string)r["id"]!, Para: p!))).ToList();
        Assert.Equal(lines.Count, served.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.Equal(lines[i].Doc, served[i].Doc);
            Assert.Equal(lines[i].Para, (int)served[i].Para["para"]!);
            Assert.Equal(lines[i].Flags, served[i].Para["flags"]!.AsArray().Select(f => (string)f!));
            foreach (var category in ScoreLines.Categories)
                Assert.Equal(lines[i].Scores[category], (double)served[i].Para["scores"]![category]!);
        }
    }

    [Fact]
    public async Task Healthz_reports_ok_and_the_model()
    {
        using var response = await Client.GetAsync("healthz", TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string)body["status"]!);
        Assert.Equal(Path.GetFullPath(CliRunner.DefaultModelPath), (string)body["model"]!);
    }

    [Fact]
    public async Task One_document_is_scored_like_the_score_command()
    {
        var (status, body) = await Post(Document("rail", Rail));

        Assert.Equal(HttpStatusCode.OK, status);
        var results = AssertResults(body, ("rail", Rail.Length));
        Assert.Contains("filler", results[0]!["paragraphs"]![Rail.Length - 1]!["flags"]!.AsArray().Select(f => (string)f!));
        AssertSameAsScoreCommand(results, Jsonl.Lines(Document("rail", Rail)));
    }

    [Fact]
    public async Task Many_documents_as_a_documents_object_or_an_array_give_the_same_results_in_order()
    {
        string[] documents = [Document("rail", Rail), Jsonl.Text("notes", "First line\nSecond line\n\nThird line"), Document("empty"), Document("one", "Just one.")];

        var (status, wrapped) = await Post($"{{\"documents\": [{string.Join(",", documents)}]}}");
        var (arrayStatus, array) = await Post($"[{string.Join(",", documents)}]");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, arrayStatus);
        var results = AssertResults(wrapped, ("rail", Rail.Length), ("notes", 3), ("empty", 0), ("one", 1));
        Assert.Equal(wrapped.ToJsonString(), array.ToJsonString());
        AssertSameAsScoreCommand(results, Jsonl.Lines(documents));
    }

    [Fact]
    public async Task Explain_adds_an_explanation_for_each_flag_and_only_for_flagged_paragraphs()
    {
        var (status, body) = await Post(Document("rail", Rail), "v1/score?explain=true");

        Assert.Equal(HttpStatusCode.OK, status);
        var paragraphs = AssertResults(body, ("rail", Rail.Length))[0]!["paragraphs"]!.AsArray();
        Assert.Contains(paragraphs, p => p!["flags"]!.AsArray().Count > 0);
        foreach (var paragraph in paragraphs)
        {
            var flags = paragraph!["flags"]!.AsArray().Select(f => (string)f!).ToList();
            if (flags.Count == 0)
            {
                Assert.Null(paragraph["explanation"]);
                continue;
            }
            var explanation = paragraph["explanation"]!.AsObject();
            Assert.Equal(flags, explanation.Select(e => e.Key));
            Assert.All(explanation, e => Assert.All(e.Value!.AsArray(), c =>
            {
                Assert.False(string.IsNullOrEmpty((string)c!["feature"]!));
                Assert.True((double)c["weight"]! > 0);
            }));
            // Beside the raw view, the same plain reasons as score --explain gives.
            var reasons = paragraph["reasons"]!.AsObject();
            Assert.Equal(flags, reasons.Select(e => e.Key));
            Assert.All(reasons, e =>
            {
                Assert.InRange(e.Value!.AsArray().Count, 1, 3);
                Assert.All(e.Value.AsArray(), r =>
                {
                    Assert.False(string.IsNullOrEmpty((string)r!["text"]!));
                    Assert.InRange((double)r["share"]!, 0.001, 1);
                });
            });
        }
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"paragraphs\": [\"cut off", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    [InlineData("{\"id\": \"a\", \"paragraphs\": [\"fine\", 42]}", "\"paragraphs\"[1] must be a string")]
    [InlineData("{\"documents\": [{\"id\": \"a\", \"paragraphs\": []}, {\"id\": \"b\", \"paragraphs\": [true]}]}", "request:1: \"paragraphs\"[0] must be a string")]
    [InlineData("{\"id\": \"a\", \"paragraphs\": \"not a list\"}", "\"paragraphs\" must be an array")]
    [InlineData("{\"id\": \"a\"}", "needs \"paragraphs\"")]
    [InlineData("{\"documents\": 5}", "\"documents\" must be an array")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("\"just a string\"", "expected a document")]
    [InlineData("{\"id\": \"a\", \"paragraphs\": [\"\\ud800 lone surrogate\"]}", "request:0")]
    public async Task Client_mistakes_are_400_with_an_error_message(string json, string expected)
    {
        var (status, body) = await Post(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string)body["error"]!);
    }

    [Fact]
    public async Task Explain_must_be_a_boolean()
    {
        var (status, body) = await Post(Document("a", "x"), "v1/score?explain=perhaps");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("explain", (string)body["error"]!);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_the_server_carries_on()
    {
        string big = Document("big", new string('x', ServeFixture.MaxRequestBytes + 1000));

        var (status, body) = await Post(big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains(ServeFixture.MaxRequestBytes.ToString(), (string)body["error"]!);
        var (after, _) = await Post(Document("small", "Still serving."));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_all_succeed_and_equal_the_sequential_results()
    {
        var bodies = Enumerable.Range(0, 50).Select(i => Document($"doc-{i}",
            [$"Report {i}: council meets on budget", .. Rail.Skip(1 + i % 3), $"Tags: item{i}, news"])).ToArray();
        var sequential = new List<string>();
        foreach (var body in bodies)
            sequential.Add(await Send(body));

        var concurrent = await Task.WhenAll(bodies.Select(body => Task.Run(() => Send(body), TestContext.Current.CancellationToken)));

        Assert.Equal(sequential, concurrent);
    }

    private async Task<string> Send(string json)
    {
        using var response = await Client.PostAsync("v1/score", Body(json), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return text;
    }

    [Fact]
    public void A_port_in_use_is_a_clear_error()
    {
        var result = CliRunner.Run("serve", "--urls", fixture.Server.BaseAddress.ToString().TrimEnd('/'));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot listen on", result.StdErr);
    }

    [Theory]
    [InlineData("spam=1.1", "between 0 and 1")]
    [InlineData("bogus=0.5", "unknown category 'bogus'")]
    public void A_bad_threshold_stops_serve_before_it_listens(string threshold, string expected)
    {
        var result = CliRunner.Run("serve", "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}", "--threshold", threshold);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
    }

    [Fact]
    public void Sigterm_stops_the_server_gracefully()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is POSIX");
        using var server = new ServerProcess();

        int exitCode = server.Terminate(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, server.Output);
        Assert.Contains("Application is shutting down", server.Output);
    }
}
