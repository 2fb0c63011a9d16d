using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;

namespace Classifier.Benchmarks;

/// <summary>
/// The tree stage alone: the shipped model's four boosted ensembles over the stacked rows (dense
/// signals, linear margins, their document means) of every paragraph of <see cref="Documents"/>
/// generated documents, built once in setup as the scorer builds them (linear margins from
/// <see cref="Scorer.Margins(SparseFeatures, ReadOnlySpan{float})"/>, the scorer's own reference).
/// One operation = all four ensembles on every row.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Trees")]
[WorkloadDocuments(Documents)]
public class TreeBenchmarks
{
    public const int Documents = 64;

    private TreeEnsemble[] _trees = [];
    private float[][] _rows = [];
    private QuickScorer _quickScorer = null!;
    private float[] _packed = [];         // every row back to back
    private float[] _packedScores = [];

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _trees = model.Trees?.ToArray() ?? throw new InvalidOperationException("the shipped model has no tree stage");
        _quickScorer = QuickScorer.TryBuild(_trees) ?? throw new InvalidOperationException("the shipped trees do not fit QuickScorer");
        var scorer = new Scorer(model);
        var featurizer = new DocumentFeaturizer(model.Space, model.Embedder);
        using var ngrams = new SparseFeatures();
        var rows = new List<float[]>();
        foreach (var document in NewsWorkload.Documents(Documents))
        {
            featurizer.Load(document.Paragraphs);
            var linear = new Vector128<float>[document.Paragraphs.Count];
            for (int i = 0; i < linear.Length; i++)
            {
                featurizer.Ngrams(i, ngrams);
                linear[i] = scorer.Margins(ngrams, featurizer.Dense(i));
            }
            var mean = linear.Aggregate(Vector128<float>.Zero, (a, b) => a + b) / Math.Max(1, linear.Length);
            for (int i = 0; i < linear.Length; i++)
            {
                var row = new float[StackedFeatures.Count];
                StackedFeatures.Write(featurizer.Dense(i)[..DenseFeatures.Count], linear[i], mean, mean, row);   // segment means as the document's: tree cost is the same
                rows.Add(row);
            }
        }
        _rows = [.. rows];
        _packed = [.. rows.SelectMany(r => r)];
        _packedScores = new float[_rows.Length * _trees.Length];
    }

    /// <summary>Returns the sum of all tree scores.</summary>
    [Benchmark(Description = "TreeEnsemble.Predict x4 (walk)", Baseline = true)]
    public float Predict()
    {
        float sum = 0;
        foreach (var row in _rows)
            foreach (var ensemble in _trees)
                sum += ensemble.Predict(row);
        return sum;
    }

    /// <summary>The same four ensembles in one <see cref="QuickScorer"/>, one row at a time.</summary>
    [Benchmark(Description = "QuickScorer, 4 ensembles")]
    public float QuickScore()
    {
        Span<float> scores = stackalloc float[_trees.Length];
        float sum = 0;
        foreach (var row in _rows)
        {
            _quickScorer.Predict(row, scores);
            foreach (float score in scores)
                sum += score;
        }
        return sum;
    }

    /// <summary>The same rows back to back, four a pass (256-bit masks).</summary>
    [Benchmark(Description = "QuickScorer, 4 ensembles, 4 rows a pass")]
    public float QuickScoreFourRows()
    {
        _quickScorer.PredictFourAPass(_packed, StackedFeatures.Count, _rows.Length, _packedScores);
        return Sum(_packedScores);
    }

    /// <summary>Eight a pass (512-bit masks), as <see cref="Scorer"/> evaluates a document's rows where AVX-512 runs them.</summary>
    [Benchmark(Description = "QuickScorer, 4 ensembles, 8 rows a pass")]
    public float QuickScoreEightRows()
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            return float.NaN;
        _quickScorer.PredictEightAPass(_packed, StackedFeatures.Count, _rows.Length, _packedScores);
        return Sum(_packedScores);
    }

    private static float Sum(float[] scores)
    {
        float sum = 0;
        foreach (float score in scores)
            sum += score;
        return sum;
    }
}
