using System.Globalization;
using Classifier.Core.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Classifier.Cli.Input;

/// <summary>
/// Reads CSV with header <c>doc_id,text</c>: one row a paragraph; consecutive rows of one doc_id form
/// its document (a doc_id that comes back later starts a new document with the same id).
/// </summary>
public static class CsvDocumentReader
{
    public static IEnumerable<InputDocument> Read(TextReader reader, string file)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            BadDataFound = args => throw new InputFormatException(file, args.Context.Parser!.RawRow, "malformed CSV field (unbalanced quotes?)"),
        };
        using var csv = new CsvReader(reader, config);
        if (!Read(csv, file) || !csv.ReadHeader())
            yield break;
        var header = csv.HeaderRecord!;
        if (!header.Contains("doc_id") || !header.Contains("text"))
            throw new InputFormatException(file, 1, $"header must contain doc_id and text, found: {string.Join(",", header)}");

        string? currentId = null;
        long firstLine = 0;
        var paragraphs = new List<string>();
        while (true)
        {
            // A bad row ends the file; the document read so far is still handed on before the error, so its
            // paragraphs are scored rather than lost.
            (string Id, string Text, long Line)? row;
            InputFormatException? error = null;
            try { row = NextRow(csv, file); }
            catch (InputFormatException e) { row = null; error = e; }
            if (row is null || row.Value.Id != currentId)
            {
                if (currentId is not null)
                    yield return new InputDocument(new Document(currentId, paragraphs), file, firstLine);
                if (error is not null)
                    throw error;
                if (row is null)
                    yield break;
                (currentId, firstLine, paragraphs) = (row.Value.Id, row.Value.Line, []);
            }
            paragraphs.Add(row.Value.Text);
        }
    }

    private static (string Id, string Text, long Line)? NextRow(CsvReader csv, string file)
    {
        if (!Read(csv, file))
            return null;
        long line = csv.Parser.RawRow;
        string id = csv.GetField("doc_id") ?? "";
        if (id.Length == 0)
            throw new InputFormatException(file, line, "empty doc_id");
        return (id, csv.GetField("text") ?? "", line);
    }

    private static bool Read(CsvReader csv, string file)
    {
        try { return csv.Read(); }
        catch (BadDataException)
        {
            // Raised by DetectColumnCountChanges: this row's field count differs from the header's.
            throw new InputFormatException(file, csv.Parser.RawRow, $"expected {csv.HeaderRecord?.Length} fields as in the header, found {csv.Parser.Count}");
        }
        catch (CsvHelperException e)
        {
            throw new InputFormatException(file, csv.Parser.RawRow, e.Message.Split('\n')[0]);
        }
    }
}
