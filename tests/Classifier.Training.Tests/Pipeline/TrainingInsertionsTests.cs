using Classifier.Core;
using Classifier.Training.Data;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Tests.Pipeline;

public sealed class TrainingInsertionsTests
{
    private static TrainingData Load(int perShape) => TrainingData.Load(
        new TrainingOptions { DataPaths = [RepoPaths.Articles], CorporaPath = null, SplicedTrain = 20, SplicedEval = 10, InsertionsPerShape = perShape }, _ => { });

    [Fact]
    public void Insertions_of_every_shape_go_to_train_and_dev_but_not_to_test()
    {
        var without = Load(0);
        var with = Load(6);
        static int Inserted(TrainingData data, Split split) => data.In(split).Count(d => d.Id.StartsWith("inserted/", StringComparison.Ordinal));
        Assert.Equal(0, Inserted(without, Split.Train));
        Assert.True(Inserted(with, Split.Train) > 12, $"{Inserted(with, Split.Train)} training insertions");
        Assert.True(Inserted(with, Split.Dev) > 0);
        Assert.Equal(0, Inserted(with, Split.Test));
        // Every other document is the same with and without them.
        Assert.Equal(without.Documents.Select(d => d.Id), with.Documents.Where(d => !d.Id.StartsWith("inserted/", StringComparison.Ordinal)).Select(d => d.Id));
        // Some training insertions are longer than the 1-3 paragraph splices.
        Assert.Contains(with.In(Split.Train).Where(d => d.Id.StartsWith("inserted/", StringComparison.Ordinal)),
            d => d.Paragraphs.Count(p => p.Labels.Contains(Category.OffTopic)) > 5);
    }
}
