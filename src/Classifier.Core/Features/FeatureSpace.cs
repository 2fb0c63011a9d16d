using System.Text.Json.Serialization;

namespace Classifier.Core.Features;

/// <summary>
/// Where each feature lives in the model's single index space:
/// <c>[word 1..N-grams | character n-grams | dense signals]</c>. Stored in the model so that
/// scoring always featurizes exactly as training did.
/// </summary>
public sealed record FeatureSpace(int WordBits, int CharBits, int MaxWordNgram, int MinCharNgram, int MaxCharNgram)
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

    [JsonIgnore]
    public int Dimension => DenseOffset + DenseFeatures.Count;

    public void Validate()
    {
        if (WordBits is < 8 or > 24 || CharBits is < 8 or > 24)
            throw new InvalidDataException($"Hash bits must be between 8 and 24 (word {WordBits}, char {CharBits}).");
        if (MaxWordNgram is < 1 or > 3 || MinCharNgram < 1 || MaxCharNgram < MinCharNgram || MaxCharNgram > 8)
            throw new InvalidDataException("Invalid n-gram ranges in the feature space.");
    }
}
