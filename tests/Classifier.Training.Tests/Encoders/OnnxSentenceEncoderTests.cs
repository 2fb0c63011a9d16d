using System.Numerics.Tensors;
using Classifier.Core.Text;
using Classifier.Encoders;

namespace Classifier.Training.Tests.Encoders;

public sealed class OnnxSentenceEncoderTests(EncoderFixture encoders) : IClassFixture<EncoderFixture>
{
    private static readonly string[] Sentences =
    [
        "The city council approved the budget after a long debate.",
        "Fire crews ordered the evacuation of roughly 4,200 residents early on Wednesday.",
        "Shares fell sharply.",
        "The striker scored twice in the second half as the home side won the cup final, their first trophy in a decade.",
        "Scientists say the new vaccine is safe and effective in adults over sixty.",
    ];

    private static float[][] Embed(OnnxSentenceEncoder encoder, IReadOnlyList<string> paragraphs)
    {
        int d = encoder.Dimensions;
        var flat = new float[paragraphs.Count * d];
        encoder.Embed(paragraphs, flat, d);
        return [.. Enumerable.Range(0, paragraphs.Count).Select(i => flat.AsSpan(i * d, d).ToArray())];
    }

    private static float[] Embed(OnnxSentenceEncoder encoder, string paragraph) => Embed(encoder, [paragraph])[0];

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void Plain_ascii_sentences_embed_as_the_package_embeds_them(string name)
    {
        var ours = Embed(encoders.Ours(name), Sentences);
        var reference = encoders.Reference(name, Sentences);
        for (int i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(384, reference[i].Length);
            Assert.True(Cosine(ours[i], reference[i]) >= 0.999f, $"{name}, sentence {i}: cosine {Cosine(ours[i], reference[i])}");
        }
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void Vectors_are_unit_length(string name)
    {
        foreach (var vector in Embed(encoders.Ours(name), Sentences))
            Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void Accents_do_not_change_a_vector(string name)
    {
        const string Accented = "The café in Zürich served crème brûlée to a naïve critic from Besançon.";
        const string Plain = "The cafe in Zurich served creme brulee to a naive critic from Besancon.";
        // The folding is Core's WordPieceTokenizer's, from its own table: it holds under InvariantGlobalization too,
        // where string.Normalize leaves 'é' whole.
        var tokenizer = new WordPieceTokenizer(EncoderResources.Vocabulary(name));
        int[] accentedIds = new int[64], plainIds = new int[64];
        Assert.Equal(plainIds[..tokenizer.Tokenize(Plain, plainIds)], accentedIds[..tokenizer.Tokenize(Accented, accentedIds)]);
        var encoder = encoders.Ours(name);
        var accented = Embed(encoder, Accented);
        var plain = Embed(encoder, Plain);
        Assert.True(Cosine(accented, plain) > 0.99999f, $"cosine {Cosine(accented, plain)}");
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void A_tab_separates_words_and_keeps_what_follows(string name)
    {
        var encoder = encoders.Ours(name);
        var tabbed = Embed(encoder, "Prices rose\tas demand for housing outpaced supply.");
        var spaced = Embed(encoder, "Prices rose as demand for housing outpaced supply.");
        Assert.True(Cosine(tabbed, spaced) > 0.99999f, $"cosine {Cosine(tabbed, spaced)}");
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void Rows_go_where_the_stride_puts_them_and_the_gaps_stay_untouched(string name)
    {
        var encoder = encoders.Ours(name);
        int d = encoder.Dimensions, stride = d + 7, offset = 3;
        var packed = Embed(encoder, Sentences);
        var wide = new float[offset + (Sentences.Length - 1) * stride + d + 5];
        Array.Fill(wide, -42f);
        encoder.Embed(Sentences, wide.AsSpan(offset), stride);
        for (int k = 0; k < wide.Length; k++)
        {
            int at = k - offset;
            bool inRow = at >= 0 && at % stride < d && at / stride < Sentences.Length;
            if (inRow)
                Assert.Equal(packed[at / stride][at % stride], wide[k]);
            else
                Assert.Equal(-42f, wide[k]);
        }
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void A_paragraph_without_text_gets_a_zero_row(string name)
    {
        var encoder = encoders.Ours(name);
        int d = encoder.Dimensions;
        string[] paragraphs = ["", Sentences[0], "  \t\n ", "\u0001\u200B"];
        var vectors = new float[paragraphs.Length * d];
        Array.Fill(vectors, 9f);
        encoder.Embed(paragraphs, vectors, d);
        Assert.All(vectors.AsSpan(0, d).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(1f, TensorPrimitives.Norm(vectors.AsSpan(d, d)), 1e-4f);
        Assert.All(vectors.AsSpan(2 * d).ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void A_sentence_sits_closer_to_its_paraphrase_than_to_another_subject(string name)
    {
        var encoder = encoders.Ours(name);
        var vectors = Embed(encoder, [
            "The council approved next year's budget after a long debate about school funding.",
            "After arguing at length over money for schools, councillors passed the budget for next year.",
            "The striker scored twice in the second half as the home side won the cup final."]);
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]) + 0.1f,
            $"paraphrase {Cosine(vectors[0], vectors[1])}, unrelated {Cosine(vectors[0], vectors[2])}");
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void A_paragraph_embeds_the_same_in_a_batch_as_alone(string name)
    {
        var encoder = encoders.Ours(name);
        string[] paragraphs = [.. Sentences, "", "Short.", string.Join(' ', Sentences)];
        var together = Embed(encoder, paragraphs);
        for (int i = 0; i < paragraphs.Length; i++)
        {
            var alone = Embed(encoder, paragraphs[i]);
            if (paragraphs[i].Length == 0)
                Assert.Equal(alone, together[i]);
            else
                Assert.True(Cosine(alone, together[i]) > 0.9999f, $"paragraph {i}: cosine {Cosine(alone, together[i])}");
        }
    }

    [Fact]
    public void Small_batches_give_the_vectors_of_one_large_batch()
    {
        using var small = new OnnxSentenceEncoder("minilm", new EncoderOptions { BatchSize = 2 });
        var batched = Embed(small, Sentences);
        var whole = Embed(encoders.Ours("minilm"), Sentences);
        for (int i = 0; i < Sentences.Length; i++)
            Assert.True(Cosine(batched[i], whole[i]) > 0.9999f, $"sentence {i}: cosine {Cosine(batched[i], whole[i])}");
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void A_paragraph_past_the_length_is_cut_there(string name)
    {
        var encoder = encoders.Ours(name);
        // One piece a word: [CLS] + (MaxTokens - 2) words + [SEP] is all the encoder sees of the long text.
        string words = string.Join(' ', Enumerable.Range(0, 700).Select(i => (i % 3) switch { 0 => "river", 1 => "stone", _ => "bridge" }));
        string cut = string.Join(' ', words.Split(' ').Take(encoder.MaxTokens - 2));
        Assert.True(Cosine(Embed(encoder, words), Embed(encoder, cut)) > 0.99999f);
    }

    [Fact]
    public void Max_tokens_shortens_what_is_read()
    {
        using var short128 = new OnnxSentenceEncoder("arcticxs", new EncoderOptions { MaxTokens = 128 });
        Assert.Equal(128, short128.MaxTokens);
        string head = string.Join(' ', Enumerable.Repeat("the market opened higher", 40));   // 160 pieces
        var a = Embed(short128, head + " and then the weather turned stormy over the coast");
        var b = Embed(short128, head);
        Assert.True(Cosine(a, b) > 0.99999f);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxSentenceEncoder("minilm", new EncoderOptions { MaxTokens = 513 }));
    }

    [Fact]
    public void Threads_share_one_encoder()
    {
        var encoder = encoders.Ours("minilm");
        var expected = Embed(encoder, Sentences);
        var results = new float[4][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => results[k] = Embed(encoder, Sentences));
        foreach (var result in results)
            for (int i = 0; i < Sentences.Length; i++)
                Assert.True(Cosine(expected[i], result[i]) > 0.99999f);
    }

    [Fact]
    public void It_says_what_it_is()
    {
        var encoder = encoders.Ours("ArcticXs");
        Assert.Equal("arcticxs", encoder.Encoder);
        Assert.False(encoder.IsStatic);
        Assert.Equal(384, encoder.Dimensions);
        Assert.Equal(512, encoder.MaxTokens);
        Assert.Equal(256, encoders.Ours("minilm").MaxTokens);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Embed(Sentences, new float[Sentences.Length * 384], 100));
        Assert.Throws<ArgumentException>(() => encoder.Embed(Sentences, new float[Sentences.Length * 384 - 1], 384));
    }
}
