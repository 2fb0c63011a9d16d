using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Linear;

namespace Classifier.Training.Tests.Linear;

public sealed class LogisticRegressionTrainerTests
{
    private static readonly LinearOptions Options = new(Epochs: 20, Seed: 5);

    private static (Scorer Scorer, LogisticRegressionTrainer.Result Result) Train(LinearOptions options)
    {
        var set = TinyProblem.Set();
        var scaling = DenseScaling.Fit(set);
        var result = LogisticRegressionTrainer.Train(set, TinyProblem.Space, scaling, options);
        return (new Scorer(TinyProblem.Model(result, scaling)), result);
    }

    [Fact]
    public void Separates_the_training_paragraphs()
    {
        var (scorer, _) = Train(Options);
        foreach (var doc in TinyProblem.Documents())
        {
            var scores = new ParagraphScore[doc.Paragraphs.Count];
            scorer.Score(doc.Texts, scores);
            for (int i = 0; i < scores.Length; i++)
                foreach (var category in new[] { Category.Spam, Category.Filler, Category.OffTopic, Category.Conspiracy })
                    Assert.True(scores[i].IsFlagged(category) == doc.Paragraphs[i].Labels.Contains(category),
                        $"{Categories.Name(category)} = {scores[i][category]:F3} for '{doc.Paragraphs[i].Text}'");
        }
    }

    [Fact]
    public void Ranks_unseen_similar_paragraphs_correctly()
    {
        var (scorer, _) = Train(Options);
        string[] texts =
        [
            "Headline about the new library and the local elections",
            "The mayor said the new library would open next spring after long delays in construction.",
            "Click here to buy now and get a free discount on your order today!",
            "Engineers reported that the repairs to the harbour wall were finished ahead of schedule.",
            "Tags: library, mayor, city",
        ];
        var scores = new ParagraphScore[texts.Length];
        scorer.Score(texts, scores);

        foreach (int prose in new[] { 1, 3 })
        {
            Assert.True(scores[2][Category.Spam] > scores[prose][Category.Spam], $"spam {scores[2][Category.Spam]:F3} vs prose {scores[prose][Category.Spam]:F3}");
            Assert.True(scores[4][Category.Filler] > scores[prose][Category.Filler], $"filler {scores[4][Category.Filler]:F3} vs prose {scores[prose][Category.Filler]:F3}");
        }
        Assert.True(scores[2][Category.Spam] > scores[4][Category.Spam]);
        Assert.True(scores[4][Category.Filler] > scores[2][Category.Filler]);
        Assert.True(scores[2].IsFlagged(Category.Spam));
        Assert.True(scores[4].IsFlagged(Category.Filler));
        Assert.False(scores[1].IsFlagged(Category.Spam) || scores[1].IsFlagged(Category.Filler));
    }

    [Fact]
    public void Training_loss_decreases_across_epochs()
    {
        var loss = Train(Options).Result.EpochLoss;
        Assert.Equal(Options.Epochs, loss.Count);
        Assert.All(loss, l => Assert.True(double.IsFinite(l) && l > 0));
        Assert.True(loss[^1] < loss[0] / 4, $"loss {loss[0]:F4} -> {loss[^1]:F4}");
        for (int e = 1; e < loss.Count; e++)
            Assert.True(loss[e] < loss[e - 1], $"epoch {e}: {loss[e - 1]:F5} -> {loss[e]:F5}");
    }

    [Fact]
    public void Reports_progress_once_per_epoch()
    {
        var reported = new List<int>();
        var set = TinyProblem.Set();
        LogisticRegressionTrainer.Train(set, TinyProblem.Space, DenseScaling.Fit(set), new LinearOptions(Epochs: 3), new SyncProgress(reported.Add));
        Assert.Equal([1, 2, 3], reported);
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_different_ones()
    {
        var a = Train(Options).Result;
        var b = Train(Options).Result;
        var c = Train(Options with { Seed = 6 }).Result;
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Bias, b.Bias);
        Assert.Equal(a.EpochLoss, b.EpochLoss);
        Assert.NotEqual(a.Weights, c.Weights);
        Assert.Contains(a.Weights, w => w != 0);
    }

    [Fact]
    public void Positive_weights_are_sqrt_of_negatives_over_positives_clamped()
    {
        // 30 rows: 6 spam (sqrt(24/6) = 2), 6 filler (2), no off_topic or conspiracy (1).
        var set = TinyProblem.Set();
        var weights = LogisticRegressionTrainer.PositiveWeights(set, Enumerable.Range(0, set.Count).ToArray(), cap: 10f);
        Assert.Equal(30, set.Count);
        Assert.Equal([2f, 1f, 1f, 2f], [weights[0], weights[1], weights[2], weights[3]]);

        var capped = LogisticRegressionTrainer.PositiveWeights(set, Enumerable.Range(0, set.Count).ToArray(), cap: 1.5f);
        Assert.Equal([1.5f, 1f, 1f, 1.5f], [capped[0], capped[1], capped[2], capped[3]]);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
