namespace Classifier.Training.Tests.Data;
public class Scratch
{
    [Theory]
    [InlineData("/tmp/q/open.csv")]
    [InlineData("/tmp/q/open2.csv")]
    public void Show(string p)
    {
        var e = Record.Exception(() => Classifier.Training.Data.LabelsCsvReader.Read(p));
        Assert.Fail(e?.GetType().Name + " " + e?.Message);
    }
}
