using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Classifier.Core.Features;

namespace Classifier.Core.Model;

/// <summary>
/// The model file: <c>"LQCM" | format version | header length | JSON header | weights | SHA-256</c>.
/// The checksum covers every byte before it, so truncation and corruption are caught at load; the
/// version is checked first so an old build names the problem instead of misreading new weights.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "LQCM"u8;
    private const int PrefixLength = 12;
    private const int ChecksumLength = 32;

    private sealed record Header(
        FeatureSpace Space, string[] Categories, string[] DenseFeatures, float[] Bias, float[] DenseMean, float[] DenseScale,
        PlattCalibration[] Calibration, float[] Thresholds, int WeightCount, JsonObject? Metadata);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IncludeFields = false };

    /// <summary>Writes the model atomically: to a temporary file beside the target, then renamed over it.</summary>
    public static void Save(ClassifierModel model, string path)
    {
        var header = new Header(model.Space, [.. Enum.GetValues<Category>().Select(Categories.Name)], [.. Features.DenseFeatures.Names],
            model.Bias, model.DenseMean, model.DenseScale, model.Calibration, model.Thresholds, model.Weights.Length, model.Metadata);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        ReadOnlySpan<byte> weightBytes = MemoryMarshal.AsBytes(model.Weights.AsSpan());
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Model files are little-endian.");

        var bytes = new byte[PrefixLength + headerBytes.Length + weightBytes.Length + ChecksumLength];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), headerBytes.Length);
        headerBytes.CopyTo(bytes.AsSpan(PrefixLength));
        weightBytes.CopyTo(bytes.AsSpan(PrefixLength + headerBytes.Length));
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
        var header = JsonSerializer.Deserialize<Header>(bytes.Slice(PrefixLength, headerLength), Json)
            ?? throw new InvalidDataException("empty header");
        if (!header.Categories.SequenceEqual(Enum.GetValues<Category>().Select(Categories.Name)))
            throw new InvalidDataException($"categories [{string.Join(", ", header.Categories)}] differ from this build's");
        if (!header.DenseFeatures.SequenceEqual(Features.DenseFeatures.Names))
            throw new InvalidDataException("dense features differ from this build's: retrain the model");

        var weightBytes = bytes[(PrefixLength + headerLength)..^ChecksumLength];
        if (weightBytes.Length != header.WeightCount * sizeof(float))
            throw new InvalidDataException($"expected {header.WeightCount} weights, found {weightBytes.Length / sizeof(float)}");
        var weights = MemoryMarshal.Cast<byte, float>(weightBytes).ToArray();
        return new ClassifierModel(header.Space, weights, header.Bias, header.DenseMean, header.DenseScale,
            header.Calibration, header.Thresholds, header.Metadata);
    }
}
