using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>
/// What this project takes from each file of the shared corpora (see their README): how its labels are
/// used, whether it hosts or donates spliced off-topic runs, and its licence for the model card.
/// </summary>
public sealed record CorpusSource(string File, string Licence, string Use, bool Splices, Func<string?, string?, CategorySet?>? Relabel = null)
{
    public static IReadOnlyList<CorpusSource> All { get; } =
    [
        new("bbc-news.jsonl", "BBC copyright, research use (Greene & Cunningham 2006)", "clean news; hosts and donors for splicing", Splices: true),
        new("l3s-gn1.jsonl", "research use only", "clean content vs. filler page furniture; user comments unlabelled", Splices: true),
        new("spamassassin.jsonl", "PDDL 1.0 / CC0", "spam vs. ham e-mail blocks", Splices: false),
        new("sms-spam.jsonl", "CC BY 4.0", "spam vs. ham SMS", Splices: false),
        new("xai-disinfodemics.jsonl", "CC BY-SA 4.0", "conspiracy vs. critical-but-not-conspiratorial posts", Splices: false),
        new("loco-conspiracy-sites.jsonl", "CC BY 4.0", "conspiracy (site-level label, noisy)", Splices: false),
        new("semeval23-persuasion.jsonl", "research use", "clean news paragraphs; persuasion-technique paragraphs unlabelled", Splices: true),
        new("wiki-weasel.jsonl", "CC BY-SA (text)", "all taken as clean: hedged encyclopedic sentences are hard negatives for conspiracy", Splices: false,
            Relabel: (_, _) => CategorySet.None),
    ];

    /// <summary>Reads every catalogued file present under <paramref name="directory"/>.</summary>
    public static IEnumerable<(CorpusSource Source, List<LabelledDocument> Documents)> ReadAll(string directory)
    {
        foreach (var source in All)
        {
            string path = Path.Combine(directory, source.File);
            if (System.IO.File.Exists(path))
                yield return (source, CorpusReader.Read(path, source.Relabel));
        }
    }
}
