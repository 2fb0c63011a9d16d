using Classifier.Core;
using Classifier.Training.Data;

namespace Classifier.Training.Tests;

/// <summary>A temporary directory deleted on dispose, for tests that write data files.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "classifier-training-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Write(string name, string contents)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, contents);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class RepoPaths
{
    /// <summary>The folder holding Classifier.sln, found by walking up from the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Classifier.sln")))
                    return dir.FullName;
            throw new InvalidOperationException($"Classifier.sln not found above {AppContext.BaseDirectory}");
        }
    }

    public static string Articles => System.IO.Path.Combine(Root, "data", "articles");

    public static string SharedCorpora => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "corpora"));
}

internal static class Docs
{
    /// <summary>Makes a paragraph long enough (over 60 characters) for the splicers to take it as prose to start a run at.</summary>
    public const string Long = " — a paragraph of ordinary prose that is comfortably longer than sixty characters.";

    public static LabelledParagraph P(string text, CategorySet labels = CategorySet.None) => new(text, labels);

    public static LabelledDocument Doc(string id, params LabelledParagraph[] paragraphs) =>
        new("test", id, CorpusReader.TopicOf(id), Split.Train, paragraphs);
}
