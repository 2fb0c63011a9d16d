using System.Text.Json;

namespace Classifier.Cli.Tests;

/// <summary>The score verb on valid input: formats, order, segmentation, --output, default model.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Jsonl_file_with_paragraphs_and_text_forms_scores_every_paragraph_in_order()
    {
        string file = _dir.Write("docs.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("first", "Council approves ferry timetable", "The council voted 7-2 on Tuesday.", "Tags: ferries, council"),
            Jsonl.Text("second", "Rail timetable changes\n\n   \nThe operator will add six trains.\r\nPassenger numbers rose by 12 percent.\n"),
            Jsonl.Paragraphs("third", "One paragraph only.")));

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("first", 3), ("second", 3), ("third", 1));
    }

    [Fact]
    public void Explain_adds_plain_reasons_with_shares_beside_the_raw_explanation_of_each_flag()
    {
        string file = _dir.Write("docs.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("ferry", "Council approves ferry timetable", "The council voted 7-2 on Tuesday to approve the new ferry timetable, officials said.",
                "The new timetable adds two sailings and a Sunday service.", "Tags: ferries, council, transport"),
            Jsonl.Paragraphs("truth", "Water board publishes annual report", "The board said supply met demand on all but three days of the summer.",
                "Share this article on Facebook | Twitter | Email")));

        // The threshold is set here so the test holds the explanation plumbing, not the shipped model's filler threshold.
        var result = CliRunner.Run(["score", "--explain", file, "--threshold", "filler=0.3"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(7, lines.Count);
        Assert.Contains(lines, l => l.GetProperty("flags").GetArrayLength() > 0);
        foreach (var line in lines)
        {
            var flags = line.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();
            if (flags.Count == 0)
            {
                Assert.False(line.TryGetProperty("explanation", out _));
                Assert.False(line.TryGetProperty("reasons", out _));
                continue;
            }
            // The raw contributions stay as they were; the plain reasons sit beside them, per flag, largest share first.
            Assert.Equal(flags, line.GetProperty("explanation").EnumerateObject().Select(e => e.Name));
            Assert.All(line.GetProperty("explanation").EnumerateObject(), e => Assert.All(e.Value.EnumerateArray(), c =>
            {
                Assert.Matches("^(signal|word|chars|meaning|segment):", c.GetProperty("feature").GetString()!);
                Assert.True(c.GetProperty("weight").GetDouble() > 0);
            }));
            Assert.Equal(flags, line.GetProperty("reasons").EnumerateObject().Select(e => e.Name));
            foreach (var reasons in line.GetProperty("reasons").EnumerateObject())
            {
                var list = reasons.Value.EnumerateArray().ToList();
                Assert.InRange(list.Count, 1, 3);
                Assert.Equal(["share", "text"], list[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                var shares = list.Select(r => r.GetProperty("share").GetDouble()).ToList();
                Assert.All(shares, s => Assert.InRange(s, 0.001, 1));
                Assert.Equal(shares.OrderDescending(), shares);
                Assert.True(shares.Sum() <= 1.001);
                Assert.All(list, r => Assert.DoesNotMatch(@"signal:|word:""|chars:""|meaning:|=\d", r.GetProperty("text").GetString()!));
            }
        }
        // The tag line is filler, and one reason says it starts like a template line, quoting it.
        var tags = lines.Single(l => l.GetProperty("doc").GetString() == "ferry" && l.GetProperty("para").GetInt32() == 3);
        Assert.Contains("starts like a template line: 'Tags:'", tags.GetProperty("reasons").GetProperty("filler").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
    }

    [Fact]
    public void No_file_reads_jsonl_from_stdin()
    {
        var lines = ScoreLines.Score([], stdin: Jsonl.Lines(
            Jsonl.Paragraphs("a", "Hello there.", "Second paragraph."),
            Jsonl.Text("b", "Line one\nLine two\nLine three")));

        ScoreLines.AssertDocuments(lines, ("a", 2), ("b", 3));
    }

    [Fact]
    public void Dash_reads_stdin_in_its_place_among_files()
    {
        string before = _dir.Write("before.txt", "Title\nBody paragraph.\n");
        string after = _dir.Write("after.jsonl", Jsonl.Lines(Jsonl.Paragraphs("after-doc", "x", "y", "z")));

        var lines = ScoreLines.Score([before, "-", after], stdin: Jsonl.Lines(Jsonl.Paragraphs("from-stdin", "Only paragraph.")));

        ScoreLines.AssertDocuments(lines, ("before.txt", 2), ("from-stdin", 1), ("after-doc", 3));
    }

    [Fact]
    public void Empty_stdin_gives_no_lines_and_success()
    {
        var result = CliRunner.Run(["score"], stdin: "");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void Txt_file_is_one_document_named_after_the_file_with_a_paragraph_per_non_empty_line()
    {
        string file = _dir.Write("note.txt", "Harbour council approves timetable\n\nThe vote was 7-2.\n   \nTags: ferries\n");

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("note.txt", 3));
    }

    [Fact]
    public void Csv_consecutive_rows_of_one_doc_id_form_a_document()
    {
        string file = _dir.Write("docs.csv",
            "doc_id,text\n" +
            "a,First paragraph of a.\n" +
            "a,\"Second paragraph of a, with a comma and \"\"quotes\"\".\"\n" +
            "b,First of b.\n" +
            "b,Second of b.\n" +
            "b,Third of b.\n" +
            "c,Only paragraph of c.\n");

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("a", 2), ("b", 3), ("c", 1));
    }

    [Fact]
    public void Csv_doc_id_that_comes_back_later_starts_a_new_document()
    {
        string file = _dir.Write("docs.csv", "doc_id,text\na,one\na,two\nb,three\na,four\n");

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("a", 2), ("b", 1), ("a", 1));
    }

    [Fact]
    public void Several_files_of_mixed_types_keep_input_order()
    {
        string one = _dir.Write("one.jsonl", Jsonl.Lines(Jsonl.Paragraphs("j1", "a", "b"), Jsonl.Text("j2", "c")));
        string two = _dir.Write("two.txt", "p1\np2\np3\n");
        string three = _dir.Write("three.csv", "doc_id,text\nc1,x\nc2,y\nc2,z\n");
        string four = _dir.Write("four.jsonl", Jsonl.Lines(Jsonl.Paragraphs("j3", "last")));

        var lines = ScoreLines.Score([one, two, three, four]);
        ScoreLines.AssertDocuments(lines, ("j1", 2), ("j2", 1), ("two.txt", 3), ("c1", 1), ("c2", 2), ("j3", 1));

        var reversed = ScoreLines.Score([four, three, two, one]);
        ScoreLines.AssertDocuments(reversed, ("j3", 1), ("c1", 1), ("c2", 2), ("two.txt", 3), ("j1", 2), ("j2", 1));
    }

    [Fact]
    public void Empty_documents_yield_no_lines_and_the_documents_around_them_are_scored()
    {
        string file = _dir.Write("docs.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("before", "A paragraph."),
            """{"id":"e","paragraphs":[]}""",
            Jsonl.Text("e2", "\n\n"),
            Jsonl.Text("e3", "   \n \t \n"),
            Jsonl.Paragraphs("after", "Another paragraph.", "And one more.")));

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("before", 1), ("after", 2));
    }

    [Fact]
    public void Empty_txt_file_yields_no_lines_and_other_files_are_scored()
    {
        string empty = _dir.Write("empty.txt", "\n\n");
        string full = _dir.Write("full.txt", "One.\nTwo.\n");

        var lines = ScoreLines.Score([empty, full]);

        ScoreLines.AssertDocuments(lines, ("full.txt", 2));
    }

    [Fact]
    public void Long_document_numbers_all_paragraphs()
    {
        var paragraphs = Enumerable.Range(0, 150).Select(i => $"Paragraph number {i} of a long report on the harbour.").ToArray();
        string file = _dir.Write("long.jsonl", Jsonl.Lines(Jsonl.Paragraphs("short", "x"), Jsonl.Paragraphs("long", paragraphs), Jsonl.Paragraphs("tail", "y", "z")));

        var lines = ScoreLines.Score([file]);

        ScoreLines.AssertDocuments(lines, ("short", 1), ("long", 150), ("tail", 2));
    }

    [Fact]
    public void Non_ascii_ids_and_text_round_trip_from_file_and_stdin()
    {
        string id = "naïve-日本-\"quoted\"";
        string input = Jsonl.Lines(Jsonl.Paragraphs(id, "Überraschung im Hafen: Fähre fährt später.", "東京の天気"));
        string file = _dir.Write("unicode.jsonl", input);

        ScoreLines.AssertDocuments(ScoreLines.Score([file]), (id, 2));
        ScoreLines.AssertDocuments(ScoreLines.Score([], stdin: input), (id, 2));
    }

    [Fact]
    public void Output_option_writes_the_same_lines_to_a_file_and_nothing_to_stdout()
    {
        string input = _dir.Write("docs.jsonl", Jsonl.Lines(
            Jsonl.Paragraphs("a", "Council approves ferry timetable", "Tags: ferries, council"),
            Jsonl.Text("b", "Click here to grab 60% off today only!\nThe vote was 7-2.")));
        var toStdout = CliRunner.Run("score", input);
        Assert.True(toStdout.ExitCode == 0, toStdout.ToString());

        string outPath = _dir.File("scores.jsonl");
        var toFile = CliRunner.Run("score", input, "--output", outPath);

        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal("", toFile.StdOut);
        string written = File.ReadAllText(outPath);
        Assert.Equal(toStdout.StdOut, written);
        ScoreLines.AssertDocuments(ScoreLines.Parse(written), ("a", 2), ("b", 2));
    }

    [Fact]
    public void Output_short_alias_writes_to_a_file()
    {
        string outPath = _dir.File("scores.jsonl");
        var result = CliRunner.Run(["score", "-o", outPath], stdin: Jsonl.Lines(Jsonl.Paragraphs("a", "x", "y")));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdOut);
        ScoreLines.AssertDocuments(ScoreLines.Parse(File.ReadAllText(outPath)), ("a", 2));
    }

    [Fact]
    public void Default_model_is_found_from_another_working_directory()
    {
        _dir.Write("doc.txt", "Harbour council approves timetable\nThe vote was 7-2.\n");

        var lines = ScoreLines.Score(["doc.txt"], workingDirectory: _dir.Path);

        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "models")));
        ScoreLines.AssertDocuments(lines, ("doc.txt", 2));
    }

    [Fact]
    public void Scores_are_deterministic_across_runs()
    {
        string input = Jsonl.Lines(Jsonl.Text("a", "Rail timetable changes\nThe operator will add six trains.\nTags: rail, transport"));

        var first = CliRunner.Run(["score"], stdin: input);
        var second = CliRunner.Run(["score"], stdin: input);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.StdOut, second.StdOut);
    }
}

