namespace Classifier.Core.Features;

/// <summary>
/// Turns one document into per-paragraph features: the dense block (shape, vocabulary, context) for
/// all paragraphs at once, then each paragraph's hashed n-grams on demand. Reusable, not thread-safe:
/// keep one per thread. Training and scoring both go through here, so they never disagree.
/// </summary>
public sealed class DocumentFeaturizer
{
    private readonly ParagraphTexts _texts = new();
    private readonly DocumentContext _context = new();
    private readonly NgramFeaturizer _ngrams;
    private float[] _dense = new float[64 * DenseFeatures.Count];

    public DocumentFeaturizer(FeatureSpace space) => _ngrams = new NgramFeaturizer(space);

    public FeatureSpace Space => _ngrams.Space;

    public int Count => _texts.Count;

    /// <summary>Loads one document: document <paramref name="document"/> of <paramref name="batch"/> if given
    /// (the batch signals need the other documents), otherwise a document scored on its own.</summary>
    public void Load(IReadOnlyList<string> paragraphs, BatchRecurrence? batch = null, int document = 0)
    {
        _texts.Load(paragraphs);
        int size = paragraphs.Count * DenseFeatures.Count;
        if (_dense.Length < size)
            _dense = new float[Math.Max(size, _dense.Length * 2)];
        var dense = _dense.AsSpan(0, size);
        for (int i = 0; i < paragraphs.Count; i++)
            ParagraphSignals.Compute(_texts.Original(i), _texts.Normalized(i), _texts.WordClasses(i), dense.Slice(i * DenseFeatures.Count, DenseFeatures.Count));
        _context.Compute(_texts, dense);
        for (int i = 0; i < paragraphs.Count; i++)
            BatchRecurrence.Write(batch, document, i, dense.Slice(i * DenseFeatures.Count, DenseFeatures.Count));
    }

    /// <summary>The raw (unscaled) dense signals of a paragraph.</summary>
    public ReadOnlySpan<float> Dense(int paragraph) => _dense.AsSpan(paragraph * DenseFeatures.Count, DenseFeatures.Count);

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
