namespace Classifier.Cli.Tests;

/// <summary>score on bad input: a non-zero exit and stderr naming the file (and line); never a silent skip.</summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> MalformedLines =>
    [
        """{"id": "x", "paragraphs": [1, 2]}""",
        "{not json",
        """{"id": "x", "paragraphs": ["a", null]}""",
        """{"id": "x", "paragraphs": "not an array"}""",
        """{"id": "x", "text": 5}""",
        """{"id": "x"}""",
        """{"paragraphs": ["a"]}""",
        """{"id": null, "text": "a"}""",
        """{"id": ["x"], "text": "a"}""",
        """["x", "y"]""",
        "\"just a string\"",
        "42",
        "null",
        """{"id": "x", "text": "a"} trailing""",
        """{"id": "x", "text": "a"}{"id": "y", "text": "b"}""",
        """{"id": "x", "text": "unterminated""",
    ];

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public void Malformed_jsonl_line_in_a_file_names_file_and_line(string badLine)
    {
        string file = _dir.Write("bad.jsonl", Jsonl.Lines(Jsonl.Paragraphs("ok1", "fine"), Jsonl.Text("ok2", "also fine"), badLine, Jsonl.Paragraphs("ok3", "after")));

        var result = CliRunner.Run("score", file);

        CliAssert.FailsNaming(result, "bad.jsonl:3");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"id": "x", "paragraphs": [1, 2]}""")]
    public void Malformed_jsonl_line_on_stdin_names_stdin_and_line(string badLine)
    {
        string input = Jsonl.Lines(Jsonl.Paragraphs("ok", "fine"), badLine);

        CliAssert.FailsNaming(CliRunner.Run(["score"], stdin: input), "<stdin>:2");
        CliAssert.FailsNaming(CliRunner.Run(["score", "-"], stdin: input), "<stdin>:2");
    }

    [Fact]
    public void Error_in_a_later_file_is_not_skipped()
    {
        string good = _dir.Write("good.jsonl", Jsonl.Lines(Jsonl.Paragraphs("g", "fine")));
        string bad = _dir.Write("later.jsonl", Jsonl.Lines("{oops"));

        var result = CliRunner.Run("score", good, bad);

        CliAssert.FailsNaming(result, "later.jsonl:1");
    }

    [Fact]
    public void Malformed_line_fails_also_with_output_option()
    {
        string bad = _dir.Write("bad.jsonl", Jsonl.Lines(Jsonl.Paragraphs("g", "fine"), "{oops"));

        var result = CliRunner.Run("score", bad, "--output", _dir.File("out.jsonl"));

        CliAssert.FailsNaming(result, "bad.jsonl:2");
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void Csv_without_text_column_names_the_file()
    {
        string file = _dir.Write("notext.csv", "doc_id,body\na,hello\n");

        CliAssert.FailsNaming(CliRunner.Run("score", file), "notext.csv");
    }

    [Fact]
    public void Csv_without_doc_id_column_names_the_file()
    {
        string file = _dir.Write("noid.csv", "id,text\na,hello\n");

        CliAssert.FailsNaming(CliRunner.Run("score", file), "noid.csv");
    }

    [Theory]
    [InlineData("doc_id,text\na,\"hello\nb,world\n")]
    [InlineData("doc_id,text\na,fine\nb,\"never closed\n")]
    [InlineData("doc_id,text\na,he\"llo\n")]
    public void Csv_with_unbalanced_quote_names_the_file(string content)
    {
        string file = _dir.Write("quotes.csv", content);

        CliAssert.FailsNaming(CliRunner.Run("score", file), "quotes.csv");
    }

    [Theory]
    [InlineData("doc_id,text\na,hello\nb,world,extra\n")]
    [InlineData("doc_id,text\na,hello\nlonely\n")]
    public void Csv_row_with_wrong_number_of_columns_names_the_file(string content)
    {
        string file = _dir.Write("columns.csv", content);

        CliAssert.FailsNaming(CliRunner.Run("score", file), "columns.csv");
    }

    [Fact]
    public void Csv_row_with_empty_doc_id_names_file_and_line()
    {
        string file = _dir.Write("noid.csv", "doc_id,text\na,hello\n,orphan\n");

        CliAssert.FailsNaming(CliRunner.Run("score", file), "noid.csv:3");
    }

    [Theory]
    [InlineData("doc.md")]
    [InlineData("doc.xml")]
    [InlineData("noextension")]
    public void Unknown_extension_is_an_error(string name)
    {
        string file = _dir.Write(name, Jsonl.Lines(Jsonl.Paragraphs("a", "x")));

        var result = CliRunner.Run("score", file);

        CliAssert.FailsNaming(result, name);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void Missing_input_file_is_an_error()
    {
        var result = CliRunner.Run("score", _dir.File("absent.jsonl"));

        CliAssert.FailsNaming(result, "absent.jsonl");
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void Unknown_option_is_an_error()
    {
        var result = CliRunner.Run(["score", "--no-such-option"], stdin: Jsonl.Lines(Jsonl.Paragraphs("a", "x")));

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.DoesNotContain("\"scores\"", result.StdOut);
    }

    [Fact]
    public void Output_into_a_missing_directory_fails_cleanly()
    {
        string outPath = Path.Combine(_dir.Path, "no-such-dir", "out.jsonl");

        var result = CliRunner.Run(["score", "--output", outPath], stdin: Jsonl.Lines(Jsonl.Paragraphs("a", "x")));

        CliAssert.FailsNaming(result, "no-such-dir");
    }
}
