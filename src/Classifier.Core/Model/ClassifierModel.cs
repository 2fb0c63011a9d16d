using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Classifier.Core.Features;

namespace Classifier.Core.Model;

/// <summary>
/// A trained model: the feature space it was trained in, the linear weights, dense-feature scaling,
/// per-category calibration and decision thresholds, plus opaque provenance (recipe, data hashes,
/// metrics) that travels with it. Immutable in fact, not only in name: it copies what it is built from and hands out
/// read-only views, so share one instance across threads. An embedding program loads one (<see cref="ModelFile.Load"/>),
/// may override its <see cref="Thresholds"/> or attach the full encoder, and scores with a <see cref="Scoring.Scorer"/>;
/// the parts themselves are for training and the scorer (internal).
/// </summary>
public sealed class ClassifierModel
{
    // Private copies: the model hands out read-only views only, so no caller can change a model another thread scores with.
    private readonly float[] _weights, _bias, _denseMean, _denseScale, _thresholds;
    private readonly PlattCalibration[] _calibration;
    private readonly TreeEnsemble[]? _trees;
    private readonly JsonObject _metadata;

    /// <summary>Weights laid out <c>[feature][category]</c>: the four categories of one hash bucket
    /// share a 16-byte lane, so one cache line read scores all of them.</summary>
    internal ReadOnlySpan<float> Weights => _weights;

    /// <summary>The hashed n-gram part of <see cref="Weights"/> as scoring and explanations read it, at <see cref="Precision"/>.</summary>
    internal NgramWeights NgramWeights { get; }
    internal NgramPrecision Precision { get; }
    internal ReadOnlySpan<float> Bias => _bias;
    internal ReadOnlySpan<float> DenseMean => _denseMean;
    internal ReadOnlySpan<float> DenseScale => _denseScale;
    internal ReadOnlySpan<PlattCalibration> Calibration => _calibration;

    /// <summary>Each category's decision threshold on its calibrated probability, in category lane order
    /// (<see cref="Categories.All"/>): a paragraph is flagged when its probability is at least the threshold.</summary>
    public ReadOnlySpan<float> Thresholds => _thresholds;

    internal FeatureSpace Space { get; }

    /// <summary>Provenance (recipe, data hashes, metrics): a copy, so editing it changes nothing here.</summary>
    internal JsonObject Metadata => (JsonObject)_metadata.DeepClone();

    /// <summary>Boosted trees per category over <see cref="StackedFeatures"/>, or null for a linear-only model.
    /// With trees, a category's margin is its tree score; without, its linear margin.</summary>
    internal IReadOnlyList<TreeEnsemble>? Trees { get; }

    /// <summary>The distilled sentence embeddings the model carries, if its space reads static ones.</summary>
    internal StaticEmbeddings? Embeddings => Embedder as StaticEmbeddings;   // a full encoder is never static (FeatureSpace.Accepts)

    /// <summary>What gives the paragraph embeddings at scoring time: <see cref="Embeddings"/>, or the full encoder attached
    /// by <see cref="WithEncoder"/> for a model trained on one; null for a model without embeddings.</summary>
    internal IParagraphEmbedder? Embedder { get; }

    /// <summary>Whether any stage reads the batch signals (<see cref="BatchRecurrence"/>); if none does, a document
    /// scores the same in any batch and the scorer does not fingerprint batches.</summary>
    public bool UsesBatchSignals { get; }

    /// <summary>Builds a model from its parts (training and <see cref="ModelFile"/>). Every part is copied, so the caller
    /// may go on changing its arrays; the model never sees it.</summary>
    internal ClassifierModel(FeatureSpace space, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> denseMean,
        ReadOnlySpan<float> denseScale, ReadOnlySpan<PlattCalibration> calibration, ReadOnlySpan<float> thresholds, JsonObject? metadata = null,
        IReadOnlyList<TreeEnsemble>? trees = null, NgramPrecision precision = NgramPrecision.Int8, StaticEmbeddings? embeddings = null)
    {
        space.Validate();
        Require(weights.Length == space.Dimension * Categories.Count, $"expected {space.Dimension * Categories.Count} weights, found {weights.Length}");
        // Quantising one NaN or infinite weight would silently spoil its whole category's scale.
        int bad = IndexOfNonFinite(weights);
        Require(bad < 0, $"weight {bad} is not finite");
        Require(bias.Length == Categories.Count, "one bias per category");
        Require(denseMean.Length == space.DenseCount && denseScale.Length == space.DenseCount,
            $"dense scaling for {space.DenseCount} features (model has {denseMean.Length}; was it made by another version?)");
        // A static space without its table is allowed for margins over featurized rows (training); it cannot featurize.
        Require(embeddings is null || (space.Embedding is { Static: true } && space.Accepts(embeddings)),
            $"an embedding table of {embeddings?.Encoder} ({embeddings?.Dimensions} dimensions) for a space that reads {space.Embedding?.ToString() ?? "none"}");
        Require(calibration.Length == Categories.Count, "one calibration per category");
        RequireThresholds(thresholds);
        Require(trees is null || (trees.Count == Categories.Count && trees.All(t => t.FeatureCount == StackedFeatures.Count)),
            $"one tree ensemble per category over {StackedFeatures.Count} stacked features");
        Space = space;
        _trees = trees?.ToArray();
        Trees = _trees is null ? null : Array.AsReadOnly(_trees);
        _weights = weights.ToArray();
        Precision = precision;
        NgramWeights = NgramWeights.Create(precision, _weights, space.DenseOffset);
        _bias = bias.ToArray();
        _denseMean = denseMean.ToArray();
        _denseScale = denseScale.ToArray();
        _calibration = calibration.ToArray();
        _thresholds = thresholds.ToArray();
        _metadata = metadata is null ? [] : (JsonObject)metadata.DeepClone();
        Embedder = embeddings;
        UsesBatchSignals = Reads(DenseFeature.RecursInBatch) || Reads(DenseFeature.BatchRecurrenceShare);
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                return i;
        return -1;
    }

