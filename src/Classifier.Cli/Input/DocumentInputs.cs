using Classifier.Core.Text;

namespace Classifier.Cli.Input;

/// <summary>Opens the inputs the CLI accepts: .jsonl, .txt and .csv files, or JSONL on standard input ("-").</summary>
public static class DocumentInputs
{
    public const string StandardInput = "-";

    public static IEnumerable<InputDocument> Read(IReadOnlyList<string> paths, TextReader standardInput)
    {
        if (paths.Count == 0)
            paths = [StandardInput];
        foreach (var path in paths)
        {
            if (path == StandardInput)
            {
                foreach (var document in JsonlDocumentReader.Read(standardInput, "<stdin>"))
                    yield return document;
                continue;
            }
            if (!File.Exists(path))
                throw new InputFormatException(path, 0, "no such file");
            string extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension == ".txt")
            {
                yield return new InputDocument(Document.FromText(Path.GetFileName(path), File.ReadAllText(path)), path, 1);
                continue;
            }
            using var reader = new StreamReader(path);
            var documents = extension switch
            {
                ".jsonl" or ".json" => JsonlDocumentReader.Read(reader, path),
                ".csv" => CsvDocumentReader.Read(reader, path),
                _ => throw new InputFormatException(path, 0, $"unknown input type '{extension}': expected .jsonl, .txt or .csv"),
            };
            foreach (var document in documents)
                yield return document;
        }
    }
}
