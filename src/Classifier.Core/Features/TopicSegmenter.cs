using System.Numerics.Tensors;

namespace Classifier.Core.Features;

/// <summary>A run of paragraphs on one topic, and how its meaning compares with the document's own topic.</summary>
/// <param name="Start">First paragraph of the segment.</param>
/// <param name="Length">Paragraphs in the segment.</param>
/// <param name="TitleSimilarity">Cosine of the segment's embedding with the title's (the first paragraph).</param>
/// <param name="LeadSimilarity">Cosine with the lead segment, the one holding the first paragraph of prose (1 for the lead
/// segment itself).</param>
internal readonly record struct TopicSegment(int Start, int Length, float TitleSimilarity, float LeadSimilarity)
{
    public int End => Start + Length;
}

/// <summary>
/// Cuts a document into topic segments by block comparison over the paragraph embeddings, in the manner of
/// TextTiling: at each gap between paragraphs, the cosine of the blocks of up to <see cref="Block"/> paragraphs on
/// either side; a gap is a boundary where that cohesion dips well below the peaks around it (its depth). Segments
/// are judged against the document's own topic, not its majority (an insertion can outnumber its host): the title
/// (the first paragraph, its own segment) and the lead segment, the one holding the first paragraph of prose. A
/// scraped page often opens with navigation, so the first paragraphs are no lead, and the title may be no title:
/// the lead segment is then the article, which the title's similarity alone would not tell from an insertion. An
/// insertion right after the title holds the lead itself; then the title anchors the topic (the title gap).
/// Each paragraph gets its segment's signals, the same for the whole segment, so the learner's verdict is
/// consistent within it. Linear in the paragraphs: prefix sums give every block.
/// </summary>
internal sealed class TopicSegmenter
{
    private const int Block = 3;
    private const int PeakReach = 4;          // how far a gap looks either side for the peaks its depth is measured from
    private const float MinDepth = 0.12f;     // cosine depth below which a dip is noise within one topic
    private static readonly float ProseLogWords = MathF.Log(1 + 12) / 6;   // DenseFeature.LogWords of a 12-word paragraph

    private float[] _prefix = [], _a = [], _b = [];
    private float[] _cohesion = [], _depth = [];
    private readonly List<TopicSegment> _segments = [];
    private int[] _segmentOf = [];

    /// <summary>The segment holding <paramref name="paragraph"/> of the last document segmented.</summary>
    public TopicSegment SegmentOf(int paragraph) => _segments[_segmentOf[paragraph]];

    /// <summary>Segments the document whose rows of <paramref name="dense"/> hold embeddings of <paramref name="dimensions"/>
    /// after the named signals, and writes each paragraph's segment signals.</summary>
    public void Compute(Span<float> dense, int n, int stride, int dimensions)
    {
        Ensure(n, dimensions);
        _segments.Clear();
        var prefix = _prefix.AsSpan(0, (n + 1) * dimensions);
        prefix[..dimensions].Clear();
        for (int i = 0; i < n; i++)
            TensorPrimitives.Add(prefix.Slice(i * dimensions, dimensions), Vector(dense, i, stride, dimensions), prefix.Slice((i + 1) * dimensions, dimensions));

        FindSegments(prefix, n, dimensions);
        Judge(prefix, n, dimensions, LeadParagraph(dense, n, stride));
        Write(dense, n, stride);
    }

    /// <summary>Gap g lies before paragraph g; gaps 2..n-1 are candidates (gap 1, after the title, always cuts).</summary>
    private void FindSegments(ReadOnlySpan<float> prefix, int n, int dimensions)
    {
        var cohesion = _cohesion.AsSpan(0, n + 1);
        var depth = _depth.AsSpan(0, n + 1);
        depth.Clear();
        for (int g = 2; g < n; g++)
        {
            int left = Math.Max(1, g - Block), right = Math.Min(n, g + Block);
            cohesion[g] = Cosine(Sum(prefix, left, g, dimensions, _a), Sum(prefix, g, right, dimensions, _b));
        }
        for (int g = 2; g < n; g++)
        {
            float leftPeak = cohesion[g], rightPeak = cohesion[g];
            for (int h = Math.Max(2, g - PeakReach); h < g; h++) leftPeak = Math.Max(leftPeak, cohesion[h]);
            for (int h = g + 1; h <= Math.Min(n - 1, g + PeakReach); h++) rightPeak = Math.Max(rightPeak, cohesion[h]);
            // A gap at the document's edge of candidates has peaks on one side only: count that side twice.
            float l = g > 2 ? leftPeak - cohesion[g] : rightPeak - cohesion[g];
            float r = g < n - 1 ? rightPeak - cohesion[g] : l;
            depth[g] = l + r;
        }

        _segments.Add(new TopicSegment(0, 1, 1, 1));
        if (n == 1) return;
        int start = 1;
        for (int g = 2; g < n; g++)
        {
            // A boundary is a local maximum of depth (the earlier of equal neighbours), deep enough to be a change of topic.
            bool peak = depth[g] >= MinDepth && depth[g] > depth[g - 1] && depth[g] >= depth[g + 1 < n ? g + 1 : g];
            if (!peak) continue;
            _segments.Add(new TopicSegment(start, g - start, 0, 0));
            start = g;
        }
        _segments.Add(new TopicSegment(start, n - start, 0, 0));
    }

