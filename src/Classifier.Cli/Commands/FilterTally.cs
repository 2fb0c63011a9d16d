using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Commands;

/// <summary>Counts for filter's summary line; read = kept + removed in drop mode, read = kept in mark mode.</summary>
public sealed class FilterTally(FilterMode mode)
{
    private readonly long[] _byCategory = new long[Categories.Count];

    public long Documents { get; private set; }
    public long Read { get; private set; }
    /// <summary>Paragraphs with at least one flag: removed in drop mode, marked in mark mode.</summary>
    public long Flagged { get; private set; }
    public long Kept => mode == FilterMode.Drop ? Read - Flagged : Read;

    public void Add(ReadOnlySpan<ParagraphScore> scores)
    {
        Documents++;
        Read += scores.Length;
        foreach (var score in scores)
        {
            if (score.Flags == CategorySet.None)
                continue;
            Flagged++;
            foreach (var category in Categories.All)
                if (score.IsFlagged(category))
                    _byCategory[(int)category]++;
        }
    }

    /// <summary>E.g. <c>filter: 3 documents, 10 paragraphs read, 7 kept, 3 removed (spam 1, off_topic 0, conspiracy 1, filler 2)</c>;
    /// a paragraph with two flags counts once in "removed" and under both categories.</summary>
    public string Summary()
    {
        var categories = string.Join(", ", Categories.All.ToArray().Select(c => $"{Categories.Name(c)} {_byCategory[(int)c]}"));
        string verb = mode == FilterMode.Drop ? "removed" : "flagged";
        return $"filter: {Documents} documents, {Read} paragraphs read, {Kept} kept, {Flagged} {verb} ({categories})";
    }
}
