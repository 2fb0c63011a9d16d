namespace Classifier.Core.Text;

/// <summary>Splits plain text into paragraphs.</summary>
/// <remarks>
/// Every non-empty line is a paragraph: scraped text separates paragraphs by single newlines as often
/// as by blank lines, and a paragraph never legitimately spans a hard line break in extracted HTML text.
/// </remarks>
internal static class Segmenter
{
    public static List<string> Split(string text)
    {
        var paragraphs = new List<string>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
                paragraphs.Add(trimmed.ToString());
        }
        return paragraphs;
    }
}
