using System.Numerics.Tensors;

namespace Classifier.Core.Features;

/// <summary>
/// Signals of a paragraph's place in its document by meaning rather than shared words: cosines of sentence embeddings
/// against the title, the lead, the rest of the document and the neighbours, for the paragraph and for its window of
/// five. An insertion on another subject can share common words with its host and still be far from its title in
/// meaning; a window sees a long insertion that single paragraphs, each pulled towards its neighbours, do not.
/// </summary>
internal sealed class SemanticContext
{
    private const int LeadParagraphs = 3;   // the title and the two paragraphs after it
    private const int HalfWindow = 2;
    private const float MaxRatio = 4;

    private float[] _sum = [], _lead = [], _window = [], _scratch = [];

    /// <summary>Fills the semantic signals of every paragraph of <paramref name="dense"/> (rows of <paramref name="stride"/>
    /// floats whose embedding of <paramref name="dimensions"/> starts at <see cref="DenseFeatures.Count"/>).</summary>
    public void Compute(Span<float> dense, int paragraphs, int stride, int dimensions)
    {
        int n = paragraphs;
        Ensure(dimensions);
        var sum = _sum.AsSpan(0, dimensions);
        var lead = _lead.AsSpan(0, dimensions);
        var window = _window.AsSpan(0, dimensions);
        var scratch = _scratch.AsSpan(0, dimensions);
        sum.Clear(); lead.Clear(); window.Clear();
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add(sum, Vector(dense, i, stride, dimensions), sum);
            if (i < LeadParagraphs) TensorPrimitives.Add(lead, Vector(dense, i, stride, dimensions), lead);
            if (i <= HalfWindow) TensorPrimitives.Add(window, Vector(dense, i, stride, dimensions), window);
        }
        var title = Vector(dense, 0, stride, dimensions);

        double cohesion = 0;
        for (int i = 0; i < n; i++)
        {
            var v = Vector(dense, i, stride, dimensions);
            var row = dense.Slice(i * stride, DenseFeatures.Count);
            if (i > 0)
            {
                // Slide the window [i - 2, i + 2] one paragraph on.
                if (i + HalfWindow < n) TensorPrimitives.Add(window, Vector(dense, i + HalfWindow, stride, dimensions), window);
                if (i - HalfWindow - 1 >= 0) TensorPrimitives.Subtract(window, Vector(dense, i - HalfWindow - 1, stride, dimensions), window);
            }
            if (n == 1)
            {
                row[(int)DenseFeature.SemanticTitleSimilarity] = row[(int)DenseFeature.SemanticLeadSimilarity] = row[(int)DenseFeature.SemanticRestSimilarity] =
                    row[(int)DenseFeature.SemanticNeighbourSimilarity] = row[(int)DenseFeature.SemanticWindowTitleSimilarity] = row[(int)DenseFeature.SemanticWindowRestSimilarity] = 1;
                cohesion = 1;
                continue;
            }
            row[(int)DenseFeature.SemanticTitleSimilarity] = i == 0 ? 1 : Cosine(v, title);
            row[(int)DenseFeature.SemanticLeadSimilarity] = Cosine(v, Without(lead, i < LeadParagraphs ? v : default, scratch));
            float rest = Cosine(v, Without(sum, v, scratch));
            row[(int)DenseFeature.SemanticRestSimilarity] = rest;
            cohesion += rest;

            scratch.Clear();
            if (i > 0) TensorPrimitives.Add(scratch, Vector(dense, i - 1, stride, dimensions), scratch);
            if (i < n - 1) TensorPrimitives.Add(scratch, Vector(dense, i + 1, stride, dimensions), scratch);
            row[(int)DenseFeature.SemanticNeighbourSimilarity] = Cosine(v, scratch);

            // The window without the title, against the title; and the window against everything outside it.
            row[(int)DenseFeature.SemanticWindowTitleSimilarity] = i == 0 ? 1 : Cosine(Without(window, i <= HalfWindow ? title : default, scratch), title);
            row[(int)DenseFeature.SemanticWindowRestSimilarity] = Cosine(window, Without(sum, window, scratch));
        }
        RelativeToDocument(dense, n, stride, n == 1 ? 1 : (float)(cohesion / n));    }

    private static Span<float> Vector(Span<float> dense, int paragraph, int stride, int dimensions) =>
        dense.Slice(paragraph * stride + DenseFeatures.Count, dimensions);

    /// <summary>The document's cohesion, and each paragraph's title similarity against that of the document's other
    /// non-title paragraphs: how close paragraphs sit to their title varies by source far more than by topic.</summary>
    private static void RelativeToDocument(Span<float> dense, int n, int stride, float cohesion)
    {
        double total = 0;
        for (int i = 1; i < n; i++)
            total += dense[i * stride + (int)DenseFeature.SemanticTitleSimilarity];
        for (int i = 0; i < n; i++)
        {
            var row = dense.Slice(i * stride, DenseFeatures.Count);
            row[(int)DenseFeature.SemanticDocumentCohesion] = cohesion;
            float own = row[(int)DenseFeature.SemanticTitleSimilarity];
            int others = i == 0 ? n - 1 : n - 2;
            float level = others > 0 ? (float)((total - (i == 0 ? 0 : own)) / others) : 0;
            row[(int)DenseFeature.RelativeSemanticTitleSimilarity] = i == 0 || level <= 0 ? 1 : Math.Min(own / level, MaxRatio);
        }
    }

    /// <summary><paramref name="whole"/> minus <paramref name="part"/> (an empty part subtracts nothing) into <paramref name="into"/>.</summary>
    private static Span<float> Without(ReadOnlySpan<float> whole, ReadOnlySpan<float> part, Span<float> into)
    {
        if (part.IsEmpty) whole.CopyTo(into);
        else TensorPrimitives.Subtract(whole, part, into);
        return into;
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 1e-12f ? Math.Clamp(TensorPrimitives.Dot(a, b) / norms, -1f, 1f) : 0f;
    }

    private void Ensure(int dimensions)
    {
        if (_sum.Length >= dimensions) return;
        _sum = new float[dimensions]; _lead = new float[dimensions]; _window = new float[dimensions]; _scratch = new float[dimensions];
    }
}
