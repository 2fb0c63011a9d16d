using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Core.Tests.Scoring;

/// <summary>The plain reasons a moderator reads: one phrase per signal and direction, quotes from the paragraph, shares.</summary>
public class ReasonTests
{
    private static readonly string[] Paragraphs = ["Ferry timetable changes", "Click HERE to buy cheap watches now, click here!", "Tags: ferries, council"];

    private static ReasonContext Context(string text, Action<float[]>? set = null)
    {
        var normalized = new char[text.Length];
        var dense = new float[DenseFeatures.Count];
        dense[(int)DenseFeature.LogWords] = MathF.Log(1 + 3) / 6;
        set?.Invoke(dense);
        return new ReasonContext(text, new string(normalized, 0, TextNormalizer.Normalize(text, normalized)), dense, 1, 3);
    }

    [Fact]
    public void Every_named_signal_has_a_plain_reason_both_ways_without_its_raw_name()
    {
        // A signal added to DenseFeature without a phrase in ReasonTable fails here.
        var context = Context("Tags: ferries, council");
        foreach (var signal in Enum.GetValues<DenseFeature>())
        {
            Assert.True(ReasonTable.Covers(signal), $"{signal} has no plain reason in ReasonTable");
            foreach (bool high in new[] { true, false })
            {
                string reason = ReasonTable.Signal(signal, high, context);
                Assert.False(string.IsNullOrWhiteSpace(reason), $"{signal} ({(high ? "high" : "low")})");
                Assert.DoesNotContain(reason, DenseFeatures.Names, StringComparer.Ordinal);
                Assert.All(DenseFeatures.Names, name => Assert.DoesNotContain(name, reason, StringComparison.Ordinal));
                Assert.DoesNotContain("=", reason);
            }
        }
    }

    [Fact]
    public void Reasons_read_what_the_value_means_and_quote_the_paragraph()
    {
        Assert.Equal("starts like a template line: 'Tags:'", ReasonTable.Signal(DenseFeature.TemplateOpener, true, Context("Tags: ferries, council")));
        Assert.Equal("few ordinary words (10% of words)", ReasonTable.Signal(DenseFeature.StopWordDensity, false,
            Context("x", d => d[(int)DenseFeature.StopWordDensity] = 0.1f)));
        Assert.Equal("many ordinary words (70% of words)", ReasonTable.Signal(DenseFeature.StopWordDensity, true,
            Context("x", d => d[(int)DenseFeature.StopWordDensity] = 0.7f)));
        Assert.Equal("no link", ReasonTable.Signal(DenseFeature.HasUrl, false, Context("x")));
        Assert.Equal("contains a link: 'www.example.test/deal'", ReasonTable.Signal(DenseFeature.HasUrl, true, Context("Go to www.example.test/deal now")));
        Assert.Equal("calls to act or buy: 'click', 'buy', 'cheap'", ReasonTable.Signal(DenseFeature.CallToActionDensity, true, Context(Paragraphs[1])));
        Assert.Equal("a label and a colon at the start: 'Filed under:'", ReasonTable.Signal(DenseFeature.EarlyColon, true, Context("Filed under: News")));
        Assert.Equal("near the start of the document (paragraph 2 of 3)", ReasonTable.Signal(DenseFeature.RelativePosition, false, Context("x")));
        // Signals that mean the same to a reader read the same, so they count as one reason.
        Assert.Equal(ReasonTable.Signal(DenseFeature.CentroidSimilarity, false, Context("x")), ReasonTable.Signal(DenseFeature.RelativeCentroidSimilarity, false, Context("x")));
        Assert.Equal("unlike the title and lead (paragraphs 9-15)", ReasonTable.Segment(new TopicSegment(8, 7, 0.03f, 0.26f), true, true));
        Assert.Equal("unlike the lead (paragraphs 2-3)", ReasonTable.Segment(new TopicSegment(1, 2, 0.5f, 0.1f), false, true));
        Assert.Equal("unlike the title (paragraph 2)", ReasonTable.Segment(new TopicSegment(1, 1, 0.1f, 0.5f), true, false));
        Assert.Equal("words typical of spam: 'Click here', 'cheap'", ReasonTable.Words(Category.Spam, ["Click here", "cheap"]));
    }

