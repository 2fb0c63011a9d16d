using Classifier.Core;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Data;

public sealed class CorpusReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Row(string doc, int para, string text, string? label, string split, string source = "bbc-news", string orig = "x") =>
        System.Text.Json.JsonSerializer.Serialize(new { source, doc, para, text, label, orig, split });

    [Fact]
    public void Reads_schema_into_documents_ordered_by_para()
    {
        string path = _dir.Write("corpus.jsonl", string.Join("\n",
            Row("business/001", 1, "Second", "spam;filler", "dev"),
            Row("business/001", 0, "Title", "clean", "dev"),
            "",
            Row("business/001", 2, "Comment", null, "dev"),
            Row("tech/002", 0, "Other", "conspiracy", "test")) + "\n");

        var docs = CorpusReader.Read(path).OrderBy(d => d.Id).ToList();

        Assert.Equal(2, docs.Count);
        var a = docs[0];
        Assert.Equal("bbc-news", a.Source);
        Assert.Equal("business", a.Topic);
        Assert.Equal(Split.Dev, a.Split);
        Assert.Equal(["Title", "Second", "Comment"], a.Texts);
        Assert.Equal([CategorySet.None, CategorySet.Spam | CategorySet.Filler, CategorySet.None], a.Paragraphs.Select(p => p.Labels));
        Assert.Equal([true, true, false], a.Paragraphs.Select(p => p.IsLabelled));
        Assert.Equal(Split.Test, docs[1].Split);
        Assert.Equal("tech", docs[1].Topic);
        Assert.Equal(CategorySet.Conspiracy, docs[1].Paragraphs[0].Labels);
    }

    [Fact]
    public void Train_split_and_missing_split_falling_back_to_hash()
    {
        string path = _dir.Write("splits.jsonl",
            Row("a/1", 0, "x", "clean", "train") + "\n" + Row("b/2", 0, "y", "clean", "") + "\n");
        var docs = CorpusReader.Read(path).ToDictionary(d => d.Id);
        Assert.Equal(Split.Train, docs["a/1"].Split);
        Assert.Equal(Splits.ForDocument("b/2"), docs["b/2"].Split);
    }

    [Fact]
    public void Relabel_overrides_label_and_null_leaves_unlabelled()
    {
        string path = _dir.Write("relabel.jsonl",
            Row("d/1", 0, "x", null, "train", orig: "keep") + "\n" + Row("d/1", 1, "y", "spam", "train", orig: "drop") + "\n");
        var doc = Assert.Single(CorpusReader.Read(path, (_, orig) => orig == "keep" ? CategorySet.Filler : null));
        Assert.Equal((CategorySet.Filler, true), (doc.Paragraphs[0].Labels, doc.Paragraphs[0].IsLabelled));
        Assert.Equal((CategorySet.None, false), (doc.Paragraphs[1].Labels, doc.Paragraphs[1].IsLabelled));
    }

    [Fact]
    public void A_source_labelled_for_some_categories_leaves_its_paragraphs_unjudged_for_the_rest()
    {
        string path = _dir.Write("persuasion.jsonl", string.Join("\n",
            Row("a/1", 0, "Copyright 2019 The Associated Press.", "clean", "train", "semeval23-persuasion"),
            Row("a/1", 1, "Officials said the vote was fair.", "conspiracy", "train", "semeval23-persuasion")) + "\n");

        var paragraphs = CorpusReader.Read(path, judges: CategorySet.OffTopic | CategorySet.Conspiracy).Single().Paragraphs;

        Assert.All(paragraphs, p => Assert.Equal(CategorySet.Spam | CategorySet.Filler, p.Unjudged));
        Assert.False(paragraphs[0].Judges(Category.Filler));
        Assert.True(paragraphs[0].Judges(Category.Conspiracy));
        Assert.True(paragraphs[1].Judges(Category.OffTopic));
        // By default a source judges every category; an unlabelled paragraph judges none.
        Assert.All(CorpusReader.Read(path).Single().Paragraphs, p => Assert.Equal(CategorySet.None, p.Unjudged));
        Assert.False(new LabelledParagraph("x", CategorySet.None, IsLabelled: false).Judges(Category.Spam));
    }

    [Fact]
    public void The_catalogue_judges_persuasion_and_telegram_sets_for_conspiracy_and_off_topic_only()
    {
        foreach (string name in new[] { "semeval23-persuasion", "xai-disinfodemics" })
            Assert.Equal(CategorySet.OffTopic | CategorySet.Conspiracy, CorpusSource.All.Single(s => s.Name == name).Judges);
        Assert.Equal(CorpusSource.Everything, CorpusSource.All.Single(s => s.Name == "l3s-gn1").Judges);
    }

    [Fact]
    public void Malformed_json_names_file_and_line()
    {
        string path = _dir.Write("bad.jsonl",
            Row("d/1", 0, "x", "clean", "train") + "\n\n" + "{\"doc\": \"d/1\", \"para\": 1, \"text\": \"unterminated\n" + Row("d/1", 2, "z", "clean", "train") + "\n");
        var e = Assert.Throws<DataFormatException>(() => CorpusReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{path}:3:", e.Message);
    }

    [Fact]
    public void Unknown_label_and_missing_fields_name_the_line()
    {
        string badLabel = _dir.Write("label.jsonl", Row("d/1", 0, "x", "clean", "train") + "\n" + Row("d/1", 1, "y", "junk", "train") + "\n");
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => CorpusReader.Read(badLabel)).Line);

        string noPara = _dir.Write("nopara.jsonl", "{\"doc\": \"d/1\", \"text\": \"x\", \"label\": \"clean\"}\n");
        var e = Assert.Throws<DataFormatException>(() => CorpusReader.Read(noPara));
        Assert.Equal(1, e.Line);
        Assert.Contains("para", e.Message);
    }

    [Theory]
    [InlineData("business/001", "business")]
    [InlineData("plain-id", "plain-id")]
    [InlineData("/leading", "/leading")]
    public void TopicOf_is_the_prefix_before_the_first_slash(string id, string topic) =>
        Assert.Equal(topic, CorpusReader.TopicOf(id));
}
