using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Evaluation;
using Classifier.Training.Tests.Linear;

namespace Classifier.Training.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Scores_labelled_paragraphs_only_and_measures_each_category()
    {
        var scorer = new Scorer(TinyProblem.TrainLinear(TinyProblem.Set()));

        var docs = TinyProblem.Documents();
        // One more document, longer than the evaluator's initial buffer, with an unlabelled paragraph.
        docs.Add(new LabelledDocument("test", "extra/1", "extra", Split.Test,
        [
            .. TinyProblem.News.Select(t => new LabelledParagraph(t, CategorySet.None)),
            .. TinyProblem.Spam.Select(t => new LabelledParagraph(t, CategorySet.Spam)),
            new LabelledParagraph("Reader comment that nobody labelled", CategorySet.Spam, IsLabelled: false),
        ]));

        var metrics = Evaluator.Evaluate(scorer, "tiny", docs);

        Assert.Equal("tiny", metrics.Name);
        Assert.Equal(7, metrics.Documents);
        Assert.Equal(30 + 18, metrics.Paragraphs);
        Assert.Equal(Categories.Count, metrics.ByCategory.Count);
        Assert.All(metrics.ByCategory, m => Assert.Equal(48, m.Count));
        Assert.Equal(12, metrics[Category.Spam].Positives);
        Assert.Equal(6, metrics[Category.Filler].Positives);
        Assert.Equal(0, metrics[Category.OffTopic].Positives);
        Assert.True(metrics[Category.Spam].F1 > 0.9, $"spam F1 {metrics[Category.Spam].F1}");
        Assert.Equal(1.0, metrics[Category.Filler].AveragePrecision, 1e-9);
    }
}
