using System.Collections.Immutable;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace Classifier.Training.Learners;

/// <summary>ML.NET's linear binary trainers this stage can use.</summary>
internal enum LinearTrainer { Sdca, Lbfgs }

/// <summary>Settings of the linear stage; <see cref="L1"/>, <see cref="L2"/> and <see cref="MaxIterations"/> are the trainer's
/// L1Regularization, L2Regularization and MaximumNumberOfIterations. L1 is 0 unless asked: both trainers default to an L1 as
/// large as their L2 or larger, which on 2^19 hashed n-grams zeroes most of the rare ones that spam and conspiracy hinge on.</summary>
internal sealed record LinearOptions(LinearTrainer Trainer = LinearTrainer.Sdca, float L1 = 0f, float L2 = 1e-6f, int MaxIterations = 100, float MaxPositiveWeight = 10f);

/// <summary>The trained linear stage: ML.NET's transformers, and the weights exported for Core, laid out as
/// <see cref="ClassifierModel.Weights"/> (<c>[feature][category]</c>).</summary>
internal sealed record LinearStage(ITransformer Features, ITransformer[] Models, float[] Weights, float[] Bias, float[] DenseMean, float[] DenseScale)
{
    /// <summary>The stage as a Core model (identity calibration), to compute margins exactly as the scorer does.</summary>
    public ClassifierModel ToCore(FeatureSpace space, NgramPrecision precision) => new(space, Weights, Bias, DenseMean, DenseScale,
        [.. Enumerable.Repeat(PlattCalibration.Identity, Categories.Count)], [0.5f, 0.5f, 0.5f, 0.5f], precision: precision);
}

/// <summary>
/// One-vs-rest logistic regression with ML.NET: per category, a binary trainer over
/// <c>Concatenate(Ngrams, NormalizeMeanVariance(Dense))</c>, which is the model's own index space
/// <c>[word n-grams | char n-grams | dense signals]</c>, so the learnt weight vector is exported as it is.
/// </summary>
internal static class LinearLearner
{
    /// <summary>Standardising the dense signals (zero mean, unit variance) puts them on the scale of the unit-norm n-gram blocks.</summary>
    public static ITransformer FitFeatures(MLContext ml, IDataView paragraphs) =>
        ml.Transforms.NormalizeMeanVariance(MlNetRows.Dense, fixZero: false)
            .Append(ml.Transforms.Concatenate(MlNetRows.Features, MlNetRows.Ngrams, MlNetRows.Dense))
            .Fit(paragraphs);

    /// <summary>Trains the four categories side by side, each single-threaded in an ML.NET context of its own seeded from
    /// <paramref name="seed"/> (a context's random source is not meant to be shared across threads), so the result is deterministic.</summary>
    public static LinearStage Fit(FeaturizedSet set, FeatureSpace space, ITransformer features, LinearOptions options, IReadOnlyList<int> rows, int seed)
    {
        var positiveWeights = PositiveWeights(set, rows, options.MaxPositiveWeight);
        // Featurized once and cached: the trainers make many passes, and the four share it.
        var context = new MLContext(seed);
        var data = context.Data.Cache(features.Transform(MlNetRows.Paragraphs(context, set, space, rows, positiveWeights)));
        var models = new ITransformer[Categories.Count];
        var parameters = new LinearBinaryModelParameters[Categories.Count];
        Parallel.For(0, Categories.Count, k =>
        {
            var ml = new MLContext(seed + k);
            // Rows the category's labels do not judge carry weight 0; left out, so the trainer sees only the rows it learns from.
            var judged = ml.Data.FilterRowsByColumn(data, MlNetRows.WeightOf((Category)k), lowerBound: float.Epsilon);
            (models[k], parameters[k]) = Train(ml, options, judged, (Category)k);
        });

        var weights = new float[space.Dimension * Categories.Count];
        for (int k = 0; k < Categories.Count; k++)
        {
            var w = parameters[k].Weights;
            for (int feature = 0; feature < w.Count; feature++)
                weights[feature * Categories.Count + k] = w[feature];
        }
        var (mean, scale) = DenseScaling(features, space);
        return new LinearStage(features, models, weights, [.. parameters.Select(p => p.Bias)], mean, scale);
    }

    /// <summary>SDCA computes its duality gap, a full extra pass, every this many iterations (its default with one thread is every one).</summary>
    private const int CheckEvery = 10;

    private static (ITransformer, LinearBinaryModelParameters) Train(MLContext ml, LinearOptions options, IDataView data, Category category)
    {
        switch (options.Trainer)
        {
            case LinearTrainer.Sdca:
                var sdca = ml.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options
                {
                    LabelColumnName = MlNetRows.LabelOf(category), FeatureColumnName = MlNetRows.Features, ExampleWeightColumnName = MlNetRows.WeightOf(category),
                    LossFunction = new LogLoss(), L1Regularization = options.L1, L2Regularization = options.L2, MaximumNumberOfIterations = options.MaxIterations, NumberOfThreads = 1,
                    ConvergenceCheckFrequency = CheckEvery,
                }).Fit(data);
                return (sdca, sdca.Model);
            case LinearTrainer.Lbfgs:
                var lbfgs = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = MlNetRows.LabelOf(category), FeatureColumnName = MlNetRows.Features, ExampleWeightColumnName = MlNetRows.WeightOf(category),
                    L1Regularization = options.L1, L2Regularization = options.L2, MaximumNumberOfIterations = options.MaxIterations, NumberOfThreads = 1,
                }).Fit(data);
                return (lbfgs, lbfgs.Model.SubModel);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Trainer, "unknown linear trainer");
        }
    }

    /// <summary>The normaliser's (x - offset) * scale, exported as Core's dense mean and scale.</summary>
    private static (float[] Mean, float[] Scale) DenseScaling(ITransformer features, FeatureSpace space)
    {
        var normalizer = ((TransformerChain<ColumnConcatenatingTransformer>)features).OfType<NormalizingTransformer>().Single();
        var affine = (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)normalizer.GetNormalizerModelParameters(0);
        var offset = affine.Offset.IsDefaultOrEmpty ? new float[space.DenseCount] : affine.Offset.ToArray();
        return (offset, affine.Scale.ToArray());
    }

    /// <summary>Weight on positive examples per category: sqrt(negatives / positives), between 1 and <paramref name="cap"/>, so rare
    /// categories are learnt without drowning the rest (ML.NET trainers take example weights, not class weights); calibration
    /// undoes the shift later.</summary>
    public static float[] PositiveWeights(FeaturizedSet set, IReadOnlyList<int> rows, float cap)
    {
        var weights = new float[Categories.Count];
        foreach (var category in Categories.All)
        {
            int positives = 0, negatives = 0;
            foreach (int row in rows)
            {
                if (!set.Judges(row, category)) continue;
                if (set.Label(row).Contains(category)) positives++; else negatives++;
            }
            float ratio = positives == 0 ? 1 : (float)negatives / positives;
            weights[(int)category] = Math.Clamp(MathF.Sqrt(ratio), 1f, cap);
        }
        return weights;
    }
}
