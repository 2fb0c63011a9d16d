using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Microsoft.AspNetCore.Http;

namespace Classifier.Cli.Service;

/// <summary>
/// Writes <c>{"results": [{"id", "paragraphs": [{"para", "scores", "flags"[, "explanation"]}, ...]}, ...]}</c>,
/// flushing after every document so a large response is never held whole in memory.
/// </summary>
public static class ScoreResponse
{
    private static readonly JsonEncodedText Results = JsonEncodedText.Encode("results");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Paragraphs = JsonEncodedText.Encode("paragraphs");
    private static readonly JsonEncodedText Para = JsonEncodedText.Encode("para");

    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<Document> documents, IReadOnlyList<ParagraphScore[]> scores,
        Explainer? explainer, CancellationToken cancellation)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, ServiceJson.Options);
        writer.WriteStartObject();
        writer.WriteStartArray(Results);
        for (int d = 0; d < documents.Count; d++)
        {
            WriteDocument(writer, documents[d], scores[d], explainer);
            writer.Flush();
            await body.FlushAsync(cancellation);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(cancellation);
    }

    private static void WriteDocument(Utf8JsonWriter writer, Document document, ParagraphScore[] scores, Explainer? explainer)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, document.Id);
        writer.WriteStartArray(Paragraphs);
        for (int i = 0; i < scores.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Para, i);
            ScoreJson.WriteScores(writer, scores[i]);
            ScoreJson.WriteFlags(writer, scores[i].Flags);
            if (explainer is not null)
            {
                int paragraph = i;
                ScoreJson.WriteExplanation(writer, scores[i], category => explainer.Explain(document.Paragraphs, paragraph, category));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
