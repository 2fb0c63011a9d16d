using System.Text.Json;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Classifier.Cli.Service;

/// <summary>What <c>serve</c> was asked for.</summary>
public sealed record ServiceSettings(string ModelPath, string Urls, long MaxRequestBytes);

/// <summary>
/// The HTTP scoring service: <c>POST /v1/score</c> and <c>GET /healthz</c> over one shared, thread-safe
/// <see cref="Scorer"/>. The generic host stops it gracefully on Ctrl+C or SIGTERM: in-flight requests finish.
/// </summary>
public static class ScoringService
{
    public static WebApplication Build(ServiceSettings settings, ClassifierModel model) => Build(settings, new Scorer(model), model);

    /// <summary>The service over any scorer (e.g. a cascade); <paramref name="model"/> explains.</summary>
    public static WebApplication Build(ServiceSettings settings, IBatchScorer scorer, ClassifierModel model)
    {
        // Our command line is not host configuration, and appsettings.json is looked for beside the program, not in the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        // Quiet per-request logs; keep "Now listening on" and shutdown messages.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        var app = builder.Build();
        app.Use(InternalErrors);
        var score = new ScoreEndpoint(scorer, new Explainer(model));
        app.MapPost("/v1/score", (RequestDelegate)score.HandleAsync);
        app.MapGet("/healthz", context => Health(context, settings.ModelPath));
        return app;
    }

    private static async Task Health(HttpContext context, string modelPath)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, ServiceJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteString("model", modelPath);
            writer.WriteEndObject();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>A bug answers 500 in the same {"error"} shape as client errors, and is logged; a client that went away is not an error.</summary>
    private static async Task InternalErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Classifier.Service")
                .LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error");
        }
    }
}