    private bool Reads(DenseFeature feature)
    {
        int d = (int)feature;
        bool linear = _denseScale[d] != 0 && _weights.AsSpan((Space.DenseOffset + d) * Categories.Count, Categories.Count).ContainsAnyExcept(0f);
        if (linear || _trees is null)
            return linear;
        // The stacked rows the trees read start with the dense signals, so a dense index is also a tree feature index.
        foreach (var ensemble in _trees)
            foreach (var node in ensemble.Nodes)
                if (node.Feature == d)
                    return true;
        return false;
    }

    /// <summary>This model with other thresholds (one per category, in lane order), e.g. overridden at score time. Shares
    /// everything else, so the weights are neither checked nor quantised again.</summary>
    public ClassifierModel WithThresholds(ReadOnlySpan<float> thresholds) => new(this, _calibration, thresholds.ToArray(), _metadata);

    /// <summary>This model scoring with the full encoder it was trained on (the accurate path); shares everything else.</summary>
    public ClassifierModel WithEncoder(IParagraphEmbedder encoder)
    {
        if (Space.Embedding is not { Static: false } embedding)
            throw new ArgumentException(Space.Embedding is null ? "This model reads no sentence embeddings; it needs no encoder."
                : $"This model reads {Space.Embedding} embeddings from its own table; it needs no encoder.", nameof(encoder));
        if (!Space.Accepts(encoder))
            throw new ArgumentException($"This model was trained on {embedding}, not {encoder.Encoder} ({encoder.Dimensions} dimensions).", nameof(encoder));
        return new(this, _calibration, _thresholds, _metadata, encoder);
    }

    /// <summary>This model with another calibration and thresholds (refitted on a new source's labels), and the
    /// metadata that records it; shares the weights and trees.</summary>
    internal ClassifierModel WithCalibration(ReadOnlySpan<PlattCalibration> calibration, ReadOnlySpan<float> thresholds, JsonObject metadata) =>
        new(this, calibration.ToArray(), thresholds.ToArray(), (JsonObject)metadata.DeepClone());

    /// <summary>Shares <paramref name="model"/>'s parts; the arrays given must be the new model's own (copied or shared
    /// with another model, never with a caller).</summary>
    private ClassifierModel(ClassifierModel model, PlattCalibration[] calibration, float[] thresholds, JsonObject metadata, IParagraphEmbedder? encoder = null)
    {
        Require(calibration.Length == Categories.Count, "one calibration per category");
        RequireThresholds(thresholds);
        Space = model.Space;
        _trees = model._trees;
        Trees = model.Trees;
        _weights = model._weights;
        NgramWeights = model.NgramWeights;
        Precision = model.Precision;
        _bias = model._bias;
        _denseMean = model._denseMean;
        _denseScale = model._denseScale;
        _calibration = calibration;
        _thresholds = thresholds;
        _metadata = metadata;
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
        // Checked once so that the loop, run for every paragraph, indexes without bounds checks.
        if (dense.Length > _denseMean.Length)
            throw new ArgumentException($"{dense.Length} dense values; the model has {_denseMean.Length}", nameof(dense));
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), (nint)Space.DenseOffset * Categories.Count);
        ref float value = ref MemoryMarshal.GetReference(dense);
        ref float mean = ref MemoryMarshal.GetArrayDataReference(_denseMean);
        ref float scale = ref MemoryMarshal.GetArrayDataReference(_denseScale);
        var sum = Vector128.Create(_bias);
        for (nint d = 0; d < dense.Length; d++)
        {
            float x = (Unsafe.Add(ref value, d) - Unsafe.Add(ref mean, d)) * Unsafe.Add(ref scale, d);
            sum += Vector128.LoadUnsafe(ref weights, (nuint)d * Categories.Count) * x;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Lane(ref float weights, int feature) =>
        Vector128.LoadUnsafe(ref weights, (nuint)feature * Categories.Count);

    private static void RequireThresholds(ReadOnlySpan<float> thresholds)
    {
        Require(thresholds.Length == Categories.Count, "one threshold in [0, 1] per category");
        foreach (float t in thresholds)
            Require(t is >= 0 and <= 1, "one threshold in [0, 1] per category");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new InvalidDataException($"Invalid model: {message}.");
    }
}
