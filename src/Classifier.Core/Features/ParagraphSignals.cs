using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>Computes the paragraph-shape and vocabulary signals of the dense block.</summary>
internal static class ParagraphSignals
{
    public static void Compute(ReadOnlySpan<char> original, ReadOnlySpan<char> normalized, ReadOnlySpan<WordClass> words, Span<float> dense)
    {
        var (letters, upper, punctuation, visible, exclamations) = CountKinds(original[..Math.Min(original.Length, TextNormalizer.MaxChars)]);
        int digits = normalized.Count('0');

        int stop = 0, second = 0, action = 0, insinuation = 0, hedges = 0;
        foreach (var word in words)
        {
            if ((word & WordClass.Stop) != 0) stop++;
            if ((word & WordClass.SecondPerson) != 0) second++;
            if ((word & WordClass.CallToAction) != 0) action++;
            if ((word & WordClass.Insinuation) != 0) insinuation++;
            if ((word & WordClass.Hedge) != 0) hedges++;
        }
        bool templateOpener = !words.IsEmpty && (words[0] & WordClass.TemplateOpener) != 0;
        float perWord = 1f / Math.Max(words.Length, 1);
        float perVisible = 1f / Math.Max(visible, 1);

        dense[(int)DenseFeature.LogChars] = MathF.Log(1 + original.Length) / 10f;
        dense[(int)DenseFeature.LogWords] = MathF.Log(1 + words.Length) / 6f;
        dense[(int)DenseFeature.ShortParagraph] = words.Length <= 5 ? 1 : 0;
        dense[(int)DenseFeature.DigitRatio] = digits * perVisible;
        dense[(int)DenseFeature.UpperRatio] = (float)upper / Math.Max(letters, 1);
        dense[(int)DenseFeature.PunctuationRatio] = punctuation * perVisible;
        dense[(int)DenseFeature.Exclamations] = Math.Min(exclamations, 5) / 5f;
        dense[(int)DenseFeature.HasUrl] = normalized.Contains("http", StringComparison.Ordinal) || normalized.Contains("www.", StringComparison.Ordinal) ? 1 : 0;
        dense[(int)DenseFeature.HasEmail] = HasEmail(normalized) ? 1 : 0;
        dense[(int)DenseFeature.HasPhone] = HasPhone(normalized) ? 1 : 0;
        dense[(int)DenseFeature.EndsWithTerminal] = normalized.Length > 0 && normalized[^1] is '.' or '!' or '?' or '"' or '\'' or ')' ? 1 : 0;
        dense[(int)DenseFeature.StartsWithBullet] = StartsWithBullet(normalized) ? 1 : 0;
        dense[(int)DenseFeature.EarlyColon] = normalized[..Math.Min(normalized.Length, 24)].Contains(':') ? 1 : 0;
        dense[(int)DenseFeature.StopWordDensity] = stop * perWord;
        dense[(int)DenseFeature.SecondPersonDensity] = second * perWord;
        dense[(int)DenseFeature.CallToActionDensity] = action * perWord;
        dense[(int)DenseFeature.InsinuationDensity] = insinuation * perWord;
        dense[(int)DenseFeature.HedgeDensity] = hedges * perWord;
        dense[(int)DenseFeature.TemplateOpener] = templateOpener ? 1 : 0;
    }

    /// <summary>Letters, upper-case letters, punctuation and symbols, visible characters and '!' in <paramref name="text"/>.</summary>
    internal static (int Letters, int Upper, int Punctuation, int Visible, int Exclamations) CountKinds(ReadOnlySpan<char> text)
    {
        int letters = 0, upper = 0, punctuation = 0, visible = 0, exclamations = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Sixteen characters at a time, nearly all text being ASCII: each kind is a comparison, counted by
            // the population count of its lanes' top bits; a chunk with other characters goes one by one.
            ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; i + Vector256<ushort>.Count <= text.Length; i += Vector256<ushort>.Count)
            {
                var c = Vector256.LoadUnsafe(ref chars, (nuint)i);
                if (Vector256.GreaterThanAny(c, Vector256.Create((ushort)127)))
                {
                    AddOneByOne(text.Slice(i, Vector256<ushort>.Count), ref letters, ref upper, ref punctuation, ref visible, ref exclamations);
                    continue;
                }
                var space = Vector256.Equals(c, Vector256.Create((ushort)' ')) | Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'\t'), Vector256.Create((ushort)4));
                var isUpper = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'A'), Vector256.Create((ushort)25));
                var letter = isUpper | Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25));
                var digit = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
                // Printable ASCII that is neither letter nor digit is all punctuation or symbols.
                var printable = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'!'), Vector256.Create((ushort)('~' - '!')));
                letters += BitOperations.PopCount(letter.ExtractMostSignificantBits());
                upper += BitOperations.PopCount(isUpper.ExtractMostSignificantBits());
                punctuation += BitOperations.PopCount(Vector256.AndNot(printable, letter | digit).ExtractMostSignificantBits());
                visible += Vector256<ushort>.Count - BitOperations.PopCount(space.ExtractMostSignificantBits());
                exclamations += BitOperations.PopCount(Vector256.Equals(c, Vector256.Create((ushort)'!')).ExtractMostSignificantBits());
            }
        }
        AddOneByOne(text[i..], ref letters, ref upper, ref punctuation, ref visible, ref exclamations);
        return (letters, upper, punctuation, visible, exclamations);
    }

    private static void AddOneByOne(ReadOnlySpan<char> text, ref int letters, ref int upper, ref int punctuation, ref int visible, ref int exclamations)
    {
        foreach (char c in text)
        {
            // Branch-free counting from a table for ASCII.
            int kind = c < 128 ? AsciiKinds[c] : Kind(c);
            visible += kind & Visible;
            letters += (kind & Letter) >> 1;
            upper += (kind & Upper) >> 2;
            punctuation += (kind & Punctuation) >> 3;
            exclamations += c == '!' ? 1 : 0;
        }
    }

    private const int Visible = 1, Letter = 2, Upper = 4, Punctuation = 8;
    private static readonly byte[] AsciiKinds = [.. Enumerable.Range(0, 128).Select(c => (byte)Kind((char)c))];

    private static int Kind(char c) =>
        char.IsWhiteSpace(c) ? 0
        : char.IsLetter(c) ? Visible | Letter | (char.IsUpper(c) ? Upper : 0)
        : char.IsPunctuation(c) || char.IsSymbol(c) ? Visible | Punctuation
        : Visible;

    private static bool HasEmail(ReadOnlySpan<char> text)
    {
        int at = text.IndexOf('@');
        return at > 0 && WordTokenizer.IsWordChar(text[at - 1]) && text[(at + 1)..].IndexOf('.') > 0;
    }

    /// <summary>A run of at least nine digits (folded to '0' by normalisation) broken only by phone punctuation.</summary>
    private static bool HasPhone(ReadOnlySpan<char> text)
    {
        // Most paragraphs hold few digits: a vectorised search skips to each run's first one.
        for (int start; (start = text.IndexOf('0')) >= 0;)
        {
            int digits = 0, i = start;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '0') { if (++digits >= 9) return true; }
                else if (c is not (' ' or '-' or '(' or ')' or '+' or '.')) break;
            }
            text = text[Math.Min(i + 1, text.Length)..];
        }
        return false;
    }

    private static bool StartsWithBullet(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        if (text[0] is '-' or '*' or '•' or '·' or '▪' or '►' or '>' or '|' or '✓' or '→') return true;
        return text.Length > 1 && text[0] == '0' && text[1] is '.' or ')';
    }
}
