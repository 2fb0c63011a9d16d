using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>
/// What this project takes from each file of the shared corpora (see their README): how its labels are
/// used, whether it hosts or donates spliced off-topic runs, and its licence for the model card. An opt-in source
/// trains only when asked for (<c>train --add-corpus NAME</c>): measured, but not yet part of the default recipe.
/// </summary>
internal sealed record CorpusSource(string File, string Licence, string Use, bool Splices, Func<string?, string?, CategorySet?>? Relabel = null,
    bool OptIn = false)
{
    /// <summary>Every category: what a source's labels speak to unless it says otherwise.</summary>
    public const CategorySet Everything = CategorySet.Spam | CategorySet.OffTopic | CategorySet.Conspiracy | CategorySet.Filler;

    /// <summary>The categories this source's labels speak to; its paragraphs are unjudged for the rest
    /// (<see cref="LabelledParagraph.Unjudged"/>).</summary>
    public CategorySet Judges { get; init; } = Everything;

    /// <summary>The source's name, as documents and <c>--holdout</c> give it: the file name without ".jsonl".</summary>
    public string Name => Path.GetFileNameWithoutExtension(File);

    public static IReadOnlyList<CorpusSource> All { get; } =
    [
        new("bbc-news.jsonl", "BBC copyright, research use (Greene & Cunningham 2006)", "clean news; hosts and donors for splicing", Splices: true),
        new("l3s-gn1.jsonl", "research use only", "clean content vs. filler page furniture; user comments unlabelled", Splices: true),
        new("spamassassin.jsonl", "PDDL 1.0 / CC0", "spam vs. ham e-mail blocks", Splices: false),
        new("sms-spam.jsonl", "CC BY 4.0", "spam vs. ham SMS", Splices: false),
        // Labelled for conspiracy only: Telegram posts end in "subscribe to our channel" whichever their class.
        new("xai-disinfodemics.jsonl", "CC BY-SA 4.0", "conspiracy vs. critical-but-not-conspiratorial posts; judged for off_topic and conspiracy only", Splices: false)
            { Judges = CategorySet.OffTopic | CategorySet.Conspiracy },
        new("loco-conspiracy-sites.jsonl", "CC BY 4.0", "conspiracy (site-level label, noisy)", Splices: false),
        // Labelled for persuasion only: its "clean" paragraphs include copyright lines, photo credits and newsletter calls.
        new("semeval23-persuasion.jsonl", "research use", "clean news paragraphs; persuasion-technique paragraphs unlabelled; judged for off_topic and conspiracy only", Splices: true)
            { Judges = CategorySet.OffTopic | CategorySet.Conspiracy },
        new("dragnet.jsonl", "research use only (no licence stated)", "main-text blocks vs. boilerplate (filler) of news and blog pages, labelled by alignment", Splices: false, OptIn: true),
        new("datacamp-comment-spam.jsonl", "measurement and training here only (no licence)", "blog comment link spam vs. ordinary comments", Splices: false, OptIn: true),
        new("mediaeval20-conspiracy-tweets.jsonl", "Twitter's terms, research use", "conspiracy tweets (5G-corona and other), positives only: paired with the project's sober reporting on the same subjects", Splices: false, OptIn: true),
        new("wiki-weasel.jsonl", "CC BY-SA (text)", "all taken as clean: hedged encyclopedic sentences are hard negatives for conspiracy", Splices: false,
            Relabel: (_, _) => CategorySet.None),
    ];

    /// <summary>Reads every catalogued file present under <paramref name="directory"/>: the default sources, and the opt-in
    /// ones named in <paramref name="optIn"/>.</summary>
    public static IEnumerable<(CorpusSource Source, List<LabelledDocument> Documents)> ReadAll(string directory, IReadOnlyCollection<string> optIn)
    {
        var unknown = optIn.Where(name => !All.Any(s => s.OptIn && s.Name == name)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Not an opt-in corpus: {string.Join(", ", unknown)} (opt-in: {string.Join(", ", All.Where(s => s.OptIn).Select(s => s.Name))}).");
        foreach (var source in All.Where(s => !s.OptIn || optIn.Contains(s.Name)))
        {
            string path = Path.Combine(directory, source.File);
            if (System.IO.File.Exists(path))
                yield return (source, CorpusReader.Read(path, source.Relabel, source.Judges));
        }
    }
}
