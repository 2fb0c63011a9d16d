using Classifier.Core;
using Classifier.Training.Data;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Data;

public sealed class SplicerTests
{
    /// <summary>Six documents over three topics; every text is unique, so its origin can be traced.</summary>
    private static readonly List<LabelledDocument> Pool =
    [
        .. new[] { "sport", "politics", "science" }.SelectMany(topic => Enumerable.Range(0, 2).Select(n => Doc($"{topic}/{n}",
            P($"{topic} {n} title"),
            P($"{topic} {n} body one" + Long),
            P($"{topic} {n} spam" + Long, CategorySet.Spam),
            P($"{topic} {n} short"),
            P($"{topic} {n} body two" + Long),
            P($"{topic} {n} body three" + Long),
            P($"{topic} {n} tags", CategorySet.Filler)))),
        Doc("tiny/0", P("tiny title"), P("tiny body" + Long)),
    ];

    private static readonly Dictionary<string, (LabelledDocument Doc, int Index)> Origin =
        Pool.SelectMany(d => d.Paragraphs.Select((p, i) => (p.Text, (d, i)))).ToDictionary(x => x.Text, x => x.Item2);

    [Fact]
    public void Same_seed_gives_identical_documents_and_another_seed_differs()
    {
        var a = Splicer.Generate(Pool, Pool, 40, seed: 7);
        var b = Splicer.Generate(Pool, Pool, 40, seed: 7);
        var c = Splicer.Generate(Pool, Pool, 40, seed: 8);
        Assert.Equal(40, a.Count);
        Assert.Equal(Render(a), Render(b));
        Assert.NotEqual(Render(a), Render(c));
    }

    [Fact]
    public void Inserted_runs_are_off_topic_clean_prose_from_another_topic_after_the_title()
    {
        var spliced = Splicer.Generate(Pool, Pool, 200, seed: 3);
        Assert.Equal(200, spliced.Count);
        foreach (var doc in spliced)
        {
            var inserted = doc.Paragraphs.Select((p, i) => (p, i)).Where(x => x.p.Labels == CategorySet.OffTopic).ToList();
            Assert.InRange(inserted.Count, 1, 3);
            Assert.All(inserted, x => Assert.True(x.p.IsLabelled));
            // One contiguous run, never before the title.
            Assert.True(inserted[0].i >= 1, $"{doc.Id}: inserted at position 0");
            Assert.Equal(Enumerable.Range(inserted[0].i, inserted.Count), inserted.Select(x => x.i));

            // The run: consecutive, originally clean, long paragraphs (never a title) of one donor on another topic.
            var origins = inserted.Select(x => Origin[x.p.Text]).ToList();
            var donor = origins[0].Doc;
            Assert.NotEqual(doc.Topic, donor.Topic);
            Assert.All(origins, o => Assert.Same(donor, o.Doc));
            Assert.Equal(Enumerable.Range(origins[0].Index, origins.Count), origins.Select(o => o.Index));
            Assert.All(origins, o => Assert.True(o.Index > 0 && o.Doc.Paragraphs[o.Index] is { Labels: CategorySet.None } p && p.Text.Length >= 60));

            // Removing the run gives back the host exactly: same paragraphs, order and labels.
            var rest = doc.Paragraphs.Where(p => p.Labels != CategorySet.OffTopic).ToList();
            var host = Origin[rest[0].Text].Doc;
            Assert.Equal(host.Paragraphs, rest);
            Assert.Equal(host.Topic, doc.Topic);
            Assert.Equal(host.Split, doc.Split);
            Assert.Equal("spliced:" + host.Source, doc.Source);
            Assert.NotEqual("tiny/0", host.Id);
        }
        // Every eligible host gets used; insertion positions vary, including right after the title and at the end.
        Assert.Equal(6, spliced.Select(d => Origin[d.Paragraphs[0].Text].Doc.Id).Distinct().Count());
        var positions = spliced.Select(d => d.Paragraphs.ToList().FindIndex(p => p.Labels == CategorySet.OffTopic)).ToHashSet();
        Assert.Contains(1, positions);
        Assert.Contains(7, positions);
    }

    [Fact]
    public void Nothing_to_splice_without_a_donor_on_another_topic()
    {
        var sameTopic = Pool.Where(d => d.Topic == "sport").ToList();
        Assert.Empty(Splicer.Generate(sameTopic, sameTopic, 10, seed: 1));
        Assert.Empty(Splicer.Generate([], Pool, 10, seed: 1));
    }

    private static List<string> Render(IEnumerable<LabelledDocument> docs) =>
        [.. docs.Select(d => d.Id + "|" + string.Join("|", d.Paragraphs.Select(p => $"{p.Text}#{p.Labels}")))];
}
