namespace Classifier.Training.Data;

/// <summary>Turns the data paths a user gives (files, or folders of them) into the files to read.</summary>
internal static class DataPaths
{
    /// <summary>Files as given, and folders searched recursively for *.csv and *.jsonl in ordinal order; each file
    /// once. <paramref name="what"/> names the data in errors ("Training data", "Evaluation data").</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, string what)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
                found = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
            else if (File.Exists(path))
                found = [path];
            else
                throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
            bool any = false;
            foreach (var file in found)
            {
                any = true;
                if (seen.Add(Path.GetFullPath(file)))
                    files.Add(file);
            }
            if (!any)
                throw new FileNotFoundException($"{what} folder '{path}' holds no .csv or .jsonl files.", path);
        }
        return files;
    }
}
