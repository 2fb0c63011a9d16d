using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>
/// Makes off-topic insertions of a given <see cref="InsertionShape"/>, for measuring: a contiguous run of a donor
/// document's paragraphs, of any length up to longer than the host, spliced in after the host's title, in its middle
/// or at its end. Unlike <see cref="Splicer"/> (1-3 clean paragraphs, which trains the shipped model) the run takes
/// the donor's text as it is, headings, furniture and all, as a pasted article would be: inserted paragraphs keep
/// their own labels and gain off_topic, except the donor's furniture (filler: "Related articles", bylines, share bars),
/// which is filler wherever it sits and, in a host, is labelled filler alone (a page's related-headline block is unlike
/// its title too, and a learner told off_topic there and not here learns neither); paragraphs the donor left
/// unlabelled stay unlabelled (context only), since only their off-topic label would be known. Donors are on another topic than the host (and never the host itself).
/// Seeded, so the same inputs give the same documents.
/// </summary>
internal static class InsertionSplicer
{
    private const int MinHostParagraphs = 3;
    /// <summary>A run starting inside a donor starts at a labelled paragraph at least this long, as <see cref="Splicer"/>
    /// takes its donors' paragraphs: a one-paragraph insertion of "Related stories" would measure nothing.</summary>
    private const int MinStartChars = 60;
    private const int Draws = 50;

    /// <summary>Documents of every shape of <see cref="InsertionShape.Grid"/>, up to <paramref name="perShape"/> each,
    /// hosts and donors both from <paramref name="pool"/>; each shape is generated with its own seed.</summary>
    public static List<Insertion> Grid(IReadOnlyList<LabelledDocument> pool, int perShape, int seed) =>
        [.. InsertionShape.Grid.SelectMany((shape, i) => Generate(pool, pool, shape, perShape, unchecked(seed * 31 + i)))];

    /// <summary>Up to <paramref name="count"/> documents of one shape, each host used at most once (fewer when there are
    /// fewer usable hosts). Hosts have at least three paragraphs, a labelled one, and no off-topic paragraph of their
    /// own, so every off-topic paragraph of the result is the inserted run.</summary>
    public static List<Insertion> Generate(IReadOnlyList<LabelledDocument> hosts, IReadOnlyList<LabelledDocument> donors, InsertionShape shape, int count, int seed)
    {
        var random = new Random(seed);
        var usableHosts = hosts.Where(IsHost).ToArray();
        var usableDonors = donors.Where(d => Starts(d).Length > 0).ToArray();
        var insertions = new List<Insertion>(Math.Min(count, usableHosts.Length));
        if (usableDonors.Length == 0)
            return insertions;
        random.Shuffle(usableHosts);
        foreach (var host in usableHosts)
        {
            if (insertions.Count >= count)
                break;
            var first = Draw(usableDonors, d => Accepts(host, d, []), random);
            if (first is null)
                continue;
            int length = shape.DrawLength(host.Paragraphs.Count, random);
            int start = shape.DrawStart(host.Paragraphs.Count, random);
            var (run, used) = Run(host, first, length, usableDonors, random);
            var paragraphs = new List<LabelledParagraph>(host.Paragraphs.Count + run.Count);
            paragraphs.AddRange(host.Paragraphs.Take(start));
            paragraphs.AddRange(run);
            paragraphs.AddRange(host.Paragraphs.Skip(start));
            var document = new LabelledDocument($"spliced:{host.Source}", $"inserted/{host.Id}+{string.Join('+', used)}@{start}+{run.Count}",
                host.Topic, host.Split, paragraphs) { MadeFrom = [host.Id, .. used] };
            insertions.Add(new Insertion(document, shape, start, run.Count));
        }
        return insertions;
    }

    /// <summary>
    /// <paramref name="length"/> paragraphs of <paramref name="first"/> when its paragraphs after the title are enough,
    /// starting at a random starting paragraph (or ending at the donor's end, when every starting paragraph is too late
    /// for the run to fit after it). Otherwise the donor whole, from its title, followed by further whole donors (the
    /// last one cut) until the length is reached: the corpora's news articles are mostly under ten paragraphs, so a
    /// long insertion has to be several concatenated. Further donors come from the first one's source, which reads
    /// most like one long pasted text; from any source only when that source has none left. Shorter than asked only
    /// when the donors run out. Every run holds a starting paragraph, so it has a labelled off-topic paragraph.
    /// </summary>
    private static (List<LabelledParagraph> Run, List<string> Donors) Run(LabelledDocument host, LabelledDocument first, int length,
        LabelledDocument[] donors, Random random)
    {
        var run = new List<LabelledParagraph>(length);
        var used = new List<string> { first.Id };
        if (first.Paragraphs.Count - 1 >= length)
        {
            var fitting = Starts(first).Where(i => i + length <= first.Paragraphs.Count).ToArray();
            int from = fitting.Length > 0 ? fitting[random.Next(fitting.Length)] : first.Paragraphs.Count - length;
            run.AddRange(first.Paragraphs.Skip(from).Take(length).Select(Inserted));
            return (run, used);
        }
        for (var donor = first; donor is not null && run.Count < length;)
        {
            run.AddRange(donor.Paragraphs.Take(length - run.Count).Select(Inserted));
            if (run.Count >= length)
                break;
            donor = Draw(donors, d => d.Source == first.Source && Accepts(host, d, used), random)
                ?? Draw(donors, d => Accepts(host, d, used), random);
            if (donor is not null)
                used.Add(donor.Id);
        }
        return (run, used);
    }

    /// <summary>A random donor that <paramref name="accepts"/>: a few random draws, then the first in pool order, so a
    /// rare match is still found and the choice stays seeded.</summary>
    private static LabelledDocument? Draw(LabelledDocument[] donors, Func<LabelledDocument, bool> accepts, Random random)
    {
        for (int i = 0; i < Draws; i++)
        {
            var donor = donors[random.Next(donors.Length)];
            if (accepts(donor))
                return donor;
        }
        return donors.FirstOrDefault(accepts);
    }

    private static bool Accepts(LabelledDocument host, LabelledDocument donor, List<string> used) =>
        donor.Topic != host.Topic && donor.Id != host.Id && !used.Contains(donor.Id);

    private static LabelledParagraph Inserted(LabelledParagraph p) =>
        p.IsLabelled && !p.Labels.Contains(Category.Filler) ? p with { Labels = p.Labels | CategorySet.OffTopic } : p;

    private static bool IsHost(LabelledDocument d) =>
        d.Paragraphs.Count >= MinHostParagraphs && d.Paragraphs.Any(p => p.IsLabelled) && !d.Paragraphs.Any(p => p.IsLabelled && p.Labels.Contains(Category.OffTopic));

    /// <summary>Where a run may start inside a donor: labelled paragraphs after the title, long enough to be prose.</summary>
    private static int[] Starts(LabelledDocument donor) =>
        [.. Enumerable.Range(1, Math.Max(0, donor.Paragraphs.Count - 1)).Where(i => donor.Paragraphs[i] is { IsLabelled: true } p && p.Text.Length >= MinStartChars)];
}
