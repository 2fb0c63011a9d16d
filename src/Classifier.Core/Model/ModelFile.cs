using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Classifier.Core.Features;

namespace Classifier.Core.Model;

/// <summary>
/// The model file: <c>"LQCM" | format version | header length | JSON header | weights | trees | embedding table | SHA-256</c>
/// (trees and table may be empty).
/// The checksum covers every byte before it, so truncation and corruption are caught at load; the
/// version is checked first so an old build names the problem instead of misreading new weights.
/// </summary>
public static class ModelFile
{
    internal const int FormatVersion = 3;   // 3: the embedding table
    private static ReadOnlySpan<byte> Magic => "LQCM"u8;
    private const int PrefixLength = 12;
    private const int ChecksumLength = 32;

    internal sealed record Header(
        FeatureSpace Space, string[] Categories, string[] DenseFeatures, float[] Bias, float[] DenseMean, float[] DenseScale,
        PlattCalibration[] Calibration, float[] Thresholds, int WeightCount, int TreeBytes, JsonObject? Metadata,
        NgramPrecision NgramPrecision = NgramPrecision.Int8, int EmbeddingBytes = 0);

    /// <summary>Writes the model atomically: to a temporary file beside the target, then renamed over it.</summary>
    internal static void Save(ClassifierModel model, string path)
    {
        byte[] treeBytes = WriteTrees(model.Trees);
        byte[] embeddingBytes = WriteSection(model.Embeddings is { } table ? table.WriteTo : null);
        var header = new Header(model.Space, [.. Enum.GetValues<Category>().Select(Categories.Name)], [.. Features.DenseFeatures.Names],
            [.. model.Bias], [.. model.DenseMean], [.. model.DenseScale], [.. model.Calibration], [.. model.Thresholds], model.Weights.Length, treeBytes.Length, model.Metadata,
            model.Precision, embeddingBytes.Length);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, HeaderJson.Default.Header);
        ReadOnlySpan<byte> weightBytes = MemoryMarshal.AsBytes(model.Weights);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Model files are little-endian.");

