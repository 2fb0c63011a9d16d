using System.Globalization;
using Classifier.Core.Features;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>One reason for a flag in a moderator's words ("few ordinary words (18% of words)") and its share of what
/// pushed the score up: the reason's positive contributions to the linear margin over all positive contributions.</summary>
public readonly record struct Reason(string Text, float Share);

/// <summary>
/// The one table of plain reasons: every named dense signal, phrased for the direction that pushed the flag up, and
/// the reasons for the n-grams, the embedding and the topic segment. A signal is standardised against the training
/// mean, so it can push a score up by being high or by being low: each gets a phrase for both (a positive contribution
/// of StopWordDensity=0.1 reads "few ordinary words", one of 0.7 "many ordinary words"). Where the paragraph holds the
/// evidence, the reason quotes it ("starts like a template line: 'Tags:'"). Signals that mean the same to a reader
/// share a phrase (TitleSimilarity and its document-relative form), so they count as one reason.
/// </summary>
internal static class ReasonTable
{
    private delegate string Phrase(ReasonContext c);

    /// <summary>Per signal: the phrase when it is above the training mean, and when below.</summary>
    private static readonly Dictionary<DenseFeature, (Phrase High, Phrase Low)> Signals = new()
    {
        // Paragraph shape
        [DenseFeature.LogChars] = (c => $"long ({c.Words} words)", c => $"short ({c.Words} words)"),
        [DenseFeature.LogWords] = (c => $"long ({c.Words} words)", c => $"short ({c.Words} words)"),
        [DenseFeature.ShortParagraph] = (c => $"a short line ({c.Words} words)", c => "more than five words"),
        [DenseFeature.DigitRatio] = (c => $"many digits ({c.Percent} of characters)", c => c.Value == 0 ? "no digits" : "few digits"),
        [DenseFeature.UpperRatio] = (c => $"much upper case ({c.Percent} of letters)", c => "little upper case"),
        [DenseFeature.PunctuationRatio] = (c => $"many symbols and punctuation marks ({c.Percent} of characters)", c => "little punctuation"),
        [DenseFeature.Exclamations] = (c => $"exclamation marks ({(c.Value >= 1 ? "5 or more" : Count(c.Value * 5))})", c => c.Value == 0 ? "no exclamation marks" : "few exclamation marks"),
        [DenseFeature.HasUrl] = (c => Quoting("contains a link", c.Url()), c => "no link"),
        [DenseFeature.HasEmail] = (c => Quoting("contains an email address", c.Email()), c => "no email address"),
        [DenseFeature.HasPhone] = (c => "contains a phone number", c => "no phone number"),
        [DenseFeature.EndsWithTerminal] = (c => "ends like a sentence", c => "does not end like a sentence"),
        [DenseFeature.StartsWithBullet] = (c => Quoting("starts like a list item", c.FirstToken()), c => "does not start like a list item"),
        [DenseFeature.EarlyColon] = (c => Quoting("a label and a colon at the start", c.UpToColon()), c => "no label and colon at the start"),
        // Vocabulary
        [DenseFeature.StopWordDensity] = (c => $"many ordinary words ({c.Percent} of words)", c => c.Value == 0 ? "no ordinary words" : $"few ordinary words ({c.Percent} of words)"),
        [DenseFeature.SecondPersonDensity] = (c => Quoting("speaks to the reader", c.WordsOf(WordClass.SecondPerson)), c => Absent(c, "speaks little to the reader", "does not speak to the reader")),
        [DenseFeature.CallToActionDensity] = (c => Quoting("calls to act or buy", c.WordsOf(WordClass.CallToAction)), c => Absent(c, "few calls to act or buy", "no calls to act or buy")),
        [DenseFeature.InsinuationDensity] = (c => Quoting("insinuating words", c.WordsOf(WordClass.Insinuation)), c => Absent(c, "few insinuating words", "no insinuating words")),
        [DenseFeature.HedgeDensity] = (c => Quoting("hedging words", c.WordsOf(WordClass.Hedge)), c => Absent(c, "few hedging words", "no hedging words")),
        [DenseFeature.TemplateOpener] = (c => Quoting("starts like a template line", c.FirstToken()), c => "does not start like a template line"),
        // Document context
        [DenseFeature.RelativePosition] = (c => $"near the end of the document (paragraph {c.Paragraph + 1} of {c.Paragraphs})",
            c => $"near the start of the document (paragraph {c.Paragraph + 1} of {c.Paragraphs})"),
        [DenseFeature.IsFirst] = (c => "the first paragraph (the title)", c => "not the title"),
        [DenseFeature.IsLast] = (c => "the last paragraph", c => "not the last paragraph"),
        [DenseFeature.LogDocumentParagraphs] = (c => $"a long document ({c.Paragraphs} paragraphs)", c => $"a short document ({c.Paragraphs} paragraphs)"),
        [DenseFeature.CentroidSimilarity] = (c => "shares many words with the rest of the document", c => "shares few words with the rest of the document"),
        [DenseFeature.RelativeCentroidSimilarity] = (c => "shares many words with the rest of the document", c => "shares few words with the rest of the document"),
        [DenseFeature.NeighbourSimilarity] = (c => "shares many words with the paragraphs around it", c => "shares few words with the paragraphs around it"),
        [DenseFeature.RelativeNeighbourSimilarity] = (c => "shares many words with the paragraphs around it", c => "shares few words with the paragraphs around it"),
        [DenseFeature.TitleSimilarity] = (c => "shares words with the title", c => c.Value == 0 ? "shares no words with the title" : "shares few words with the title"),
        [DenseFeature.DuplicatesTitle] = (c => "repeats the title", c => "does not repeat the title"),
        [DenseFeature.RunSimilarity] = (c => "its run of paragraphs shares words with the rest", c => "in a run of paragraphs that shares few words with the rest"),
        [DenseFeature.RelativeRunSimilarity] = (c => "its run of paragraphs shares words with the rest", c => "in a run of paragraphs that shares few words with the rest"),
        [DenseFeature.RunCohesion] = (c => "in a run of paragraphs on one subject", c => "not in a run of paragraphs on one subject"),
        [DenseFeature.DocumentCohesion] = (c => "the document's paragraphs share many words", c => "the document's paragraphs share few words"),
        // Batch context
        [DenseFeature.RecursInBatch] = (c => "recurs in other documents of the batch", c => "found in no other document of the batch"),
        [DenseFeature.BatchRecurrenceShare] = (c => $"recurs in {c.Percent} of the batch's other documents", c => "recurs in few other documents of the batch"),
        // Meaning
        [DenseFeature.SemanticTitleSimilarity] = (c => "close in meaning to the title", c => "unlike the title in meaning"),
        [DenseFeature.RelativeSemanticTitleSimilarity] = (c => "close in meaning to the title", c => "unlike the title in meaning"),
        [DenseFeature.SemanticLeadSimilarity] = (c => "close in meaning to the lead", c => "unlike the lead in meaning"),
        [DenseFeature.SemanticRestSimilarity] = (c => "close in meaning to the rest of the document", c => "unlike the rest of the document in meaning"),
        [DenseFeature.SemanticNeighbourSimilarity] = (c => "close in meaning to the paragraphs around it", c => "unlike the paragraphs around it in meaning"),
        [DenseFeature.SemanticWindowTitleSimilarity] = (c => "the paragraphs around it are close to the title", c => "the paragraphs around it are unlike the title"),
        [DenseFeature.SemanticWindowRestSimilarity] = (c => "the paragraphs around it are close to the rest", c => "the paragraphs around it are unlike the rest"),
        [DenseFeature.SemanticDocumentCohesion] = (c => "a document on one subject throughout", c => "a document of mixed subjects"),
        // Topic segment: a title's own (for any other paragraph they are one reason, see Segment)
        [DenseFeature.SegmentTitleSimilarity] = (c => "its section is close to the title", c => "its section is unlike the title"),
        [DenseFeature.SegmentLeadSimilarity] = (c => "its section is close to the lead", c => "its section is unlike the lead"),
        [DenseFeature.SegmentTitleGap] = (c => "its section is further from the title than the rest", c => "its section is as close to the title as any"),
        [DenseFeature.LogSegmentLength] = (c => "in a long section", c => "in a short section"),
        [DenseFeature.SegmentShare] = (c => "its section is most of the document", c => "its section is a small part of the document"),
        [DenseFeature.SegmentBoundaryBefore] = (c => "a change of topic before its section", c => "no change of topic before its section"),
        [DenseFeature.SegmentBoundaryAfter] = (c => "a change of topic after its section", c => "no change of topic after its section"),
    };

