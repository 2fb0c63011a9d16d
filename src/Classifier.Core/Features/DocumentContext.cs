using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// Signals of a paragraph's place in its document. An off-topic insertion reads like clean prose; what
/// gives it away is that it shares little vocabulary with the rest of the document, its neighbours and
/// its title. Each paragraph is a binary vector of hashed content words (not stop words, 3+ letters).
/// </summary>
internal sealed class DocumentContext
{
    private const int TermBits = 12;
    private const int TermMask = (1 << TermBits) - 1;

    private readonly float[] _sum = new float[1 << TermBits];
    // Per paragraph: its dot product with the document sum, and with the next and the one after.
    private double[] _dotSum = new double[64];
    private int[] _dotNext = new int[64];
    private int[] _dotSecond = new int[64];
    private int[] _terms = new int[4096];
    private int[] _termStart = new int[65];
    private int _termCount;   // terms of the last document, whose entries of _sum are non-zero

    /// <summary>Fills the context features of every paragraph; <paramref name="dense"/> holds
    /// <paramref name="stride"/> values per paragraph, the named signals first.</summary>
    public void Compute(ParagraphTexts texts, Span<float> dense, int stride)
    {
        int n = texts.Count;
        double sumSquares = CollectTerms(texts);
        CollectDots(n);

        for (int i = 0; i < n; i++)
        {
            var row = dense.Slice(i * stride, DenseFeatures.Count);
            var v = Terms(i);
            row[(int)DenseFeature.RelativePosition] = n == 1 ? 0 : (float)i / (n - 1);
            row[(int)DenseFeature.IsFirst] = i == 0 ? 1 : 0;
            row[(int)DenseFeature.IsLast] = i == n - 1 ? 1 : 0;
            row[(int)DenseFeature.LogDocumentParagraphs] = MathF.Log(n) / 5f;
            row[(int)DenseFeature.CentroidSimilarity] = n == 1 ? 1 : LeaveOneOutCosine(v, sumSquares, _dotSum[i]);
            row[(int)DenseFeature.NeighbourSimilarity] = n == 1 ? 1 : NeighbourCosine(i, n);
            row[(int)DenseFeature.TitleSimilarity] = i == 0 ? 1 : Cosine(v, Terms(0));
            row[(int)DenseFeature.DuplicatesTitle] = i > 0 && texts.Normalized(i).SequenceEqual(texts.Normalized(0)) ? 1 : 0;
            var (runSimilarity, runCohesion) = ForeignRun(i, n, sumSquares, row[(int)DenseFeature.CentroidSimilarity]);
            row[(int)DenseFeature.RunSimilarity] = runSimilarity;
            row[(int)DenseFeature.RunCohesion] = runCohesion;
        }
        RelativeToDocument(n, dense, stride);
    }

    /// <summary>
    /// A paragraph's similarities divided by the mean similarity of the document's other paragraphs. How much
    /// vocabulary paragraphs share depends on the source (long one-topic news stories share more than web pages
    /// cut into blocks), so an insertion into a cohesive story can be more similar to its host, in absolute
    /// terms, than a clean paragraph of a loose page; against its own document's level it still stands out.
    /// </summary>
    private static void RelativeToDocument(int n, Span<float> dense, int stride)
    {
        const float MaxRatio = 4;
        double total = 0, neighbourTotal = 0;
        for (int i = 0; i < n; i++)
        {
            total += dense[i * stride + (int)DenseFeature.CentroidSimilarity];
            neighbourTotal += dense[i * stride + (int)DenseFeature.NeighbourSimilarity];
        }
        float cohesion = n == 1 ? 1 : (float)(total / n);
        for (int i = 0; i < n; i++)
        {
            var row = dense.Slice(i * stride, DenseFeatures.Count);
            float others = MeanOfOthers(total, row[(int)DenseFeature.CentroidSimilarity]);
            row[(int)DenseFeature.DocumentCohesion] = cohesion;
            row[(int)DenseFeature.RelativeCentroidSimilarity] = Ratio(row[(int)DenseFeature.CentroidSimilarity], others);
            row[(int)DenseFeature.RelativeRunSimilarity] = Ratio(row[(int)DenseFeature.RunSimilarity], others);
            float neighbours = MeanOfOthers(neighbourTotal, row[(int)DenseFeature.NeighbourSimilarity]);
            row[(int)DenseFeature.RelativeNeighbourSimilarity] = Ratio(row[(int)DenseFeature.NeighbourSimilarity], neighbours);
        }

        float MeanOfOthers(double sum, float own) => n == 1 ? 0 : (float)((sum - own) / (n - 1));
        // A document whose other paragraphs share nothing gives no level to compare with: neutral 1.
        static float Ratio(float similarity, float level) => level > 0 ? Math.Min(similarity / level, MaxRatio) : 1;
    }

