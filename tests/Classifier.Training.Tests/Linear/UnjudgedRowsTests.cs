using Classifier.Core;
using Classifier.Training.Data;
using Classifier.Training.Learners;
using Microsoft.ML;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Linear;

/// <summary>A paragraph whose label does not judge a category (<see cref="LabelledParagraph.Unjudged"/>) is left out of that
/// category's training, and only of that category's.</summary>
public sealed class UnjudgedRowsTests
{
    /// <summary>Template lines a persuasion corpus calls "clean": for filler they say nothing, for spam they are evidence.</summary>
    private static LabelledDocument Persuasion(CategorySet unjudged) => Doc("persuasion/1",
        [.. new[] { "Tags: politics, budget, council", "Tags: courts, justice, trials", "Copyright 2019 The Associated Press." }
            .Select(text => P(text) with { Unjudged = unjudged })]);

    private static (float[] Weights, float[] Bias) Train(IEnumerable<LabelledDocument> documents, ITransformer features)
    {
        var set = FeaturizedSet.Build(documents, TinyProblem.Space, null, _ => 1f);
        var stage = LinearLearner.Fit(set, TinyProblem.Space, features, new LinearOptions(), [.. Enumerable.Range(0, set.Count)], seed: 1);
        return (stage.Weights, stage.Bias);
    }

    private static float[] Lane(float[] weights, Category category) =>
        [.. weights.Where((_, i) => i % Categories.Count == (int)category)];

    [Fact]
    public void Rows_unjudged_for_filler_train_filler_as_if_absent_and_spam_as_given()
    {
        var withRows = TinyProblem.Documents().Append(Persuasion(CategorySet.Filler)).ToList();
        // One normaliser for all three runs, so only the rows each trainer sees differ.
        var ml = new MLContext(seed: 1);
        var set = FeaturizedSet.Build(withRows, TinyProblem.Space, null, _ => 1f);
        var features = LinearLearner.FitFeatures(ml, MlNetRows.Paragraphs(ml, set, TinyProblem.Space, [.. Enumerable.Range(0, set.Count)], [1f, 1f, 1f, 1f]));

        var unjudged = Train(withRows, features);
        var absent = Train(TinyProblem.Documents(), features);
        var judged = Train(TinyProblem.Documents().Append(Persuasion(CategorySet.None)), features);

        // SDCA shuffles over the filtered view's source, so "as if absent" holds to the solver's tolerance, not bit for bit.
        double Distance(float[] a, float[] b, Category c) => Lane(a, c).Zip(Lane(b, c)).Max(x => Math.Abs(x.First - x.Second));
        double leftOut = Distance(unjudged.Weights, absent.Weights, Category.Filler), taught = Distance(judged.Weights, absent.Weights, Category.Filler);
        double spamLeftOut = Distance(unjudged.Weights, judged.Weights, Category.Spam), spamTaught = Distance(unjudged.Weights, absent.Weights, Category.Spam);
        // Measured: filler 0.029 left out against 1.40 taught; spam identical with or without filler judged, 0.63 from absent.
        Assert.True(leftOut < taught / 10, $"filler weights moved {leftOut} by rows left out, {taught} by the same rows judged");
        Assert.Equal(0, spamLeftOut);
        Assert.True(spamTaught > 0.1, $"spam weights moved only {spamTaught} by rows it judges");
    }
}
