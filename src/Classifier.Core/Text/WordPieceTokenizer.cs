using System.Globalization;
using System.Text;

namespace Classifier.Core.Text;

/// <summary>
/// BERT's uncased WordPiece tokenisation (as Hugging Face's BertTokenizer with <c>do_lower_case</c>): control characters
/// dropped, whitespace split, CJK ideographs and punctuation made tokens of their own, lower case with accents stripped,
/// then each word cut greedily into the longest vocabulary pieces, continuations marked "##"; a word that cannot be cut,
/// or of over 100 characters, is [UNK]. For the sentence-encoder vocabularies (MiniLM, Arctic): the static embeddings are
/// looked up by these ids. Allocates nothing per call: vocabulary lookups go by span.
/// </summary>
internal sealed class WordPieceTokenizer
{
    private const int MaxWordChars = 100;
    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;   // keyed without "##"

    private readonly int _longestStart, _longestContinuation;   // no longer match can exist: the search starts there

    public int UnknownId { get; }
    public int VocabularySize => Vocabulary.Count;

    /// <summary>The pieces in id order, as given.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <param name="vocabulary">The pieces in id order, as a BERT vocab.txt lists them.</param>
    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < vocabulary.Count; id++)
        {
            string piece = vocabulary[id];
            if (piece.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && piece.Length > ContinuationPrefix.Length)
                continuations.TryAdd(piece[ContinuationPrefix.Length..], id);
            else
                starts.TryAdd(piece, id);
        }
        _longestStart = starts.Keys.Max(k => k.Length);
        _longestContinuation = continuations.Count == 0 ? 0 : continuations.Keys.Max(k => k.Length);
        UnknownId = starts.TryGetValue("[UNK]", out int unknown) ? unknown
            : throw new ArgumentException("The vocabulary has no [UNK] piece.", nameof(vocabulary));
        Vocabulary = vocabulary;
        _starts = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Writes the piece ids of <paramref name="text"/> into <paramref name="ids"/> and returns how many; stops
    /// when <paramref name="ids"/> is full (a paragraph past the encoder's length is cut, as the encoder cuts it).</summary>
    public int Tokenize(ReadOnlySpan<char> text, Span<int> ids)
    {
        Span<char> word = stackalloc char[MaxWordChars + 1];
        int length = 0, count = 0;
        bool overlong = false;
        for (int i = 0; i < text.Length && count < ids.Length; i++)
        {
            char c = text[i];
            if (c < 128 && AsciiWord[c] != 0)
            {
                // The common case, a letter or digit of a word, without the calls below.
                if (length + 1 > MaxWordChars)
                    overlong = true;
                else
                    word[length++] = (char)AsciiWord[c];
                continue;
            }
            var kind = KindOf(c);
            if (kind == CharKind.Dropped)
                continue;
            if (kind == CharKind.Space || kind == CharKind.Alone)
            {
                count = EmitWord(word[..length], overlong, ids, count);
                length = 0;
                overlong = false;
                if (kind == CharKind.Alone && count < ids.Length)
                    count = EmitWord(Fold(c, word), false, ids, count);
                continue;
            }
            var folded = Fold(c, word[length..]);
            if (length + folded.Length > MaxWordChars)
                overlong = true;
            else
                length += folded.Length;
        }
        return count < ids.Length ? EmitWord(word[..length], overlong, ids, count) : count;
    }

    /// <summary>Greedy longest-match-first pieces of one word; the whole word becomes [UNK] if any part has no piece.</summary>
    private int EmitWord(ReadOnlySpan<char> word, bool overlong, Span<int> ids, int count)
    {
        if (word.IsEmpty)
            return count;
        if (overlong)
        {
            ids[count] = UnknownId;
            return count + 1;
        }
        int first = count;
        for (int start = 0; start < word.Length; )
        {
            int end = Math.Min(word.Length, start + (start == 0 ? _longestStart : _longestContinuation)), id = -1;
            var lookup = start == 0 ? _starts : _continuations;
            for (; end > start; end--)
                if (lookup.TryGetValue(word[start..end], out id))
                    break;
            if (end == start || count == ids.Length)
            {
                if (end == start)
                {
                    ids[first] = UnknownId;
                    return first + 1;
                }
                return count;
            }
            ids[count++] = id;
            start = end;
        }
        return count;
    }

    private enum CharKind : byte { Word, Space, Alone, Dropped }

    /// <summary>By ASCII character: its folding if it is of a word (<see cref="CharKind.Word"/>), else 0.</summary>
    private static readonly byte[] AsciiWord = [.. Enumerable.Range(0, 128).Select(c =>
        KindOf((char)c) == CharKind.Word ? (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c) : (byte)0)];

    private static CharKind KindOf(char c)
    {
        if (c is ' ' or '\t' or '\n' or '\r')
            return CharKind.Space;
        if (c < 128)
            return c < 32 || c == 127 ? CharKind.Dropped
                : (c is >= '!' and <= '/') || (c is >= ':' and <= '@') || (c is >= '[' and <= '`') || (c is >= '{' and <= '~') ? CharKind.Alone
                : CharKind.Word;
        if (c == '\uFFFD')
            return CharKind.Dropped;
        if (IsCjk(c))
            return CharKind.Alone;
        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.SpaceSeparator => CharKind.Space,
            UnicodeCategory.Control or UnicodeCategory.Format => CharKind.Dropped,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation => CharKind.Alone,
            _ => CharKind.Word,
        };
    }

    /// <summary>BERT's "Chinese characters" (CJK ideograph blocks of the BMP), each a token of its own.</summary>
    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary>The character lower-cased with its accents stripped, into <paramref name="buffer"/>: usually one character,
    /// none for a lone combining mark, several where decomposition gives several base letters (Hangul syllables).</summary>
    private static ReadOnlySpan<char> Fold(char c, Span<char> buffer)
    {
        if (c < 128)
        {
            if (buffer.IsEmpty) return [];
            buffer[0] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            return buffer[..1];
        }
        if (c is >= Hangul.First and <= Hangul.Last)
            return Hangul.Decompose(c, buffer);
        int at = Folded.Index[c];
        if (at == 0)
        {
            if (buffer.IsEmpty) return [];
            buffer[0] = c;
            return buffer[..1];
        }
        var folded = Folded.Pool.AsSpan(at + 1, Folded.Pool[at]);
        int n = Math.Min(folded.Length, buffer.Length);
        folded[..n].CopyTo(buffer);
        return buffer[..n];
    }

    /// <summary>Hangul syllables, decomposed (as NFD does) by the Unicode formula into their leading consonant, vowel and,
    /// if any, trailing consonant jamo; none has an accent to strip or a case.</summary>
    private static class Hangul
    {
        public const char First = '\uAC00', Last = '\uD7A3';
        private const int LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7, VowelCount = 21, TrailCount = 28;

        public static ReadOnlySpan<char> Decompose(char c, Span<char> buffer)
        {
            int s = c - First, trail = s % TrailCount;
            int n = Math.Min(trail == 0 ? 2 : 3, buffer.Length);
            if (n > 0) buffer[0] = (char)(LeadBase + s / (VowelCount * TrailCount));
            if (n > 1) buffer[1] = (char)(VowelBase + s % (VowelCount * TrailCount) / TrailCount);
            if (n > 2) buffer[2] = (char)(TrailBase + trail);
            return buffer[..n];
        }
    }

    /// <summary>The folding of the non-ASCII characters other than Hangul syllables, as BERT's basic tokenizer does it
    /// (Python's lower case, then NFD without the Mn combining marks), read once on first use from the FoldTable resource
    /// that scripts/generate-fold-table.py writes with Python's unicodedata: no ICU, so it holds under InvariantGlobalization,
    /// where string.Normalize does nothing.</summary>
    private static class Folded
    {
        private const string ResourceName = "Classifier.Core.Text.FoldTable";

        /// <summary>By character: 0 if it folds to itself, else where its folding starts in <see cref="Pool"/>.</summary>
        public static readonly ushort[] Index;

        /// <summary>The distinct foldings, each its length then its UTF-16 characters; position 0 unused.</summary>
        public static readonly char[] Pool;

        // An explicit static constructor: the table is read when first needed, not when the type is first touched.
        static Folded()
        {
            using var stream = typeof(WordPieceTokenizer).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"Classifier.Core has no {ResourceName} resource.");
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var index = new ushort[char.MaxValue + 1];
            var pool = new List<char>(4096) { '\0' };
            var offsets = new Dictionary<string, ushort>(StringComparer.Ordinal);
            var folded = new StringBuilder();
            Span<char> units = stackalloc char[2];
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                int tab = line.IndexOf('\t');
                if (tab < 0 || !int.TryParse(line.AsSpan(0, tab), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int c)
                    || c < 128 || c > char.MaxValue || char.IsSurrogate((char)c) || c is >= Hangul.First and <= Hangul.Last)
                    throw new InvalidDataException($"{ResourceName}: bad line '{line}'.");
                folded.Clear();
                var rest = line.AsSpan(tab + 1);
                foreach (var range in rest.Split(' '))
                {
                    if (rest[range].IsEmpty)
                        continue;
                    if (!int.TryParse(rest[range], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                        || !Rune.IsValid(code))
                        throw new InvalidDataException($"{ResourceName}: bad line '{line}'.");
                    folded.Append(units[..new Rune(code).EncodeToUtf16(units)]);
                }
                string key = folded.ToString();
                if (!offsets.TryGetValue(key, out ushort at))
                {
                    at = checked((ushort)pool.Count);
                    pool.Add((char)key.Length);
                    pool.AddRange(key);
                    offsets.Add(key, at);
                }
                index[c] = at;
            }
            Index = index;
            Pool = [.. pool];
        }
    }
}
