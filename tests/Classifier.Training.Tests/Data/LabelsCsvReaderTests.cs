using Classifier.Core;
using Classifier.Training.Data;

namespace Classifier.Training.Tests.Data;

public sealed class LabelsCsvReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_documents_with_labels_weights_and_paragraphs_in_para_order()
    {
        string path = _dir.Write("labels.csv",
            "doc_id,para,text,label,weight\n" +
            "news/a,2,Third paragraph.,filler,\n" +
            "news/a,0,Title of A,clean,0.5\n" +
            "news/a,1,Buy now and subscribe!,spam;off_topic,2\n" +
            "sport/b,0,Only paragraph,Conspiracy,\n");

        var docs = LabelsCsvReader.Read(path).OrderBy(d => d.Id).ToList();

        Assert.Equal(2, docs.Count);
        var a = docs[0];
        Assert.Equal("news/a", a.Id);
        Assert.Equal("news", a.Topic);
        Assert.Equal("labels:labels", a.Source);
        Assert.Equal(Splits.ForDocument("news/a"), a.Split);
        Assert.Equal(["Title of A", "Buy now and subscribe!", "Third paragraph."], a.Texts);
        Assert.Equal([CategorySet.None, CategorySet.Spam | CategorySet.OffTopic, CategorySet.Filler], a.Paragraphs.Select(p => p.Labels));
        Assert.Equal([0.5f, 2f, 1f], a.Paragraphs.Select(p => p.Weight));
        Assert.All(a.Paragraphs, p => Assert.True(p.IsLabelled));
        Assert.Equal(CategorySet.Conspiracy, Assert.Single(docs[1].Paragraphs).Labels);
    }

    [Fact]
    public void A_weight_of_zero_is_context_not_a_label()
    {
        string path = _dir.Write("review.csv", "doc_id,para,text,label,weight\nd,0,Decided,spam,1\nd,1,Undecided guess,filler,0\n");
        var doc = Assert.Single(LabelsCsvReader.Read(path));
        Assert.Equal([true, false], doc.Paragraphs.Select(p => p.IsLabelled));
        Assert.Equal(["Decided", "Undecided guess"], doc.Texts);
    }

    [Fact]
    public void Weight_column_is_optional_and_source_can_be_given()
    {
        string path = _dir.Write("plain.csv", "doc_id,para,text,label\nd,0,Hello,clean\n");
        var doc = Assert.Single(LabelsCsvReader.Read(path, "mine"));
        Assert.Equal("mine", doc.Source);
        Assert.Equal(1f, Assert.Single(doc.Paragraphs).Weight);
    }

    [Fact]
    public void Quoted_field_with_newline_and_comma_parses()
    {
        string path = _dir.Write("quoted.csv",
            "doc_id,para,text,label\n" +
            "d,0,\"Line one, with comma\nline two \"\"quoted\"\"\",clean\n" +
            "d,1,After,spam\n");

        var doc = Assert.Single(LabelsCsvReader.Read(path));
        Assert.Equal(["Line one, with comma\nline two \"quoted\"", "After"], doc.Texts);
        Assert.Equal(CategorySet.Spam, doc.Paragraphs[1].Labels);
    }

    [Fact]
    public void Unknown_label_names_file_and_line()
    {
        string path = _dir.Write("bad-label.csv", "doc_id,para,text,label\nd,0,Fine,clean\nd,1,Oops,spma\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{path}:3:", e.Message);
        Assert.Contains("spma", e.Message);
    }

    [Fact]
    public void Line_numbers_count_physical_lines_after_a_multiline_field()
    {
        string path = _dir.Write("multiline-then-bad.csv",
            "doc_id,para,text,label\nd,0,\"two\nlines\",clean\nd,1,Oops,nonsense\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Non_integer_para_names_file_and_line()
    {
        string path = _dir.Write("bad-para.csv", "doc_id,para,text,label\nd,0,Fine,clean\nd,1,Fine,clean\nd,two,Bad,clean\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains("'two'", e.Message);
    }

    [Fact]
    public void Missing_header_column_is_reported_on_line_1()
    {
        string path = _dir.Write("no-label.csv", "doc_id,para,text\nd,0,Fine\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("label", e.Message);
    }

    [Fact]
    public void Unbalanced_quote_names_file_and_line()
    {
        string path = _dir.Write("bad-quote.csv",
            "doc_id,para,text,label\nd,0,Fine,clean\nd,1,Stray \"quote here,clean\nd,2,Fine,clean\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
    }

    // An unterminated quote swallows the rest of the file into one record; the reader reports
    // "inconsistent number of columns" at the line *after* the last one (5 of a 4-line file), because it
    // uses Parser.RawRow (the line a record ends on) rather than the line the record started on.
    [Fact]
    public void Unterminated_quoted_field_names_the_line_where_the_quote_opens()
    {
        string path = _dir.Write("open-quote.csv",
            "doc_id,para,text,label\nd,0,Fine,clean\nd,1,\"Never closed,clean\nd,2,Fine,clean\n");
        var e = Assert.Throws<DataFormatException>(() => LabelsCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
    }
}
