using Classifier.Core.Text;

namespace Classifier.Cli.Input;

/// <summary>Opens the inputs the CLI accepts: .jsonl, .txt and .csv files, or JSONL on standard input ("-").</summary>
public static class DocumentInputs
{
    public const string StandardInput = "-";

    /// <summary>Standard input as text. A reader of our own rather than Console.In: it drops a UTF-8
    /// byte-order mark as file input does.</summary>
    public static StreamReader OpenStandardInput() =>
        new(Console.OpenStandardInput(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <param name="onError">Null: the first bad record throws. Otherwise bad records are reported to it and
    /// reading goes on: with the next line of a JSONL input, or the next file after a broken CSV or a missing file.</param>
    public static IEnumerable<InputDocument> Read(IReadOnlyList<string> paths, TextReader standardInput, Action<InputFormatException>? onError = null)
    {
        if (paths.Count == 0)
            paths = [StandardInput];
        foreach (var path in paths)
        {
            using var documents = Open(path, standardInput, onError).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!documents.MoveNext())
                        break;
                }
                catch (InputFormatException e) when (onError is not null)
                {
                    onError(e);
                    break;
                }
                yield return documents.Current;
            }
        }
    }

    private static IEnumerable<InputDocument> Open(string path, TextReader standardInput, Action<InputFormatException>? onError)
    {
        if (path == StandardInput)
        {
            foreach (var document in JsonlDocumentReader.Read(standardInput, "<stdin>", onError))
                yield return document;
            yield break;
        }
        if (!File.Exists(path))
            throw new InputFormatException(path, 0, "no such file");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".txt")
        {
            yield return new InputDocument(Document.FromText(Path.GetFileName(path), File.ReadAllText(path)), path, 1);
            yield break;
        }
        using var reader = new StreamReader(path);
        var documents = extension switch
        {
            ".jsonl" or ".json" => JsonlDocumentReader.Read(reader, path, onError),
            ".csv" => CsvDocumentReader.Read(reader, path),
            _ => throw new InputFormatException(path, 0, $"unknown input type '{extension}': expected .jsonl, .txt or .csv"),
        };
        foreach (var document in documents)
            yield return document;
    }
}
