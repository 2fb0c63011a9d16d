using System.Buffers;
using System.Buffers.Text;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Output;

/// <summary>
/// Writes the score contract, one JSON line per paragraph:
/// <c>{"doc": "...", "para": 0, "scores": {"spam": 0.01, ...}, "flags": ["filler"]}</c>, into a buffer, so that
/// each scoring thread can format its own batch.
/// </summary>
/// <remarks>
/// Without explanations a line is copied together from fixed pieces: the document's <c>{"doc":"…","para":</c>,
/// escaped once per document by <see cref="Utf8JsonWriter"/> itself, the paragraph number, the four probabilities
/// and one of the 16 prebuilt flag lists. A <see cref="Utf8JsonWriter"/> object per line (validation state, a flush
/// and a reset) cost more than the scores' own formatting on short blocks; the bytes are the same
/// (<c>ScoreWriterTests</c>).
/// </remarks>
public sealed class ScoreWriter(IBufferWriter<byte> output) : IDisposable
{
    private static readonly JsonEncodedText Doc = JsonEncodedText.Encode("doc");
    private static readonly JsonEncodedText Para = JsonEncodedText.Encode("para");

    /// <summary>What precedes each probability: <c>,"scores":{"spam":</c>, then <c>,"off_topic":</c> and so on.</summary>
    private static readonly byte[][] ScorePrefixes =
        [.. Enum.GetValues<Category>().Select(c => Encoding.UTF8.GetBytes((c == 0 ? ",\"scores\":{" : ",") + $"\"{Categories.Name(c)}\":"))];

    /// <summary><c>},"flags":[…]}</c> and the newline, for each of the 16 flag sets.</summary>
    private static readonly byte[][] Tails = [.. Enumerable.Range(0, 1 << Categories.Count).Select(set => Encoding.UTF8.GetBytes(
        "},\"flags\":[" + string.Join(',', Enum.GetValues<Category>().Where(c => ((CategorySet)set).Contains(c)).Select(c => $"\"{Categories.Name(c)}\"")) + "]}\n"))];

    /// <summary>Room for a line after its document prefix: a paragraph number, four probabilities and the longest tail.</summary>
    private static readonly int MaxLineAfterPrefix = 11 + ScorePrefixes.Sum(p => p.Length + 6) + Tails.Max(t => t.Length);

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });
    private readonly ArrayBufferWriter<byte> _prefix = new(256);
    private Utf8JsonWriter? _prefixWriter;

    /// <param name="explain">If given, flagged categories get an "explanation" (the contributions that pushed them up) and
    /// "reasons" (the same in plain words, with their shares).</param>
    public void Write(string documentId, ReadOnlySpan<ParagraphScore> scores, Func<int, Category, (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons)>? explain = null)
    {
        if (explain is not null)
        {
            WriteExplained(documentId, scores, explain);
            return;
        }
        var prefix = DocumentPrefix(documentId);
        Span<byte> number = stackalloc byte[6];
        for (int i = 0; i < scores.Length; i++)
        {
            var line = output.GetSpan(prefix.Length + MaxLineAfterPrefix);
            prefix.CopyTo(line);
            int length = prefix.Length;
            Utf8Formatter.TryFormat(i, line[length..], out int written);
            length += written;
            var score = scores[i];
            for (int c = 0; c < Categories.Count; c++)
            {
                ScorePrefixes[c].CopyTo(line[length..]);
                length += ScorePrefixes[c].Length;
                var value = ScoreJson.FourPlaces(score.Probabilities.GetElement(c), number);
                value.CopyTo(line[length..]);
                length += value.Length;
            }
            var tail = Tails[(int)score.Flags];
            tail.CopyTo(line[length..]);
            output.Advance(length + tail.Length);
        }
    }

    /// <summary><c>{"doc":"…","para":</c> for one document, its id escaped as <see cref="Utf8JsonWriter"/> escapes it.</summary>
    private ReadOnlySpan<byte> DocumentPrefix(string documentId)
    {
        _prefix.ResetWrittenCount();
        if (_prefixWriter is null)
            _prefixWriter = new Utf8JsonWriter(_prefix, new JsonWriterOptions { SkipValidation = true });
        else
            _prefixWriter.Reset(_prefix);
        _prefixWriter.WriteStartObject();
        _prefixWriter.WriteString(Doc, documentId);
        _prefixWriter.WritePropertyName(Para);   // writes ,"para": (the value follows per line)
        _prefixWriter.Flush();
        return _prefix.WrittenSpan;
    }

    private void WriteExplained(string documentId, ReadOnlySpan<ParagraphScore> scores,
        Func<int, Category, (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons)> explain)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            _writer.WriteStartObject();
            _writer.WriteString(Doc, documentId);
            _writer.WriteNumber(Para, i);
            ScoreJson.WriteScores(_writer, scores[i]);
            ScoreJson.WriteFlags(_writer, scores[i].Flags);
            int paragraph = i;
            ScoreJson.WriteExplanation(_writer, scores[i], category => explain(paragraph, category));
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset(); // each line is a separate JSON value, not an element of one stream-wide list
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _prefixWriter?.Dispose();
    }
}
