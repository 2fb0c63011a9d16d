namespace Classifier.Core.Text;

/// <summary>
/// Folds a paragraph into the form the featurizer hashes: lower case, every digit as '0' (so "2024" and
/// "1998" share n-grams), typographic quotes and dashes as their ASCII forms, runs of whitespace and
/// control characters as one space, no leading or trailing space.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Longest text the featurizer reads from one paragraph; the rest adds nothing but cost.</summary>
    public const int MaxChars = 100_000;

    /// <summary>Writes the normalised form of <paramref name="source"/> into <paramref name="destination"/>
    /// (at least <c>min(source.Length, MaxChars)</c> long) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.Length > MaxChars)
            source = source[..MaxChars];
        int length = 0;
        bool pendingSpace = false;
        foreach (char raw in source)
        {
            char c = raw < 128 ? AsciiFolds[raw] : Fold(raw);
            if (c == ' ')
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }
            destination[length++] = c;
        }
        return length;
    }

    private static readonly char[] AsciiFolds = [.. Enumerable.Range(0, 128).Select(c => Fold((char)c))];

    /// <summary>Normalises one character; returns ' ' for anything that only separates.</summary>
    public static char Fold(char c)
    {
        if (c < 128)
        {
            if (c is >= 'A' and <= 'Z') return (char)(c | 0x20);
            if (c is >= '0' and <= '9') return '0';
            return c <= ' ' || c == 127 ? ' ' : c;
        }
        return c switch
        {
            '\u2018' or '\u2019' or '\u201B' or '\u2032' => '\'',
            '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
            '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' => '-',
            '\u00A0' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => ' ',
            _ when char.IsWhiteSpace(c) || char.IsControl(c) => ' ',
            _ when char.IsDigit(c) => '0',
            _ => char.ToLowerInvariant(c),
        };
    }
}
