using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Classifier.Core.Model;

namespace Classifier.Core.Tests.Model;

/// <summary>The header and its metadata are written in the project's snake_case (<see cref="WireJson"/>); files written
/// before, PascalCase around camelCase metrics (the shipped models), still load, their metadata renamed.</summary>
public sealed class ModelFileNamingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lqcm-names-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly JsonObject OldMetadata = new()
    {
        ["trainingExamples"] = 12,
        ["recipe"] = new JsonObject { ["SplicedTrain"] = 3, ["Linear"] = new JsonObject { ["L2Regularization"] = 1, ["MaxIterations"] = 5 } },
        ["data"] = new JsonArray(new JsonObject { ["Path"] = "data/a.csv", ["Sha256"] = "ab" }),
        ["testMetrics"] = new JsonArray(new JsonObject
        {
            ["set"] = "bbc-news",
            ["categories"] = new JsonObject { ["off_topic"] = new JsonObject { ["averagePrecision"] = 0.5, ["prAuc"] = 0.4 } },
        }),
    };

    [Fact]
    public void A_saved_header_names_every_field_in_snake_case()
    {
        var model = TestModels.Random();
        string path = Path.Combine(_directory, "m.lqcm");
        ModelFile.Save(model, path);
        var header = Header(File.ReadAllBytes(path));
        var names = Names(header).ToList();
        Assert.Contains("space", names);
        Assert.Contains("word_bits", names);
        Assert.Contains("weight_count", names);
        Assert.All(names, n => Assert.Matches("^[a-z][a-z0-9_]*$", n));
    }

    [Fact]
    public void A_header_written_before_the_convention_still_loads_with_its_metadata_renamed()
    {
        var model = TestModels.Random();
        string path = Path.Combine(_directory, "m.lqcm");
        ModelFile.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        var header = Header(bytes);
        var old = Pascal(header)!.AsObject();
        old["Metadata"] = OldMetadata.DeepClone();
        string legacy = Path.Combine(_directory, "old.lqcm");
        File.WriteAllBytes(legacy, WithHeader(bytes, old));

        var loaded = ModelFile.Load(legacy);
        Assert.Equal(model.Thresholds, loaded.Thresholds);
        Assert.Equal(model.Weights, loaded.Weights);
        var metadata = loaded.Metadata;
        Assert.Equal(12, (int)metadata["training_examples"]!);
        Assert.Equal(3, (int)metadata["recipe"]!["spliced_train"]!);
        Assert.Equal(1, (int)metadata["recipe"]!["linear"]!["l2_regularization"]!);
        Assert.Equal("data/a.csv", (string)metadata["data"]![0]!["path"]!);
        Assert.Equal("ab", (string)metadata["data"]![0]!["sha256"]!);
        var set = metadata["test_metrics"]![0]!;
        Assert.Equal("bbc-news", (string)set["set"]!);
        Assert.Equal(0.4, (double)set["categories"]!["off_topic"]!["pr_auc"]!);
        Assert.Equal(0.5, (double)set["categories"]!["off_topic"]!["average_precision"]!);
    }

    [Fact]
    public void The_header_serializer_names_fields_as_the_shared_policy_does()
    {
        string path = Path.Combine(_directory, "m.lqcm");
        ModelFile.Save(TestModels.Random(), path);
        var header = Header(File.ReadAllBytes(path));
        foreach (var property in typeof(ModelFile.Header).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            Assert.True(header.ContainsKey(WireJson.Naming.ConvertName(property.Name)), property.Name);
    }

    private static JsonObject Header(byte[] bytes)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        return JsonNode.Parse(bytes.AsSpan(12, length))!.AsObject();
    }

    private static byte[] WithHeader(byte[] bytes, JsonObject header)
    {
        int oldLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var body = bytes.AsSpan(12 + oldLength, bytes.Length - 12 - oldLength - 32);
        var result = new byte[12 + json.Length + body.Length + 32];
        bytes.AsSpan(0, 12).CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), json.Length);
        json.CopyTo(result.AsSpan(12));
        body.CopyTo(result.AsSpan(12 + json.Length));
        SHA256.HashData(result.AsSpan(0, result.Length - 32), result.AsSpan(result.Length - 32));
        return result;
    }

    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };

    /// <summary>"word_bits" as the header named it before: "WordBits".</summary>
    private static JsonNode? Pascal(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(
            string.Concat(p.Key.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])), Pascal(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Pascal)]),
        null => null,
        _ => node.DeepClone(),
    };
}
