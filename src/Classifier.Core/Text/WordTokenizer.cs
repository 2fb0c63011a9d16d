namespace Classifier.Core.Text;

/// <summary>
/// Enumerates the words of normalised text without allocating: maximal runs of letters, digits and
/// inner apostrophes. Use with <c>foreach</c>; each item is a range into the text.
/// </summary>
internal ref struct WordTokenizer
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public WordTokenizer(ReadOnlySpan<char> normalizedText)
    {
        _text = normalizedText;
        _position = 0;
        Current = default;
    }

    public readonly WordTokenizer GetEnumerator() => this;

    /// <summary>The current word as a range of the text.</summary>
    public Range Current { get; private set; }

    public bool MoveNext()
    {
        int i = _position;
        while (i < _text.Length && !IsWordChar(_text[i]))
            i++;
        if (i == _text.Length)
            return false;
        int start = i;
        while (i < _text.Length && (IsWordChar(_text[i]) || IsInnerApostrophe(i)))
            i++;
        Current = start..i;
        _position = i;
        return true;
    }

    private readonly bool IsInnerApostrophe(int i) =>
        _text[i] == '\'' && i + 1 < _text.Length && char.IsLetter(_text[i + 1]);

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);
}
