using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Core.Tests.Scoring;

public class ScorerTests
{
    internal static readonly Document Article = new("a",
    [
        "Storm closes coastal roads",
        "By Jane Doe | 3 March 2024",
        "Heavy rain closed three coastal roads on Sunday, the county council said, and crews expect to reopen them by Tuesday.",
        "Subscribe now and get 50% off your first year! Use code SAVE50 at checkout.",
        "Related articles: Flood warnings issued | Bridge repairs delayed",
    ]);

    [Fact]
    public void ScoresAreProbabilitiesAndFlagsFollowThresholds()
    {
        var model = TestModels.Random();
        var scores = new Scorer(model).Score(Article);
        Assert.Equal(Article.Paragraphs.Count, scores.Length);
        foreach (var score in scores)
        {
            foreach (var category in Categories.All)
            {
                Assert.InRange(score[category], 0f, 1f);
                Assert.Equal(score[category] >= model.Thresholds[(int)category], score.IsFlagged(category));
            }
        }
    }

    [Fact]
    public void ScoringIsDeterministicAndIndependentOfOtherDocuments()
    {
        var scorer = new Scorer(TestModels.Random());
        var first = scorer.Score(Article).Select(s => s.Probabilities).ToArray();
        scorer.Score(new Document("other", ["Completely different text", "with other words"]));
        var again = scorer.Score(Article).Select(s => s.Probabilities).ToArray();
        Assert.Equal(first, again);
    }

    [Fact]
    public void ThresholdOverrideChangesOnlyFlags()
    {
        var model = TestModels.Random();
        var all = new Scorer(model.WithThresholds([0, 0, 0, 0])).Score(Article);
        var none = new Scorer(model.WithThresholds([1, 1, 1, 1])).Score(Article);
        Assert.All(all, s => Assert.Equal(CategorySet.Spam | CategorySet.OffTopic | CategorySet.Conspiracy | CategorySet.Filler, s.Flags));
        Assert.All(none, s => Assert.True(s.Flags == CategorySet.None || s.Probabilities.ToString().Contains('1')));
        Assert.Equal(all.Select(s => s.Probabilities), none.Select(s => s.Probabilities));
    }

    [Fact]
    public void EmptyDocumentScoresNothing() => Assert.Empty(new Scorer(TestModels.Random()).Score(new Document("empty", [])));

    [Fact]
    public void TooSmallBufferIsAnError()
    {
        var scorer = new Scorer(TestModels.Random());
        Assert.Throws<ArgumentException>(() => scorer.Score(Article, new ParagraphScore[2]));
    }

    [Fact]
    public void TreeStageDecidesTheMargins()
    {
        var linear = new Scorer(TestModels.Random()).Score(Article);
        var stacked = new Scorer(TestModels.RandomWithTrees()).Score(Article);
        Assert.NotEqual(linear.Select(s => s.Probabilities), stacked.Select(s => s.Probabilities));
        // Two stumps with leaves of +-1 and +-0.5 around a base of -0.5: margins in {-2, -1, 0, 1}.
        var model = TestModels.RandomWithTrees();
        foreach (var score in stacked)
            foreach (var category in Categories.All)
            {
                var calibration = model.Calibration[(int)category];
                Assert.Contains(new[] { -2f, -1f, 0f, 1f }, m => MathF.Abs(calibration.Probability(m) - score[category]) < 1e-6);
            }
    }

    [Fact]
    public void ConcurrentScoringMatchesSequential()
    {
        var scorer = new Scorer(TestModels.Random());
        var expected = scorer.Score(Article).Select(s => s.Probabilities).ToArray();
        Parallel.For(0, 200, _ => Assert.Equal(expected, scorer.Score(Article).Select(s => s.Probabilities).ToArray()));
    }
}

/// <summary>Run apart from the other tests: alongside them the batch test counted 6,720 bytes in 1 suite run of
/// 40 (run alone: 0 failures in 30), which points at the shared runtime rather than at the scoring path.</summary>
public class TreeStageTests
{
    [Fact]
    public void TreesTooBigForQuickScorerAreWalkedToTheSameScores()
    {
        // A tree of 65 leaves does not fit QuickScorer's 64-bit masks, so the scorer walks the trees instead;
        // its leaves are all 0, so the scores must be those of the model without it, which QuickScorer scores.
        var model = TestModels.RandomWithTrees(seed: 4);
        var chain = Enumerable.Range(0, 64).Select(i => new TreeEnsemble.Node(i % StackedFeatures.Count, i / 64f, ~i, i == 63 ? ~64 : i + 1)).ToArray();
        var bigger = model.Trees!.Select(t => new TreeEnsemble(t.BaseScore, t.FeatureCount, [.. t.Roots, t.Nodes.Length],
            [.. t.Nodes, .. chain.Select(n => n with { Left = Shift(n.Left, t), Right = Shift(n.Right, t) })],
            [.. t.LeafValues, .. new float[65]])).ToArray();
        Assert.Null(QuickScorer.TryBuild(bigger));
        Assert.NotNull(QuickScorer.TryBuild(model.Trees!));
        var walked = new ClassifierModel(model.Space, model.Weights, model.Bias, model.DenseMean, model.DenseScale,
            model.Calibration, model.Thresholds, trees: bigger);
        Assert.Equal(new Scorer(model).Score(ScorerTests.Article), new Scorer(walked).Score(ScorerTests.Article));
    }

