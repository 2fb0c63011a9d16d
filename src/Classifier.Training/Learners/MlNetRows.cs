using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Training.Learners;

/// <summary>
/// Featurized paragraphs as ML.NET data views. The featurizer is ours (Core's, so training sees exactly what
/// scoring computes); ML.NET reads its output lazily, one row class per stage.
/// </summary>
internal static class MlNetRows
{
    public const string Ngrams = nameof(ParagraphRow.Ngrams), Dense = nameof(ParagraphRow.Dense), Features = "Features",
        Label = nameof(StackedRow.Label), Weight = nameof(StackedRow.Weight), Score = "Score", Probability = "Probability";

    /// <summary>The linear stage's input: hashed n-grams (sparse, in the model's index space), the raw dense signals, and
    /// per category a label and a weight, so that one cached view serves the four trainers.</summary>
    public sealed class ParagraphRow
    {
        public VBuffer<float> Ngrams;
        public float[] Dense = [];
        public bool Label0, Label1, Label2, Label3;
        public float Weight0, Weight1, Weight2, Weight3;
    }

    public static string LabelOf(Category category) => "Label" + (int)category;
    public static string WeightOf(Category category) => "Weight" + (int)category;

    /// <summary>The tree stage's input: a row of <see cref="StackedFeatures"/>.</summary>
    public sealed class StackedRow
    {
        public float[] Features = [];
        public bool Label;
        public float Weight;
    }

    /// <summary>A calibrator's input: one category's margin and label.</summary>
    public sealed class ScoredRow
    {
        public float Score;
        public bool Label;
    }

    /// <summary>The schema of <see cref="ParagraphRow"/> in <paramref name="space"/>: vector sizes are not known at compile time.</summary>
    public static SchemaDefinition ParagraphSchema(FeatureSpace space)
    {
        var schema = SchemaDefinition.Create(typeof(ParagraphRow));
        schema[Ngrams].ColumnType = new VectorDataViewType(NumberDataViewType.Single, space.DenseOffset);
        schema[Dense].ColumnType = new VectorDataViewType(NumberDataViewType.Single, space.DenseCount);
        return schema;
    }

    public static SchemaDefinition StackedSchema()
    {
        var schema = SchemaDefinition.Create(typeof(StackedRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, StackedFeatures.Count);
        return schema;
    }

    /// <summary>One row of <paramref name="set"/>'s features, without labels or weights.</summary>
    public static ParagraphRow Paragraph(FeaturizedSet set, FeatureSpace space, int row) => new()
    {
        Ngrams = new VBuffer<float>(space.DenseOffset, set.Indices(row).Length, set.Values(row).ToArray(), set.Indices(row).ToArray()),
        Dense = set.Dense(row).ToArray(),
    };

    /// <summary>Rows of <paramref name="set"/>; <paramref name="positiveWeights"/> multiply a row's weight where it is a positive of that
    /// category, and a category the row's label does not judge gets weight 0.</summary>
    public static IDataView Paragraphs(MLContext ml, FeaturizedSet set, FeatureSpace space, IReadOnlyList<int> rows, IReadOnlyList<float> positiveWeights) =>
        ml.Data.LoadFromEnumerable(rows.Select(row =>
        {
            var labels = set.Label(row);
            // Zero where the row's label does not speak to the category: LinearLearner leaves those rows out of its training.
            float Weight(Category c) => !set.Judges(row, c) ? 0f : set.Weight(row) * (labels.Contains(c) ? positiveWeights[(int)c] : 1f);
            var paragraph = Paragraph(set, space, row);
            paragraph.Label0 = labels.Contains(Category.Spam);
            paragraph.Label1 = labels.Contains(Category.OffTopic);
            paragraph.Label2 = labels.Contains(Category.Conspiracy);
            paragraph.Label3 = labels.Contains(Category.Filler);
            paragraph.Weight0 = Weight(Category.Spam);
            paragraph.Weight1 = Weight(Category.OffTopic);
            paragraph.Weight2 = Weight(Category.Conspiracy);
            paragraph.Weight3 = Weight(Category.Filler);
            return paragraph;
        }), ParagraphSchema(space));

    /// <summary>Rows of <paramref name="stacked"/>, <see cref="StackedFeatures.Count"/> floats each, back to back.</summary>
    public static IDataView Stacked(MLContext ml, float[] stacked, IReadOnlyList<bool> labels, IReadOnlyList<float> weights)
    {
        int width = StackedFeatures.Count;
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, labels.Count).Select(row => new StackedRow
        {
            Features = stacked.AsSpan(row * width, width).ToArray(),
            Label = labels[row],
            Weight = weights[row],
        }), StackedSchema());
    }

    public static IDataView Scored(MLContext ml, IReadOnlyList<float> margins, IReadOnlyList<bool> labels) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, margins.Count).Select(i => new ScoredRow { Score = margins[i], Label = labels[i] }));
}
