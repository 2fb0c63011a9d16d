using BenchmarkDotNet.Attributes;
using Classifier.Core.Features;
using Classifier.Core.Model;

namespace Classifier.Benchmarks;

/// <summary>
/// Topic segmentation alone (<see cref="TopicSegmenter"/>: block cohesion, depths, segments, their signals) over the
/// dense rows the shipped model's featurizer made for <see cref="Documents"/> generated news documents: what cutting
/// documents into segments adds to featurisation. One operation = every document of the set.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Featurize")]
[WorkloadDocuments(Documents)]
public class SegmentBenchmarks
{
    public const int Documents = 64;

    private (float[] Dense, int Paragraphs)[] _rows = [];
    private readonly TopicSegmenter _segmenter = new();
    private int _stride, _dimensions;

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelFile.Load(NewsWorkload.DefaultModelPath);
        var featurizer = new DocumentFeaturizer(model.Space, model.Embedder);
        _stride = model.Space.DenseCount;
        _dimensions = model.Space.Embedding!.Dimensions;
        _rows = [.. NewsWorkload.Documents(Documents).Select(document =>
        {
            featurizer.Load(document.Paragraphs);
            var dense = new float[document.Paragraphs.Count * _stride];
            for (int i = 0; i < document.Paragraphs.Count; i++)
                featurizer.Dense(i).CopyTo(dense.AsSpan(i * _stride));
            return (dense, document.Paragraphs.Count);
        })];
    }

    /// <summary>Returns the number of segments cut.</summary>
    [Benchmark(Description = "TopicSegmenter.Compute")]
    public int Segment()
    {
        int segments = 0;
        foreach (var (dense, paragraphs) in _rows)
        {
            _segmenter.Compute(dense, paragraphs, _stride, _dimensions);
            segments += _segmenter.SegmentOf(paragraphs - 1).Start;
        }
        return segments;
    }
}
