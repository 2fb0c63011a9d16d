using Classifier.Core.Features;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Data;

public sealed class SplitsTests
{
    [Fact]
    public void ForDocument_is_deterministic_and_follows_the_stable_hash()
    {
        foreach (string id in new[] { "business/001", "wildfires/ridge-fire-evacuations", "sms/3", "" })
        {
            var expected = (StableHash.Of(id) % 10) switch { 8 => Split.Dev, 9 => Split.Test, _ => Split.Train };
            Assert.Equal(expected, Splits.ForDocument(id));
            Assert.Equal(Splits.ForDocument(id), Splits.ForDocument(new string(id.ToCharArray())));
        }
    }

    [Fact]
    public void ForDocument_splits_about_80_10_10()
    {
        var counts = Enumerable.Range(0, 20_000).Select(i => Splits.ForDocument($"doc/{i}"))
            .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count() / 20_000.0);
        Assert.InRange(counts[Split.Train], 0.77, 0.83);
        Assert.InRange(counts[Split.Dev], 0.085, 0.115);
        Assert.InRange(counts[Split.Test], 0.085, 0.115);
    }

    [Theory]
    [InlineData("train", Split.Train)]
    [InlineData("dev", Split.Dev)]
    [InlineData("test", Split.Test)]
    public void Parse_known_names(string name, object split) => Assert.Equal((Split)split, Splits.Parse(name, "whatever/1"));   // Split is internal

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("validation")]
    public void Parse_falls_back_to_hash_of_id(string? name) => Assert.Equal(Splits.ForDocument("x/42"), Splits.Parse(name, "x/42"));
}
