using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// The paragraphs of one document, each normalised and split into words once, into reusable buffers:
/// the context, the dense signals and the n-grams all read from here. A word is kept as its hash and
/// its <see cref="WordClass"/>; nothing downstream needs its characters again.
/// </summary>
internal sealed class ParagraphTexts
{
    private char[] _chars = new char[16 * 1024];
    private int[] _charStart = new int[65];
    private uint[] _wordHashes = new uint[4096];
    private WordClass[] _wordClasses = new WordClass[4096];
    private int[] _wordStart = new int[65];
    private IReadOnlyList<string> _originals = [];

    public int Count { get; private set; }

    public string Original(int paragraph) => _originals[paragraph];

    public ReadOnlySpan<char> Normalized(int paragraph) => _chars.AsSpan(_charStart[paragraph], _charStart[paragraph + 1] - _charStart[paragraph]);

    public ReadOnlySpan<uint> WordHashes(int paragraph) => _wordHashes.AsSpan(_wordStart[paragraph], _wordStart[paragraph + 1] - _wordStart[paragraph]);

    public ReadOnlySpan<WordClass> WordClasses(int paragraph) => _wordClasses.AsSpan(_wordStart[paragraph], _wordStart[paragraph + 1] - _wordStart[paragraph]);

    public void Load(IReadOnlyList<string> paragraphs)
    {
        _originals = paragraphs;
        Count = paragraphs.Count;
        if (_charStart.Length < Count + 1)
        {
            _charStart = new int[Math.Max(Count + 1, _charStart.Length * 2)];
            _wordStart = new int[_charStart.Length];
        }
        int chars = 0, words = 0;
        for (int i = 0; i < Count; i++)
        {
            string text = paragraphs[i] ?? throw new ArgumentException($"Paragraph {i} is null.", nameof(paragraphs));
            int room = Math.Min(text.Length, TextNormalizer.MaxChars);
            Grow(ref _chars, chars + room);
            _charStart[i] = chars;
            int length = TextNormalizer.Normalize(text, _chars.AsSpan(chars));
            _wordStart[i] = words;
            words = SplitWords(_chars.AsSpan(chars, length), words);
            chars += length;
        }
        _charStart[Count] = chars;
        _wordStart[Count] = words;
    }

    /// <summary>Drops references to the caller's strings so a pooled instance keeps nothing alive.</summary>
    public void Release() => _originals = [];

    private int SplitWords(ReadOnlySpan<char> text, int words)
    {
        // A word needs at least one character and one separator, so this bounds the count.
        Grow(ref _wordHashes, words + text.Length / 2 + 1);
        Grow(ref _wordClasses, _wordHashes.Length);
        foreach (var range in new WordTokenizer(text))
        {
            var word = text[range];
            uint hash = Features.StableHash.Of(word);
            _wordHashes[words] = hash;
            _wordClasses[words] = Lexicons.Classify(word, hash);
            words++;
        }
        return words;
    }

    private static void Grow<T>(ref T[] array, int needed)
    {
        if (needed > array.Length)
            Array.Resize(ref array, Math.Max(needed, array.Length * 2));
    }
}