    /// <summary>
    /// The run detector: of the runs of 2 or 3 consecutive paragraphs that contain paragraph i, the one least
    /// similar to the rest of the document, with its similarity and its inner cohesion. A spliced insertion is
    /// a run that hangs together but shares little with the rest; one paragraph's own similarity misses that
    /// when its neighbours in the run pull the leave-one-out centroid towards it.
    /// </summary>
    private (float Similarity, float Cohesion) ForeignRun(int i, int n, double sumSquares, float ownSimilarity)
    {
        float best = ownSimilarity, cohesion = 0;
        for (int length = 2; length <= 3; length++)
        {
            if (n - length < 2)
                break; // the rest would be too small to compare with
            for (int start = Math.Max(0, i - length + 1); start <= i && start + length <= n; start++)
            {
                // W = sum of the run's binary term vectors; everything follows from per-paragraph dots.
                double runDotSum = 0, runSquares = 0, inner = 0, pairs = 0;
                for (int p = start; p < start + length; p++)
                {
                    runDotSum += _dotSum[p];
                    runSquares += Terms(p).Length;
                    for (int q = p + 1; q < start + length; q++)
                    {
                        int dot = q - p == 1 ? _dotNext[p] : _dotSecond[p];
                        runSquares += 2.0 * dot;
                        double norm = Math.Sqrt((double)Terms(p).Length * Terms(q).Length);
                        inner += norm > 0 ? dot / norm : 0;
                        pairs++;
                    }
                }
                double restSquares = sumSquares - 2 * runDotSum + runSquares;
                if (runSquares <= 0 || restSquares <= 0)
                    continue;
                float similarity = (float)((runDotSum - runSquares) / (Math.Sqrt(runSquares) * Math.Sqrt(restSquares)));
                if (similarity < best)
                {
                    best = similarity;
                    cohesion = (float)(inner / pairs);
                }
            }
        }
        return (best, cohesion);
    }

    private void CollectDots(int n)
    {
        if (_dotSum.Length < n)
        {
            _dotSum = new double[Math.Max(n, _dotSum.Length * 2)];
            _dotNext = new int[_dotSum.Length];
            _dotSecond = new int[_dotSum.Length];
        }
        for (int p = 0; p < n; p++)
        {
            double dot = 0;
            foreach (int t in Terms(p)) dot += _sum[t];
            _dotSum[p] = dot;
            _dotNext[p] = p + 1 < n ? Dot(Terms(p), Terms(p + 1)) : 0;
            _dotSecond[p] = p + 2 < n ? Dot(Terms(p), Terms(p + 2)) : 0;
        }
    }

    private ReadOnlySpan<int> Terms(int paragraph) => _terms.AsSpan(_termStart[paragraph], _termStart[paragraph + 1] - _termStart[paragraph]);

    /// <summary>Fills every paragraph's distinct sorted terms and the document sum; returns the sum's squared norm.
    /// Touches only the document's own terms, so a one-paragraph document does not pay for all 4,096 entries.</summary>
    private double CollectTerms(ParagraphTexts texts)
    {
        foreach (int t in _terms.AsSpan(0, _termCount))
            _sum[t] = 0;   // the previous document's entries
        double sumSquares = 0;
        if (_termStart.Length < texts.Count + 1)
            _termStart = new int[Math.Max(texts.Count + 1, _termStart.Length * 2)];
        int total = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            _termStart[i] = total;
            var hashes = texts.WordHashes(i);
            var classes = texts.WordClasses(i);
            EnsureTermCapacity(total + hashes.Length);
            int start = total;
            for (int w = 0; w < hashes.Length; w++)
                if ((classes[w] & WordClass.Content) != 0)
                    _terms[total++] = (int)(hashes[w] & TermMask);
            // Distinct and sorted, so two paragraphs' dot product is a merge.
            var own = _terms.AsSpan(start, total - start);
            own.Sort();
            total = start + Distinct(own);
            foreach (int t in _terms.AsSpan(start, total - start))
                sumSquares += 2 * _sum[t]++ + 1;   // (c + 1)^2 - c^2
        }
        _termStart[texts.Count] = total;
        _termCount = total;
        return sumSquares;
    }

    private float LeaveOneOutCosine(ReadOnlySpan<int> v, double sumSquares, double dot)
    {
        if (v.IsEmpty) return 0;
        double self = v.Length;
        double restSquares = sumSquares - 2 * dot + self;
        return restSquares <= 0 ? 0 : (float)((dot - self) / (Math.Sqrt(self) * Math.Sqrt(restSquares)));
    }

    /// <summary>Cosine with the sum of the previous and next paragraphs' vectors, from the dots <see cref="CollectDots"/> took.</summary>
    private float NeighbourCosine(int i, int n)
    {
        int length = Terms(i).Length;
        if (length == 0) return 0;
        int before = i > 0 ? Terms(i - 1).Length : 0, after = i < n - 1 ? Terms(i + 1).Length : 0;
        int withBefore = i > 0 ? _dotNext[i - 1] : 0, withAfter = _dotNext[i];   // _dotNext[n - 1] is 0
        int beforeWithAfter = i > 0 ? _dotSecond[i - 1] : 0;
        double neighbourSquares = before + after + 2.0 * beforeWithAfter;
        if (neighbourSquares <= 0) return 0;
        return (float)((withBefore + withAfter) / (Math.Sqrt(length) * Math.Sqrt(neighbourSquares)));
    }

    private static float Cosine(ReadOnlySpan<int> a, ReadOnlySpan<int> b) =>
        a.IsEmpty || b.IsEmpty ? 0 : (float)(Dot(a, b) / Math.Sqrt((double)a.Length * b.Length));

    private static int Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // A merge of two sorted lists, without a branch on which side is smaller: those mispredict half the time.
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            int x = a[i], y = b[j];
            shared += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return shared;
    }

    private static int Distinct(Span<int> sorted)
    {
        if (sorted.IsEmpty) return 0;
        int write = 1;
        for (int read = 1; read < sorted.Length; read++)
            if (sorted[read] != sorted[write - 1])
                sorted[write++] = sorted[read];
        return write;
    }

    private void EnsureTermCapacity(int needed)
    {
        if (needed > _terms.Length)
            Array.Resize(ref _terms, Math.Max(needed, _terms.Length * 2));
    }
}
