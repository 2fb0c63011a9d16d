using Classifier.Core;
using Classifier.Training.Data;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Data;

public sealed class InsertionSplicerTests
{
    /// <summary>
    /// Documents of four topics and two sources, 4, 8 and 26 paragraphs long, so that some runs fit in one donor and
    /// others need several; each body has a filler and an unlabelled paragraph, whose labels an insertion must keep.
    /// Plus two that must never host: one too short, one with an off-topic paragraph of its own. Every text is unique.
    /// </summary>
    private static readonly List<LabelledDocument> Pool =
    [
        .. from topic in new[] { "sport", "politics", "science", "business" }
           from length in new[] { 4, 8, 26 }
           select Doc($"{topic}/{length}", [.. Enumerable.Range(0, length).Select(i => Paragraph(topic, length, i))])
               with { Source = topic == "business" ? "other" : "test" },
        Doc("tiny/0", P("tiny title"), P("tiny body" + Long)),
        Doc("marked/0", P("marked title"), P("marked body one" + Long), P("marked insertion" + Long, CategorySet.OffTopic), P("marked body two" + Long)),
    ];

    private static LabelledParagraph Paragraph(string topic, int length, int i) => i switch
    {
        0 => P($"{topic} {length} title"),
        2 => P($"{topic} {length} tags {i}", CategorySet.Filler),
        3 => new LabelledParagraph($"{topic} {length} comment {i}" + Long, CategorySet.None, IsLabelled: false),
        _ => P($"{topic} {length} body {i}" + Long),
    };

    private static readonly Dictionary<string, (LabelledDocument Doc, int Index)> Origin =
        Pool.SelectMany(d => d.Paragraphs.Select((p, i) => (p.Text, (d, i)))).ToDictionary(x => x.Text, x => x.Item2);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Runs_have_the_asked_length_and_position_and_keep_labels_adding_off_topic(object length, object position)   // the enums are internal
    {
        var shape = new InsertionShape((InsertionLength)length, (InsertionPosition)position);
        var insertions = InsertionSplicer.Generate(Pool, Pool, shape, 100, seed: 5);

        // Each usable host once: the 12 topic documents, never the short one or the one with its own insertion.
        Assert.Equal(12, insertions.Count);
        Assert.Equal(12, insertions.Select(i => i.Document.MadeFrom[0]).Distinct().Count());
        foreach (var insertion in insertions)
        {
            var document = insertion.Document;
            var host = Pool.Single(d => d.Id == document.MadeFrom[0]);
            int n = host.Paragraphs.Count;
            Assert.Equal(shape, insertion.Shape);
            Assert.Equal(n + insertion.Length, document.Paragraphs.Count);
            Assert.Equal("spliced:" + host.Source, document.Source);
            Assert.Equal((host.Topic, host.Split), (document.Topic, document.Split));

            var (low, high) = length switch
            {
                InsertionLength.One => (1, 1),
                InsertionLength.TwoToFive => (2, 5),
                InsertionLength.SixToTwenty => (6, 20),
                _ => ((int)Math.Round(0.5 * n), (int)Math.Round(1.5 * n)),
            };
            Assert.InRange(insertion.Length, low, high);
            switch (position)
            {
                case InsertionPosition.AfterTitle: Assert.Equal(1, insertion.Start); break;
                case InsertionPosition.End: Assert.Equal(n, insertion.Start); break;
                default: Assert.InRange(insertion.Start, 2, n - 1); break;
            }

            // Around the run, the host exactly; the run, its donors' paragraphs in their order, labels kept and off_topic added.
            var run = document.Paragraphs.Skip(insertion.Start).Take(insertion.Length).ToList();
            Assert.Equal(host.Paragraphs, [.. document.Paragraphs.Take(insertion.Start), .. document.Paragraphs.Skip(insertion.Start + insertion.Length)]);
            var donors = document.MadeFrom.Skip(1).ToList();
            Assert.NotEmpty(donors);
            Assert.DoesNotContain(host.Id, donors);
            Assert.Equal(donors.Count, donors.Distinct().Count());
            var origins = run.Select(p => Origin[p.Text]).ToList();
            Assert.Equal(donors, origins.Select(o => o.Doc.Id).Distinct());
            for (int i = 0; i < run.Count; i++)
            {
                var (donor, index) = origins[i];
                Assert.NotEqual(host.Topic, donor.Topic);
                var original = donor.Paragraphs[index];
                Assert.Equal(original.IsLabelled, run[i].IsLabelled);
                // Furniture (filler) stays filler alone, as it is labelled in hosts; everything else labelled gains off_topic.
                bool gains = original.IsLabelled && !original.Labels.Contains(Category.Filler);
                Assert.Equal(gains ? original.Labels | CategorySet.OffTopic : original.Labels, run[i].Labels);
                // Contiguous within a donor; the next donor is taken from its title.
                if (i > 0)
                    Assert.True(origins[i - 1].Doc == donor ? index == origins[i - 1].Index + 1 : index == 0, $"{document.Id}: paragraph {i} breaks the run");
            }
            Assert.Contains(run, p => p.IsLabelled && p.Labels.Contains(Category.OffTopic) && p.Text.Length >= 60);
            // Only the run is off-topic.
            Assert.Equal(run.Count(p => p.IsLabelled && !p.Labels.Contains(Category.Filler)), document.Paragraphs.Count(p => p.IsLabelled && p.Labels.Contains(Category.OffTopic)));
        }
    }