    /// <summary>Moves a child reference of the appended chain past the ensemble's own nodes and leaves.</summary>
    private static int Shift(int child, TreeEnsemble ensemble) => child >= 0 ? child + ensemble.Nodes.Length : ~(~child + ensemble.LeafValues.Length);
}

[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    private static readonly Document Article = ScorerTests.Article;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WarmScoringAllocatesNothing(bool withTrees)
    {
        var space = Core.Features.FeatureSpace.Default;
        var scorer = new Scorer(withTrees ? TestModels.RandomWithTrees(space: space) : TestModels.Random(space: space));
        var results = new ParagraphScore[Article.Paragraphs.Count];
        AssertWarmCallsAllocateNothing(() => scorer.Score(Article, results));
    }

    [Fact]
    public void WarmScoringWithStaticEmbeddingsAllocatesNothing()
    {
        // The distilled table's tokenisation, weighted mean and semantic context reuse the thread's buffers too.
        var scorer = new Scorer(TestModels.RandomWithEmbeddings());
        var results = new ParagraphScore[Article.Paragraphs.Count];
        AssertWarmCallsAllocateNothing(() => scorer.Score(Article, results));
    }

    [Fact]
    public void WarmBatchScoringAllocatesNothing()
    {
        var scorer = new Scorer(TestModels.RandomWithTrees(space: Core.Features.FeatureSpace.Default));
        Assert.True(scorer.Model.UsesBatchSignals);   // so the batch's lines are fingerprinted and counted
        Document[] batch = [Article, Article with { Id = "b" }, new("c", ["Harbour news", "Tags: storm, roads"])];
        var results = new ParagraphScore[batch.Sum(d => d.Paragraphs.Count)];
        AssertWarmCallsAllocateNothing(() => scorer.Score(batch, results));
    }

    /// <summary>Some window of 100 warm calls allocates nothing. A per-call allocation shows in every window;
    /// the runtime's own one-off work on this thread (e.g. compiling a method as it tiers up, about 7 KB, seen
    /// about once in 20 runs of the whole suite) lands in one window only.</summary>
    private static void AssertWarmCallsAllocateNothing(Action score)
    {
        for (int i = 0; i < 3; i++)
            score();
        var allocated = new List<long>();
        for (int window = 0; window < 3 && (allocated.Count == 0 || allocated[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
                score();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated[^1] == 0, $"bytes allocated by 100 warm calls, in each window: {string.Join(", ", allocated)}");
    }
}

[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public class AllocationTestsCollection;

public class LinearAccumulatorTests
{
    [Fact]
    public void StreamingMarginsEqualTheSparseVectorMargins()
    {
        var model = TestModels.Random(seed: 7);
        var scorer = new Scorer(model);
        string[] paragraphs = ["Buy buy buy cheap cheap pills now now now!", "The the the council met on Tuesday.", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x", "",
            new string('a', 70_000), string.Concat(Enumerable.Repeat("spam ", 40_000)),   // buckets seen over 65,535 times in one block
            string.Concat(Enumerable.Repeat("xyz ", 255)), string.Concat(Enumerable.Repeat("xyz ", 256)), string.Concat(Enumerable.Repeat("xyz ", 300))];   // around an 8-bit counter's wrap
        var streamed = new System.Runtime.Intrinsics.Vector128<float>[paragraphs.Length];
        scorer.Margins([new Document("d", paragraphs)], streamed);

        var featurizer = new Core.Features.DocumentFeaturizer(model.Space);
        featurizer.Load(paragraphs);
        using var sparse = new Core.Features.SparseFeatures();
        for (int i = 0; i < paragraphs.Length; i++)
        {
            featurizer.Ngrams(i, sparse);
            var reference = scorer.Margins(sparse, featurizer.Dense(i));
            for (int k = 0; k < Categories.Count; k++)   // summed in another order: equal to float rounding, relative
                Assert.Equal(reference[k], streamed[i][k], 1e-5f * Math.Max(1f, Math.Abs(reference[k])));
        }
    }
}

public class ExplainerTests
{
    private static readonly string[] Paragraphs = ["Ferry timetable changes", "Click here to buy cheap watches now, click here!", "Tags: ferries, council"];

    [Fact]
    public void ContributionsAndBiasSumToTheLinearMarginInABatch()
    {
        var model = TestModels.Random(seed: 3);
        // The second document repeats the tag line, so the batch signals of both are non-zero.
        Document[] batch = [new("a", Paragraphs), new("b", ["Harbour dredging starts", "TAGS - ferries council"])];
        var margins = new System.Runtime.Intrinsics.Vector128<float>[Paragraphs.Length + 2];
        new Scorer(model).Margins(batch, margins);
        var explainer = new Explainer(model);
        var recurrence = Core.Features.BatchRecurrence.Of(batch);
        foreach (var category in Categories.All)
            for (int i = 0; i < Paragraphs.Length; i++)
            {
                var contributions = explainer.Contributions(Paragraphs, i, category, recurrence, document: 0);
                Assert.Equal(margins[i][(int)category], contributions.Values.Sum() + model.Bias[(int)category], 3);
                // The third paragraph's tag line recurs in the other document: its signal (and value) differ in the batch.
                Assert.Equal(i == 2, !RecursInBatch(contributions).Equals(RecursInBatch(explainer.Contributions(Paragraphs, i, category))));

            }
    }

    [Fact]
    public void The_embedding_is_explained_as_one_meaning_contribution_and_the_sum_still_holds()
    {
        var model = TestModels.RandomWithEmbeddings(seed: 5);
        var margins = new System.Runtime.Intrinsics.Vector128<float>[Paragraphs.Length];
        new Scorer(model).Margins([new Document("a", Paragraphs)], margins);
        var explainer = new Explainer(model);
        foreach (var category in Categories.All)
            for (int i = 0; i < Paragraphs.Length; i++)
            {
                var contributions = explainer.Contributions(Paragraphs, i, category);
                Assert.Contains("meaning:tiny", contributions.Keys);
                Assert.Equal(margins[i][(int)category], contributions.Values.Sum() + model.Bias[(int)category], 3);
                // The segment signals are one reason, naming the segment; the title, its own segment, keeps them as signals.
                Assert.Equal(i > 0 ? 1 : 0, contributions.Keys.Count(k => k.StartsWith("segment:paragraphs ", StringComparison.Ordinal)));
                Assert.Equal(i > 0 ? 0 : 1, contributions.Keys.Count(k => k.StartsWith("signal:SegmentTitleGap=", StringComparison.Ordinal)));
            }
        var segments = explainer.Segments(Paragraphs);
        Assert.Equal(Paragraphs.Length, segments.Sum(s => s.Length));
        Assert.Equal(0, segments[0].Start);
        Assert.Contains($"segment:paragraphs 2-{segments[1].End}, similarity to the title ", explainer.Contributions(Paragraphs, 1, Category.OffTopic).Keys.Single(k => k.StartsWith("segment:")));
    }

    private static KeyValuePair<string, float> RecursInBatch(Dictionary<string, float> contributions) =>
        contributions.Single(c => c.Key.StartsWith("signal:RecursInBatch=", StringComparison.Ordinal));

    [Fact]
    public void ExplanationsGiveEachSignalWithItsValue()
    {
        // A signal that is absent can still push a score up; the name must not read as if it were present.
        var explainer = new Explainer(TestModels.Random(seed: 3));
        string[] paragraphs = ["Harbour council meets on Tuesday", "Read more at www.example.test today"];
        foreach (var category in Categories.All)
        {
            var first = explainer.Contributions(paragraphs, 0, category);
            var second = explainer.Contributions(paragraphs, 1, category);
            Assert.Contains("signal:HasUrl=0", first.Keys);
            Assert.Contains("signal:HasUrl=1", second.Keys);
            Assert.Equal(Core.Features.DenseFeatures.Count, first.Keys.Count(k => k.StartsWith("signal:", StringComparison.Ordinal)));   // no embedding: no segments
        }
    }

    [Fact]
    public void ConcurrentExplanationsMatchSequential()
    {
        // Two documents explained on many threads at once: each thread's featurizer must hold only its own document.
        var explainer = new Explainer(TestModels.Random(seed: 3));
        string[][] documents = [Paragraphs, ["Harbour council meets on Tuesday", "Read more at www.example.test today", "Share this article"]];
        string Explained(int d) => string.Join("|", Categories.All.ToArray().SelectMany(c => Enumerable.Range(0, documents[d].Length)
            .SelectMany(i => explainer.Explain(documents[d], i, c, count: 50))).Select(c => $"{c.Feature}={c.Value:R}"));
        string[] expected = [Explained(0), Explained(1)];
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => Assert.Equal(expected[i % 2], Explained(i % 2)));
    }

    [Fact]
    public void ExplanationNamesTheParagraphsOwnNgrams()
    {
        var explanation = new Explainer(TestModels.Random(seed: 3)).Explain(Paragraphs, 1, Category.Spam, count: 50);
        Assert.NotEmpty(explanation);
        Assert.All(explanation, c => Assert.True(c.Value > 0));
        Assert.Equal(explanation.OrderByDescending(c => c.Value), explanation);
        foreach (var c in explanation.Where(c => c.Feature.StartsWith("word:")))
            Assert.Contains(c.Feature[6..^1], "click here to buy cheap watches now, click here!");
    }
}
