using Classifier.Core;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Training.Evaluation;
using Classifier.Training.Learners;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Tests.Pipeline;

/// <summary>Trains once on the project's own data (no shared corpora), shared by the tests below (~4 s).</summary>
public sealed class ProjectDataTraining
{
    internal static TrainingOptions Options { get; } = new()
    {
        DataPaths = [RepoPaths.Articles],
        CorporaPath = null,
        SplicedTrain = 200,
        SplicedEval = 100,
        Linear = new LinearOptions(MaxIterations: 5),
    };

    public List<string> Log { get; } = [];

    internal TrainingOutcome Outcome { get; }

    public ProjectDataTraining() => Outcome = TrainingRecipe.Run(Options, Log.Add);
}

public sealed class TrainingRecipeTests(ProjectDataTraining training) : IClassFixture<ProjectDataTraining>
{
    private TrainingOutcome Outcome => training.Outcome;

    [Fact]
    public void Model_has_thresholds_in_unit_interval_and_sane_calibration()
    {
        Assert.Equal(Categories.Count, Outcome.Model.Thresholds.Length);
        Assert.All(Outcome.Model.Thresholds.ToArray(), t => Assert.InRange(t, 0f, 1f));
        Assert.All(Outcome.Model.Calibration.ToArray(), c => Assert.True(float.IsFinite(c.Offset) && c.Slope is > 0 and < 100, c.ToString()));
        // The model's space is the recipe's n-gram space plus the distilled embedding it carries.
        Assert.Equal(ProjectDataTraining.Options.Space with { Embedding = new Core.Features.EmbeddingSpace("minilm", true, 128) }, Outcome.Model.Space);
        Assert.NotNull(Outcome.Model.Embeddings);
        Assert.NotNull(Outcome.Model.Metadata["recipe"]);
        Assert.Equal(Outcome.Test.Count, Outcome.Model.Metadata["test_metrics"]!.AsArray().Count);
    }

    [Fact]
    public void Test_metrics_for_project_data_and_its_spliced_documents()
    {
        Assert.Equal(["project-data", "spliced:project-data"], Outcome.Test.Select(s => s.Name));
        var project = Outcome.Test.Single(s => s.Name == "project-data");
        Assert.True(project.Documents > 0 && project.Paragraphs > project.Documents);
        Assert.True(project[Category.Spam].Positives > 0);
        // Measured 1.00 (spam), 0.97 (filler); spliced off-topic PR-AUC 0.72 with these options.
        Assert.True(project[Category.Spam].F1 > 0.7, $"spam F1 {project[Category.Spam].F1:F3}");
        Assert.True(project[Category.Filler].F1 > 0.75, $"filler F1 {project[Category.Filler].F1:F3}");
        Assert.True(project[Category.Spam].FalsePositiveRate < 0.05);
        var spliced = Outcome.Test.Single(s => s.Name == "spliced:project-data");
        Assert.True(spliced[Category.OffTopic].Positives > 0);
        Assert.True(spliced[Category.OffTopic].AveragePrecision > 0.4, $"off_topic PR-AUC {spliced[Category.OffTopic].AveragePrecision:F3}");
    }

    [Fact]
    public void Off_topic_insertions_are_measured_on_the_test_split_and_carried_by_the_model_card()
    {
        var insertions = Outcome.Insertions!;
        var testHosts = Outcome.Test.Single(s => s.Name == "project-data").Documents;
        Assert.Equal(testHosts, insertions.UnsplicedDocuments);
        Assert.True(insertions.SplicedDocuments > 0 && insertions.SplicedDocuments <= 12 * testHosts);
        Assert.Equal(insertions.SplicedDocuments, insertions.ByPosition.Sum(g => g.Documents));
        Assert.Null(Outcome.HeldOutInsertions);

        string card = ModelCard.Render(Outcome, ProjectDataTraining.Options, "classifier train");
        Assert.Contains("## Off-topic insertions of every length", card);
        Assert.Contains("### Off-topic F1 (recall) by run length and position", card);
        Assert.DoesNotContain("Sources never trained on", card);

        var heldOut = ModelCard.Render(Outcome with { HeldOutInsertions = insertions },
            ProjectDataTraining.Options with { HoldoutSources = ["some-source"] }, "classifier train");
        Assert.Contains("### Sources never trained on (some-source)", heldOut);
        Assert.Contains("#### Off-topic F1 (recall) by run length and position", heldOut);
    }

