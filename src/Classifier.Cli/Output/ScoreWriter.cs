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
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("feature");
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    private static readonly JsonEncodedText[] Names = [.. Enum.GetValues<Category>().Select(c => JsonEncodedText.Encode(Categories.Name(c)))];

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });

    /// <param name="explain">If given, flagged categories get an "explanation": the contributions that pushed them up.</param>
    public void Write(string documentId, ReadOnlySpan<ParagraphScore> scores, Func<int, Category, IReadOnlyList<Contribution>>? explain = null)
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
            if (explain is not null && scores[i].Flags != CategorySet.None)
                WriteExplanation(i, scores[i], explain);
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset(); // each line is a separate JSON value, not an element of one stream-wide list
            output.WriteByte((byte)'\n');
        }
    }

    private void WriteExplanation(int paragraph, ParagraphScore score, Func<int, Category, IReadOnlyList<Contribution>> explain)
    {
        _writer.WriteStartObject(Explanation);
        foreach (var category in Categories.All)
        {
            if (!score.IsFlagged(category))
                continue;
            _writer.WriteStartArray(Names[(int)category]);
            foreach (var contribution in explain(paragraph, category))
            {
                _writer.WriteStartObject();
                _writer.WriteString(Feature, contribution.Feature);
                _writer.WriteNumber(Weight, Math.Round(contribution.Value, 4));
                _writer.WriteEndObject();
            }
            _writer.WriteEndArray();
        }
        _writer.WriteEndObject();
    }

    public void Dispose()
    {
        _writer.Flush();
        output.Flush();
        _writer.Dispose();
    }
}
