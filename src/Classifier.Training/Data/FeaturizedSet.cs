using Classifier.Core;
using Classifier.Core.Features;

namespace Classifier.Training.Data;

/// <summary>
/// Labelled paragraphs turned into features once, for many training epochs: the n-grams as compressed
/// sparse rows, the raw dense signals, labels and weights. Built with the same featurizer that scores.
/// </summary>
public sealed class FeaturizedSet
{
    private readonly List<int> _rowStart = [0];
    private readonly List<int> _indices = [];
    private readonly List<float> _values = [];
    private readonly List<float> _dense = [];
    private readonly List<CategorySet> _labels = [];
    private readonly List<float> _weights = [];
    private readonly List<int> _documents = [];

    public int Count => _labels.Count;
    public CategorySet Label(int row) => _labels[row];
    public float Weight(int row) => _weights[row];
    /// <summary>The ordinal of the row's document among those given to <see cref="Build"/>: folds split by it.</summary>
    public int Document(int row) => _documents[row];

    public ReadOnlySpan<int> Indices(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_indices)[_rowStart[row].._rowStart[row + 1]];
    public ReadOnlySpan<float> Values(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values)[_rowStart[row].._rowStart[row + 1]];
    public ReadOnlySpan<float> Dense(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_dense).Slice(row * DenseFeatures.Count, DenseFeatures.Count);

    /// <summary>Featurizes every labelled paragraph; <paramref name="documentWeight"/> scales a document's examples.</summary>
    public static FeaturizedSet Build(IEnumerable<LabelledDocument> documents, FeatureSpace space, Func<LabelledDocument, float> documentWeight)
    {
        var set = new FeaturizedSet();
        var featurizer = new DocumentFeaturizer(space);
        using var ngrams = new SparseFeatures();
        int ordinal = -1;
        foreach (var document in documents)
        {
            ordinal++;
            float weight = documentWeight(document);
            featurizer.Load(document.Texts);
            for (int i = 0; i < document.Paragraphs.Count; i++)
            {
                var paragraph = document.Paragraphs[i];
                if (!paragraph.IsLabelled || paragraph.Weight <= 0)
                    continue;
                featurizer.Ngrams(i, ngrams);
                set._indices.AddRange(ngrams.Indices);
                set._values.AddRange(ngrams.Values);
                set._rowStart.Add(set._indices.Count);
                set._dense.AddRange(featurizer.Dense(i));
                set._labels.Add(paragraph.Labels);
                set._weights.Add(weight * paragraph.Weight);
                set._documents.Add(ordinal);
            }
            featurizer.Release();
        }
        return set;
    }
}
