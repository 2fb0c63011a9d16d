using Classifier.Core.Model;
using Classifier.Training.Learners;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Training.Tests.Trees;

/// <summary>Rows of a synthetic problem: <see cref="FeatureCount"/> floats each, and a label.</summary>
internal sealed record SyntheticRows(float[][] Rows, bool[] Labels)
{
    public int Count => Rows.Length;
    public int FeatureCount => Rows.Length == 0 ? 0 : Rows[0].Length;
    public ReadOnlySpan<float> Row(int i) => Rows[i];
}

/// <summary>Seeded synthetic problems for the tree tests, and ensembles trained on them by ML.NET and exported as the pipeline exports them.</summary>
internal static class Synthetic
{
    /// <summary>Uniform features in [0, 1); the label is <paramref name="label"/> of the row, flipped with probability <paramref name="noise"/>.</summary>
    public static SyntheticRows Uniform(int rows, int features, Func<float[], bool> label, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var data = new float[rows][];
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            data[i] = [.. Enumerable.Range(0, features).Select(_ => random.NextSingle())];
            labels[i] = label(data[i]) ^ (random.NextDouble() < noise);
        }
        return new SyntheticRows(data, labels);
    }

    /// <summary>An ensemble trained by ML.NET on <paramref name="data"/> (without early stopping: the validation set is the training set).</summary>
    public static TreeEnsemble Train(SyntheticRows data, TreeOptions options, int seed = 1)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.FeatureCount);
        var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, data.Count).Select(i => new Row { Features = data.Rows[i], Label = data.Labels[i], Weight = 1 }), schema);
        return TreeLearner.Fit(ml, view, view, options with { EarlyStoppingRounds = 0 }, seed).Ensemble;
    }

    public static float[] Predictions(TreeEnsemble ensemble, SyntheticRows data) =>
        [.. Enumerable.Range(0, data.Count).Select(i => ensemble.Predict(data.Row(i)))];

    private sealed class Row
    {
        public float[] Features = [];
        public bool Label;
        public float Weight;
    }
}
