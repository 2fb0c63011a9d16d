using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Training.Data;
using Classifier.Training.Learners;
using Classifier.Training.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Benchmarks;

/// <summary>
/// Core's scorer against ML.NET's <see cref="PredictionEngine{TSrc, TDst}"/> on the same model and paragraphs, one thread.
/// The model is trained in setup on the project's articles (linear stage + LightGbm trees, float n-gram weights, so the
/// two agree to 1e-5: the MlNetParity tests). Featurized input for both: each paragraph's hashed n-grams and dense
/// signals are built once in setup. ML.NET scores a paragraph with eight engines (four linear models, then four
/// tree-and-calibrator chains over the stacked row); Core with its own margin function and tree stage. A third row is
/// Core from text, featurization included. One operation = every paragraph of <see cref="Documents"/> documents.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("MlNet")]
[WorkloadDocuments(Documents)]
public class MlNetBenchmarks
{
    public const int Documents = 64;

    private Scorer _scorer = null!;
    private Document[] _documents = [];
    private ParagraphScore[] _scores = [];
    private FeaturizedSet _set = null!;
    private int[] _documentStarts = [];
    private Vector128<float>[] _linear = [];   // one document's linear margins
    private MlNetRows.ParagraphRow[] _paragraphRows = [];
    private PredictionEngine<MlNetRows.ParagraphRow, LinearOutput>[] _linearEngines = [];
    private PredictionEngine<MlNetRows.StackedRow, CalibratedOutput>[] _treeEngines = [];

    // ML.NET's PredictionEngine fills these columns by reflection, which the compiler cannot see (CS0649).
#pragma warning disable CS0649
    private sealed class LinearOutput { public float Score; }
    private sealed class CalibratedOutput { public float Probability; }
#pragma warning restore CS0649

    [GlobalSetup]
    public void Setup()
    {
        var outcome = ClassifierTrainer.Fit(new TrainingOptions
        {
            DataPaths = [Path.Combine(NewsWorkload.RepositoryRoot(), "data", "articles")], SplicedTrain = 600, SplicedEval = 200,
            Precision = NgramPrecision.Float32,
        });
        var model = outcome.Model;
        _scorer = new Scorer(model);
        _documents = NewsWorkload.Documents(Documents);
        _scores = new ParagraphScore[_documents.Sum(d => d.Paragraphs.Count)];
        _set = FeaturizedSet.Unlabelled(_documents, model.Space, model.Embedder);
        _documentStarts = new int[_documents.Length + 1];
        for (int d = 0; d < _documents.Length; d++)
            _documentStarts[d + 1] = _documentStarts[d] + _documents[d].Paragraphs.Count;

        _linear = new Vector128<float>[_documents.Max(d => d.Paragraphs.Count)];

        var ml = new MLContext(seed: 0);
        var mlNet = outcome.MlNet;
        var paragraphSchema = MlNetRows.ParagraphSchema(model.Space);
        var stackedSchema = MlNetRows.StackedSchema();
        _linearEngines = [.. mlNet.Linear.Models.Select(m => ml.Model.CreatePredictionEngine<MlNetRows.ParagraphRow, LinearOutput>(
            new TransformerChain<ITransformer>(mlNet.Linear.Features, m), inputSchemaDefinition: paragraphSchema))];
        _treeEngines = [.. Enumerable.Range(0, Categories.Count).Select(k => ml.Model.CreatePredictionEngine<MlNetRows.StackedRow, CalibratedOutput>(
            new TransformerChain<ITransformer>(mlNet.Trees![k].Model, mlNet.Calibrators[k]!), inputSchemaDefinition: stackedSchema))];
        _paragraphRows = [.. Enumerable.Range(0, _set.Count).Select(row => MlNetRows.Paragraph(_set, model.Space, row))];
    }

    /// <summary>Returns the sum of all probabilities.</summary>
    [Benchmark(Description = "ML.NET PredictionEngine x8, featurized paragraphs", Baseline = true)]
    public float MlNet()
    {
        float sum = 0;
        var linear = new LinearOutput();
        var calibrated = new CalibratedOutput();
        var stacked = new MlNetRows.StackedRow { Features = new float[StackedFeatures.Count] };
        var documentMargins = _linear;
        Span<float> m = stackalloc float[Categories.Count];
        for (int d = 0; d + 1 < _documentStarts.Length; d++)
        {
            int start = _documentStarts[d], count = _documentStarts[d + 1] - start;
            var mean = Vector128<float>.Zero;
            for (int i = 0; i < count; i++)
            {
                for (int k = 0; k < Categories.Count; k++)
                {
                    _linearEngines[k].Predict(_paragraphRows[start + i], ref linear);
                    m[k] = linear.Score;
                }
                documentMargins[i] = Vector128.Create<float>(m);
                mean += documentMargins[i];
            }
            mean /= Math.Max(1, count);
            for (int i = 0; i < count; i++)
            {
                StackedFeatures.Write(_set.Dense(start + i), documentMargins[i], mean, mean, stacked.Features);   // segment means as the document's
                for (int k = 0; k < Categories.Count; k++)
                {
                    _treeEngines[k].Predict(stacked, ref calibrated);
                    sum += calibrated.Probability;
                }
            }
        }
        return sum;
    }

    [Benchmark(Description = "Core scorer, featurized paragraphs")]
    public float CoreFeaturized()
    {
        var sum = Vector128<float>.Zero;
        var linear = _linear;
        var model = _scorer.Model;
        for (int d = 0; d + 1 < _documentStarts.Length; d++)
        {
            int start = _documentStarts[d], count = _documentStarts[d + 1] - start;
            var mean = Vector128<float>.Zero;
            for (int i = 0; i < count; i++)
            {
                linear[i] = model.LinearMargins(_set.Indices(start + i), _set.Values(start + i), _set.Dense(start + i));
                mean += linear[i];
            }
            mean /= Math.Max(1, count);
            for (int i = 0; i < count; i++)
                sum += _scorer.Score(linear[i], mean, mean, _set.Dense(start + i)).Probabilities;
        }
        return Vector128.Sum(sum);
    }

    [Benchmark(Description = "Core Scorer.Score, text to scores")]
    public float CoreFromText()
    {
        _scorer.Score(_documents, _scores);
        var sum = Vector128<float>.Zero;
        foreach (var score in _scores)
            sum += score.Probabilities;
        return Vector128.Sum(sum);
    }
}
