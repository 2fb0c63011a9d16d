using System.Runtime.Intrinsics;
using Classifier.Core.Features;
using Classifier.Core.Scoring;

namespace Classifier.Core.Tests.Scoring;

public sealed class FlaggedSegmentsTests
{
    private static ParagraphScore Score(bool offTopic, bool spam = false) =>
        new(Vector128<float>.Zero, (offTopic ? CategorySet.OffTopic : CategorySet.None) | (spam ? CategorySet.Spam : CategorySet.None));

    // The title, a host segment of 4 (one flagged), an insertion of 4 (two flagged), a lone paragraph (flagged).
    private static readonly TopicSegment[] Segments = [new(0, 1, 1, 1), new(1, 4, 0.9f, 1), new(5, 4, 0.1f, 0.2f), new(9, 1, 0.2f, 0.3f)];

    private static ParagraphScore[] Scores() =>
        [Score(true), Score(false), Score(true), Score(false), Score(false), Score(true), Score(false, spam: true), Score(false), Score(true), Score(true)];

    [Fact]
    public void A_segment_is_flagged_when_two_or_more_and_at_least_half_of_it_are()
    {
        var scores = Scores();
        Assert.Equal([Segments[2]], FlaggedSegments.Of(Segments, scores));
        Assert.True(FlaggedSegments.Possible(scores));
        Assert.False(FlaggedSegments.Possible([Score(false), Score(true), Score(false)]));
    }

    [Fact]
    public void Extending_flags_the_whole_segment_off_topic_and_keeps_other_flags()
    {
        var scores = Scores();
        FlaggedSegments.Extend(Segments, scores);
        bool[] expected = [true, false, true, false, false, true, true, true, true, true];
        Assert.Equal(expected, scores.Select(s => s.IsFlagged(Category.OffTopic)));
        Assert.True(scores[6].IsFlagged(Category.Spam));
        // The title and the host keep their own flags.
        Assert.Equal(Scores()[..5].Select(s => s.Flags), scores[..5].Select(s => s.Flags));
    }

    [Fact]
    public void The_whole_segment_scorer_keeps_probabilities_and_every_flag_but_may_add_off_topic()
    {
        var model = TestModels.RandomWithEmbeddings(seed: 4);
        var inner = new Scorer(model);
        var whole = new WholeSegmentScorer(inner);
        Core.Text.Document[] batch = [new("a", ["A title", "Click here to buy cheap watches now", "Buy cheap watches today", "The council met on Tuesday."])];
        var plain = new ParagraphScore[4];
        var extended = new ParagraphScore[4];
        inner.Score(batch, plain);
        whole.Score(batch, extended);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(plain[i].Probabilities, extended[i].Probabilities);
            Assert.Equal(plain[i].Flags, extended[i].Flags & ~CategorySet.OffTopic | (plain[i].Flags & CategorySet.OffTopic));
        }
    }
}
