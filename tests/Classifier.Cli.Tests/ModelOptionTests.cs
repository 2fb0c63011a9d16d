namespace Classifier.Cli.Tests;

/// <summary>score --model: another model file works; a missing or corrupted one fails cleanly.</summary>
public sealed class ModelOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly string Input = Jsonl.Lines(Jsonl.Paragraphs("a", "Council approves ferry timetable", "Tags: ferries, council"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Copy_of_default_model_at_another_path_gives_the_same_output()
    {
        string copy = _dir.File("copy.lqcm");
        File.Copy(CliRunner.DefaultModelPath, copy);

        var withDefault = CliRunner.Run(["score"], stdin: Input);
        var withCopy = CliRunner.Run(["score", "--model", copy], stdin: Input);

        Assert.True(withCopy.ExitCode == 0, withCopy.ToString());
        ScoreLines.AssertDocuments(ScoreLines.Parse(withCopy.StdOut), ("a", 2));
        Assert.Equal(withDefault.StdOut, withCopy.StdOut);
    }

    [Fact]
    public void Missing_model_file_fails_with_a_message_and_no_output()
    {
        string missing = _dir.File("no-such-model.lqcm");

        var result = CliRunner.Run(["score", "--model", missing], stdin: Input);

        AssertCleanModelFailure(result, "no-such-model.lqcm");
    }

    [Fact]
    public void Missing_model_with_output_option_writes_no_lines()
    {
        string outPath = _dir.File("out.jsonl");

        var result = CliRunner.Run(["score", "--model", _dir.File("missing.lqcm"), "--output", outPath], stdin: Input);

        AssertCleanModelFailure(result, "missing.lqcm");
        Assert.True(!File.Exists(outPath) || new FileInfo(outPath).Length == 0, "lines were written despite the failure");
    }

    public static TheoryData<string> Corruptions => ["magic", "version", "header-length", "header", "weights", "checksum", "truncated", "empty"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Corrupted_model_fails_with_a_message_and_no_output(string corruption)
    {
        byte[] bytes = File.ReadAllBytes(CliRunner.DefaultModelPath);
        bytes = corruption switch
        {
            "magic" => Flip(bytes, 0),
            "version" => Flip(bytes, 4),
            "header-length" => Flip(bytes, 9),
            "header" => Flip(bytes, 40),
            "weights" => Flip(bytes, bytes.Length / 2),
            "checksum" => Flip(bytes, bytes.Length - 1),
            "truncated" => bytes[..(bytes.Length / 3)],
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        string path = _dir.File($"corrupt-{corruption}.lqcm");
        File.WriteAllBytes(path, bytes);

        var result = CliRunner.Run(["score", "--model", path], stdin: Input);

        AssertCleanModelFailure(result, $"corrupt-{corruption}.lqcm");
    }

    [Fact]
    public void Directory_as_model_fails_cleanly()
    {
        var result = CliRunner.Run(["score", "--model", _dir.Path], stdin: Input);

        AssertCleanModelFailure(result, Path.GetFileName(_dir.Path));
    }

    private static byte[] Flip(byte[] bytes, int offset)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] ^= 0xFF;
        return copy;
    }

    private static void AssertCleanModelFailure(CliResult result, string fileName)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal("", result.StdOut);
        Assert.Contains(fileName, result.StdErr);
        Assert.Contains("model", result.StdErr, StringComparison.OrdinalIgnoreCase);
        CliAssert.NoCrash(result);
    }
}

public static class CliAssert
{
    /// <summary>The failure was reported, not an unhandled exception with a stack trace.</summary>
    public static void NoCrash(CliResult result)
    {
        Assert.DoesNotContain("Unhandled exception", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    /// <summary>A clean failure whose stderr names the given location (e.g. "bad.jsonl:3").</summary>
    public static void FailsNaming(CliResult result, string location)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.True(result.StdErr.Contains(location, StringComparison.Ordinal), $"stderr does not name '{location}':\n{result}");
        NoCrash(result);
    }
}
