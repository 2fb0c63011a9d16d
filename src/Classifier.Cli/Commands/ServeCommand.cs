using System.CommandLine;
using Classifier.Cli.Service;
using Microsoft.Extensions.Hosting;

namespace Classifier.Cli.Commands;

/// <summary><c>serve [--model PATH] [--urls URLS] [--max-request-bytes N] [--threshold CATEGORY=P ...]</c>: the scorer over HTTP.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const long DefaultMaxRequestBytes = 8 * 1024 * 1024;

    public static Command Create()
    {
        var model = SharedOptions.Model();
        var urls = new Option<string>("--urls") { Description = $"Where to listen, ';'-separated (default: {DefaultUrls}, loopback only).", DefaultValueFactory = _ => DefaultUrls };
        var maxBytes = new Option<long>("--max-request-bytes") { Description = "Largest request body accepted; larger ones get 413 (default: 8 MB).", DefaultValueFactory = _ => DefaultMaxRequestBytes };
        var thresholds = SharedOptions.Thresholds();
        var command = new Command("serve", "Serve scores over HTTP: POST /v1/score[?explain=true] with a document, {\"documents\": [...]} or an array of documents; GET /healthz.")
            { model, urls, maxBytes, thresholds };
        EncoderSettings.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(model), parse.GetValue(urls)!, parse.GetValue(maxBytes), parse.GetValue(thresholds) ?? [], EncoderSettings.From(parse)));
        return command;
    }

    public static int Run(string? modelPath, string urls, long maxRequestBytes, IReadOnlyList<string> thresholds, EncoderSettings? encoder = null)
    {
        if (maxRequestBytes < 1)
            throw new ArgumentException("--max-request-bytes must be at least 1.");
        if (string.IsNullOrWhiteSpace(urls))
            throw new ArgumentException("--urls must name at least one URL, e.g. http://127.0.0.1:5080.");
        var (scorer, model) = EncoderSettings.Scorer(encoder, modelPath, m => ThresholdOverrides.Apply(m, thresholds));
        var settings = new ServiceSettings(Path.GetFullPath(EncoderSettings.ScoringModelPath(encoder, modelPath)), urls, maxRequestBytes);
        using var app = ScoringService.Build(settings, scorer, model);
        try
        {
            app.Start();
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException)
        {
            // Address in use, not permitted, or not a URL: a usage error, not a crash.
            Console.Error.WriteLine($"error: cannot listen on {urls}: {e.Message}");
            return 2;
        }
        Console.Error.WriteLine($"serve: model {settings.ModelPath}, listening on {urls}; Ctrl+C to stop.");
        app.WaitForShutdown(); // returns once Ctrl+C or SIGTERM has let in-flight requests finish
        return 0;
    }
}
