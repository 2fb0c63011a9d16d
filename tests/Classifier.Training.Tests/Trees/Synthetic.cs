using Classifier.Training.Trees;

namespace Classifier.Training.Tests.Trees;

/// <summary>Seeded synthetic problems for the tree tests.</summary>
internal static class Synthetic
{
    /// <summary>Uniform features in [0, 1); the label is <paramref name="label"/> of the row, flipped with probability <paramref name="noise"/>.</summary>
    public static DenseExamples Uniform(int rows, int features, Func<float[], bool> label, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var data = new float[rows][];
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            data[i] = [.. Enumerable.Range(0, features).Select(_ => random.NextSingle())];
            labels[i] = label(data[i]) ^ (random.NextDouble() < noise);
        }
        return DenseExamples.FromRows(data, labels);
    }

    /// <summary>The four corners of the unit square, label x XOR y, repeated unequally so that the first
    /// split has some gain (with equal counts every single split gains exactly nothing).</summary>
    public static DenseExamples Xor()
    {
        (float X, float Y, int Repeats)[] corners = [(0, 0, 40), (0, 1, 30), (1, 0, 20), (1, 1, 10)];
        var rows = corners.SelectMany(c => Enumerable.Repeat(new[] { c.X, c.Y }, c.Repeats)).ToArray();
        return DenseExamples.FromRows(rows, [.. rows.Select(r => r[0] != r[1])]);
    }

    public static float[] Predictions(Classifier.Core.Model.TreeEnsemble ensemble, DenseExamples data) =>
        [.. Enumerable.Range(0, data.Count).Select(i => ensemble.Predict(data.Row(i)))];
}
