using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>
/// Scores documents with a <see cref="ClassifierModel"/>. Thread-safe: each thread gets its own
/// reusable workspace, so scoring allocates nothing per paragraph once warm.
/// </summary>
public sealed class Scorer : IBatchScorer
{
    private readonly ClassifierModel _model;
    private readonly Vector128<float> _thresholds;
    private readonly TreeEnsemble[]? _trees;
    private readonly QuickScorer? _quickScorer;   // all four ensembles at once; null for trees too big for it
    private readonly ThreadLocal<Workspace> _workspaces;

    public Scorer(ClassifierModel model)
    {
        _model = model;
        _thresholds = Vector128.Create(model.Thresholds);
        _trees = model.Trees?.ToArray();
        _quickScorer = _trees is { } trees ? QuickScorer.TryBuild(trees) : null;
        if (model.Space.Embedding is { } embedding && model.Embedder is null)
            throw new ArgumentException(embedding.Static ? $"The model reads {embedding} embeddings but carries no table."
                : $"The model was trained on the full {embedding.Encoder} encoder: attach it with WithEncoder (the CLI's --encoder {embedding.Encoder}).", nameof(model));
        _workspaces = new ThreadLocal<Workspace>(() => new Workspace(model));
    }

    public ClassifierModel Model => _model;

    /// <summary>Scores every paragraph of <paramref name="document"/>, scored on its own, into <paramref name="results"/>,
    /// which must hold at least as many entries as the document has paragraphs.</summary>
    public void Score(Document document, Span<ParagraphScore> results) => Score(document.Paragraphs, results);

    public void Score(IReadOnlyList<string> paragraphs, Span<ParagraphScore> results)
    {
        if (results.Length < paragraphs.Count)
            throw new ArgumentException($"Result buffer holds {results.Length} scores; the document has {paragraphs.Count} paragraphs.", nameof(results));
        ForEachParagraph(_workspaces.Value!, paragraphs, null, 0, results, ClassifyInto);
    }

    /// <summary>Scores a batch of documents, their paragraphs back to back into <paramref name="results"/>. With a
    /// model trained on batch signals (<see cref="ClassifierModel.UsesBatchSignals"/>) a paragraph is also weighed
    /// against the batch: lines that recur across its documents are likely page templates (<see cref="BatchRecurrence"/>),
    /// so batch the pages of one site or crawl. Otherwise this scores each document as on its own.</summary>
    public void Score(IReadOnlyList<Document> batch, Span<ParagraphScore> results) => ForEachDocument(batch, results, ClassifyInto);

    /// <summary>Convenience overload that allocates the result array.</summary>
    public ParagraphScore[] Score(Document document)
    {
        var results = new ParagraphScore[document.Paragraphs.Count];
        Score(document, results);
        return results;
    }

    /// <summary>The uncalibrated final margins of a batch's paragraphs, back to back, for fitting calibration in training.</summary>
    internal void Margins(IReadOnlyList<Document> batch, Span<Vector128<float>> margins) =>
        ForEachDocument(batch, margins, static (_, i, m, margins) => margins[i] = m);

    /// <summary>The linear margins of a built sparse vector: the reference the streaming accumulator must agree with.</summary>
    internal Vector128<float> Margins(SparseFeatures ngrams, ReadOnlySpan<float> dense) => _model.LinearMargins(ngrams.Indices, ngrams.Values, dense);

    /// <summary>A featurized paragraph's score from its linear margins, its document's and segment's mean margins and its
    /// raw dense signals: the scorer's second pass, for benchmarks that start from featurized input.</summary>
    internal ParagraphScore Score(Vector128<float> linearMargins, Vector128<float> documentMeanMargins, Vector128<float> segmentMeanMargins,
        ReadOnlySpan<float> dense) =>
        Classify(StageMargins(linearMargins, documentMeanMargins, segmentMeanMargins, dense));

    internal ParagraphScore Classify(Vector128<float> margins)
    {
        var calibration = _model.Calibration;
        var probabilities = Vector128.Create(
            calibration[0].Probability(margins[0]), calibration[1].Probability(margins[1]),
            calibration[2].Probability(margins[2]), calibration[3].Probability(margins[3]));
        var flags = (CategorySet)Vector128.GreaterThanOrEqual(probabilities, _thresholds).ExtractMostSignificantBits();
        return new ParagraphScore(probabilities, flags);
    }

    private delegate void ParagraphSink<T>(Scorer scorer, int paragraph, Vector128<float> margins, Span<T> output);

    private static readonly ParagraphSink<ParagraphScore> ClassifyInto = static (scorer, i, margins, results) => results[i] = scorer.Classify(margins);

    private void ForEachDocument<T>(IReadOnlyList<Document> batch, Span<T> output, ParagraphSink<T> sink)
    {
        int total = 0;
        for (int d = 0; d < batch.Count; d++)
            total += batch[d].Paragraphs.Count;
        if (output.Length < total)
            throw new ArgumentException($"Result buffer holds {output.Length} entries; the batch has {total} paragraphs.", nameof(output));
        var workspace = _workspaces.Value!;
        var recurrence = _model.UsesBatchSignals ? workspace.Batch : null;
        recurrence?.Load(batch);
        int offset = 0;
        for (int d = 0; d < batch.Count; d++)
        {
            var paragraphs = batch[d].Paragraphs;
            ForEachParagraph(workspace, paragraphs, recurrence, d, output.Slice(offset, paragraphs.Count), sink);
            offset += paragraphs.Count;
        }
    }

