namespace Classifier.Core.Text;

/// <summary>A document as the scorer sees it: an id and its paragraphs in reading order.</summary>
/// <remarks>Paragraph 0 is treated as the title when the document context needs one.</remarks>
public sealed record Document(string Id, IReadOnlyList<string> Paragraphs)
{
    /// <summary>Builds a document from plain text, one paragraph per non-empty line.</summary>
    public static Document FromText(string id, string text) => new(id, Segmenter.Split(text));
}
