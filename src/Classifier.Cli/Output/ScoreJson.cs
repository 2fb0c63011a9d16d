using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Output;

/// <summary>
/// One paragraph's scores on the wire, as <c>score</c> prints them (probabilities rounded to 4 places):
/// <c>"scores": {"spam": 0.01, ...}</c>, <c>"flags": ["filler"]</c> and, for flagged categories,
/// <c>"explanation": {"filler": [{"feature": "...", "weight": 0.3}, ...]}</c> with, in a moderator's words,
/// <c>"reasons": {"filler": [{"text": "starts like a template line: 'Tags:'", "share": 0.42}, ...]}</c> (a share of the
/// positive contributions). Shared by the service and the filter log.
/// </summary>
public static class ScoreJson
{
    private static readonly JsonEncodedText Scores = JsonEncodedText.Encode("scores");
    private static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("feature");
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    private static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Share = JsonEncodedText.Encode("share");
    private static readonly JsonEncodedText[] Names = [.. Enum.GetValues<Category>().Select(c => JsonEncodedText.Encode(Categories.Name(c)))];

    public static void WriteScores(Utf8JsonWriter writer, ParagraphScore score)
    {
        writer.WriteStartObject(Scores);
        Span<byte> number = stackalloc byte[6];
        foreach (var category in Categories.All)
        {
            writer.WritePropertyName(Names[(int)category]);
            writer.WriteRawValue(FourPlaces(score[category], number), skipInputValidation: true);
        }
        writer.WriteEndObject();
    }

    /// <summary>A probability rounded to 4 places as <c>Math.Round(p, 4)</c> rounds it and as the shortest
    /// round-trip form prints it ("0", "0.05", "0.9951", "1"), without formatting a double: four per
    /// paragraph made number formatting a visible part of <c>score</c>'s profile.</summary>
    internal static ReadOnlySpan<byte> FourPlaces(float probability, Span<byte> buffer)
    {
        // Math.Round(x, 4) is Math.Round(x * 10^4) / 10^4, rounding half to even.
        int steps = (int)Math.Round(probability * 10_000d);
        if (steps <= 0)
            return "0"u8;
        if (steps >= 10_000)
            return "1"u8;
        buffer[0] = (byte)'0';
        buffer[1] = (byte)'.';
        int length = 2;
        for (int divisor = 1000; steps > 0; divisor /= 10)
        {
            buffer[length++] = (byte)('0' + steps / divisor);
            steps %= divisor;
        }
        return buffer[..length];
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

    /// <summary>Writes "explanation" (the raw contributions) and "reasons" (the plain ones) when the paragraph has a flag;
    /// nothing otherwise.</summary>
    public static void WriteExplanation(Utf8JsonWriter writer, ParagraphScore score, Func<Category, (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons)> explain)
    {
        if (score.Flags == CategorySet.None)
            return;
        var explained = new List<(Category Category, (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons))>(Categories.Count);
        foreach (var category in Categories.All)
            if (score.IsFlagged(category))
                explained.Add((category, explain(category)));
        writer.WriteStartObject(Explanation);
        foreach (var (category, (contributions, _)) in explained)
        {
            writer.WriteStartArray(Names[(int)category]);
            foreach (var contribution in contributions)
            {
                writer.WriteStartObject();
                writer.WriteString(Feature, contribution.Feature);
                writer.WriteNumber(Weight, Math.Round(contribution.Value, 4));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteStartObject(Reasons);
        foreach (var (category, (_, reasons)) in explained)
        {
            writer.WriteStartArray(Names[(int)category]);
            foreach (var reason in reasons)
            {
                writer.WriteStartObject();
                writer.WriteString(Text, reason.Text);
                writer.WriteNumber(Share, Math.Round(reason.Share, 3));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
