using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Classifier.Cli.Tests;

/// <summary>serve under load and at shutdown, over loopback only, with bounded request counts and times.</summary>
public sealed class ServiceLoadTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Concurrency = 32;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task TenThousandRequestsThirtyTwoAtATimeAllSucceed()
    {
        using var server = new ServerProcess();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var latencies = new double[Requests];
        int next = -1, failures = 0;
        string[] paragraphs = ["Harbour council approves new ferry timetable", "Click here to grab 60% off today only!", "Tags: ferries, council"];

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                string body = JsonSerializer.Serialize(new { id = $"doc-{i}", paragraphs });
                var clock = Stopwatch.StartNew();
                using var response = await server.Client.PostAsync("v1/score", Body(body), timeout.Token);
                string text = await response.Content.ReadAsStringAsync(timeout.Token);
                latencies[i] = clock.Elapsed.TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || !text.Contains($"\"doc-{i}\""))
                    Interlocked.Increment(ref failures);
            }
        }

        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(Worker)));
        wall.Stop();

        Array.Sort(latencies);
        double p50 = latencies[Requests / 2], p99 = latencies[Requests * 99 / 100];
        output.WriteLine($"{Requests} requests, {Concurrency} concurrent: {failures} failed, {Requests / wall.Elapsed.TotalSeconds:F0} requests/s, p50 {p50:F2} ms, p99 {p99:F2} ms");
        Assert.Equal(0, failures);
        Assert.True(p99 < 2000, $"p99 latency {p99:F0} ms");
    }

    [Fact]
    public async Task ShutdownFinishesTheRequestInFlight()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is POSIX");
        using var server = new ServerProcess("--max-request-bytes", "100000000");
        // Scoring 200,000 paragraphs takes seconds, so the request is still in flight when SIGTERM arrives.
        var paragraphs = Enumerable.Range(0, 200_000).Select(i => $"Paragraph {i} of a long report on the harbour council budget.").ToArray();
        var clock = Stopwatch.StartNew();
        var pending = server.Client.PostAsync("v1/score", Body(JsonSerializer.Serialize(new { id = "long", paragraphs })));
        await Task.Delay(500);
        Assert.False(pending.IsCompleted, "the request finished before the shutdown began; make it bigger");

        int exitCode = server.Terminate(TimeSpan.FromSeconds(60));

        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(paragraphs.Length, json.RootElement.GetProperty("results")[0].GetProperty("paragraphs").GetArrayLength());
        Assert.True(exitCode == 0, server.Output);
        output.WriteLine($"in-flight request of {paragraphs.Length} paragraphs answered in full {clock.Elapsed.TotalSeconds:F1} s after it was sent, across SIGTERM");
    }
}
