using Classifier.Core.Model;

namespace Classifier.Training.Trees;

/// <summary>Settings of boosting. Early stopping needs a validation set and <see cref="EarlyStoppingRounds"/> &gt; 0;
/// <see cref="SubsampleFraction"/> &lt; 1 fits each tree to a random share of the rows (the only use of <see cref="Seed"/>).</summary>
public sealed record BoostingOptions(
    int NumTrees = 100, float LearningRate = 0.1f, int MaxLeaves = 31, int MinExamplesPerLeaf = 20, float L2 = 1f,
    float MinGain = 0f, int EarlyStoppingRounds = 10, float SubsampleFraction = 1f, int Seed = 42)
{
    public TreeOptions Tree => new(MaxLeaves, MinExamplesPerLeaf, L2, MinGain);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(NumTrees, nameof(NumTrees));
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingRounds, nameof(EarlyStoppingRounds));
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be finite and > 0");
        if (!(SubsampleFraction is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(SubsampleFraction), SubsampleFraction, "must be in (0, 1]");
        Tree.Validate();
    }
}

/// <summary>
/// Gradient boosting of regression trees for binary logistic loss. Starts from the log-odds of the
/// weighted positive rate; each round fits a tree (<see cref="TreeLearner"/>) to the gradient
/// w(p − y) and hessian w·p(1 − p) of the current scores and adds it shrunk by the learning rate.
/// Rows are binned once (<see cref="FeatureBinner"/>); scores are updated by routing binned rows, which
/// lands every row in the leaf the float thresholds of the final <see cref="TreeEnsemble"/> give it.
/// Single-threaded and deterministic for a given seed.
/// </summary>
public static class GradientBoostingTrainer
{
    /// <param name="ValidationLoss">Weighted log loss on the validation set after each tree, if one was given.</param>
    /// <param name="BestTreeCount">The trees kept: the count of least validation loss under early stopping, else all.</param>
    public sealed record Result(TreeEnsemble Ensemble, IReadOnlyList<double> ValidationLoss, int BestTreeCount);

    public static Result Train(DenseExamples train, BoostingOptions options, DenseExamples? validation = null, IProgress<int>? treeDone = null)
    {
        options.Validate();
        if (validation is not null && validation.FeatureCount != train.FeatureCount)
            throw new ArgumentException($"validation has {validation.FeatureCount} features, training {train.FeatureCount}");
        var binner = FeatureBinner.Fit(train);
        var bins = binner.Apply(train);
        var validBins = validation is null ? null : binner.Apply(validation);

        float baseScore = BaseScore(train);
        var scores = Filled(train.Count, baseScore);
        var validScores = Filled(validation?.Count ?? 0, baseScore);
        var gradients = new float[train.Count];
        var hessians = new float[train.Count];
        var sample = new int[train.Count];
        var learner = new TreeLearner(binner, bins, options.Tree);
        var random = new Random(options.Seed);

        bool earlyStopping = validation is not null && options.EarlyStoppingRounds > 0;
        var trees = new List<RegressionTree>();
        var losses = new List<double>();
        double bestLoss = validation is null ? double.PositiveInfinity : LogLoss(validation, validScores);
        int bestCount = 0;
        for (int round = 0; round < options.NumTrees; round++)
        {
            Gradients(train, scores, gradients, hessians);
            int sampled = Sample(train.Count, options.SubsampleFraction, random, sample);
            var tree = learner.Grow(sample.AsSpan(0, sampled), gradients, hessians).Scaled(options.LearningRate);
            trees.Add(tree);
            AddTree(tree, bins, scores);
            treeDone?.Report(round + 1);
            if (validation is null)
                continue;

            AddTree(tree, validBins!, validScores);
            double loss = LogLoss(validation, validScores);
            losses.Add(loss);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                bestCount = trees.Count;
            }
            else if (earlyStopping && trees.Count - bestCount >= options.EarlyStoppingRounds)
                break;
        }
        if (earlyStopping)
            trees.RemoveRange(bestCount, trees.Count - bestCount);
        return new Result(Assemble(baseScore, train.FeatureCount, trees), losses, trees.Count);
    }

    /// <summary>Log-odds of the weighted positive rate, clamped so a one-class set gives a finite score.</summary>
    private static float BaseScore(DenseExamples data)
    {
        double positive = 0, total = 0;
        for (int row = 0; row < data.Count; row++)
        {
            double weight = data.Weight(row);
            total += weight;
            if (data.Labels[row]) positive += weight;
        }
        if (!(total > 0))
            throw new ArgumentException("the training set has no weight");
        double rate = Math.Clamp(positive / total, 1e-6, 1 - 1e-6);
        return (float)Math.Log(rate / (1 - rate));
    }

    private static void Gradients(DenseExamples data, ReadOnlySpan<float> scores, Span<float> gradients, Span<float> hessians)
    {
        for (int row = 0; row < scores.Length; row++)
        {
            float p = PlattCalibration.Sigmoid(scores[row]);
            float weight = data.Weight(row);
            gradients[row] = weight * (p - (data.Labels[row] ? 1f : 0f));
            hessians[row] = weight * p * (1 - p);
        }
    }

    /// <summary>Each row independently with probability <paramref name="fraction"/>, in ascending order; all rows when 1.</summary>
    private static int Sample(int count, float fraction, Random random, Span<int> sample)
    {
        int n = 0;
        for (int row = 0; row < count; row++)
            if (fraction >= 1 || random.NextSingle() < fraction)
                sample[n++] = row;
        return n;
    }

    private static void AddTree(RegressionTree tree, BinnedRows bins, Span<float> scores)
    {
        for (int row = 0; row < scores.Length; row++)
            scores[row] += tree.Predict(bins.Row(row));
    }

    private static double LogLoss(DenseExamples data, ReadOnlySpan<float> scores)
    {
        double loss = 0, total = 0;
        for (int row = 0; row < scores.Length; row++)
        {
            // log(1 + e^-m) for margin m = ±score, computed without overflow.
            double margin = data.Labels[row] ? scores[row] : -scores[row];
            double weight = data.Weight(row);
            loss += weight * (Math.Max(-margin, 0) + Math.Log(1 + Math.Exp(-Math.Abs(margin))));
            total += weight;
        }
        return total > 0 ? loss / total : 0;
    }

    private static float[] Filled(int count, float value)
    {
        var array = new float[count];
        Array.Fill(array, value);
        return array;
    }

    /// <summary>Concatenates the trees' nodes and leaves, shifting each tree's local child references.</summary>
    private static TreeEnsemble Assemble(float baseScore, int featureCount, List<RegressionTree> trees)
    {
        var roots = new int[trees.Count];
        var nodes = new List<TreeEnsemble.Node>();
        var leaves = new List<float>();
        for (int t = 0; t < trees.Count; t++)
        {
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            int Shift(int child) => child >= 0 ? child + nodeBase : ~(~child + leafBase);
            roots[t] = Shift(trees[t].Root);
            nodes.AddRange(trees[t].Nodes.Select(n => n with { Left = Shift(n.Left), Right = Shift(n.Right) }));
            leaves.AddRange(trees[t].LeafValues);
        }
        return new TreeEnsemble(baseScore, featureCount, roots, [.. nodes], [.. leaves]);
    }
}
