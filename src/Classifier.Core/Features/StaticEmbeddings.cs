using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// A sentence encoder distilled into a table (model2vec-style): each WordPiece of the encoder's vocabulary has one
/// vector, and a paragraph is the weighted mean of its pieces' vectors, L2-normalised. Rows are one signed byte per
/// dimension with a scale per row, so a rare piece keeps its precision. Weights (e.g. SIF, a / (a + p(piece))) damp
/// frequent pieces. Thread-safe; <see cref="Embed"/> allocates nothing.
/// </summary>
public sealed class StaticEmbeddings
{
    private const float Levels = 127f;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly sbyte[] _rows;      // [piece][dimension]
    private readonly float[] _scales;    // per piece
    private readonly float[] _weights;   // per piece

    public int Dimensions { get; }
    public WordPieceTokenizer Tokenizer => _tokenizer;

    /// <param name="vectors">One row of <paramref name="dimensions"/> floats per piece of the tokenizer's vocabulary, in id order.</param>
    /// <param name="weights">Per piece; 0 leaves it out (special pieces).</param>
    public StaticEmbeddings(WordPieceTokenizer tokenizer, ReadOnlySpan<float> vectors, ReadOnlySpan<float> weights, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int pieces = tokenizer.VocabularySize;
        if (vectors.Length != pieces * dimensions || weights.Length != pieces)
            throw new ArgumentException($"expected {pieces} rows of {dimensions} and {pieces} weights");
        _tokenizer = tokenizer;
        Dimensions = dimensions;
        _rows = new sbyte[vectors.Length];
        _scales = new float[pieces];
        _weights = weights.ToArray();
        for (int piece = 0; piece < pieces; piece++)
        {
            var row = vectors.Slice(piece * dimensions, dimensions);
            float largest = 0;
            foreach (float x in row)
                largest = Math.Max(largest, Math.Abs(x));
            float scale = largest > 0 ? largest / Levels : 1f;
            _scales[piece] = scale;
            for (int d = 0; d < dimensions; d++)
                _rows[piece * dimensions + d] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -Levels, Levels);
        }
    }

    /// <summary>The paragraph's vector into <paramref name="vector"/> (<see cref="Dimensions"/> floats): the weighted mean of
    /// its pieces, unit length, or all zero when it has none. <paramref name="ids"/> is scratch for the piece ids; a text
    /// with more pieces than it holds is embedded from its first ones.</summary>
    public void Embed(ReadOnlySpan<char> text, Span<int> ids, Span<float> vector)
    {
        vector = vector[..Dimensions];
        vector.Clear();
        int count = _tokenizer.Tokenize(text, ids);
        for (int i = 0; i < count; i++)
        {
            int piece = ids[i];
            float w = _weights[piece] * _scales[piece];
            if (w == 0)
                continue;
            var row = _rows.AsSpan(piece * Dimensions, Dimensions);
            for (int d = 0; d < row.Length; d++)
                vector[d] += w * row[d];
        }
        float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(vector));
        if (norm > 0)
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }
}
