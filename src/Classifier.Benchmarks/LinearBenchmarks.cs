using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// The linear stage alone: <see cref="Scorer.Score(Document, Span{ParagraphScore})"/> with the shipped
/// model's tree stage removed, over <see cref="Documents"/> generated documents, so the difference from
/// the end-to-end benchmark is the cost of the trees. One operation = the whole batch.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Linear")]
[WorkloadDocuments(Documents)]
public class LinearBenchmarks
{
    public const int Documents = 64;

    private Scorer _scorer = null!;
    private Document[] _documents = [];
    private ParagraphScore[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var m = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _scorer = new Scorer(new ClassifierModel(m.Space, m.Weights, m.Bias, m.DenseMean, m.DenseScale, m.Calibration, m.Thresholds, m.Metadata));
        _documents = NewsWorkload.Documents(Documents);
        _scores = new ParagraphScore[_documents.Max(d => d.Paragraphs.Count)];
    }

    /// <summary>Returns the sum of all probabilities.</summary>
    [Benchmark(Description = "Scorer.Score, linear stage only")]
    public float Score()
    {
        var sum = Vector128<float>.Zero;
        foreach (var document in _documents)
        {
            _scorer.Score(document, _scores);
            for (int i = 0; i < document.Paragraphs.Count; i++)
                sum += _scores[i].Probabilities;
        }
        return Vector128.Sum(sum);
    }
}
