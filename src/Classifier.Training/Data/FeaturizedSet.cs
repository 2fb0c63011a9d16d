using Classifier.Core;
using Classifier.Core.Features;

namespace Classifier.Training.Data;

/// <summary>
/// Labelled paragraphs turned into features once, for many training epochs: the n-grams as compressed
/// sparse rows, the raw dense signals, labels and weights. Built with the same featurizer that scores.
/// </summary>
internal sealed class FeaturizedSet
{
    private readonly List<int> _rowStart = [0];
    private readonly List<int> _indices = [];
    private readonly List<float> _values = [];
    private readonly List<float> _dense = [];
    private readonly List<CategorySet> _labels = [];
    private readonly List<CategorySet> _unjudged = [];
    private readonly List<float> _weights = [];
    private readonly List<int> _documents = [];
    private readonly List<int> _segments = [];
    private readonly int _stride;

    private FeaturizedSet(FeatureSpace space) => _stride = space.DenseCount;

    public int Count => _labels.Count;
    public CategorySet Label(int row) => _labels[row];
    /// <summary>Whether the row's label speaks to <paramref name="category"/> (<see cref="LabelledParagraph.Judges"/>): rows that
    /// do not are left out of that category's training.</summary>
    public bool Judges(int row, Category category) => !_unjudged[row].Contains(category);
    public float Weight(int row) => _weights[row];
    /// <summary>The ordinal of the row's document among those given to <see cref="Build"/>: folds split by it.</summary>
    public int Document(int row) => _documents[row];
    /// <summary>The first paragraph of the row's topic segment in its document (0 for a space without segments: the
    /// whole document is one).</summary>
    public int Segment(int row) => _segments[row];

    public ReadOnlySpan<int> Indices(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_indices)[_rowStart[row].._rowStart[row + 1]];
    public ReadOnlySpan<float> Values(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values)[_rowStart[row].._rowStart[row + 1]];
    public ReadOnlySpan<float> Dense(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_dense).Slice(row * _stride, _stride);

    /// <summary>Featurizes every labelled paragraph: each document on its own, or with <paramref name="batchSignals"/> in
    /// the batches of <see cref="DocumentBatches.BySource"/>; <paramref name="documentWeight"/> scales a document's examples;
    /// <paramref name="embedder"/> gives the embeddings <paramref name="space"/> reads, if it reads any.</summary>
    public static FeaturizedSet Build(IEnumerable<LabelledDocument> documents, FeatureSpace space, IParagraphEmbedder? embedder,
        Func<LabelledDocument, float> documentWeight, bool batchSignals = false)
    {
        var set = new FeaturizedSet(space);
        var featurizer = new DocumentFeaturizer(space, embedder);
        var recurrence = new BatchRecurrence();
        using var ngrams = new SparseFeatures();
        int ordinal = -1;
        // A batch of one document has no recurring lines: its batch signals are zero, as when scored alone.
        var batches = batchSignals ? DocumentBatches.BySource(documents) : documents.Select(d => (LabelledDocument[])[d]);
        foreach (var batch in batches)
        {
            var unlabelled = DocumentBatches.Unlabelled(batch);
            recurrence.Load(unlabelled);
            for (int d = 0; d < batch.Length; d++)
            {
                featurizer.Load(unlabelled[d].Paragraphs, recurrence, d);
                set.Add(featurizer, ngrams, batch[d], ++ordinal, documentWeight(batch[d]));
                featurizer.Release();
            }
        }
        return set;
    }

    /// <summary>Every paragraph of unlabelled documents (as clean), each featurized on its own: the rows a model is scored on.</summary>
    public static FeaturizedSet Unlabelled(IEnumerable<Core.Text.Document> documents, FeatureSpace space, IParagraphEmbedder? embedder) =>
        Build(documents.Select(d => new LabelledDocument("unlabelled", d.Id, "", Split.Test,
            [.. d.Paragraphs.Select(p => new LabelledParagraph(p, CategorySet.None))])), space, embedder, _ => 1f);

    /// <summary>Adds the labelled paragraphs of the document loaded in <paramref name="featurizer"/>.</summary>
    private void Add(DocumentFeaturizer featurizer, SparseFeatures ngrams, LabelledDocument document, int ordinal, float weight)
    {
        for (int i = 0; i < document.Paragraphs.Count; i++)
        {
            var paragraph = document.Paragraphs[i];
            if (!paragraph.IsLabelled || paragraph.Weight <= 0)
                continue;
            featurizer.Ngrams(i, ngrams);
            _indices.AddRange(ngrams.Indices);
            _values.AddRange(ngrams.Values);
            _rowStart.Add(_indices.Count);
            _dense.AddRange(featurizer.Dense(i));
            _labels.Add(paragraph.Labels);
            _unjudged.Add(paragraph.Unjudged);
            _weights.Add(weight * paragraph.Weight);
            _documents.Add(ordinal);
            _segments.Add(featurizer.Segment(i)?.Start ?? 0);
        }
    }
}
