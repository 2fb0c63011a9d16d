using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// The shipped model on each shape of input of issue 20 (<see cref="ShapeWorkload"/>: pages of short blocks, news
/// articles, single long posts), one thread: <see cref="Scorer.Score(IReadOnlyList{Document}, Span{ParagraphScore})"/>
/// end to end, batch by batch as <c>score</c> scores them, and the featurizer's per-document pass alone (normalise,
/// tokenise, dense and context signals, static embeddings, segmentation). One operation = every paragraph of the shape.
/// <c>scripts/bench-shapes.sh</c> runs these and writes their table into <c>SHAPES.md</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Shapes")]
public class ShapeBenchmarks
{
    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    public static IEnumerable<string> Shapes => ShapeWorkload.Shapes;

    private Scorer _scorer = null!;
    private DocumentFeaturizer _featurizer = null!;
    private Document[][] _batches = [];
    private ParagraphScore[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _scorer = new Scorer(model);
        _featurizer = new DocumentFeaturizer(model.Space, model.Embedder);
        _batches = ShapeWorkload.Batches(Shape);
        _scores = new ParagraphScore[_batches.Max(b => b.Sum(d => d.Paragraphs.Count))];
    }

    /// <summary>Returns the sum of all probabilities plus the number of flags raised.</summary>
    [Benchmark(Description = "Scorer.Score end to end")]
    public float Score()
    {
        var sum = Vector128<float>.Zero;
        int flags = 0;
        foreach (var batch in _batches)
        {
            int count = batch.Sum(d => d.Paragraphs.Count);
            _scorer.Score(batch, _scores.AsSpan(0, count));
            foreach (var score in _scores.AsSpan(0, count))
            {
                sum += score.Probabilities;
                flags += score.Flags == 0 ? 0 : 1;
            }
        }
        return Vector128.Sum(sum) + flags;
    }

    /// <summary>Returns the sum of the first dense signal of every paragraph.</summary>
    [Benchmark(Description = "DocumentFeaturizer.Load (normalise, dense + context, embeddings, segments)")]
    public float Load()
    {
        float sum = 0;
        foreach (var batch in _batches)
            foreach (var document in batch)
            {
                _featurizer.Load(document.Paragraphs);
                for (int i = 0; i < document.Paragraphs.Count; i++)
                    sum += _featurizer.Dense(i)[0];
                _featurizer.Release();
            }
        return sum;
    }
}
