namespace Classifier.Core.Features;

/// <summary>
/// Turns one document into per-paragraph features: the dense block (shape, vocabulary, context, and the
/// paragraph embedding with its semantic context when the space has one) for all paragraphs at once, then
/// each paragraph's hashed n-grams on demand. Reusable, not thread-safe: keep one per thread. Training and
/// scoring both go through here, so they never disagree.
/// </summary>
internal sealed class DocumentFeaturizer
{
    private readonly ParagraphTexts _texts = new();
    private readonly DocumentContext _context = new();
    private readonly SemanticContext _semantic = new();
    private readonly TopicSegmenter _segmenter = new();
    private readonly NgramFeaturizer _ngrams;
    private readonly IParagraphEmbedder? _embedder;
    private readonly int _stride;
    private float[] _dense;

    /// <param name="space">What to featurize: the model's feature space.</param>
    /// <param name="embedder">Gives the paragraph embeddings <paramref name="space"/> was trained on; required when it has one.</param>
    public DocumentFeaturizer(FeatureSpace space, IParagraphEmbedder? embedder = null)
    {
        if (space.Embedding is { } embedding && (embedder is null || !space.Accepts(embedder)))
            throw new ArgumentException(embedder is null
                ? $"The model reads {embedding} embeddings; none were given."
                : $"The model reads {embedding} embeddings, not {embedder.Encoder} ({(embedder.IsStatic ? "static" : "full encoder")}, {embedder.Dimensions} dimensions).", nameof(embedder));
        _ngrams = new NgramFeaturizer(space);
        _embedder = space.Embedding is null ? null : embedder;
        _stride = space.DenseCount;
        _dense = new float[64 * _stride];
    }

    public FeatureSpace Space => _ngrams.Space;

    public int Count => _texts.Count;

    /// <summary>Loads one document: document <paramref name="document"/> of <paramref name="batch"/> if given
    /// (the batch signals need the other documents), otherwise a document scored on its own.</summary>
    public void Load(IReadOnlyList<string> paragraphs, BatchRecurrence? batch = null, int document = 0)
    {
        _texts.Load(paragraphs);
        int size = paragraphs.Count * _stride;
        if (_dense.Length < size)
            _dense = new float[Math.Max(size, _dense.Length * 2)];
        var dense = _dense.AsSpan(0, size);
        for (int i = 0; i < paragraphs.Count; i++)
            ParagraphSignals.Compute(_texts.Original(i), _texts.Normalized(i), _texts.WordClasses(i), dense.Slice(i * _stride, DenseFeatures.Count));
        _context.Compute(_texts, dense, _stride);
        for (int i = 0; i < paragraphs.Count; i++)
            BatchRecurrence.Write(batch, document, i, dense.Slice(i * _stride, DenseFeatures.Count));
        if (_embedder is not null && paragraphs.Count > 0)
        {
            _embedder.Embed(paragraphs, dense[DenseFeatures.Count..], _stride);
            _semantic.Compute(dense, paragraphs.Count, _stride, _embedder.Dimensions);
            _segmenter.Compute(dense, paragraphs.Count, _stride, _embedder.Dimensions);
        }
    }

    /// <summary>The topic segment holding <paramref name="paragraph"/>; null for a space without an embedding, which
    /// has no segments.</summary>
    public TopicSegment? Segment(int paragraph) => _embedder is null ? null : _segmenter.SegmentOf(paragraph);

    /// <summary>The raw (unscaled) dense block of a paragraph: the named signals, then its embedding if the space has one.</summary>
    public ReadOnlySpan<float> Dense(int paragraph) => _dense.AsSpan(paragraph * _stride, _stride);

    /// <summary>Replaces the contents of <paramref name="features"/> with the paragraph's hashed n-grams.</summary>
    public void Ngrams(int paragraph, SparseFeatures features)
    {
        features.Clear();
        _ngrams.Featurize(_texts.Normalized(paragraph), _texts.WordHashes(paragraph), features);
    }

    /// <summary>Feeds the paragraph's hashed n-grams to a sink, for scoring without building a vector.</summary>
    internal void Ngrams<TSink>(int paragraph, ref TSink sink) where TSink : struct, INgramSink =>
        _ngrams.Featurize(_texts.Normalized(paragraph), _texts.WordHashes(paragraph), ref sink);

    public ReadOnlySpan<char> Normalized(int paragraph) => _texts.Normalized(paragraph);

    public void Release() => _texts.Release();
}
