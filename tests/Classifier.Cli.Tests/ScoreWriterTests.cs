using System.Buffers;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using Classifier.Cli.Output;
using Classifier.Core;
using Classifier.Core.Scoring;

namespace Classifier.Cli.Tests;

public sealed class ScoreWriterTests
{
    /// <summary>The lines as <see cref="Utf8JsonWriter"/> wrote them, one writer call per token, before the writer
    /// copied lines together from fixed pieces.</summary>
    private static string Reference(string id, ReadOnlySpan<ParagraphScore> scores)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        for (int i = 0; i < scores.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("doc", id);
            writer.WriteNumber("para", i);
            ScoreJson.WriteScores(writer, scores[i]);
            ScoreJson.WriteFlags(writer, scores[i].Flags);
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("doc-1")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ tab \t <b>&amp;</b> 'x' + é ü 日本 😀")]
    [InlineData("a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id-a-very-long-document-id")]
    public void Lines_are_those_of_Utf8JsonWriter(string id)
    {
        var random = new Random(7);
        float[] edges = [0f, 1f, 0.00005f, 0.99995f, 0.5f, 0.12345f];
        var scores = Enumerable.Range(0, 1200).Select(i => new ParagraphScore(
            Vector128.Create(Pick(i), Pick(i + 1), Pick(i + 2), Pick(i + 3)), (CategorySet)(i % 16))).ToArray();
        var buffer = new ArrayBufferWriter<byte>(16);   // small: the writer must ask for room line by line
        using (var writer = new ScoreWriter(buffer))
        {
            writer.Write(id, scores.AsSpan(0, 1000));
            writer.Write(id + "2", scores.AsSpan(1000));
        }
        Assert.Equal(Reference(id, scores.AsSpan(0, 1000)) + Reference(id + "2", scores.AsSpan(1000)), Encoding.UTF8.GetString(buffer.WrittenSpan));

        float Pick(int i) => i % 7 == 0 ? edges[i % edges.Length] : random.NextSingle();
    }
}
