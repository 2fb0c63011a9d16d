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
public sealed class WordPieceTokenizer
{
    private const int MaxWordChars = 100;
    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;   // keyed without "##"

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
            int end = word.Length, id = -1;
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
        if (Folded.Table[c] is not { } folded)
        {
            if (buffer.IsEmpty) return [];
            buffer[0] = c;
            return buffer[..1];
        }
        int n = Math.Min(folded.Length, buffer.Length);
        folded.AsSpan(0, n).CopyTo(buffer);
        return buffer[..n];
    }

    /// <summary>Non-ASCII characters whose folding is not themselves (null: itself), computed once: lower case, then NFD
    /// without combining marks, as BERT's basic tokenizer does.</summary>
    private static class Folded
    {
        public static readonly string?[] Table = Build();

        private static string?[] Build()
        {
            var table = new string?[char.MaxValue + 1];
            var builder = new StringBuilder();
            for (int c = 128; c <= char.MaxValue; c++)
            {
                if (char.IsSurrogate((char)c))
                    continue;
                string lower = ((char)c).ToString().ToLowerInvariant();
                string decomposed = lower.IsNormalized(NormalizationForm.FormD) ? lower : lower.Normalize(NormalizationForm.FormD);
                builder.Clear();
                foreach (char d in decomposed)
                    if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                        builder.Append(d);
                if (builder.Length != 1 || builder[0] != c)
                    table[c] = string.Intern(builder.ToString());
            }
            return table;
        }
    }
}
