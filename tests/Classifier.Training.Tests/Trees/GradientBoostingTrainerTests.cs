using Classifier.Training.Trees;

namespace Classifier.Training.Tests.Trees;

public sealed class GradientBoostingTrainerTests
{
    [Fact]
    public void Xor_is_learnt_by_trees_of_four_leaves_but_not_by_stumps()
    {
        var xor = Synthetic.Xor();
        var options = new BoostingOptions(NumTrees: 30, LearningRate: 0.5f, MaxLeaves: 4, MinExamplesPerLeaf: 1, L2: 0.1f);
        var trees = GradientBoostingTrainer.Train(xor, options).Ensemble;
        var stumps = GradientBoostingTrainer.Train(xor, options with { MaxLeaves = 2 }).Ensemble;

        Assert.Equal(1.0, Accuracy(Synthetic.Predictions(trees, xor), xor.Labels));
        // A sum of functions of x alone and of y alone cannot take XOR's signs on all four corners.
        Assert.True(Accuracy(Synthetic.Predictions(stumps, xor), xor.Labels) < 1.0);
    }

    [Fact]
    public void A_step_is_split_close_to_its_threshold()
    {
        var step = Synthetic.Uniform(10_000, 1, r => r[0] > 0.3f);
        var stump = GradientBoostingTrainer.Train(step, new BoostingOptions(NumTrees: 1, MaxLeaves: 2)).Ensemble;
        Assert.InRange(Assert.Single(stump.Nodes.ToArray()).Threshold, 0.29f, 0.31f);

        var model = GradientBoostingTrainer.Train(step, new BoostingOptions(NumTrees: 50)).Ensemble;
        Assert.True(model.Predict([0.28f]) < 0);
        Assert.True(model.Predict([0.32f]) > 0);
    }

    [Fact]
    public void Missing_values_are_learnt_as_the_lowest_values()
    {
        var step = Synthetic.Uniform(5_000, 1, r => float.IsNaN(r[0]) || r[0] > 0.3f);
        for (int i = 0; i < step.Count; i += 10)
        {
            step.Features[i] = float.NaN;
            step.Labels[i] = false;
        }
        var model = GradientBoostingTrainer.Train(step, new BoostingOptions(NumTrees: 30)).Ensemble;
        Assert.True(model.Predict([float.NaN]) < 0);
        Assert.Equal(model.Predict([0f]), model.Predict([float.NaN]));
    }

    [Fact]
    public void Early_stopping_keeps_the_best_round_once_validation_loss_rises()
    {
        // Few noisy rows and unconstrained leaves: the trees soon fit noise and validation loss rises.
        static bool Label(float[] r) => r[0] > 0.5f;
        var train = Synthetic.Uniform(300, 5, Label, noise: 0.3, seed: 1);
        var validation = Synthetic.Uniform(3_000, 5, Label, noise: 0.3, seed: 2);
        var options = new BoostingOptions(NumTrees: 500, LearningRate: 0.3f, MinExamplesPerLeaf: 1, L2: 0.01f, EarlyStoppingRounds: 10);
        var result = GradientBoostingTrainer.Train(train, options, validation);

        var losses = result.ValidationLoss;
        Assert.True(losses.Count < options.NumTrees, $"ran all {losses.Count} rounds");
        Assert.Equal(result.BestTreeCount + options.EarlyStoppingRounds, losses.Count);
        Assert.Equal(result.BestTreeCount, result.Ensemble.TreeCount);
        Assert.InRange(result.BestTreeCount, 1, losses.Count - 1);
        Assert.Equal(losses.Min(), losses[result.BestTreeCount - 1]);
    }

    [Fact]
    public void The_same_seed_gives_identical_predictions_and_another_subsample_seed_differs()
    {
        var data = Synthetic.Uniform(2_000, 4, r => r[0] * r[1] > r[2] * 0.5f, noise: 0.1);
        var options = new BoostingOptions(NumTrees: 20, SubsampleFraction: 0.5f, Seed: 1);
        var a = Synthetic.Predictions(GradientBoostingTrainer.Train(data, options).Ensemble, data);
        var b = Synthetic.Predictions(GradientBoostingTrainer.Train(data, options).Ensemble, data);
        var c = Synthetic.Predictions(GradientBoostingTrainer.Train(data, options with { Seed = 2 }).Ensemble, data);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_base_score_is_the_log_odds_of_the_weighted_positive_rate()
    {
        var data = DenseExamples.FromRows([[0f], [1f], [2f], [3f]], [true, false, false, false], [3f, 1f, 1f, 1f]);
        var ensemble = GradientBoostingTrainer.Train(data, new BoostingOptions(NumTrees: 0)).Ensemble;
        Assert.Equal(0, ensemble.TreeCount);
        Assert.Equal(0f, ensemble.BaseScore, 6);
    }

    private static double Accuracy(float[] scores, bool[] labels) =>
        scores.Zip(labels).Count(x => x.First > 0 == x.Second) / (double)labels.Length;
}