    [Fact]
    public void Files_are_listed_with_hashes_and_document_counts()
    {
        var files = Outcome.Files.Select(f => Path.GetFileName(f.Path)).ToArray();
        Assert.Equal(["part-a.csv", "part-b.csv", "part-c.csv", "part-d.csv", "part-e.csv", "part-f.csv"], files);
        Assert.All(Outcome.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.All(Outcome.Files, f => Assert.True(f.Documents > 0));
    }

    [Fact]
    public void Trained_model_flags_obvious_spam_and_filler_in_a_new_article()
    {
        var scorer = new Scorer(Outcome.Model);
        var scores = scorer.Score(new Document("new", [
            "Harbour town votes to rebuild its storm-damaged sea wall",
            "By Jane Doe, staff reporter | Published 3 March 2025, 09:15",
            "Councillors in the harbour town voted on Monday to spend four million pounds rebuilding the sea wall that was breached during the winter storms, after engineers warned that a second failure could flood hundreds of homes.",
            "Click here to claim your FREE gift card now! Limited offer, subscribe today and save 50% on every order!",
            "Work is expected to begin in the summer and to take about eighteen months, the council said.",
        ]));
        Assert.True(scores[3][Category.Spam] > scores[2][Category.Spam] && scores[3][Category.Spam] > scores[4][Category.Spam]);
        Assert.True(scores[1][Category.Filler] > scores[2][Category.Filler] && scores[1][Category.Filler] > scores[4][Category.Filler]);
        Assert.False(scores[2].IsFlagged(Category.Spam));
    }

    [Fact]
    public void Same_options_train_the_same_model()
    {
        var again = TrainingRecipe.Run(ProjectDataTraining.Options, _ => { });
        Assert.Equal(Outcome.Model.Weights, again.Model.Weights);
        Assert.Equal(Outcome.Model.Thresholds, again.Model.Thresholds);
        Assert.Equal(Outcome.Model.Calibration, again.Model.Calibration);
    }
}

/// <summary>Batch signals: off by default, so a document scores alike in any batch; on, learnt from the
/// project articles' own recurring template lines.</summary>
public sealed class BatchSignalTrainingTests(ProjectDataTraining training) : IClassFixture<ProjectDataTraining>
{
    private static readonly Document[] Batch =
    [
        new("a", ["Ferry fares to rise in spring", "Leave a reply", "The operator blamed fuel costs for the increase."]),
        new("b", ["Bridge reopens after repairs", "Leave a Reply", "Engineers finished the work two weeks early."]),
        new("c", ["Library extends opening hours", "LEAVE A REPLY", "The change follows a survey of residents."]),
    ];

    private static ParagraphScore[] ScoreInBatch(Scorer scorer)
    {
        var scores = new ParagraphScore[Batch.Sum(d => d.Paragraphs.Count)];
        scorer.Score(Batch, scores);
        return scores;
    }

    [Fact]
    public void Without_batch_signals_a_document_scores_the_same_in_a_batch_as_alone()
    {
        Assert.False(ProjectDataTraining.Options.BatchSignals);
        Assert.False(training.Outcome.Model.UsesBatchSignals);
        var scorer = new Scorer(training.Outcome.Model);
        var inBatch = ScoreInBatch(scorer);
        var alone = Batch.SelectMany(d => scorer.Score(d)).ToArray();
        Assert.Equal(alone.Select(s => s.Probabilities), inBatch.Select(s => s.Probabilities));
    }

    [Fact]
    public void With_batch_signals_the_model_learns_them_and_a_recurring_line_scores_differently()
    {
        var outcome = TrainingRecipe.Run(ProjectDataTraining.Options with { BatchSignals = true }, _ => { });
        Assert.True(outcome.Model.DenseScale[(int)Core.Features.DenseFeature.RecursInBatch] > 0, "the project articles have recurring lines");
        Assert.True(outcome.Model.UsesBatchSignals);
        var scorer = new Scorer(outcome.Model);
        var inBatch = ScoreInBatch(scorer);
        var alone = scorer.Score(Batch[0]);
        Assert.NotEqual(alone[1].Probabilities, inBatch[1].Probabilities);
    }
}
