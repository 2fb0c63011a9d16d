using Classifier.Core.Text;

namespace Classifier.Core.Tests.Text;

public class SegmenterTests
{
    [Fact]
    public void EveryNonEmptyLineIsAParagraph()
    {
        var paragraphs = Segmenter.Split("Title\nFirst paragraph.\n\nSecond paragraph.\r\n   \r\nThird.");
        Assert.Equal(["Title", "First paragraph.", "Second paragraph.", "Third."], paragraphs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n \t \r\n")]
    public void BlankTextHasNoParagraphs(string text) => Assert.Empty(Segmenter.Split(text));

    [Fact]
    public void ParagraphsAreTrimmed() => Assert.Equal(["a b"], Segmenter.Split("  a b \t\n"));

    [Fact]
    public void DocumentFromTextKeepsItsId()
    {
        var document = Document.FromText("doc-1", "One\nTwo");
        Assert.Equal("doc-1", document.Id);
        Assert.Equal(2, document.Paragraphs.Count);
    }
}