    /// <summary>Whether <paramref name="signal"/> has a phrase for both directions: every named signal must.</summary>
    internal static bool Covers(DenseFeature signal) => Signals.ContainsKey(signal);

    /// <summary>The reason a signal pushed a score up, <paramref name="high"/> when above the training mean.</summary>
    internal static string Signal(DenseFeature signal, bool high, ReasonContext context)
    {
        var (highPhrase, lowPhrase) = Signals[signal];
        return (high ? highPhrase : lowPhrase)(context with { Value = context.Dense[(int)signal] });
    }

    /// <summary>"words typical of spam: 'click here', 'free'": the paragraph's top n-grams, as one reason.</summary>
    internal static string Words(Category category, IReadOnlyList<string> quotes) => Quoting($"words typical of {Noun(category)}", quotes);

    /// <summary>The embedding's part: what the paragraph says, as a whole, is like the category.</summary>
    internal static string Meaning(Category category) => $"its meaning is typical of {Noun(category)}";

    /// <summary>"unlike the title and lead (paragraphs 9-15)": the segment signals as one reason; a segment is unlike the
    /// title or the lead when its similarity to it is below the training mean of segments.</summary>
    internal static string Segment(TopicSegment segment, bool unlikeTitle, bool unlikeLead)
    {
        string what = (unlikeTitle, unlikeLead) switch
        {
            (true, true) => "unlike the title and lead",
            (true, false) => "unlike the title",
            (false, true) => "unlike the lead",
            _ => "in a section close to the title and lead",
        };
        return segment.Length == 1 ? $"{what} (paragraph {segment.Start + 1})" : $"{what} (paragraphs {segment.Start + 1}-{segment.End})";
    }

