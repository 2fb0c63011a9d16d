using System.Text.Json.Serialization;

namespace Classifier.Core.Features;

/// <summary>
/// Where each feature lives in the model's single index space:
/// <c>[word 1..N-grams | character n-grams | dense signals | paragraph embedding]</c>. Stored in the model so that
/// scoring always featurizes exactly as training did. <see cref="Embedding"/> is the sentence embedding the model
/// reads, or null for none.
/// </summary>
internal sealed record FeatureSpace(int WordBits, int CharBits, int MaxWordNgram, int MinCharNgram, int MaxCharNgram,
    EmbeddingSpace? Embedding = null)
{
    public static FeatureSpace Default { get; } = new(WordBits: 18, CharBits: 18, MaxWordNgram: 2, MinCharNgram: 3, MaxCharNgram: 5);

    [JsonIgnore]
    public int WordBuckets => 1 << WordBits;
    [JsonIgnore]
    public int CharBuckets => 1 << CharBits;

    /// <summary>First index of the character n-gram block.</summary>
    [JsonIgnore]
    public int CharOffset => WordBuckets;

    /// <summary>First index of the dense block; also the number of hashed buckets.</summary>
    [JsonIgnore]
    public int DenseOffset => WordBuckets + CharBuckets;

    /// <summary>The dense block's width: the named signals, then the embedding's coordinates.</summary>
    [JsonIgnore]
    public int DenseCount => DenseFeatures.Count + (Embedding?.Dimensions ?? 0);

    [JsonIgnore]
    public int Dimension => DenseOffset + DenseCount;

    public void Validate()
    {
        if (WordBits is < 8 or > 24 || CharBits is < 8 or > 24)
            throw new InvalidDataException($"Hash bits must be between 8 and 24 (word {WordBits}, char {CharBits}).");
        if (MaxWordNgram is < 1 or > 3 || MinCharNgram < 1 || MaxCharNgram < MinCharNgram || MaxCharNgram > 8)
            throw new InvalidDataException("Invalid n-gram ranges in the feature space.");
        if (Embedding is { Dimensions: < 1 or > 1024 } || Embedding is { Encoder: null or "" })
            throw new InvalidDataException("Invalid embedding in the feature space.");
    }

    /// <summary>Whether <paramref name="embedder"/> gives the vectors this space was trained on.</summary>
    public bool Accepts(IParagraphEmbedder embedder) => Embedding is { } e
        && string.Equals(e.Encoder, embedder.Encoder, StringComparison.OrdinalIgnoreCase) && e.Static == embedder.IsStatic && e.Dimensions == embedder.Dimensions;
}

/// <summary>A sentence encoder's vectors as features: distilled into a table the model carries (<paramref name="Static"/>),
/// or from the full encoder, which the caller supplies.</summary>
internal sealed record EmbeddingSpace(string Encoder, bool Static, int Dimensions)
{
    public override string ToString() => Static ? $"{Encoder} (static, {Dimensions} dimensions)" : $"{Encoder} (full encoder, {Dimensions} dimensions)";
}
