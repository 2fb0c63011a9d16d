using System.Text.Json;
using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>
/// Reads the shared corpora's JSONL schema (one paragraph a line: source, doc, para, text, label, orig,
/// split) into documents. A null label keeps the paragraph for context but leaves it unlabelled.
/// </summary>
internal static class CorpusReader
{
    private sealed record Row(string? Source, string? Doc, int? Para, string? Text, string? Label, string? Orig, string? Split);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads one corpus file. <paramref name="relabel"/> may map a row's (label, orig) to labels,
    /// returning null to leave the paragraph unlabelled; <paramref name="judges"/> are the categories the labels speak to.</summary>
    public static List<LabelledDocument> Read(string path, Func<string?, string?, CategorySet?>? relabel = null, CategorySet judges = CorpusSource.Everything)
    {
        var byDoc = new Dictionary<string, (string Source, string Split, List<(int Para, LabelledParagraph Paragraph)> Rows)>();
        long lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            Row row;
            try { row = JsonSerializer.Deserialize<Row>(line, Options)!; }
            catch (JsonException e) { throw new DataFormatException(path, lineNumber, $"malformed JSON: {e.Message}"); }
            if (row?.Doc is null || row.Text is null || row.Para is null)
                throw new DataFormatException(path, lineNumber, "a row needs \"doc\", \"para\" and \"text\"");

            CategorySet? labels = relabel is not null ? relabel(row.Label, row.Orig) : MapLabel(row.Label, path, lineNumber);
            var paragraph = new LabelledParagraph(row.Text, labels ?? CategorySet.None, labels.HasValue) { Unjudged = CorpusSource.Everything & ~judges };
            if (!byDoc.TryGetValue(row.Doc, out var doc))
                byDoc[row.Doc] = doc = (row.Source ?? Path.GetFileNameWithoutExtension(path), row.Split ?? "", []);
            doc.Rows.Add((row.Para.Value, paragraph));
        }
        return byDoc.Select(kv => new LabelledDocument(kv.Value.Source, kv.Key, TopicOf(kv.Key), Splits.Parse(kv.Value.Split, kv.Key),
                [.. kv.Value.Rows.OrderBy(r => r.Para).Select(r => r.Paragraph)]))
            .ToList();
    }

    private static CategorySet? MapLabel(string? label, string path, long line)
    {
        if (label is null)
            return null;
        if (!LabelParser.TryParse(label, out var labels, out var error))
            throw new DataFormatException(path, line, error!);
        return labels;
    }

    /// <summary>The topic a document id encodes ("business/001" is about business); otherwise the id itself.</summary>
    public static string TopicOf(string docId)
    {
        int slash = docId.IndexOf('/');
        return slash > 0 ? docId[..slash] : docId;
    }
}
