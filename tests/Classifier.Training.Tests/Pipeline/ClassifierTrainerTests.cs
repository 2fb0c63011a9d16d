using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Training.Data;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Tests.Pipeline;

public sealed class ClassifierTrainerTests
{
    [Fact]
    public void Trains_from_documents_given_in_code_and_the_model_round_trips_through_its_file()
    {
        var documents = LabelsCsvReader.Read(Path.Combine(RepoPaths.Articles, "part-a.csv"))
            .Concat(LabelsCsvReader.Read(Path.Combine(RepoPaths.Articles, "part-b.csv"))).ToList();

        var outcome = ClassifierTrainer.Fit(documents, new TrainingOptions { SplicedTrain = 100, SplicedEval = 40, Trees = null });

        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "m.lqcm");
        ModelFile.Save(outcome.Model, path);
        var scorer = new Scorer(ModelFile.Load(path));
        var labelled = documents.SelectMany(d => d.Paragraphs.Zip(scorer.Score(new Core.Text.Document(d.Id, d.Texts)))).ToList();
        double Mean(Category c, bool positive) => labelled.Where(x => x.First.Labels.Contains(c) == positive).Average(x => x.Second[c]);
        Assert.True(Mean(Category.Filler, true) > Mean(Category.Filler, false) + 0.3, "filler lines should score far above the rest");
        Assert.True(Mean(Category.Spam, true) > Mean(Category.Spam, false) + 0.3, "spam should score far above the rest");
        Assert.Equal("(given in code)", Assert.Single(outcome.Files).Path);
        Assert.StartsWith("ML.NET ", outcome.Model.Metadata["trainer"]!.GetValue<string>());
    }
}

public sealed class TinyDataTests
{
    [Fact]
    public void Data_without_dev_documents_trains_trees_without_early_stopping()
    {
        // Every document in the train split: nothing to stop the boosting on, nothing to calibrate on.
        var documents = Linear.TinyProblem.Documents();
        var log = new List<string>();
        var outcome = ClassifierTrainer.Fit(documents, new TrainingOptions { Space = Linear.TinyProblem.Space, SplicedTrain = 5, SplicedEval = 0 }, log.Add);

        Assert.Contains(log, line => line.StartsWith("No dev documents", StringComparison.Ordinal));
        Assert.NotNull(outcome.Model.Trees);
        Assert.All(outcome.Model.Trees!, t => Assert.True(t.TreeCount > 0));
    }
}

public sealed class FullEncoderTrainingTests
{
    [Fact]
    public void A_model_trained_on_the_full_encoder_needs_it_to_score_and_scores_with_it_as_in_training()
    {
        var documents = Linear.TinyProblem.Documents();
        var options = new TrainingOptions
        {
            Space = Linear.TinyProblem.Space, SplicedTrain = 5, SplicedEval = 0, Trees = null,
            Embedding = new Classifier.Training.Embeddings.EmbeddingOptions { Encoder = "minilm", Static = false },
        };
        var outcome = ClassifierTrainer.Fit(documents, options);
        Assert.Equal(new Core.Features.EmbeddingSpace("minilm", false, 384), outcome.Model.Space.Embedding);
        Assert.Null(outcome.Model.Embeddings);

        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "encoder.lqcm");
        ModelFile.Save(outcome.Model, path);
        var loaded = ModelFile.Load(path);
        Assert.Contains("--encoder minilm", Assert.Throws<ArgumentException>(() => new Scorer(loaded)).Message);
        Assert.Throws<ArgumentException>(() => loaded.WithEncoder(new StaticTableOf384()));

        using var encoder = new Classifier.Encoders.OnnxSentenceEncoder("minilm");
        var document = new Core.Text.Document("d", documents[0].Texts);
        var trained = new Scorer(outcome.Model).Score(document);
        var reloaded = new Scorer(loaded.WithEncoder(encoder)).Score(document);
        for (int i = 0; i < trained.Length; i++)
            for (int k = 0; k < Categories.Count; k++)
                Assert.Equal(trained[i].Probabilities[k], reloaded[i].Probabilities[k], 4);
    }

    /// <summary>Right name and width, but static: a model trained on the full encoder must refuse it.</summary>
    private sealed class StaticTableOf384 : Core.Features.IParagraphEmbedder
    {
        public string Encoder => "minilm";
        public bool IsStatic => true;
        public int Dimensions => 384;
        public void Embed(IReadOnlyList<string> paragraphs, Span<float> vectors, int stride) { }
    }
}
