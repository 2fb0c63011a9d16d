using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Data;

public sealed class DocumentBatchesTests
{
    private static LabelledDocument Document(string source, string id, int paragraphs, params string[] madeFrom) =>
        new(source, id, "topic", Split.Train, [.. Enumerable.Range(0, paragraphs).Select(i => new LabelledParagraph($"{id} paragraph {i}", CategorySet.None))])
        {
            MadeFrom = madeFrom,
        };

    [Fact]
    public void Batches_hold_one_source_each_in_order_and_close_at_the_paragraph_count()
    {
        int half = BatchRecurrence.BatchParagraphs / 2;
        var documents = new[]
        {
            Document("a", "a1", half), Document("b", "b1", 3), Document("a", "a2", half), Document("a", "a3", 1),
        };
        var batches = DocumentBatches.BySource(documents).Select(b => b.Select(d => d.Id).ToArray()).ToArray();
        Assert.Equal([["a1", "a2"], ["a3"], ["b1"]], batches);
    }

    [Fact]
    public void Spliced_documents_sharing_a_host_or_a_donor_go_to_different_batches()
    {
        var documents = new[]
        {
            Document("spliced:x", "s1", 5, "host1", "donor1"),
            Document("spliced:x", "s2", 5, "host2", "donor1"),   // same donor as s1
            Document("spliced:x", "s3", 5, "host3", "donor2"),
            Document("spliced:x", "s4", 5, "host1", "donor3"),   // same host as s1
        };
        var batches = DocumentBatches.BySource(documents).Select(b => b.Select(d => d.Id).ToArray()).ToArray();
        Assert.Equal([["s1", "s3"], ["s2", "s4"]], batches);
        Assert.All(batches.SelectMany(b => b).GroupBy(id => id), g => Assert.Single(g));
    }
}
