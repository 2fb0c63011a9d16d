using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Classifier.Core.Features;

namespace Classifier.Core.Model;

/// <summary>
/// A trained model: the feature space it was trained in, the linear weights, dense-feature scaling,
/// per-category calibration and decision thresholds, plus opaque provenance (recipe, data hashes,
/// metrics) that travels with it. Immutable once built; share one instance across threads.
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>Weights laid out <c>[feature][category]</c>: the four categories of one hash bucket
    /// share a 16-byte lane, so one cache line read scores all of them.</summary>
    public float[] Weights { get; }

    /// <summary>The hashed n-gram part of <see cref="Weights"/> as scoring and explanations read it, at <see cref="Precision"/>.</summary>
    public NgramWeights NgramWeights { get; }
    public NgramPrecision Precision { get; }
    public float[] Bias { get; }
    public float[] DenseMean { get; }
    public float[] DenseScale { get; }
    public PlattCalibration[] Calibration { get; }
    public float[] Thresholds { get; }
    public FeatureSpace Space { get; }
    public JsonObject Metadata { get; }

    /// <summary>Boosted trees per category over <see cref="StackedFeatures"/>, or null for a linear-only model.
    /// With trees, a category's margin is its tree score; without, its linear margin.</summary>
    public TreeEnsemble[]? Trees { get; }

    /// <summary>The distilled sentence embeddings the model carries, if its space reads static ones.</summary>
    public StaticEmbeddings? Embeddings => Embedder as StaticEmbeddings;   // a full encoder is never static (FeatureSpace.Accepts)

    /// <summary>What gives the paragraph embeddings at scoring time: <see cref="Embeddings"/>, or the full encoder attached
    /// by <see cref="WithEncoder"/> for a model trained on one; null for a model without embeddings.</summary>
    public IParagraphEmbedder? Embedder { get; }

    /// <summary>Whether any stage reads the batch signals (<see cref="BatchRecurrence"/>); if none does, a document
    /// scores the same in any batch and the scorer does not fingerprint batches.</summary>
    public bool UsesBatchSignals { get; }

    public ClassifierModel(FeatureSpace space, float[] weights, float[] bias, float[] denseMean, float[] denseScale,
        PlattCalibration[] calibration, float[] thresholds, JsonObject? metadata = null, TreeEnsemble[]? trees = null,
        NgramPrecision precision = NgramPrecision.Int8, StaticEmbeddings? embeddings = null)
    {
        space.Validate();
        Require(weights.Length == space.Dimension * Categories.Count, $"expected {space.Dimension * Categories.Count} weights, found {weights.Length}");
        // Quantising one NaN or infinite weight would silently spoil its whole category's scale.
        int bad = Array.FindIndex(weights, w => !float.IsFinite(w));
        Require(bad < 0, $"weight {bad} is not finite");
        Require(bias.Length == Categories.Count, "one bias per category");
        Require(denseMean.Length == space.DenseCount && denseScale.Length == space.DenseCount,
            $"dense scaling for {space.DenseCount} features (model has {denseMean.Length}; was it made by another version?)");
        // A static space without its table is allowed for margins over featurized rows (training); it cannot featurize.
        Require(embeddings is null || (space.Embedding is { Static: true } && space.Accepts(embeddings)),
            $"an embedding table of {embeddings?.Encoder} ({embeddings?.Dimensions} dimensions) for a space that reads {space.Embedding?.ToString() ?? "none"}");
        Require(calibration.Length == Categories.Count, "one calibration per category");
        RequireThresholds(thresholds);
        Require(trees is null || (trees.Length == Categories.Count && trees.All(t => t.FeatureCount == StackedFeatures.Count)),
            $"one tree ensemble per category over {StackedFeatures.Count} stacked features");
        Space = space;
        Trees = trees;
        Weights = weights;
        Precision = precision;
        NgramWeights = NgramWeights.Create(precision, weights, space.DenseOffset);
        Bias = bias;
        DenseMean = denseMean;
        DenseScale = denseScale;
        Calibration = calibration;
        Thresholds = thresholds;
        Metadata = metadata ?? [];
        Embedder = embeddings;
        UsesBatchSignals = Reads(DenseFeature.RecursInBatch) || Reads(DenseFeature.BatchRecurrenceShare);
    }

    private bool Reads(DenseFeature feature)
    {
        int d = (int)feature;
        bool linear = DenseScale[d] != 0 && Weights.AsSpan((Space.DenseOffset + d) * Categories.Count, Categories.Count).ContainsAnyExcept(0f);
        if (linear || Trees is null)
            return linear;
        // The stacked rows the trees read start with the dense signals, so a dense index is also a tree feature index.
        foreach (var ensemble in Trees)
            foreach (var node in ensemble.Nodes)
                if (node.Feature == d)
                    return true;
        return false;
    }

    /// <summary>This model with other thresholds, e.g. overridden at score time. Shares everything else, so the
    /// weights are neither checked nor quantised again.</summary>
    public ClassifierModel WithThresholds(float[] thresholds) => new(this, Calibration, thresholds, Metadata);

    /// <summary>This model scoring with the full encoder it was trained on (the accurate path); shares everything else.</summary>
    public ClassifierModel WithEncoder(IParagraphEmbedder encoder)
    {
        if (Space.Embedding is not { Static: false } embedding)
            throw new ArgumentException(Space.Embedding is null ? "This model reads no sentence embeddings; it needs no encoder."
                : $"This model reads {Space.Embedding} embeddings from its own table; it needs no encoder.", nameof(encoder));
        if (!Space.Accepts(encoder))
            throw new ArgumentException($"This model was trained on {embedding}, not {encoder.Encoder} ({encoder.Dimensions} dimensions).", nameof(encoder));
        return new(this, Calibration, Thresholds, Metadata, encoder);
    }

    /// <summary>This model with another calibration and thresholds (refitted on a new source's labels), and the
    /// metadata that records it; shares the weights and trees.</summary>
    public ClassifierModel WithCalibration(PlattCalibration[] calibration, float[] thresholds, JsonObject metadata) => new(this, calibration, thresholds, metadata);

    private ClassifierModel(ClassifierModel model, PlattCalibration[] calibration, float[] thresholds, JsonObject metadata, IParagraphEmbedder? encoder = null)
    {
        Require(calibration.Length == Categories.Count, "one calibration per category");
        RequireThresholds(thresholds);
        Space = model.Space;
        Trees = model.Trees;
        Weights = model.Weights;
        NgramWeights = model.NgramWeights;
        Precision = model.Precision;
        Bias = model.Bias;
        DenseMean = model.DenseMean;
        DenseScale = model.DenseScale;
        Calibration = calibration;
        Thresholds = thresholds;
        Metadata = metadata;
        Embedder = encoder ?? model.Embedder;
        UsesBatchSignals = model.UsesBatchSignals;
    }

    /// <summary>The four linear margins of a featurized paragraph: hashed n-grams (bucket indices and values) and raw
    /// dense signals. The one linear margin function: training's stacking and calibration call it, and the scorer's
    /// streaming path (<see cref="Scoring.LinearAccumulator"/>) is tested against it.</summary>
    internal Vector128<float> LinearMargins(ReadOnlySpan<int> buckets, ReadOnlySpan<float> values, ReadOnlySpan<float> dense)
    {
        var sum = Vector128<float>.Zero;
        for (int i = 0; i < buckets.Length; i++)
            sum += NgramWeights.Weight(buckets[i]) * values[i];
        return sum + DenseMargins(dense);
    }

    /// <summary>Bias plus the standardised dense signals times their weights.</summary>
    internal Vector128<float> DenseMargins(ReadOnlySpan<float> dense)
    {
        ref float weights = ref MemoryMarshal.GetArrayDataReference(Weights);
        var sum = Vector128.Create(Bias);
        int denseOffset = Space.DenseOffset;
        for (int d = 0; d < dense.Length; d++)
        {
            float x = (dense[d] - DenseMean[d]) * DenseScale[d];
            sum += Lane(ref weights, denseOffset + d) * x;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Lane(ref float weights, int feature) =>
        Vector128.LoadUnsafe(ref weights, (nuint)feature * Categories.Count);

    private static void RequireThresholds(float[] thresholds) =>
        Require(thresholds.Length == Categories.Count && thresholds.All(t => t is >= 0 and <= 1), "one threshold in [0, 1] per category");

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new InvalidDataException($"Invalid model: {message}.");
    }
}
