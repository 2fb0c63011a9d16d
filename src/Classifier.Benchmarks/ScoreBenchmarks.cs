using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// End-to-end scoring with the shipped model (<c>models/default.lqcm</c>): <see cref="Scorer.Score(Document, Span{ParagraphScore})"/>
/// over a batch of <see cref="BatchSize"/> distinct generated documents into a reused buffer, as a
/// scraper embedding the library would. One operation = the whole batch; the throughput columns
/// give per-paragraph figures.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Score")]
public class ScoreBenchmarks
{
    [Params(1, 64, 1024)]
    public int BatchSize { get; set; }

    private Scorer _scorer = null!;
    private Document[] _documents = [];
    private ParagraphScore[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        _scorer = new Scorer(ModelFile.Load(NewsWorkload.DefaultModelPath));
        _documents = NewsWorkload.Documents(BatchSize);
        _scores = new ParagraphScore[_documents.Max(d => d.Paragraphs.Count)];
    }

    /// <summary>Returns the sum of all probabilities plus the number of flags raised.</summary>
    [Benchmark(Description = "Scorer.Score")]
    public float Score()
    {
        var sum = Vector128<float>.Zero;
        int flags = 0;
        foreach (var document in _documents)
        {
            _scorer.Score(document, _scores);
            for (int i = 0; i < document.Paragraphs.Count; i++)
            {
                sum += _scores[i].Probabilities;
                flags += _scores[i].Flags == 0 ? 0 : 1;
            }
        }
        return Vector128.Sum(sum) + flags;
    }
}