    private void ForEachParagraph<T>(Workspace workspace, IReadOnlyList<string> paragraphs, BatchRecurrence? batch, int document, Span<T> output, ParagraphSink<T> sink)
    {
        var featurizer = workspace.Featurizer;
        featurizer.Load(paragraphs, batch, document);
        try
        {
            // Pass 1: every paragraph's linear margins; the tree stage also needs their document mean.
            var linear = workspace.LinearMargins(paragraphs.Count);
            var sum = Vector128<float>.Zero;
            for (int i = 0; i < paragraphs.Count; i++)
            {
                var accumulator = new LinearAccumulator(_model.NgramWeights, workspace.Counts);
                featurizer.Ngrams(i, ref accumulator);
                linear[i] = accumulator.Sum + _model.DenseMargins(featurizer.Dense(i));
                sum += linear[i];
            }
            // Pass 2: the final margins, segment by segment (the whole document is one segment without an embedding).
            var mean = paragraphs.Count == 0 ? sum : sum / paragraphs.Count;
            var margins = _model.Trees is null ? linear : TreeMargins(workspace, featurizer, linear, mean);
            for (int i = 0; i < paragraphs.Count; i++)
                sink(this, i, margins[i], output);
        }
        finally
        {
            featurizer.Release();
        }
    }

    /// <summary>The trees' margins for every paragraph of the loaded document: each paragraph's stacked row (its dense
    /// signals, its linear margins and their document and segment means), then the trees over all rows at once.</summary>
    private Span<Vector128<float>> TreeMargins(Workspace workspace, DocumentFeaturizer featurizer, ReadOnlySpan<Vector128<float>> linear,
        Vector128<float> mean)
    {
        int count = linear.Length, width = StackedFeatures.Count;
        var rows = workspace.StackedRows(count);
        for (int start = 0; start < count;)
        {
            int end = featurizer.Segment(start)?.End ?? count;
            var segmentSum = Vector128<float>.Zero;
            for (int i = start; i < end; i++) segmentSum += linear[i];
            var segmentMean = segmentSum / (end - start);
            for (int i = start; i < end; i++)
                StackedFeatures.Write(featurizer.Dense(i)[..DenseFeatures.Count], linear[i], mean, segmentMean, rows.Slice(i * width, width));
            start = end;
        }
        var margins = workspace.FinalMargins(count);
        if (_quickScorer is not null)
            _quickScorer.Predict(rows, width, MemoryMarshal.Cast<Vector128<float>, float>(margins));
        else
        {
            var trees = _model.Trees!;
            for (int i = 0; i < count; i++)
            {
                var row = rows.Slice(i * width, width);
                margins[i] = Vector128.Create(trees[0].Predict(row), trees[1].Predict(row), trees[2].Predict(row), trees[3].Predict(row));
            }
        }
        return margins;
    }

    /// <summary>The final margins: the linear ones, or the trees' over the dense signals, the linear margins and their document and segment means.</summary>
    private Vector128<float> StageMargins(Vector128<float> linear, Vector128<float> documentMean, Vector128<float> segmentMean, ReadOnlySpan<float> dense)
    {
        if (_trees is not { } trees)
            return linear;
        Span<float> stacked = stackalloc float[StackedFeatures.Count];
        StackedFeatures.Write(dense[..DenseFeatures.Count], linear, documentMean, segmentMean, stacked);
        if (_quickScorer is null)
            return Vector128.Create(trees[0].Predict(stacked), trees[1].Predict(stacked), trees[2].Predict(stacked), trees[3].Predict(stacked));
        Span<float> scores = stackalloc float[Categories.Count];
        _quickScorer.Predict(stacked, scores);
        return Vector128.Create<float>(scores);
    }

    /// <summary>Per-thread scratch: the document featurizer, the batch's line counts, the n-gram counters and the document's margins and rows.</summary>
    private sealed class Workspace(ClassifierModel model)
    {
        public DocumentFeaturizer Featurizer { get; } = new(model.Space, model.Embedder);
        public BatchRecurrence Batch { get; } = new();
        public BucketCounts Counts { get; } = new(model.Space.DenseOffset);

        private Vector128<float>[] _linear = new Vector128<float>[64];
        private Vector128<float>[] _final = new Vector128<float>[64];
        private float[] _stacked = new float[64 * StackedFeatures.Count];

        /// <summary>Room for one document's linear margins.</summary>
        public Span<Vector128<float>> LinearMargins(int count) => Room(ref _linear, count);

        /// <summary>Room for one document's final (tree) margins.</summary>
        public Span<Vector128<float>> FinalMargins(int count) => Room(ref _final, count);

        /// <summary>Room for one document's stacked rows, back to back.</summary>
        public Span<float> StackedRows(int count) => Room(ref _stacked, count * StackedFeatures.Count);

        private static Span<T> Room<T>(ref T[] buffer, int count)
        {
            if (buffer.Length < count)
                buffer = new T[Math.Max(count, buffer.Length * 2)];
            return buffer.AsSpan(0, count);
        }
    }
}
