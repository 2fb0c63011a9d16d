using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Linear;

namespace Classifier.Training.Tests.Linear;

/// <summary>The trainer learns on <see cref="FeaturizedSet"/> rows; the scorer must see the same margins for them
/// (with the n-gram weights it reads, <see cref="QuantizedWeights"/>, so that only the features are compared).</summary>
public sealed class TrainScoreConsistencyTests
{
    [Fact]
    public void Scorer_probabilities_match_the_margins_of_the_training_features()
    {
        var docs = TinyProblem.Documents();
        var set = FeaturizedSet.Build(docs, TinyProblem.Space, _ => 1f);
        var scaling = DenseScaling.Fit(set);
        var result = LogisticRegressionTrainer.Train(set, TinyProblem.Space, scaling, new LinearOptions(Epochs: 5));
        var scorer = new Scorer(TinyProblem.Model(result, scaling));
        int denseOffset = TinyProblem.Space.DenseOffset;

        int row = 0;
        foreach (var doc in docs)
        {
            var scores = new ParagraphScore[doc.Paragraphs.Count];
            scorer.Score(doc.Texts, scores);
            for (int i = 0; i < doc.Paragraphs.Count; i++, row++)
            {
                foreach (var category in Categories.All)
                {
                    int k = (int)category;
                    double margin = result.Bias[k];
                    var indices = set.Indices(row);
                    var values = set.Values(row);
                    for (int j = 0; j < indices.Length; j++)
                        margin += scorer.Model.NgramWeights.Weight(indices[j])[k] * values[j];
                    var dense = set.Dense(row);
                    for (int d = 0; d < dense.Length; d++)
                        margin += result.Weights[(denseOffset + d) * Categories.Count + k] * (dense[d] - scaling.Mean[d]) * scaling.Scale[d];
                    Assert.True(Math.Abs(PlattCalibration.Sigmoid((float)margin) - scores[i][category]) < 1e-4,
                        $"{doc.Id} #{i} {Categories.Name(category)}: trained margin {margin:F4} gives {PlattCalibration.Sigmoid((float)margin):F4}, scorer {scores[i][category]:F4}");
                }
            }
        }
        Assert.Equal(set.Count, row);
    }
}