        var bytes = new byte[PrefixLength + headerBytes.Length + weightBytes.Length + treeBytes.Length + embeddingBytes.Length + ChecksumLength];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), headerBytes.Length);
        headerBytes.CopyTo(bytes.AsSpan(PrefixLength));
        weightBytes.CopyTo(bytes.AsSpan(PrefixLength + headerBytes.Length));
        treeBytes.CopyTo(bytes.AsSpan(PrefixLength + headerBytes.Length + weightBytes.Length));
        embeddingBytes.CopyTo(bytes.AsSpan(PrefixLength + headerBytes.Length + weightBytes.Length + treeBytes.Length));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumLength), bytes.AsSpan(bytes.Length - ChecksumLength));

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + $".{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Loads and verifies a model; any defect is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ClassifierModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read model '{path}': {e.Message}", e);
        }
        try { return Parse(bytes); }
        catch (Exception e) when (e is InvalidDataException or JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Model '{path}' is unusable: {e.Message}", e);
        }
    }

    public static ClassifierModel Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < PrefixLength + ChecksumLength || !bytes[..4].SequenceEqual(Magic))
            throw new InvalidDataException(bytes.Length >= 4 && bytes[..4].SequenceEqual(Magic)
                ? "the file is truncated" : "not a classifier model (bad magic bytes)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"model format version {version}; this build reads version {FormatVersion}");
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        SHA256.HashData(bytes[..^ChecksumLength], checksum);
        if (!checksum.SequenceEqual(bytes[^ChecksumLength..]))
            throw new InvalidDataException("checksum mismatch: the file is truncated or corrupted");

        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (headerLength <= 0 || PrefixLength + headerLength > bytes.Length - ChecksumLength)
            throw new InvalidDataException("bad header length");
        var header = ReadHeader(bytes.Slice(PrefixLength, headerLength));
        if (!header.Categories.SequenceEqual(Enum.GetValues<Category>().Select(Categories.Name)))
            throw new InvalidDataException($"categories [{string.Join(", ", header.Categories)}] differ from this build's");
        if (!header.DenseFeatures.SequenceEqual(Features.DenseFeatures.Names))
            throw new InvalidDataException("dense features differ from this build's: retrain the model");

        var body = bytes[(PrefixLength + headerLength)..^ChecksumLength];
        long weightLength = (long)header.WeightCount * sizeof(float);
        if (header.WeightCount < 0 || header.TreeBytes < 0 || header.EmbeddingBytes < 0
            || body.Length != weightLength + header.TreeBytes + header.EmbeddingBytes)
            throw new InvalidDataException($"expected {header.WeightCount} weights, {header.TreeBytes} bytes of trees and {header.EmbeddingBytes} of embeddings, found {body.Length} bytes");
        var weights = MemoryMarshal.Cast<byte, float>(body[..(int)weightLength]);   // the model copies it
        var trees = ReadTrees(body.Slice((int)weightLength, header.TreeBytes));
        var embeddings = ReadEmbeddings(body[((int)weightLength + header.TreeBytes)..]);
        if (header.Space.Embedding is { Static: true } && embeddings is null)
            throw new InvalidDataException($"the model reads {header.Space.Embedding} embeddings but carries no table");
        return new ClassifierModel(header.Space, weights, header.Bias, header.DenseMean, header.DenseScale,
            header.Calibration, header.Thresholds, header.Metadata, trees, header.NgramPrecision, embeddings);
    }

    /// <summary>The header in the project's snake_case (<see cref="WireJson"/>), or as files before it wrote it: PascalCase
    /// fields around camelCase metrics and a PascalCase recipe. Those read as they are, their metadata renamed on the way in,
    /// so an old model's metadata reads like a new one's.</summary>
    private static Header ReadHeader(ReadOnlySpan<byte> json)
    {
        if (!IsPascalCase(json))
            return JsonSerializer.Deserialize(json, HeaderJson.Default.Header) ?? throw new InvalidDataException("empty header");
        var header = JsonSerializer.Deserialize(json, PascalCaseHeaderJson.Default.Header) ?? throw new InvalidDataException("empty header");
        return header with { Metadata = (JsonObject?)WireJson.WithNames(header.Metadata) };
    }

    /// <summary>Whether the header's first field is named as before the convention ("Space", not "space").</summary>
    private static bool IsPascalCase(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read()
            && reader.TokenType == JsonTokenType.PropertyName && reader.ValueSpan.Length > 0 && char.IsAsciiLetterUpper((char)reader.ValueSpan[0]);
    }

    private static byte[] WriteTrees(IReadOnlyList<TreeEnsemble>? trees) =>
        WriteSection(trees is null ? null : writer => { foreach (var ensemble in trees) ensemble.WriteTo(writer); });

    private static byte[] WriteSection(Action<BinaryWriter>? write)
    {
        if (write is null)
            return [];
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
            write(writer);
        return buffer.ToArray();
    }

    private static StaticEmbeddings? ReadEmbeddings(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return null;
        using var reader = new BinaryReader(new MemoryStream(bytes.ToArray()));
        var embeddings = StaticEmbeddings.ReadFrom(reader);
        if (reader.BaseStream.Position != bytes.Length)
            throw new InvalidDataException("trailing bytes after the embedding table");
        return embeddings;
    }

    private static TreeEnsemble[]? ReadTrees(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return null;
        using var reader = new BinaryReader(new MemoryStream(bytes.ToArray()));
        var trees = new TreeEnsemble[Categories.Count];
        for (int k = 0; k < trees.Length; k++)
            trees[k] = TreeEnsemble.ReadFrom(reader, Features.StackedFeatures.Count);
        if (reader.BaseStream.Position != bytes.Length)
            throw new InvalidDataException("trailing bytes after the trees");
        return trees;
    }
}

/// <summary>The header's JSON, generated at build time instead of by reflection at every start-up: a
/// one-paragraph <c>score</c> took 0.24 s instead of 0.25 (medians of 12 runs). Reading the 3 KB header still
/// costs about 50 ms of a cold start, most of it loading System.Text.Json itself.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelFile.Header))]
internal sealed partial class HeaderJson : JsonSerializerContext;

/// <summary>The header as files written before the snake_case convention name it (the shipped models among them): read only.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelFile.Header))]
internal sealed partial class PascalCaseHeaderJson : JsonSerializerContext;
