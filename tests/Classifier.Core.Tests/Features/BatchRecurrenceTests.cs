using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Core.Tests.Features;

public class BatchRecurrenceTests
{
    [Theory]
    [InlineData("Posted 3 May | 2 comments", "posted 12 May, 40 Comments", true)]
    [InlineData("Tags: war, Europe", "TAGS - war Europe", true)]
    [InlineData("Posted 3 May", "Posted 3 June", false)]
    [InlineData("Share this article", "Share this article now", false)]
    public void FingerprintsFoldCasePunctuationAndNumbers(string a, string b, bool same) =>
        Assert.Equal(same, BatchRecurrence.Fingerprint(a) == BatchRecurrence.Fingerprint(b));

    [Fact]
    public void CountsOtherDocumentsNotOccurrences()
    {
        var recurrence = BatchRecurrence.Of([
            new Document("a", ["Title A", "Leave a reply", "Leave a reply", "Only here, twice", "Only here, twice"]),
            new Document("b", ["Title B", "leave a REPLY"]),
            new Document("c", ["Title C", "Something else entirely"]),
        ]);
        Assert.Equal(3, recurrence.Documents);
        Assert.Equal(1, recurrence.OtherDocuments(0, 1));
        Assert.Equal(1, recurrence.OtherDocuments(0, 2));
        Assert.Equal(1, recurrence.OtherDocuments(1, 1));
        Assert.Equal(0, recurrence.OtherDocuments(0, 3));   // repeated within one document only
        Assert.Equal(0, recurrence.OtherDocuments(2, 1));
        Assert.Equal(0, recurrence.OtherDocuments(1, 0));
    }

    [Fact]
    public void LinesWithoutLettersOrDigitsNeverRecur()
    {
        var recurrence = BatchRecurrence.Of([new Document("a", ["Title", "* * *"]), new Document("b", ["Other", "---"])]);
        Assert.Equal(0, recurrence.OtherDocuments(0, 1));
        Assert.Equal(0, recurrence.OtherDocuments(1, 1));
    }

    [Fact]
    public void AParagraphOutsideTheBatchIsAnError()
    {
        var recurrence = BatchRecurrence.Of([new Document("a", ["One", "Two"])]);
        Assert.Throws<ArgumentOutOfRangeException>(() => recurrence.OtherDocuments(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => recurrence.OtherDocuments(1, 0));
    }

    [Fact]
    public void TheFeaturizerWritesTheBatchSignalsAndClearsThemForADocumentAlone()
    {
        Document[] batch = [
            new("a", ["Ferry fares rise", "Related articles:", "The council voted on Tuesday."]),
            new("b", ["Bridge reopens", "Related articles"]),
            new("c", ["Harbour news", "RELATED ARTICLES", "Tides were high."]),
            new("d", ["Weather", "Sunny spells."]),
        ];
        var recurrence = BatchRecurrence.Of(batch);
        var featurizer = new DocumentFeaturizer(TestModels.SmallSpace);

        featurizer.Load(batch[0].Paragraphs, recurrence, 0);
        Assert.Equal(1f, featurizer.Dense(1)[(int)DenseFeature.RecursInBatch]);
        Assert.Equal(2f / 3, featurizer.Dense(1)[(int)DenseFeature.BatchRecurrenceShare], 5);
        Assert.Equal(0f, featurizer.Dense(2)[(int)DenseFeature.RecursInBatch]);
        Assert.Equal(0f, featurizer.Dense(2)[(int)DenseFeature.BatchRecurrenceShare]);

        // The buffers are reused: a document scored on its own must not inherit the batch's values.
        featurizer.Load(batch[0].Paragraphs);
        Assert.Equal(0f, featurizer.Dense(1)[(int)DenseFeature.RecursInBatch]);
        Assert.Equal(0f, featurizer.Dense(1)[(int)DenseFeature.BatchRecurrenceShare]);
    }

    [Fact]
    public void ScoringInABatchChangesOnlyTheRecurringParagraphsOfALinearModel()
    {
        var scorer = new Scorer(TestModels.Random(seed: 5));
        Document[] batch = [new("a", ["Ferry fares rise", "Leave a reply", "Fares rise by 5%."]), new("b", ["Bridge reopens", "Leave a Reply"])];
        var scores = new ParagraphScore[5];
        scorer.Score(batch, scores);
        var alone = scorer.Score(batch[0]);
        Assert.Equal(alone[0].Probabilities, scores[0].Probabilities);
        Assert.NotEqual(alone[1].Probabilities, scores[1].Probabilities);
        Assert.Equal(alone[2].Probabilities, scores[2].Probabilities);
        Assert.Throws<ArgumentException>(() => scorer.Score(batch, new ParagraphScore[4]));
    }
}
