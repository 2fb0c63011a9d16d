using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// A sentence encoder distilled into a table (model2vec-style): each WordPiece of the encoder's vocabulary has one
/// vector, and a paragraph is the weighted mean of its pieces' vectors, L2-normalised. Rows are one signed byte per
/// dimension with a scale per row, so a rare piece keeps its precision. Weights (e.g. SIF, a / (a + p(piece))) damp
/// frequent pieces. Models carry the table, so the fast path needs no encoder at scoring time. Thread-safe;
/// <see cref="Embed(ReadOnlySpan{char}, Span{int}, Span{float})"/> allocates nothing.
/// </summary>
internal sealed class StaticEmbeddings : IParagraphEmbedder
{
    private const float Levels = 127f;
    private const int MaxPieces = 512;   // the encoders' longest input; later pieces of a longer paragraph are not read
    private readonly WordPieceTokenizer _tokenizer;
    private readonly sbyte[] _rows;      // [piece][dimension]
    private readonly float[] _scales;    // per piece
    private readonly float[] _weights;   // per piece

    public string Encoder { get; }
    public bool IsStatic => true;
    public int Dimensions { get; }
    public WordPieceTokenizer Tokenizer => _tokenizer;

    /// <param name="encoder">The name of the encoder distilled, as models record it.</param>
    /// <param name="tokenizer">The encoder's WordPiece vocabulary: a row per piece.</param>
    /// <param name="vectors">One row of <paramref name="dimensions"/> floats per piece of the tokenizer's vocabulary, in id order.</param>
    /// <param name="weights">Per piece; 0 leaves it out (special pieces).</param>
    /// <param name="dimensions">The width of a row.</param>
    public StaticEmbeddings(string encoder, WordPieceTokenizer tokenizer, ReadOnlySpan<float> vectors, ReadOnlySpan<float> weights, int dimensions)
        : this(encoder, tokenizer, dimensions, new sbyte[vectors.Length], new float[tokenizer.VocabularySize], weights.ToArray())
    {
        if (vectors.Length != tokenizer.VocabularySize * dimensions)
            throw new ArgumentException($"expected {tokenizer.VocabularySize} rows of {dimensions}");
        for (int piece = 0; piece < _scales.Length; piece++)
        {
            var row = vectors.Slice(piece * dimensions, dimensions);
            float largest = TensorPrimitives.MaxMagnitude(row);
            float scale = largest > 0 ? Math.Abs(largest) / Levels : 1f;
            _scales[piece] = scale;
            for (int d = 0; d < dimensions; d++)
                _rows[piece * dimensions + d] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -Levels, Levels);
        }
    }

    private StaticEmbeddings(string encoder, WordPieceTokenizer tokenizer, int dimensions, sbyte[] rows, float[] scales, float[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int pieces = tokenizer.VocabularySize;
        if (rows.Length != pieces * dimensions || scales.Length != pieces || weights.Length != pieces)
            throw new ArgumentException($"expected {pieces} rows of {dimensions}, {pieces} scales and {pieces} weights");
        Encoder = encoder;
        _tokenizer = tokenizer;
        Dimensions = dimensions;
        _rows = rows;
        _scales = scales;
        _weights = weights;
    }

    public void Embed(IReadOnlyList<string> paragraphs, Span<float> vectors, int stride)
    {
        Span<int> ids = stackalloc int[MaxPieces];
        for (int i = 0; i < paragraphs.Count; i++)
            Embed(paragraphs[i], ids, vectors.Slice(i * stride, Dimensions));
    }

    /// <summary>The paragraph's vector into <paramref name="vector"/> (<see cref="Dimensions"/> floats): the weighted mean of
    /// its pieces, unit length, or all zero when it has none. <paramref name="ids"/> is scratch for the piece ids; a text
    /// with more pieces than it holds is embedded from its first ones.</summary>
    public void Embed(ReadOnlySpan<char> text, Span<int> ids, Span<float> vector)
    {
        vector = vector[..Dimensions];
        int count = _tokenizer.Tokenize(text, ids);
        Span<float> weights = count <= MaxPieces ? stackalloc float[MaxPieces] : new float[count];
        // The pieces that count, in order: ids become their rows' offsets.
        int pieces = 0;
        for (int i = 0; i < count; i++)
        {
            int piece = ids[i];
            float w = _weights[piece] * _scales[piece];
            if (w == 0)
                continue;
            ids[pieces] = piece * Dimensions;
            weights[pieces++] = w;
        }
        Accumulate(ids[..pieces], weights[..pieces], vector);
        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
            TensorPrimitives.Divide(vector, norm, vector);
    }

    /// <summary><c>vector = sum of weights[k] * row at offsets[k]</c>, eight dimensions at a time over all the pieces, so
    /// each partial sum stays in a register: one 8-byte load, widen, convert, multiply and add per piece and eight
    /// dimensions (the loop of a piece at a time reloaded and stored the whole vector per piece, and was the largest
    /// part of a long paragraph's cost). Each dimension is still summed piece by piece in order, multiply then add, as
    /// the scalar loop rounds, so the result is the same to the bit (models trained with either score alike).</summary>
    private void Accumulate(ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> vector)
    {
        ref sbyte rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        int d = 0;
        if (Avx2.IsSupported)
        {
            for (; d <= vector.Length - Vector256<float>.Count; d += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (int k = 0; k < offsets.Length; k++)
                {
                    long eight = Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref rows, offsets[k] + d)));
                    var row = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(eight).AsSByte()));
                    sum += Vector256.Create(weights[k]) * row;
                }
                sum.CopyTo(vector[d..]);
            }
        }
        for (; d < vector.Length; d++)
        {
            float sum = 0;
            for (int k = 0; k < offsets.Length; k++)
                sum += weights[k] * Unsafe.Add(ref rows, offsets[k] + d);
            vector[d] = sum;
        }
    }

    /// <summary>Encoder name, dimensions, vocabulary, weights, scales, rows: the model file's embedding section.</summary>
    internal void WriteTo(BinaryWriter writer)
    {
        writer.Write(Encoder);
        writer.Write(Dimensions);
        writer.Write(_tokenizer.VocabularySize);
        byte[] vocabulary = Encoding.UTF8.GetBytes(string.Join('\n', _tokenizer.Vocabulary));
        writer.Write(vocabulary.Length);
        writer.Write(vocabulary);
        foreach (float w in _weights) writer.Write(w);
        foreach (float s in _scales) writer.Write(s);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_rows.AsSpan()));
    }

    internal static StaticEmbeddings ReadFrom(BinaryReader reader)
    {
        string encoder = reader.ReadString();
        int dimensions = reader.ReadInt32(), pieces = reader.ReadInt32(), vocabularyBytes = reader.ReadInt32();
        if (dimensions is < 1 or > 1024 || pieces < 1 || vocabularyBytes < 0)
            throw new InvalidDataException("bad embedding section");
        string[] vocabulary = Encoding.UTF8.GetString(reader.ReadBytes(vocabularyBytes)).Split('\n');
        if (vocabulary.Length != pieces)
            throw new InvalidDataException($"the embedding vocabulary has {vocabulary.Length} pieces, its header says {pieces}");
        var weights = new float[pieces];
        var scales = new float[pieces];
        for (int p = 0; p < pieces; p++) weights[p] = reader.ReadSingle();
        for (int p = 0; p < pieces; p++) scales[p] = reader.ReadSingle();
        var rows = new sbyte[pieces * dimensions];
        if (reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.AsSpan())) != rows.Length)
            throw new InvalidDataException("the embedding table is truncated");
        return new StaticEmbeddings(encoder, new WordPieceTokenizer(vocabulary), dimensions, rows, scales, weights);
    }
}
