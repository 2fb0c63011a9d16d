using System.Text.Encodings.Web;
using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Cli.Service;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Core;

namespace Classifier.Cli.Commands;

/// <summary>
/// Writes filter output as JSONL documents that <c>score</c> and <c>filter</c> read back:
/// <c>{"id", "paragraphs": [...kept...]}</c> (drop) or <c>{"id", "paragraphs": [...all...], "flags": [[...], [], ...]}</c> (mark).
/// A document whose paragraphs are all dropped is still written, so documents in = documents out.
/// </summary>
public sealed class FilteredDocumentWriter(Stream output, FilterMode mode) : IDisposable
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Paragraphs = JsonEncodedText.Encode("paragraphs");
    private static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");

    // Relaxed escaping keeps non-ASCII text as it came in rather than \u-escaping every character.
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public void Write(Document document, ReadOnlySpan<ParagraphScore> scores)
    {
        _writer.WriteStartObject();
        _writer.WriteString(Id, document.Id);
        _writer.WriteStartArray(Paragraphs);
        for (int i = 0; i < scores.Length; i++)
            if (mode == FilterMode.Mark || scores[i].Flags == CategorySet.None)
                _writer.WriteStringValue(document.Paragraphs[i]);
        _writer.WriteEndArray();
        if (mode == FilterMode.Mark)
        {
            _writer.WriteStartArray(Flags);
            foreach (var score in scores)
                ScoreJson.WriteFlagList(_writer, score.Flags);
            _writer.WriteEndArray();
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset(); // each line is its own JSON value
        output.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Flush();
        output.Flush();
        _writer.Dispose();
    }
}
