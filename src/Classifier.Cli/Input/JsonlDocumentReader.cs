using System.Text.Json;
using Classifier.Core.Text;

namespace Classifier.Cli.Input;

/// <summary>
/// Reads JSON Lines documents, one a line: <c>{"id": "...", "paragraphs": ["...", ...]}</c> or
/// <c>{"id": "...", "text": "..."}</c> (segmented into paragraphs). Blank lines are skipped; anything
/// else that is not such an object is an error naming the file and line.
/// </summary>
public static class JsonlDocumentReader
{
    /// <param name="onError">Null: a bad line throws. Otherwise the bad line is reported to it and reading goes on.</param>
    public static IEnumerable<InputDocument> Read(TextReader reader, string file, Action<InputFormatException>? onError = null)
    {
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            Document document;
            try
            {
                document = Parse(line, file, lineNumber);
            }
            catch (InputFormatException e) when (onError is not null)
            {
                onError(e);
                continue;
            }
            yield return new InputDocument(document, file, lineNumber);
        }
    }

    public static Document Parse(string line, string file, long lineNumber)
    {
        try
        {
            using var json = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            return FromJson(json.RootElement, file, lineNumber);
        }
        catch (JsonException e)
        {
            throw new InputFormatException(file, lineNumber, $"malformed JSON: {e.Message}");
        }
    }

    /// <summary>Reads one document object; shared with the service, which takes the same shape.</summary>
    public static Document FromJson(JsonElement root, string file, long lineNumber)
    {
        try
        {
            return ReadDocument(root, file, lineNumber);
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses escapes that decode to invalid UTF-16, such as half a surrogate pair ("\ud800").
            throw new InputFormatException(file, lineNumber, $"invalid string: {e.Message}");
        }
    }

    private static Document ReadDocument(JsonElement root, string file, long lineNumber)
    {
        InputFormatException Error(string message) => new(file, lineNumber, message);
        if (root.ValueKind != JsonValueKind.Object)
            throw Error($"expected a JSON object with \"id\" and \"paragraphs\" or \"text\", got {root.ValueKind.ToString().ToLowerInvariant()}");
        if (!root.TryGetProperty("id", out var idElement))
            throw Error("missing \"id\"");
        string id = idElement.ValueKind switch
        {
            JsonValueKind.String => idElement.GetString()!,
            JsonValueKind.Number => idElement.GetRawText(),
            _ => throw Error($"\"id\" must be a string or number, got {idElement.ValueKind.ToString().ToLowerInvariant()}"),
        };
        if (root.TryGetProperty("paragraphs", out var paragraphs))
        {
            if (paragraphs.ValueKind != JsonValueKind.Array)
                throw Error("\"paragraphs\" must be an array of strings");
            var list = new List<string>(paragraphs.GetArrayLength());
            foreach (var p in paragraphs.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.String)
                    throw Error($"\"paragraphs\"[{list.Count}] must be a string, got {p.ValueKind.ToString().ToLowerInvariant()}");
                list.Add(p.GetString()!);
            }
            return new Document(id, list);
        }
        if (root.TryGetProperty("text", out var text))
        {
            if (text.ValueKind != JsonValueKind.String)
                throw Error("\"text\" must be a string");
            return Document.FromText(id, text.GetString()!);
        }
        throw Error("a document needs \"paragraphs\" (array of strings) or \"text\" (string)");
    }
}
