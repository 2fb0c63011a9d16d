using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Core.Features;
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

    /// <summary>What explains a batch's scores: the explainer and the batch's recurring lines.</summary>
    public sealed record Explanations(Explainer Explainer, BatchRecurrence Recurrence);

    /// <param name="scores">All documents' paragraph scores, back to back.</param>
    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<Document> documents, ParagraphScore[] scores,
        Explanations? explanations, CancellationToken cancellation)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, ServiceJson.Options);
        writer.WriteStartObject();
        writer.WriteStartArray(Results);
        int offset = 0;
        for (int d = 0; d < documents.Count; d++)
        {
            WriteDocument(writer, documents, d, scores.AsSpan(offset, documents[d].Paragraphs.Count), explanations);
            offset += documents[d].Paragraphs.Count;
            writer.Flush();
            await body.FlushAsync(cancellation);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(cancellation);
    }

    private static void WriteDocument(Utf8JsonWriter writer, IReadOnlyList<Document> documents, int index, ReadOnlySpan<ParagraphScore> scores, Explanations? explanations)
    {
        var document = documents[index];
        writer.WriteStartObject();
        writer.WriteString(Id, document.Id);
        writer.WriteStartArray(Paragraphs);
        for (int i = 0; i < scores.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Para, i);
            ScoreJson.WriteScores(writer, scores[i]);
            ScoreJson.WriteFlags(writer, scores[i].Flags);
            if (explanations is var (explainer, recurrence))
            {
                int paragraph = i;
                ScoreJson.WriteExplanation(writer, scores[i], category => explainer.ExplainWithReasons(document.Paragraphs, paragraph, category, batch: recurrence, document: index));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
