using Classifier.Core.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Classifier.Training.Learners;

/// <summary>ML.NET's boosted-tree trainers this stage can use.</summary>
internal enum TreeTrainer { LightGbm, FastTree }

/// <summary>Settings of the tree stage, named as the ML.NET trainers name them. <see cref="EarlyStoppingRounds"/> and
/// <see cref="L2Regularization"/> (of leaf values) apply to LightGbm, which stops on the validation set's weighted log loss;
/// FastTree instead prunes to the ensemble size of least validation error rate.</summary>
internal sealed record TreeOptions(TreeTrainer Trainer = TreeTrainer.LightGbm, int NumberOfTrees = 200, int NumberOfLeaves = 15,
    int MinimumExampleCountPerLeaf = 40, double LearningRate = 0.2, int EarlyStoppingRounds = 20, double L2Regularization = 1);

/// <summary>A category's trained ensemble: ML.NET's transformer (its Score column is the raw tree score) and Core's export of it.</summary>
internal sealed record TreeStage(ITransformer Model, TreeEnsemble Ensemble)
{
    public int TreeCount => Ensemble.TreeCount;
}

/// <summary>
/// Boosted trees per category with ML.NET (LightGbm or FastTree), stopped early on a validation set, then exported
/// tree by tree into Core's <see cref="TreeEnsemble"/>.
/// </summary>
internal static class TreeLearner
{
    /// <param name="validation">Stops the boosting early; null (e.g. data too small to have dev documents) trains every tree.</param>
    public static TreeStage Fit(MLContext ml, IDataView train, IDataView? validation, TreeOptions options, int seed)
    {
        int featureCount = ((VectorDataViewType)train.Schema[MlNetRows.Features].Type).Size;
        switch (options.Trainer)
        {
            case TreeTrainer.LightGbm:
                var lightGbm = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = MlNetRows.Label, FeatureColumnName = MlNetRows.Features, ExampleWeightColumnName = MlNetRows.Weight,
                    NumberOfIterations = options.NumberOfTrees, NumberOfLeaves = options.NumberOfLeaves,
                    MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf, LearningRate = options.LearningRate,
                    Booster = new GradientBooster.Options { L2Regularization = options.L2Regularization },
                    EarlyStoppingRound = validation is null ? 0 : options.EarlyStoppingRounds,
                    EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.Logloss,
                    NumberOfThreads = 1, Seed = seed, Silent = true,
                });
                var lightGbmModel = validation is null ? lightGbm.Fit(train) : lightGbm.Fit(train, validation);
                return new TreeStage(lightGbmModel, Export(lightGbmModel.Model.SubModel.TrainedTreeEnsemble, featureCount));
            case TreeTrainer.FastTree:
                var fastTree = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = MlNetRows.Label, FeatureColumnName = MlNetRows.Features, ExampleWeightColumnName = MlNetRows.Weight,
                    NumberOfTrees = options.NumberOfTrees, NumberOfLeaves = options.NumberOfLeaves,
                    MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf, LearningRate = options.LearningRate,
                    EnablePruning = validation is not null, NumberOfThreads = 1, Seed = seed,
                });
                var fastTreeModel = validation is null ? fastTree.Fit(train) : fastTree.Fit(train, validation);
                return new TreeStage(fastTreeModel, Export(fastTreeModel.Model.SubModel.TrainedTreeEnsemble, featureCount));
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Trainer, "unknown tree trainer");
        }
    }

    /// <summary>
    /// ML.NET's trees in Core's layout. Both send a row left when <c>value &lt;= threshold</c> and encode a leaf child
    /// as <c>~leaf</c>; a split node comes after its parent, which <see cref="TreeEnsemble"/> checks. A tree's weight is
    /// folded into its leaf values, the ensemble's bias into the base score.
    /// </summary>
    public static TreeEnsemble Export(RegressionTreeEnsemble ensemble, int featureCount)
    {
        var roots = new List<int>();
        var nodes = new List<TreeEnsemble.Node>();
        var leaves = new List<float>();
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            int Shift(int child) => child >= 0 ? child + nodeBase : ~(~child + leafBase);
            roots.Add(tree.NumberOfNodes == 0 ? ~leafBase : nodeBase);
            for (int n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                    throw new NotSupportedException("Categorical splits are not exported: the stacked features are all numeric.");
                nodes.Add(new TreeEnsemble.Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n],
                    Shift(tree.LeftChild[n]), Shift(tree.RightChild[n])));
            }
            double weight = ensemble.TreeWeights[t];
            leaves.AddRange(tree.LeafValues.Select(v => (float)(v * weight)));
        }
        return new TreeEnsemble((float)ensemble.Bias, featureCount, [.. roots], [.. nodes], [.. leaves]);
    }
}
