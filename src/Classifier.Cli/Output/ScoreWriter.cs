using System.Buffers;
using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Output;

/// <summary>
/// Writes the score contract, one JSON line per paragraph:
/// <c>{"doc": "...", "para": 0, "scores": {"spam": 0.01, ...}, "flags": ["filler"]}</c>, into a buffer, so that
/// each scoring thread can format its own batch.
/// </summary>
public sealed class ScoreWriter(IBufferWriter<byte> output) : IDisposable
{
    private static readonly JsonEncodedText Doc = JsonEncodedText.Encode("doc");
    private static readonly JsonEncodedText Para = JsonEncodedText.Encode("para");

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });

    /// <param name="explain">If given, flagged categories get an "explanation" (the contributions that pushed them up) and
    /// "reasons" (the same in plain words, with their shares).</param>
    public void Write(string documentId, ReadOnlySpan<ParagraphScore> scores, Func<int, Category, (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons)>? explain = null)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            _writer.WriteStartObject();
            _writer.WriteString(Doc, documentId);
            _writer.WriteNumber(Para, i);
            ScoreJson.WriteScores(_writer, scores[i]);
            ScoreJson.WriteFlags(_writer, scores[i].Flags);
            if (explain is not null)
            {
                int paragraph = i;
                ScoreJson.WriteExplanation(_writer, scores[i], category => explain(paragraph, category));
            }
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset(); // each line is a separate JSON value, not an element of one stream-wide list
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }

    public void Dispose() => _writer.Dispose();
}