    public static TheoryData<object, object> Shapes()
    {
        var data = new TheoryData<object, object>();
        foreach (var shape in InsertionShape.Grid)
            data.Add(shape.Length, shape.Position);
        return data;
    }

    [Fact]
    public void Long_runs_concatenate_donors_of_the_first_donors_source()
    {
        var insertions = InsertionSplicer.Generate(Pool, Pool, new InsertionShape(InsertionLength.HostLength, InsertionPosition.End), 100, seed: 2);

        var longest = insertions.Single(i => i.Document.MadeFrom[0] == "sport/26");
        Assert.InRange(longest.Length, 13, 39);
        Assert.True(insertions.Count(i => i.Document.MadeFrom.Count > 2) >= 3, "long runs should need several donors");
        foreach (var insertion in insertions.Where(i => i.Document.MadeFrom.Count > 2))
        {
            var donors = insertion.Document.MadeFrom.Skip(1).Select(id => Pool.Single(d => d.Id == id)).ToList();
            // Whichever source the first donor is from, it has another document off the host's topic to continue with.
            Assert.Equal(donors[0].Source, donors[1].Source);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_documents_and_another_seed_differs()
    {
        var a = InsertionSplicer.Grid(Pool, 5, seed: 7);
        var b = InsertionSplicer.Grid(Pool, 5, seed: 7);
        var c = InsertionSplicer.Grid(Pool, 5, seed: 8);

        Assert.Equal(InsertionShape.Grid.Count * 5, a.Count);
        Assert.Equal(Render(a), Render(b));
        Assert.NotEqual(Render(a), Render(c));
        Assert.Equal(InsertionShape.Grid, a.Select(i => i.Shape).Distinct());
    }

    [Fact]
    public void Nothing_to_splice_without_a_donor_on_another_topic()
    {
        var sport = Pool.Where(d => d.Topic == "sport").ToList();
        Assert.Empty(InsertionSplicer.Grid(sport, 10, seed: 1));
        Assert.Empty(InsertionSplicer.Generate([], Pool, InsertionShape.Grid[0], 10, seed: 1));
    }

    private static List<string> Render(IEnumerable<Insertion> insertions) =>
        [.. insertions.Select(i => $"{i.Shape.Name}|{i.Start}|{i.Length}|{i.Document.Id}|" + string.Join("|", i.Document.Paragraphs.Select(p => $"{p.Text}#{p.Labels}")))];
}
