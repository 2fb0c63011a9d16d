namespace Classifier.Core.Features;

/// <summary>
/// The paragraphs of one document, each normalised once into a shared reusable buffer; the context,
/// the dense signals and the n-grams all read from here.
/// </summary>
internal sealed class ParagraphTexts
{
    private char[] _chars = new char[16 * 1024];
    private int[] _start = new int[65];
    private IReadOnlyList<string> _originals = [];

    public int Count { get; private set; }

    public string Original(int paragraph) => _originals[paragraph];

    public ReadOnlySpan<char> Normalized(int paragraph) => _chars.AsSpan(_start[paragraph], _start[paragraph + 1] - _start[paragraph]);

    public void Load(IReadOnlyList<string> paragraphs)
    {
        _originals = paragraphs;
        Count = paragraphs.Count;
        if (_start.Length < Count + 1)
            _start = new int[Math.Max(Count + 1, _start.Length * 2)];
        int used = 0;
        for (int i = 0; i < Count; i++)
        {
            string text = paragraphs[i] ?? throw new ArgumentException($"Paragraph {i} is null.", nameof(paragraphs));
            int room = Math.Min(text.Length, Text.TextNormalizer.MaxChars);
            if (used + room > _chars.Length)
                Array.Resize(ref _chars, Math.Max(used + room, _chars.Length * 2));
            _start[i] = used;
            used += Text.TextNormalizer.Normalize(text, _chars.AsSpan(used));
        }
        _start[Count] = used;
    }

    /// <summary>Drops references to the caller's strings so a pooled instance keeps nothing alive.</summary>
    public void Release() => _originals = [];
}
