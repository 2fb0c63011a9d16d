using System.Text;
using System.Text.Json;
using Classifier.Cli.Output;

namespace Classifier.Cli.Tests;

public sealed class ScoreJsonTests
{
    [Fact]
    public void Probabilities_print_as_the_rounded_double_would()
    {
        var random = new Random(5);
        float[] edges = [0f, 1f, 0.00005f, 0.00004999f, 0.00015f, 0.99995f, 0.99994f, 0.5f, 0.12345f, 0.1f, 1e-30f, float.Epsilon, 0.9999999f];
        var values = edges.Concat(Enumerable.Range(0, 200_000).Select(i => i % 2 == 0 ? random.NextSingle() : MathF.Pow(random.NextSingle(), 8)));
        Span<byte> buffer = stackalloc byte[6];
        foreach (float p in values)
        {
            string expected = JsonSerializer.Serialize(Math.Round(p, 4));
            Assert.Equal(expected, Encoding.UTF8.GetString(ScoreJson.FourPlaces(p, buffer)));
        }
    }
}
