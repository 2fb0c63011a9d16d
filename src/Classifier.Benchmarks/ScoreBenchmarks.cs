using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// End-to-end scoring with the shipped model (<c>models/default.lqcm</c>): <see cref="Scorer.Score(IReadOnlyList{Document}, Span{ParagraphScore})"/>
/// of a batch of <see cref="BatchSize"/> distinct generated documents into a reused buffer, as a
/// scraper embedding the library would, with the whole model and with its tree stage removed (the
/// difference is the cost of the trees). One operation = the whole batch; the throughput columns give
/// per-paragraph figures.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Score")]
public class ScoreBenchmarks
{
    [Params(1, 64, 1024)]
    public int BatchSize { get; set; }

    private Scorer _scorer = null!;
    private Scorer _linearScorer = null!;
    private Document[] _documents = [];
    private ParagraphScore[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var m = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _scorer = new Scorer(m);
        _linearScorer = new Scorer(new ClassifierModel(m.Space, m.Weights, m.Bias, m.DenseMean, m.DenseScale, m.Calibration, m.Thresholds, m.Metadata));
        _documents = NewsWorkload.Documents(BatchSize);
        _scores = new ParagraphScore[_documents.Sum(d => d.Paragraphs.Count)];
    }

    /// <summary>Returns the sum of all probabilities plus the number of flags raised.</summary>
    [Benchmark(Description = "Scorer.Score")]
    public float Score() => Run(_scorer);

    [Benchmark(Description = "Scorer.Score, linear stage only")]
    public float ScoreLinear() => Run(_linearScorer);

    private float Run(Scorer scorer)
    {
        var sum = Vector128<float>.Zero;
        int flags = 0;
        scorer.Score(_documents, _scores);
        foreach (var score in _scores)
        {
            sum += score.Probabilities;
            flags += score.Flags == 0 ? 0 : 1;
        }
        return Vector128.Sum(sum) + flags;
    }
}
