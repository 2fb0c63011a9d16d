using Classifier.Core.Text;

namespace Classifier.Core.Tests.Text;

public class TextNormalizerTests
{
    private static string Normalize(string text)
    {
        var buffer = new char[text.Length];
        return new string(buffer, 0, TextNormalizer.Normalize(text, buffer));
    }

    [Theory]
    [InlineData("Hello World", "hello world")]
    [InlineData("Published on 12 March 2024", "published on 00 march 0000")]
    [InlineData("  spaced \t\n out  ", "spaced out")]
    [InlineData("It\u2019s \u201Cquoted\u201D \u2014 yes", "it's \"quoted\" - yes")]
    [InlineData("zero\u200Bwidth", "zero width")]
    public void FoldsCaseDigitsQuotesAndSpace(string input, string expected) => Assert.Equal(expected, Normalize(input));

    [Fact]
    public void ReadsAtMostMaxChars()
    {
        var longText = new string('a', TextNormalizer.MaxChars + 500);
        Assert.Equal(TextNormalizer.MaxChars, Normalize(longText).Length);
    }
}
