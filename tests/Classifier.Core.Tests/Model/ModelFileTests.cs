using System.Buffers.Binary;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

namespace Classifier.Core.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lqcm-").FullName;
    private static readonly Document Sample = new("d", ["A title", "Buy cheap watches now at www.deals.test!", "Tags: world, news", "The council met on Tuesday to discuss the budget."]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SavedModel(out ClassifierModel model)
    {
        model = TestModels.Random();
        string path = Path.Combine(_directory, "m.lqcm");
        ModelFile.Save(model, path);
        return path;
    }

    [Fact]
    public void RoundTripGivesIdenticalScores()
    {
        string path = SavedModel(out var original);
        var loaded = ModelFile.Load(path);
        var before = new Scorer(original).Score(Sample);
        var after = new Scorer(loaded).Score(Sample);
        Assert.Equal(before.Select(s => s.Probabilities), after.Select(s => s.Probabilities));
        Assert.Equal(before.Select(s => s.Flags), after.Select(s => s.Flags));
        Assert.Equal(original.Thresholds, loaded.Thresholds);
        Assert.Equal(original.Space, loaded.Space);
    }

    [Fact]
    public void RoundTripKeepsTheTreeStage()
    {
        var original = TestModels.RandomWithTrees();
        string path = Path.Combine(_directory, "trees.lqcm");
        ModelFile.Save(original, path);
        var loaded = ModelFile.Load(path);
        Assert.NotNull(loaded.Trees);
        Assert.Equal(new Scorer(original).Score(Sample).Select(s => s.Probabilities), new Scorer(loaded).Score(Sample).Select(s => s.Probabilities));
    }

    [Fact]
    public void RoundTripKeepsTheEmbeddingTable()
    {
        var original = TestModels.RandomWithEmbeddings();
        string path = Path.Combine(_directory, "embeddings.lqcm");
        ModelFile.Save(original, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(original.Space, loaded.Space);
        Assert.NotNull(loaded.Embeddings);
        Assert.Equal(original.Embeddings!.Tokenizer.Vocabulary, loaded.Embeddings!.Tokenizer.Vocabulary);
        var before = new Scorer(original).Score(Sample);
        Assert.Equal(before.Select(s => s.Probabilities), new Scorer(loaded).Score(Sample).Select(s => s.Probabilities));
        // The embedding moves the scores: a model without it scores otherwise.
        var zeroed = original.Weights.ToArray();
        zeroed.AsSpan((original.Space.DenseOffset + Core.Features.DenseFeatures.Count) * Categories.Count).Clear();
        var without = new ClassifierModel(original.Space, zeroed, original.Bias, original.DenseMean, original.DenseScale, original.Calibration,
            original.Thresholds, embeddings: original.Embeddings);
        Assert.NotEqual(before.Select(s => s.Probabilities), new Scorer(without).Score(Sample).Select(s => s.Probabilities));
    }

    [Fact]
    public void A_static_space_without_its_table_is_refused_at_load()
    {
        var original = TestModels.RandomWithEmbeddings();
        var tableless = new ClassifierModel(original.Space, original.Weights, original.Bias, original.DenseMean, original.DenseScale,
            original.Calibration, original.Thresholds);
        string path = Path.Combine(_directory, "tableless.lqcm");
        ModelFile.Save(tableless, path);
        Assert.Contains("carries no table", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void SaveLeavesNoTemporaryFile()
    {
        SavedModel(out _);
        Assert.Equal(["m.lqcm"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void CorruptedByteIsRefused()
    {
        string path = SavedModel(out _);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("checksum", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void TruncatedFileIsRefused()
    {
        string path = SavedModel(out _);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 1000)]);
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        File.WriteAllBytes(path, bytes[..6]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void OtherFormatVersionIsNamed()
    {
        string path = SavedModel(out _);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 99);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void NonModelFileIsRefused()
    {
        string path = Path.Combine(_directory, "not-a-model.lqcm");
        File.WriteAllText(path, "{\"hello\": \"world\"} and some more text to pass the length check");
        Assert.Contains("not a classifier model", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);
    }
}
