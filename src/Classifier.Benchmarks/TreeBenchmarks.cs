using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;

namespace Classifier.Benchmarks;

/// <summary>
/// The tree stage alone: the shipped model's four boosted ensembles over the stacked rows (dense
/// signals, linear margins, their document means) of every paragraph of <see cref="Documents"/>
/// generated documents, built once in setup as the scorer builds them (linear margins from the
/// sparse vector and the quantised n-gram weights, the scorer's own reference).
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

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _trees = model.Trees ?? throw new InvalidOperationException("the shipped model has no tree stage");
        var featurizer = new DocumentFeaturizer(model.Space);
        using var ngrams = new SparseFeatures();
        var rows = new List<float[]>();
        foreach (var document in NewsWorkload.Documents(Documents))
        {
            featurizer.Load(document.Paragraphs);
            var linear = new Vector128<float>[document.Paragraphs.Count];
            for (int i = 0; i < linear.Length; i++)
            {
                featurizer.Ngrams(i, ngrams);
                linear[i] = LinearMargins(model, ngrams, featurizer.Dense(i));
            }
            var mean = linear.Aggregate(Vector128<float>.Zero, (a, b) => a + b) / Math.Max(1, linear.Length);
            for (int i = 0; i < linear.Length; i++)
            {
                var row = new float[StackedFeatures.Count];
                StackedFeatures.Write(featurizer.Dense(i), linear[i], mean, row);
                rows.Add(row);
            }
        }
        _rows = [.. rows];
    }

    /// <summary>Returns the sum of all tree scores.</summary>
    [Benchmark(Description = "TreeEnsemble.Predict x4")]
    public float Predict()
    {
        float sum = 0;
        foreach (var row in _rows)
            foreach (var ensemble in _trees)
                sum += ensemble.Predict(row);
        return sum;
    }

    private static Vector128<float> LinearMargins(ClassifierModel model, SparseFeatures ngrams, ReadOnlySpan<float> dense)
    {
        var sum = Vector128.Create(model.Bias);
        for (int i = 0; i < ngrams.Count; i++)
            sum += model.NgramWeights.Weight(ngrams.Indices[i]) * ngrams.Values[i];
        for (int d = 0; d < dense.Length; d++)
            sum += Vector128.Create(model.Weights.AsSpan((model.Space.DenseOffset + d) * Categories.Count, Categories.Count))
                * ((dense[d] - model.DenseMean[d]) * model.DenseScale[d]);
        return sum;
    }
}
