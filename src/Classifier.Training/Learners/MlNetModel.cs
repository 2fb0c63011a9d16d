using System.Runtime.Intrinsics;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Text;
using Classifier.Training.Data;
using Classifier.Training.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Training.Learners;

/// <summary>
/// A trained model as ML.NET holds it: the linear stage's transformers, the tree stage's and the calibrators. It is
/// what Core's exported model must reproduce (the <c>MlNetParity</c> tests) and what ML.NET itself would score with
/// (the benchmarks). Featurization and the document means the trees read are ours in both.
/// </summary>
internal sealed class MlNetModel(FeatureSpace space, IParagraphEmbedder? embedder, LinearStage linear, IReadOnlyList<TreeStage>? trees, IReadOnlyList<ITransformer?> calibrators)
{
    public LinearStage Linear => linear;
    public IReadOnlyList<TreeStage>? Trees => trees;
    /// <summary>Per category, ML.NET's Platt calibrator; null where dev had a single class, so there was nothing to fit.</summary>
    public IReadOnlyList<ITransformer?> Calibrators => calibrators;

    /// <summary>Every paragraph's four probabilities, back to back over <paramref name="documents"/>, each document scored on its own,
    /// by ML.NET's Transform at every stage.</summary>
    public float[][] Predict(IReadOnlyList<Document> documents)
    {
        var set = FeaturizedSet.Unlabelled(documents, space, embedder);
        var ml = new MLContext(seed: 0);
        var rows = Enumerable.Range(0, set.Count).ToArray();
        var paragraphs = linear.Features.Transform(MlNetRows.Paragraphs(ml, set, space, rows, [1f, 1f, 1f, 1f]));
        var linearScored = linear.Models.Select(m => m.Transform(paragraphs)).ToArray();
        var scored = linearScored;
        if (trees is not null)
        {
            var margins = linearScored.Select(s => s.GetColumn<float>(MlNetRows.Score).ToArray()).ToArray();
            var rowMargins = rows.Select(r => Vector128.Create(margins[0][r], margins[1][r], margins[2][r], margins[3][r])).ToArray();
            var stacked = MlNetRows.Stacked(ml, StackingStage.Stack(set, rowMargins), new bool[set.Count], [.. Enumerable.Repeat(1f, set.Count)]);
            scored = [.. trees.Select(t => t.Model.Transform(stacked))];
        }
        var probabilities = Enumerable.Range(0, Categories.Count)
            .Select(k => (calibrators[k] ?? throw new InvalidOperationException(
                $"{Categories.Name((Category)k)} was not calibrated (dev had one class only): ML.NET holds no probability for it.")).Transform(scored[k]).GetColumn<float>(MlNetRows.Probability).ToArray()).ToArray();
        return [.. rows.Select(r => new[] { probabilities[0][r], probabilities[1][r], probabilities[2][r], probabilities[3][r] })];
    }
}
