using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Linear;

/// <summary>The trainers learn on <see cref="FeaturizedSet"/> rows; the scorer, which hashes and sums n-grams as it goes,
/// must see the margins Core's one margin function gives those rows (the function stacking and calibration use).</summary>
public sealed class TrainScoreConsistencyTests
{
    [Theory]
    [InlineData(NgramPrecision.Int8)]
    [InlineData(NgramPrecision.Float32)]
    public void Scorer_probabilities_match_the_margins_of_the_training_features(object boxed)   // NgramPrecision is internal
    {
        var precision = (NgramPrecision)boxed;
        var docs = TinyProblem.Documents();
        var set = FeaturizedSet.Build(docs, TinyProblem.Space, null, _ => 1f);
        var model = TinyProblem.TrainLinear(set, precision);
        var scorer = new Scorer(model);

        int row = 0;
        foreach (var doc in docs)
        {
            var scores = new ParagraphScore[doc.Paragraphs.Count];
            scorer.Score(doc.Texts, scores);
            for (int i = 0; i < doc.Paragraphs.Count; i++, row++)
            {
                var margins = model.LinearMargins(set.Indices(row), set.Values(row), set.Dense(row));
                foreach (var category in Categories.All)
                {
                    float expected = PlattCalibration.Sigmoid(margins[(int)category]);
                    Assert.True(Math.Abs(expected - scores[i][category]) < 1e-5,
                        $"{doc.Id} #{i} {Categories.Name(category)}: training margin gives {expected:F6}, scorer {scores[i][category]:F6}");
                }
            }
        }
        Assert.Equal(set.Count, row);
        Assert.Contains(Enumerable.Range(0, set.Count), r => set.Label(r).Contains(Category.Spam));
    }
}
