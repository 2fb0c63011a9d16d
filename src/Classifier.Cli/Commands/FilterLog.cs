using System.Text.Encodings.Web;
using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Cli.Service;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Core;

namespace Classifier.Cli.Commands;

/// <summary>
/// The audit trail of <c>filter --log</c>: one JSON line per removed (or, in mark mode, flagged) paragraph,
/// <c>{"doc", "para", "flags", "scores", "text"}</c>, so nothing leaves a pipeline without a record.
/// <c>para</c> is the paragraph's index in the input document; <c>text</c> its first 200 characters.
/// </summary>
public sealed class FilterLog(Stream output) : IDisposable
{
    public const int TextLength = 200;

    private static readonly JsonEncodedText Doc = JsonEncodedText.Encode("doc");
    private static readonly JsonEncodedText Para = JsonEncodedText.Encode("para");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public void Write(Document document, ReadOnlySpan<ParagraphScore> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i].Flags == CategorySet.None)
                continue;
            _writer.WriteStartObject();
            _writer.WriteString(Doc, document.Id);
            _writer.WriteNumber(Para, i);
            ScoreJson.WriteFlags(_writer, scores[i].Flags);
            ScoreJson.WriteScores(_writer, scores[i]);
            _writer.WriteString(Text, Excerpt(document.Paragraphs[i]));
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>The first <see cref="TextLength"/> characters, never cutting a surrogate pair in half.</summary>
    public static string Excerpt(string text)
    {
        if (text.Length <= TextLength)
            return text;
        int length = char.IsHighSurrogate(text[TextLength - 1]) ? TextLength - 1 : TextLength;
        return text[..length];
    }

    public void Dispose()
    {
        _writer.Flush();
        output.Flush();
        _writer.Dispose();
        output.Dispose();
    }
}
