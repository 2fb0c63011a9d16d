using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Output;

/// <summary>
/// Writes the score contract, one JSON line per paragraph:
/// <c>{"doc": "...", "para": 0, "scores": {"spam": 0.01, ...}, "flags": ["filler"]}</c>.
/// </summary>
public sealed class ScoreWriter(Stream output) : IDisposable
{
    private static readonly JsonEncodedText Doc = JsonEncodedText.Encode("doc");
    private static readonly JsonEncodedText Para = JsonEncodedText.Encode("para");
    private static readonly JsonEncodedText Scores = JsonEncodedText.Encode("scores");
    private static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText[] Names = [.. Enum.GetValues<Category>().Select(c => JsonEncodedText.Encode(Categories.Name(c)))];

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });

    public void Write(string documentId, ReadOnlySpan<ParagraphScore> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            _writer.WriteStartObject();
            _writer.WriteString(Doc, documentId);
            _writer.WriteNumber(Para, i);
            _writer.WriteStartObject(Scores);
            foreach (var category in Categories.All)
                _writer.WriteNumber(Names[(int)category], Math.Round(scores[i][category], 4));
            _writer.WriteEndObject();
            _writer.WriteStartArray(Flags);
            foreach (var category in Categories.All)
                if (scores[i].IsFlagged(category))
                    _writer.WriteStringValue(Names[(int)category]);
            _writer.WriteEndArray();
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset(); // each line is a separate JSON value, not an element of one stream-wide list
            output.WriteByte((byte)'\n');
        }
    }

    public void Dispose()
    {
        _writer.Flush();
        output.Flush();
        _writer.Dispose();
    }
}
