using System.Text.Json;
using Classifier.Cli.Input;
using Classifier.Core.Text;

namespace Classifier.Cli.Service;

/// <summary>
/// The documents of a <c>POST /v1/score</c> body: one document object (<c>{"id", "paragraphs"|"text"}</c>),
/// <c>{"documents": [...]}</c>, or a bare array of documents. Each document is read exactly as a JSONL line
/// is, so the service and the <c>score</c> command accept the same documents and say the same about bad ones.
/// </summary>
public static class ScoreRequest
{
    private const string Source = "request";

    /// <exception cref="ScoreRequestException">The body is not one of the accepted shapes.</exception>
    /// <exception cref="InputFormatException">A document is malformed; the message names its index.</exception>
    public static IReadOnlyList<Document> Documents(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => List(root),
        JsonValueKind.Object when root.TryGetProperty("documents", out var documents) => documents.ValueKind == JsonValueKind.Array
            ? List(documents)
            : throw new ScoreRequestException($"\"documents\" must be an array of documents, got {Kind(documents)}"),
        JsonValueKind.Object => [Read(root, 0)],
        _ => throw new ScoreRequestException($"expected a document {{\"id\", \"paragraphs\" or \"text\"}}, {{\"documents\": [...]}} or an array of documents, got {Kind(root)}"),
    };

    private static List<Document> List(JsonElement array)
    {
        var documents = new List<Document>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
            documents.Add(Read(element, documents.Count));
        return documents;
    }

    private static Document Read(JsonElement element, int index)
    {
        try
        {
            return JsonlDocumentReader.FromJson(element, Source, index);
        }
        catch (InvalidOperationException e)
        {
            // A string that JSON can escape but .NET cannot hold, e.g. a lone surrogate "\ud800": the client's text, not our bug.
            throw new ScoreRequestException($"{Source}:{index}: {e.Message}");
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