    /// <summary>The first paragraph after the title with a dozen words or more: where the article's prose starts.</summary>
    private static int LeadParagraph(ReadOnlySpan<float> dense, int n, int stride)
    {
        for (int i = 1; i < n; i++)
            if (dense[i * stride + (int)DenseFeature.LogWords] >= ProseLogWords)
                return i;
        return Math.Min(1, n - 1);
    }

    /// <summary>Each segment against the title and against the lead segment.</summary>
    private void Judge(ReadOnlySpan<float> prefix, int n, int dimensions, int leadParagraph)
    {
        for (int s = 0; s < _segments.Count; s++)
            _segmentOf.AsSpan(_segments[s].Start, _segments[s].Length).Fill(s);
        var title = prefix.Slice(dimensions, dimensions);
        var leadSegment = _segments[_segmentOf[leadParagraph]];
        var lead = Sum(prefix, leadSegment.Start, leadSegment.End, dimensions, _b);
        for (int s = 1; s < _segments.Count; s++)
        {
            var segment = _segments[s];
            var sum = Sum(prefix, segment.Start, segment.End, dimensions, _a);
            _segments[s] = segment with
            {
                TitleSimilarity = Cosine(sum, title),
                LeadSimilarity = segment.Start == leadSegment.Start ? 1 : Cosine(sum, lead),
            };
        }
    }

    private void Write(Span<float> dense, int n, int stride)
    {
        float best = 0;
        for (int s = 1; s < _segments.Count; s++) best = Math.Max(best, _segments[s].TitleSimilarity);
        var depth = _depth.AsSpan(0, n + 1);
        for (int i = 0; i < n; i++)
        {
            var row = dense.Slice(i * stride, DenseFeatures.Count);
            var segment = SegmentOf(i);
            bool title = i == 0;
            row[(int)DenseFeature.SegmentTitleSimilarity] = segment.TitleSimilarity;
            row[(int)DenseFeature.SegmentLeadSimilarity] = segment.LeadSimilarity;
            // Below the document's most title-like segment: a long insertion is unlike the title by more than its host is.
            row[(int)DenseFeature.SegmentTitleGap] = title ? 0 : best - segment.TitleSimilarity;
            row[(int)DenseFeature.LogSegmentLength] = MathF.Log(1 + segment.Length);
            row[(int)DenseFeature.SegmentShare] = title || n == 1 ? 0 : segment.Length / (float)(n - 1);
            row[(int)DenseFeature.SegmentBoundaryBefore] = title || segment.Start == 1 ? 0 : depth[segment.Start];
            row[(int)DenseFeature.SegmentBoundaryAfter] = title || segment.End >= n ? 0 : depth[segment.End];
        }
    }

    private static Span<float> Sum(ReadOnlySpan<float> prefix, int from, int to, int dimensions, float[] into)
    {
        var result = into.AsSpan(0, dimensions);
        TensorPrimitives.Subtract(prefix.Slice(to * dimensions, dimensions), prefix.Slice(from * dimensions, dimensions), result);
        return result;
    }

    private static ReadOnlySpan<float> Vector(Span<float> dense, int paragraph, int stride, int dimensions) =>
        dense.Slice(paragraph * stride + DenseFeatures.Count, dimensions);

    /// <summary>One pass over both vectors; 0 where either is zero (an empty paragraph embeds to nothing).</summary>
    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float cosine = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsFinite(cosine) ? Math.Clamp(cosine, -1f, 1f) : 0f;
    }

    private void Ensure(int n, int dimensions)
    {
        if (_prefix.Length < (n + 1) * dimensions) _prefix = new float[Math.Max((n + 1) * dimensions, _prefix.Length * 2)];
        if (_a.Length < dimensions) { _a = new float[dimensions]; _b = new float[dimensions]; }
        if (_cohesion.Length < n + 1)
        {
            int size = Math.Max(n + 1, _cohesion.Length * 2);
            _cohesion = new float[size]; _depth = new float[size]; _segmentOf = new int[size];
        }
    }
}
