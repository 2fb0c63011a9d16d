using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Output;

/// <summary>
/// One paragraph's scores on the wire, as <c>score</c> prints them (probabilities rounded to 4 places):
/// <c>"scores": {"spam": 0.01, ...}</c>, <c>"flags": ["filler"]</c> and, for flagged categories,
/// <c>"explanation": {"filler": [{"feature": "...", "weight": 0.3}, ...]}</c>. Shared by the service and the filter log.
/// </summary>
public static class ScoreJson
{
    private static readonly JsonEncodedText Scores = JsonEncodedText.Encode("scores");
    private static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("feature");
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    private static readonly JsonEncodedText[] Names = [.. Enum.GetValues<Category>().Select(c => JsonEncodedText.Encode(Categories.Name(c)))];

    public static void WriteScores(Utf8JsonWriter writer, ParagraphScore score)
    {
        writer.WriteStartObject(Scores);
        foreach (var category in Categories.All)
            writer.WriteNumber(Names[(int)category], Math.Round(score[category], 4));
        writer.WriteEndObject();
    }

    public static void WriteFlags(Utf8JsonWriter writer, CategorySet flags)
    {
        writer.WritePropertyName(Flags);
        WriteFlagList(writer, flags);
    }

    /// <summary>The flags as a bare array value, e.g. an element of the filter's parallel "flags" array.</summary>
    public static void WriteFlagList(Utf8JsonWriter writer, CategorySet flags)
    {
        writer.WriteStartArray();
        foreach (var category in Categories.All)
            if (flags.Contains(category))
                writer.WriteStringValue(Names[(int)category]);
        writer.WriteEndArray();
    }

    /// <summary>Writes "explanation" when the paragraph has a flag; nothing otherwise.</summary>
    public static void WriteExplanation(Utf8JsonWriter writer, ParagraphScore score, Func<Category, IReadOnlyList<Contribution>> explain)
    {
        if (score.Flags == CategorySet.None)
            return;
        writer.WriteStartObject(Explanation);
        foreach (var category in Categories.All)
        {
            if (!score.IsFlagged(category))
                continue;
            writer.WriteStartArray(Names[(int)category]);
            foreach (var contribution in explain(category))
            {
                writer.WriteStartObject();
                writer.WriteString(Feature, contribution.Feature);
                writer.WriteNumber(Weight, Math.Round(contribution.Value, 4));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