    [Fact]
    public void Quotes_give_the_paragraph_as_written_widened_to_whole_words()
    {
        var context = Context("There: use   code SAVE60 today!  Click HERE");
        Assert.Equal("code SAVE60", context.Quote("code save00", wholeWords: true));
        Assert.Equal("Click HERE", context.Quote("lick h", wholeWords: false));
        Assert.Equal("HERE", context.Quote("here", wholeWords: true));   // not the "here" inside "there"
        Assert.Null(context.Quote("watches", wholeWords: true));
        Assert.Empty(ReasonContext.TellingWords("the"));
        Assert.Equal(["watches"], ReasonContext.TellingWords("the watches"));
        Assert.Empty(ReasonContext.TellingWords("2024 T"));   // numbers and single letters tell a reader nothing either
    }

    [Fact]
    public void Shares_are_of_the_positive_contributions_largest_first_and_all_reasons_sum_to_one()
    {
        foreach (var model in new[] { TestModels.Random(seed: 3), TestModels.RandomWithEmbeddings(seed: 5) })
        {
            var explainer = new Explainer(model);
            foreach (var category in Categories.All.ToArray())
                for (int i = 0; i < Paragraphs.Length; i++)
                {
                    var top = explainer.Reasons(Paragraphs, i, category);
                    Assert.InRange(top.Count, 1, 3);
                    Assert.Equal(top.OrderByDescending(r => r.Share), top);
                    Assert.All(top, r => Assert.InRange(r.Share, 0.0001f, 1.0001f));
                    Assert.All(top, r => Assert.DoesNotContain("signal:", r.Text));

                    var all = explainer.Reasons(Paragraphs, i, category, count: 1000);
                    Assert.Equal(1, all.Sum(r => r.Share), 3);
                    // The top reasons' share is that of their contributions among all positive ones.
                    var contributions = explainer.Contributions(Paragraphs, i, category);
                    float positive = contributions.Values.Where(v => v > 0).Sum();
                    float ngrams = contributions.Where(c => c.Value > 0 && (c.Key.StartsWith("word:") || c.Key.StartsWith("chars:"))).Sum(c => c.Value);
                    if (all.SingleOrDefault(r => r.Text.StartsWith("words typical of", StringComparison.Ordinal)) is { Text: not null } words)
                        Assert.Equal(ngrams / positive, words.Share, 3);
                    else
                        Assert.Equal(0, ngrams);
                    // With an embedding, a paragraph after the title has its segment as one reason when it pushed up.
                    string? segment = contributions.Keys.SingleOrDefault(k => k.StartsWith("segment:", StringComparison.Ordinal));
                    if (segment is not null && contributions[segment] > 0)
                        Assert.Contains(all, r => r.Text.Contains("(paragraphs ", StringComparison.Ordinal));
                }
        }
    }

    [Fact]
    public void The_ngram_reason_quotes_the_paragraphs_own_words()
    {
        var explainer = new Explainer(TestModels.Random(seed: 3));
        foreach (var category in Categories.All.ToArray())
        {
            var words = explainer.Reasons(Paragraphs, 1, category, count: 1000).Single(r => r.Text.StartsWith("words typical of", StringComparison.Ordinal));
            var quotes = System.Text.RegularExpressions.Regex.Matches(words.Text, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.InRange(quotes.Count, 1, 3);
            Assert.All(quotes, q => Assert.Contains(q, Paragraphs[1], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Explain_with_reasons_is_explain_and_reasons_in_one_pass()
    {
        var explainer = new Explainer(TestModels.RandomWithEmbeddings(seed: 5));
        var (contributions, reasons) = explainer.ExplainWithReasons(Paragraphs, 2, Category.Filler);
        Assert.Equal(explainer.Explain(Paragraphs, 2, Category.Filler), contributions);
        Assert.Equal(explainer.Reasons(Paragraphs, 2, Category.Filler), reasons);
    }
}
