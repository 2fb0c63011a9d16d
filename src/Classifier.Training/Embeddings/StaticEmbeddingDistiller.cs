using Classifier.Core.Features;
using Classifier.Encoders;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Classifier.Training.Embeddings;

/// <summary>
/// Distils a sentence encoder (MiniLM or Arctic XS: their ONNX weights and vocabularies ship inside the
/// SentenceTransformers packages, see <see cref="EncoderResources"/>) into <see cref="StaticEmbeddings"/>: every
/// vocabulary piece is encoded alone, as <c>[CLS] piece [SEP]</c> pooled as the encoder pools, the vectors are reduced by
/// ML.NET's PCA, and each piece is weighted by SIF, a / (a + p(piece)), with p
/// counted over texts of the training data. The model is run directly: the package's own tokenizer loses any word with
/// an accent, so encoding text through it would not match what Core's <see cref="Core.Text.WordPieceTokenizer"/> gives.
/// </summary>
internal static class StaticEmbeddingDistiller
{
    /// <param name="encoder">One of <see cref="EncoderResources.Names"/>.</param>
    /// <param name="frequencyTexts">Texts whose piece counts give the SIF weights (the training paragraphs).</param>
    public static StaticEmbeddings Distil(string encoder, IEnumerable<string> frequencyTexts, int dimensions = 64, double sif = 1e-3, int threads = 1)
    {
        encoder = EncoderResources.Canonical(encoder);
        var vocabulary = EncoderResources.Vocabulary(encoder);
        var tokenizer = new Core.Text.WordPieceTokenizer(vocabulary);
        var encoded = Encoded.GetOrAdd(encoder, _ => new Lazy<float[]>(() => EncodePieces(encoder, vocabulary, threads))).Value;
        var reduced = Reduce(encoded, vocabulary.Length, EncoderResources.Dimensions(encoder), dimensions);
        var weights = SifWeights(vocabulary, tokenizer, frequencyTexts, sif);
        return new StaticEmbeddings(encoder, tokenizer, reduced, weights, dimensions);
    }

    // The pieces' encoder vectors depend on nothing else: a process that trains several models encodes them once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<float[]>> Encoded = new();

    /// <summary>Each piece id through the encoder on its own: the encoder's width of floats per piece, back to back.</summary>
    private static float[] EncodePieces(string encoder, string[] vocabulary, int threads)
    {
        int pieces = vocabulary.Length, width = EncoderResources.Dimensions(encoder);
        int cls = Array.IndexOf(vocabulary, "[CLS]"), sep = Array.IndexOf(vocabulary, "[SEP]");
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(EncoderResources.Model(encoder), options);
        bool meanPooled = EncoderResources.Pooling(encoder) == EncoderPooling.Mean;
        const int batch = 512, length = 3;
        var vectors = new float[pieces * width];
        for (int start = 0; start < pieces; start += batch)
        {
            int n = Math.Min(batch, pieces - start);
            var ids = new DenseTensor<long>([n, length]);
            var mask = new DenseTensor<long>([n, length]);
            var types = new DenseTensor<long>([n, length]);
            for (int i = 0; i < n; i++)
            {
                ids[i, 0] = cls; ids[i, 1] = start + i; ids[i, 2] = sep;
                mask[i, 0] = mask[i, 1] = mask[i, 2] = 1;
            }
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("input_ids", ids),
                NamedOnnxValue.CreateFromTensor("attention_mask", mask), NamedOnnxValue.CreateFromTensor("token_type_ids", types)]);
            var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>();
            for (int i = 0; i < n; i++)
                for (int d = 0; d < width; d++)
                    vectors[(start + i) * width + d] = meanPooled ? (hidden[i, 0, d] + hidden[i, 1, d] + hidden[i, 2, d]) / length : hidden[i, 0, d];
        }
        return vectors;
    }

    private static float[] Reduce(float[] vectors, int pieces, int width, int dimensions)
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Vector)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, pieces).Select(p => new Row { Vector = vectors.AsSpan(p * width, width).ToArray() }), schema);
        var pca = ml.Transforms.ProjectToPrincipalComponents("Reduced", nameof(Row.Vector), rank: dimensions, seed: 1).Fit(data);
        var reduced = new float[pieces * dimensions];
        int at = 0;
        foreach (var row in pca.Transform(data).GetColumn<float[]>("Reduced"))
        {
            row.CopyTo(reduced, at);
            at += dimensions;
        }
        return reduced;
    }

    private static float[] SifWeights(string[] vocabulary, Core.Text.WordPieceTokenizer tokenizer, IEnumerable<string> texts, double a)
    {
        var counts = new long[vocabulary.Length];
        var ids = new int[4096];
        long total = 0;
        foreach (string text in texts)
        {
            int n = tokenizer.Tokenize(text, ids);
            for (int i = 0; i < n; i++)
                counts[ids[i]]++;
            total += n;
        }
        var weights = new float[vocabulary.Length];
        for (int piece = 0; piece < weights.Length; piece++)
        {
            bool special = vocabulary[piece].StartsWith('[') && vocabulary[piece].EndsWith(']');
            weights[piece] = special ? 0f : (float)(a / (a + (double)counts[piece] / Math.Max(1, total)));
        }
        return weights;
    }

    private sealed class Row
    {
        public float[] Vector = [];
    }
}