/// <summary>Input produced on Windows: a UTF-8 byte-order mark and CRLF line ends.</summary>
public sealed class WindowsInputTests : IDisposable
{
    private readonly TempDir _dir = new();
    private const string Bom = "\uFEFF";

    public void Dispose() => _dir.Dispose();

    private static string CrLf(string text) => text.Replace("\n", "\r\n");

    [Fact]
    public void Jsonl_file_with_bom_and_crlf_is_read()
    {
        string file = _dir.Write("win.jsonl", Bom + CrLf(Jsonl.Lines(Jsonl.Paragraphs("a", "x", "y"), Jsonl.Text("b", "one\r\ntwo\r\n\r\nthree"))));

        ScoreLines.AssertDocuments(ScoreLines.Score([file]), ("a", 2), ("b", 3));
    }

    [Fact]
    public void Csv_and_txt_files_with_bom_and_crlf_are_read()
    {
        string csv = _dir.Write("win.csv", Bom + CrLf("doc_id,text\na,x\na,y\nb,z\n"));
        string txt = _dir.Write("win.txt", Bom + CrLf("Title\n\nBody.\n"));

        ScoreLines.AssertDocuments(ScoreLines.Score([csv, txt]), ("a", 2), ("b", 1), ("win.txt", 2));
    }

    [Fact]
    public void Stdin_with_bom_and_crlf_is_read_like_a_file()
    {
        // Same bytes as Jsonl_file_with_bom_and_crlf_is_read, piped (e.g. `classifier score < win.jsonl`).
        string input = Bom + CrLf(Jsonl.Lines(Jsonl.Paragraphs("a", "x", "y"), Jsonl.Text("b", "one\r\ntwo\r\n\r\nthree")));

        ScoreLines.AssertDocuments(ScoreLines.Score([], stdin: input), ("a", 2), ("b", 3));
    }
}
