using Classifier.Core.Features;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Classifier.Core.Tests.Properties;

/// <summary>Properties over arbitrary text (FsCheck generates strings with control characters, NULs,
/// lone surrogates and other hostile code units): segmentation and scoring never throw, scores stay
/// probabilities, results are deterministic, and a batch scores like its documents one by one except
/// where a line recurs across them.</summary>
public class ScoringProperties
{
    private static readonly Scorer SharedScorer = new(TestModels.Random(seed: 11));
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Strings biased towards what breaks parsers: separators, NUL, surrogates, RTL and CJK, emoji, zero-width.</summary>
    private static Arbitrary<string> HostileText()
    {
        var pieces = Gen.Elements("\n", "\r\n", "\r", " ", "\t", "\0", "\uFEFF", "\u200B", "\u202E", "\uD800", "\uDC00", "مرحبا", "新闻", "😀", "Tags:", "BUY NOW!!!", "a", "0");
        var mixed = Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), pieces);
        return Gen.ListOf(mixed).Select(parts => string.Concat(parts)).ToArbitrary();
    }

    [Fact]
    public void SegmentationNeverThrowsAndYieldsTrimmedLines() =>
        Prop.ForAll(HostileText(), text =>
        {
            var paragraphs = Segmenter.Split(text);
            return paragraphs.All(p => p.Length > 0 && p == p.Trim() && !p.Contains('\n') && !p.Contains('\r'));
        }).Check(Runs);

    [Fact]
    public void ScoresAreDeterministicProbabilities() =>
        Prop.ForAll(HostileText(), text =>
        {
            var document = Document.FromText("d", text);
            var first = SharedScorer.Score(document);
            var second = SharedScorer.Score(document);
            return first.Length == document.Paragraphs.Count
                && first.Zip(second).All(pair => pair.First.Probabilities == pair.Second.Probabilities && pair.First.Flags == pair.Second.Flags)
                && first.All(s => Categories.All.ToArray().All(c => s[c] is >= 0 and <= 1 && !float.IsNaN(s[c])));
        }).Check(Runs);

    [Fact]
    public void ParagraphsGivenDirectlyNeverThrowEvenWhenBlank() =>
        Prop.ForAll(HostileText(), HostileText(), (a, b) =>
        {
            var scores = SharedScorer.Score(new Document("d", [a, b, "", " "]));
            return scores.Length == 4;
        }).Check(Runs);

    [Fact]
    public void ABatchScoresLikeItsDocumentsOneByOneWhereNoLineRecurs() =>
        Prop.ForAll(HostileText(), HostileText(), HostileText(), (a, b, c) =>
        {
            Document[] batch = [Document.FromText("a", a), Document.FromText("b", b), Document.FromText("c", c)];
            var scores = new ParagraphScore[batch.Sum(d => d.Paragraphs.Count)];
            SharedScorer.Score(batch, scores);
            var recurrence = BatchRecurrence.Of(batch);
            int offset = 0;
            for (int d = 0; d < batch.Length; d++)
            {
                int count = batch[d].Paragraphs.Count;
                var alone = new Scorer(SharedScorer.Model).Score(batch[d]);
                for (int p = 0; p < count; p++)
                {
                    // The test model is linear, so only a recurring paragraph's own score may change.
                    bool recurs = recurrence.OtherDocuments(d, p) > 0;
                    if (!recurs && alone[p].Probabilities != scores[offset + p].Probabilities)
                        return false;
                }
                offset += count;
            }
            return true;
        }).Check(Runs);

    [Fact]
    public void NormalizedTextIsNoLongerThanItsSourceAndHasNoDoubleSpaces() =>
        Prop.ForAll(HostileText(), text =>
        {
            var buffer = new char[text.Length];
            var normalized = new string(buffer, 0, TextNormalizer.Normalize(text, buffer));
            return normalized.Length <= text.Length && !normalized.Contains("  ") && normalized == normalized.Trim();
        }).Check(Runs);
}
