using System.Text.Json;
using Classifier.Cli.Input;
using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Classifier.Cli.Service;

/// <summary>
/// <c>POST /v1/score[?explain=true]</c>. Every client mistake (bad JSON, a wrong shape, an oversized body) is
/// answered with its 4xx status and an error message; nothing a client sends can cause a 500.
/// </summary>
public sealed class ScoreEndpoint(IBatchScorer scorer, Explainer explainer)
{
    // Deep enough for {"documents": [{"paragraphs": [...]}]}; deeper bodies are not documents.
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 16 };

    public async Task HandleAsync(HttpContext context)
    {
        if (!TryExplain(context.Request.Query, out bool explain))
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "explain must be true or false");
            return;
        }
        IReadOnlyList<Document> documents;
        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, Parsing, context.RequestAborted);
            documents = ScoreRequest.Documents(json.RootElement);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel raises this while the body is read, e.g. 413 once it passes MaxRequestBodySize.
            await ErrorResponse.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(context) : e.Message);
            return;
        }
        catch (JsonException e)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"malformed JSON: {e.Message}");
            return;
        }
        catch (Exception e) when (e is InputFormatException or ScoreRequestException)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        // Score everything before writing, so a failure can still be answered with a status instead of a cut-off body.
        // A request's documents are one batch: lines recurring across them count as page templates.
        var scores = new ParagraphScore[documents.Sum(d => d.Paragraphs.Count)];
        scorer.Score(documents, scores);
        var explanations = explain ? new ScoreResponse.Explanations(explainer, BatchRecurrence.Of(documents)) : null;
        await ScoreResponse.WriteAsync(context.Response, documents, scores, explanations, context.RequestAborted);
    }

    private static bool TryExplain(IQueryCollection query, out bool explain)
    {
        explain = false;
        return !query.TryGetValue("explain", out var value) || bool.TryParse(value.ToString(), out explain);
    }

    private static string TooLarge(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is long limit
            ? $"request body is larger than the limit of {limit} bytes (--max-request-bytes)"
            : "request body is too large";
}
