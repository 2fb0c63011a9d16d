namespace Classifier.Cli.Tests;

/// <summary>The shipped default model on the shipped sample and on a realistic short article.</summary>
public sealed class DefaultModelTests
{
    [Fact]
    public void Shipped_sample_article_scores_with_at_least_one_flagged_paragraph()
    {
        string sample = Path.Combine(CliRunner.RepoRoot, "data", "samples", "article.txt");
        Assert.True(File.Exists(sample), $"missing {sample}");
        int paragraphs = File.ReadAllLines(sample).Count(l => l.Trim().Length > 0);

        var lines = ScoreLines.Score([sample]);

        ScoreLines.AssertDocuments(lines, ("article.txt", paragraphs));
        Assert.Contains(lines, l => l.Flags.Count > 0);
    }

    [Fact]
    public void Saving_the_shipped_model_again_keeps_its_content_and_then_reproduces_itself_byte_for_byte()
    {
        // The shipped file predates the snake_case header: re-saved, its header is the same JSON with the names in the
        // convention, and everything after the header (weights, trees, embedding table) is byte for byte the same. Saved
        // again, it reproduces itself: the header's serialiser may change (it is generated at build time), the format must not.
        string shipped = Path.Combine(CliRunner.RepoRoot, "models", "default.lqcm");
        string directory = Directory.CreateTempSubdirectory("lqcm-").FullName;
        string copy = Path.Combine(directory, "again.lqcm"), twice = Path.Combine(directory, "twice.lqcm");
        try
        {
            Core.Model.ModelFile.Save(Core.Model.ModelFile.Load(shipped), copy);
            Core.Model.ModelFile.Save(Core.Model.ModelFile.Load(copy), twice);
            byte[] original = File.ReadAllBytes(shipped), saved = File.ReadAllBytes(copy);
            Assert.True(saved.AsSpan().SequenceEqual(File.ReadAllBytes(twice)), "saving the re-saved model again changed it");
            var (oldHeader, oldBody) = Split(original);
            var (newHeader, newBody) = Split(saved);
            Assert.True(original.AsSpan(0, 8).SequenceEqual(saved.AsSpan(0, 8)), "magic or format version changed");
            Assert.True(oldBody.SequenceEqual(newBody), "the weights, trees or embedding table changed");
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Core.WireJson.WithNames(oldHeader), newHeader),
                "the re-saved header is not the shipped one with its names in the convention");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A model file's header JSON and its body (everything between the header and the checksum).</summary>
    private static (System.Text.Json.Nodes.JsonNode Header, byte[] Body) Split(byte[] file)
    {
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8));
        return (System.Text.Json.Nodes.JsonNode.Parse(file.AsSpan(12, length))!, file[(12 + length)..^32]);
    }

    private static readonly string[] NewsParagraphs =
    [
        "The regional rail operator will add six extra trains on the northern line from March, its chief executive said on Monday.",
        "Passenger numbers on the route have risen by about 12 percent since last year, according to figures published by the transport ministry.",
        "Union representatives welcomed the change but warned that staff shortages could lead to cancellations during the first weeks.",
        "The city council said it would review parking charges near the main station once the new service begins.",
    ];

    [Fact]
    public void Default_model_flags_a_tags_line_as_filler_and_not_plain_news_as_spam()
    {
        const string tags = "Tags: politics, economy, world";
        string[] article = ["Rail operator confirms new timetable for spring", .. NewsParagraphs, tags];

        var lines = ScoreLines.Score([], stdin: Jsonl.Lines(Jsonl.Paragraphs("rail", article)));

        ScoreLines.AssertDocuments(lines, ("rail", article.Length));
        var tagsLine = lines[^1];
        Assert.True(tagsLine.IsFlagged("filler"), $"'{tags}' not flagged filler: filler={tagsLine.Scores["filler"]}");
        for (int i = 1; i <= NewsParagraphs.Length; i++)
        {
            Assert.False(lines[i].IsFlagged("spam"), $"news paragraph {i} flagged spam: {lines[i].Scores["spam"]}");
            Assert.False(lines[i].IsFlagged("filler"), $"news paragraph {i} flagged filler: {lines[i].Scores["filler"]}");
        }
    }

    [Fact]
    public void Default_model_scores_the_same_through_text_and_paragraphs_forms()
    {
        string[] article = ["Rail operator confirms new timetable for spring", .. NewsParagraphs, "Tags: politics, economy, world"];

        var fromParagraphs = ScoreLines.Score([], stdin: Jsonl.Lines(Jsonl.Paragraphs("d", article)));
        var fromText = ScoreLines.Score([], stdin: Jsonl.Lines(Jsonl.Text("d", string.Join("\n\n", article))));

        Assert.Equal(fromParagraphs, fromText, (a, b) => a.Doc == b.Doc && a.Para == b.Para
            && a.Flags.SequenceEqual(b.Flags) && ScoreLines.Categories.All(c => a.Scores[c] == b.Scores[c]));
    }
}
