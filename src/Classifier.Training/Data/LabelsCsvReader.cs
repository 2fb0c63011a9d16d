using System.Globalization;
using Classifier.Core;
using CsvHelper;
using CsvHelper.Configuration;

namespace Classifier.Training.Data;

/// <summary>
/// Reads a labels CSV: header <c>doc_id,para,text,label</c> with an optional <c>weight</c> column; one row a
/// paragraph; labels as "clean" or category names joined by ';'. The split comes from a hash of doc_id. A row of weight 0
/// stays in its document as context but is neither trained on nor measured.
/// </summary>
internal static class LabelsCsvReader
{
    private static readonly string[] RequiredColumns = ["doc_id", "para", "text", "label"];

    public static List<LabelledDocument> Read(string path, string? source = null)
    {
        source ??= "labels:" + Path.GetFileNameWithoutExtension(path);
        // The parser counts lines to where a record ends; a quoted field may span lines, so a record
        // starts on the line after the previous one ended. Errors name that line.
        long recordStart = 1;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            BadDataFound = args => throw new DataFormatException(path, recordStart, $"malformed CSV field: {Shorten(args.RawRecord)}"),
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var docs = new Dictionary<string, List<(int Para, LabelledParagraph Paragraph)>>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
                throw new DataFormatException(path, 1, "empty file: expected a header doc_id,para,text,label");
            recordStart = csv.Parser.RawRow + 1;
            var header = csv.HeaderRecord!;
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToArray();
            if (missing.Length > 0)
                throw new DataFormatException(path, 1, $"missing column(s) {string.Join(", ", missing)}; header must be doc_id,para,text,label[,weight]");
            bool hasWeight = header.Contains("weight");

            while (csv.Read())
            {
                long line = recordStart;
                string docId = Required(csv, "doc_id", path, line);
                if (!int.TryParse(csv.GetField("para"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int para) || para < 0)
                    throw new DataFormatException(path, line, $"para must be a non-negative integer, got '{csv.GetField("para")}'");
                string text = csv.GetField("text") ?? "";
                if (!LabelParser.TryParse(csv.GetField("label"), out var labels, out var error))
                    throw new DataFormatException(path, line, error!);
                float weight = 1f;
                if (hasWeight && !string.IsNullOrWhiteSpace(csv.GetField("weight"))
                    && (!float.TryParse(csv.GetField("weight"), NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || weight < 0))
                    throw new DataFormatException(path, line, $"weight must be a non-negative number, got '{csv.GetField("weight")}'");
                if (!docs.TryGetValue(docId, out var rows))
                    docs[docId] = rows = [];
                // Weight 0 (e.g. a review export's undecided paragraph) is context for its neighbours, not a label: neither trained nor measured.
                rows.Add((para, new LabelledParagraph(text, labels, IsLabelled: weight > 0, weight)));
                recordStart = csv.Parser.RawRow + 1; // after the fields: CsvHelper parses them lazily
            }
        }
        catch (CsvHelperException e)
        {
            throw new DataFormatException(path, recordStart, e.Message.Split('\n')[0]);
        }
        return docs.Select(kv => new LabelledDocument(source, kv.Key, CorpusReader.TopicOf(kv.Key), Splits.ForDocument(kv.Key),
            [.. kv.Value.OrderBy(r => r.Para).Select(r => r.Paragraph)])).ToList();
    }

    private static string Required(CsvReader csv, string column, string path, long line)
    {
        string? value = csv.GetField(column);
        return string.IsNullOrWhiteSpace(value) ? throw new DataFormatException(path, line, $"empty {column}") : value;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..60].Trim() + "...";
}
