using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Training.Data;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Data;

public sealed class FeaturizedSetTests
{
    [Fact]
    public void Keeps_labelled_positively_weighted_paragraphs_with_labels_and_combined_weights()
    {
        var docs = new[]
        {
            Doc("a/1", P("Title"), new LabelledParagraph("Unlabelled comment", CategorySet.None, IsLabelled: false),
                new LabelledParagraph("Buy now!", CategorySet.Spam, Weight: 3f), new LabelledParagraph("Ignored", CategorySet.Filler, Weight: 0f)),
            Doc("b/2", P("Tags: x, y", CategorySet.Filler)),
        };
        var space = new FeatureSpace(10, 10, 2, 3, 5);
        var set = FeaturizedSet.Build(docs, space, null, d => d.Id == "a/1" ? 0.5f : 2f);

        Assert.Equal(3, set.Count);
        Assert.Equal([CategorySet.None, CategorySet.Spam, CategorySet.Filler], Enumerable.Range(0, 3).Select(set.Label));
        Assert.Equal([0.5f, 1.5f, 2f], Enumerable.Range(0, 3).Select(set.Weight));
        for (int row = 0; row < set.Count; row++)
        {
            Assert.NotEqual(0, set.Indices(row).Length);
            Assert.Equal(set.Indices(row).Length, set.Values(row).Length);
            Assert.All(set.Indices(row).ToArray(), i => Assert.InRange(i, 0, space.DenseOffset - 1));
            Assert.Equal(DenseFeatures.Count, set.Dense(row).Length);
        }
        // The dense block is computed in the context of the whole document: the spam line is not first.
        Assert.Equal(1f, set.Dense(0)[(int)DenseFeature.IsFirst]);
        Assert.Equal(0f, set.Dense(1)[(int)DenseFeature.IsFirst]);
        Assert.Equal(1f, set.Dense(1)[(int)DenseFeature.Exclamations] * 5);
    }
}