    private static string Noun(Category category) => category switch
    {
        Category.Spam => "spam",
        Category.OffTopic => "off-topic insertions",
        Category.Conspiracy => "conspiracy talk",
        Category.Filler => "page filler",
        _ => Categories.Name(category),
    };

    private static string Quoting(string reason, string? quote) => quote is null ? reason : $"{reason}: '{quote}'";

    private static string Quoting(string reason, IReadOnlyList<string> quotes) =>
        quotes.Count == 0 ? reason : $"{reason}: {string.Join(", ", quotes.Select(q => $"'{q}'"))}";

    private static string Absent(ReasonContext c, string few, string none) => c.Value == 0 ? none : few;

    private static string Count(float value) => ((int)MathF.Round(value)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a reason can quote: the paragraph as written and as normalised, its named signals, its place.</summary>
internal sealed record ReasonContext(string Text, string Normalized, float[] Dense, int Paragraph, int Paragraphs)
{
    private const int MaxQuote = 40;
    private int[]? _map;

    /// <summary>The value of the signal being phrased.</summary>
    public float Value { get; init; }

    public string Percent => Value.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Words in the paragraph, from LogWords = ln(1 + words) / 6.</summary>
    public int Words => (int)MathF.Round(MathF.Exp(Dense[(int)DenseFeature.LogWords] * 6) - 1);

    /// <summary>The first whitespace-separated token as written, e.g. "Tags:".</summary>
    public string? FirstToken()
    {
        var text = Text.AsSpan().TrimStart();
        int end = text.IndexOfAny(' ', '\t', '\n');
        return Clip(end < 0 ? text : text[..end]);
    }

    /// <summary>The start up to its early colon as written, e.g. "Filed under:".</summary>
    public string? UpToColon()
    {
        var text = Text.AsSpan().TrimStart();
        int colon = text.IndexOf(':');
        return colon < 0 || colon > MaxQuote ? FirstToken() : Clip(text[..(colon + 1)]);
    }

    /// <summary>The first token that looks like a link.</summary>
    public string? Url() => Tokens().FirstOrDefault(t => t.Contains("http", StringComparison.OrdinalIgnoreCase) || t.Contains("www.", StringComparison.OrdinalIgnoreCase)) is { } url ? Clip(url) : null;

    public string? Email() => Tokens().FirstOrDefault(t => t.IndexOf('@') > 0) is { } email ? Clip(email.TrimEnd('.', ',', ';')) : null;

    /// <summary>Up to three distinct words of the paragraph on the word list of <paramref name="wordClass"/>.</summary>
    public IReadOnlyList<string> WordsOf(WordClass wordClass)
    {
        var found = new List<string>();
        foreach (var range in new WordTokenizer(Normalized))
        {
            var word = Normalized.AsSpan()[range];
            if ((Lexicons.Classify(word, StableHash.Of(word)) & wordClass) == 0)
                continue;
            string text = word.ToString();
            if (!found.Contains(text)) found.Add(text);
            if (found.Count == 3) break;
        }
        return found;
    }

    /// <summary>An n-gram of the normalised text as the paragraph writes it: a word n-gram where it stands as whole words,
    /// a character n-gram widened to the words it touches ("lick h" quotes "Click here"); null if it is not found.</summary>
    public string? Quote(string gram, bool wholeWords)
    {
        var normalized = Normalized.AsSpan();
        for (int from = 0; from < normalized.Length;)
        {
            int found = normalized[from..].IndexOf(gram, StringComparison.Ordinal);
            if (found < 0)
                break;
            int start = from + found, end = start + gram.Length;
            from = start + 1;
            bool inside = (start > 0 && IsWordChar(normalized[start - 1])) || (end < normalized.Length && IsWordChar(normalized[end]));
            if (wholeWords && inside)
                continue;
            while (start > 0 && IsWordChar(normalized[start - 1])) start--;
            while (end < normalized.Length && IsWordChar(normalized[end])) end++;
            while (start < end && !IsWordChar(normalized[start])) start++;
            while (end > start && !IsWordChar(normalized[end - 1])) end--;
            if (end > start)
                return Clip(Original(start, end));
        }
        return null;
    }

    /// <summary>The words of a quote that tell a reader something, normalised: not stop words, not numbers, not single letters.</summary>
    public static HashSet<string> TellingWords(string quote)
    {
        var normalized = new char[Math.Min(quote.Length, TextNormalizer.MaxChars)];
        var text = normalized.AsSpan(0, TextNormalizer.Normalize(quote, normalized));
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in new WordTokenizer(text))
        {
            var word = text[range];
            if (word.Length > 1 && word.ContainsAnyExcept('0') && (Lexicons.Classify(word, StableHash.Of(word)) & WordClass.Stop) == 0)
                words.Add(word.ToString());
        }
        return words;
    }

    private static bool IsWordChar(char c) => WordTokenizer.IsWordChar(c) || c == '\'';

    /// <summary>The original text behind normalised characters [start, end): normalisation folds case, digits and quotes
    /// one character for one and only collapses whitespace, so each normalised character has an original one.</summary>
    private ReadOnlySpan<char> Original(int start, int end)
    {
        _map ??= Map();
        return Text.AsSpan(_map[start], _map[end - 1] - _map[start] + 1);
    }

    private int[] Map()
    {
        var map = new int[Normalized.Length];
        int length = 0;
        bool pendingSpace = false;
        for (int i = 0; i < Math.Min(Text.Length, TextNormalizer.MaxChars) && length < map.Length; i++)
        {
            if (TextNormalizer.Fold(Text[i]) == ' ')
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                map[length++] = i;
                pendingSpace = false;
            }
            if (length < map.Length) map[length++] = i;
        }
        return map;
    }

    private IEnumerable<string> Tokens() => Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string? Clip(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return null;
        return text.Length <= MaxQuote ? text.ToString() : string.Concat(text[..(MaxQuote - 1)].TrimEnd(), "…");
    }
}
