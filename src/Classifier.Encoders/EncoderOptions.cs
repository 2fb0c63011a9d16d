namespace Classifier.Encoders;

/// <summary>How <see cref="OnnxSentenceEncoder"/> runs its encoder: the defaults are the encoder's own length and one
/// thread per run, since the scorer already keeps every core busy with a thread of its own (the CLI's ParallelScorer).</summary>
public sealed record EncoderOptions
{
    /// <summary>Pieces kept per paragraph, [CLS] and [SEP] included (3 to 512); null for the encoder's own
    /// <see cref="EncoderResources.MaxTokens"/>. Shorter is faster (attention grows with the square of the length)
    /// at the price of what a long paragraph says after the cut.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The most paragraphs run through the model together. Larger batches amortise each run's overhead;
    /// paragraphs are sorted by length first, and a batch stops short where padding to its longest would cost more.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime's intra-op threads for one run.</summary>
    public int Threads { get; init; } = 1;
}
