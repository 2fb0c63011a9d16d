using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>
/// Makes off-topic insertions, which no corpus labels: a run of 1-3 consecutive clean paragraphs from a
/// donor document on another topic is spliced into a host document after its title. Seeded, so the
/// same inputs give the same documents. Keep hosts and donors of one split together, and apart from others.
/// </summary>
internal static class Splicer
{
    private const int MinDonorChars = 60;

    public static List<LabelledDocument> Generate(IReadOnlyList<LabelledDocument> hosts, IReadOnlyList<LabelledDocument> donors, int count, int seed)
    {
        var random = new Random(seed);
        var usableHosts = hosts.Where(h => h.Paragraphs.Count >= 3).ToArray();
        var usableDonors = donors.Where(d => DonorParagraphs(d).Length > 0).ToArray();
        var spliced = new List<LabelledDocument>(count);
        if (usableHosts.Length == 0 || usableDonors.Length < 2)
            return spliced;
        // Hosts in shuffled rounds, so each is used once before any is used again; a host whose donor is on
        // its own topic draws another donor, so that a round never skips it and count <= hosts means each once.
        var hostOrder = Enumerable.Range(0, usableHosts.Length).ToArray();
        for (int next = 0; spliced.Count < count && next < count * 10; next++)
        {
            if (next % hostOrder.Length == 0)
                random.Shuffle(hostOrder);
            var host = usableHosts[hostOrder[next % hostOrder.Length]];
            for (int draw = 0; draw < 10; draw++)
            {
                var donor = usableDonors[random.Next(usableDonors.Length)];
                if (donor.Topic != host.Topic && donor.Id != host.Id)
                {
                    spliced.Add(Splice(host, donor, random));
                    break;
                }
            }
        }
        return spliced;
    }

    private static LabelledDocument Splice(LabelledDocument host, LabelledDocument donor, Random random)
    {
        var candidates = DonorParagraphs(donor);
        int start = candidates[random.Next(candidates.Length)];
        int length = 1 + random.Next(3);
        var run = new List<LabelledParagraph>();
        // Extend the run only through donor paragraphs that are themselves clean prose.
        for (int i = start; i < donor.Paragraphs.Count && run.Count < length && IsDonorParagraph(donor, i); i++)
            run.Add(donor.Paragraphs[i] with { Labels = CategorySet.OffTopic, IsLabelled = true });

        int position = 1 + random.Next(host.Paragraphs.Count);
        var paragraphs = new List<LabelledParagraph>(host.Paragraphs);
        paragraphs.InsertRange(position, run);
        return new LabelledDocument($"spliced:{host.Source}", $"spliced/{host.Id}+{donor.Id}@{position}", host.Topic, host.Split, paragraphs)
        {
            MadeFrom = [host.Id, donor.Id],
        };
    }

    private static int[] DonorParagraphs(LabelledDocument donor) =>
        Enumerable.Range(1, Math.Max(0, donor.Paragraphs.Count - 1)).Where(i => IsDonorParagraph(donor, i)).ToArray();

    private static bool IsDonorParagraph(LabelledDocument donor, int i) =>
        i > 0 && donor.Paragraphs[i] is { IsLabelled: true, Labels: CategorySet.None } p && p.Text.Length >= MinDonorChars;
}
