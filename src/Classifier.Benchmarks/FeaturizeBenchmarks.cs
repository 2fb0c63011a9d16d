using BenchmarkDotNet.Attributes;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// Text to features for a fixed set of <see cref="Documents"/> generated documents, in three
/// nested stages through the public API: normalisation alone (<see cref="TextNormalizer"/>);
/// <see cref="DocumentFeaturizer.Load"/> (normalisation, tokenisation, dense shape, vocabulary and
/// context signals); then the same plus each paragraph's hashed word and character n-grams, which
/// is all the featurisation the scorer does.
/// One operation = all paragraphs of the set; the throughput columns give per-paragraph figures.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Featurize")]
[WorkloadDocuments(Documents)]
public class FeaturizeBenchmarks
{
    public const int Documents = 64;

    private Document[] _documents = [];
    private char[] _normalized = [];
    private DocumentFeaturizer _featurizer = null!;
    private readonly SparseFeatures _features = new();

    [GlobalSetup]
    public void Setup()
    {
        _documents = NewsWorkload.Documents(Documents);
        int longest = _documents.SelectMany(d => d.Paragraphs).Max(p => p.Length);
        _normalized = new char[Math.Min(longest, TextNormalizer.MaxChars)];
        // The feature space the shipped model was trained with, so the work matches scoring.
        var model = ModelFile.Load(NewsWorkload.DefaultModelPath);
        _featurizer = new DocumentFeaturizer(model.Space, model.Embedder);
    }

    [GlobalCleanup]
    public void Cleanup() => _features.Dispose();

    /// <summary>Returns the total normalised length.</summary>
    [Benchmark(Description = "Normalize")]
    public long Normalize()
    {
        long total = 0;
        foreach (var document in _documents)
        {
            // Indexed, not foreach: enumerating an IReadOnlyList<string> boxes an enumerator.
            var paragraphs = document.Paragraphs;
            for (int i = 0; i < paragraphs.Count; i++)
                total += TextNormalizer.Normalize(paragraphs[i], _normalized);
        }
        return total;
    }

    /// <summary>Normalisation, tokenisation, dense shape/vocabulary signals and document context for
    /// every paragraph, without the n-grams. Returns the sum of the dense signals.</summary>
    [Benchmark(Description = "DocumentFeaturizer.Load")]
    public double LoadDocuments()
    {
        double total = 0;
        foreach (var document in _documents)
        {
            _featurizer.Load(document.Paragraphs);
            for (int i = 0; i < document.Paragraphs.Count; i++)
                foreach (float x in _featurizer.Dense(i))
                    total += x;
        }
        return total;
    }

    /// <summary>Returns the feature count plus the sum of the dense signals.</summary>
    [Benchmark(Description = "DocumentFeaturizer.Load+Ngrams")]
    public double DocumentFeatures()
    {
        double total = 0;
        foreach (var document in _documents)
        {
            _featurizer.Load(document.Paragraphs);
            for (int i = 0; i < document.Paragraphs.Count; i++)
            {
                _featurizer.Ngrams(i, _features);
                total += _features.Count;
                foreach (float x in _featurizer.Dense(i))
                    total += x;
            }
        }
        return total;
    }
}
