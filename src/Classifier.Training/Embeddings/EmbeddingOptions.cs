namespace Classifier.Training.Embeddings;

/// <summary>
/// The sentence embedding a model reads. <see cref="Static"/> distils the encoder into a table the model carries (the
/// fast path: Core needs no encoder to score); otherwise every paragraph goes through the full encoder, in training and
/// at scoring time (the accurate path), and <see cref="Dimensions"/> and <see cref="Sif"/> do not apply.
/// </summary>
internal sealed record EmbeddingOptions
{
    /// <summary>"minilm" or "arcticxs".</summary>
    public string Encoder { get; init; } = "minilm";

    public bool Static { get; init; } = true;

    /// <summary>Principal components kept of the distilled vectors (the full encoder's are used whole).</summary>
    public int Dimensions { get; init; } = 128;

    /// <summary>SIF's a: a piece of corpus frequency p weighs a / (a + p).</summary>
    public double Sif { get; init; } = 1e-4;
}
