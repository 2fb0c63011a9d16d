using System.Text.Json;
using Classifier.Core;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Data;

/// <summary>Reads the real shared corpora, where present, and checks them against their own counts.json.</summary>
public sealed class SharedCorporaTests
{
    [Theory]
    [InlineData("sms-spam")]
    [InlineData("xai-disinfodemics")]
    public void Paragraph_counts_by_label_and_split_match_counts_json(string corpus)
    {
        string dir = RepoPaths.SharedCorpora;
        if (!Directory.Exists(dir))
            Assert.Skip($"shared corpora not found at {dir}: skipping the real-corpus check");

        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "counts.json"))).RootElement.GetProperty(corpus)
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

        var documents = CorpusReader.Read(Path.Combine(dir, corpus + ".jsonl"));
        var actual = documents
            .SelectMany(d => d.Paragraphs.Select(p => (Label: !p.IsLabelled ? "None" : p.Labels == CategorySet.None ? "clean" : LabelName(p.Labels), d.Split)))
            .GroupBy(x => $"{x.Label}/{x.Split.ToString().ToLowerInvariant()}")
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.All(documents, d => Assert.Equal(corpus, d.Source));
    }

    [Fact]
    public void Opt_in_corpora_are_read_only_when_asked_for()
    {
        string dir = RepoPaths.SharedCorpora;
        if (!Directory.Exists(dir))
            Assert.Skip($"shared corpora not found at {dir}: skipping the real-corpus check");
        var optIn = CorpusSource.All.Where(s => s.OptIn).Select(s => s.Name).ToArray();
        Assert.Contains("dragnet", optIn);
        var defaults = CorpusSource.All.Where(s => !s.OptIn).Select(s => s.Name).ToArray();
        Assert.DoesNotContain(CorpusSource.ReadAll(dir, []).Select(r => r.Source.Name), optIn.Contains);
        Assert.Contains(CorpusSource.ReadAll(dir, ["datacamp-comment-spam"]).Select(r => r.Source.Name), n => n == "datacamp-comment-spam");
        Assert.Throws<ArgumentException>(() => CorpusSource.ReadAll(dir, ["bbc-news"]).ToList());
        Assert.NotEmpty(defaults);
    }

    private static string LabelName(CategorySet labels) =>
        string.Join(";", Categories.All.ToArray().Where(c => labels.Contains(c)).Select(Categories.Name));
}
