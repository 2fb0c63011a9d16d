using Classifier.Core.Text;

namespace Classifier.Core.Features;

/// <summary>
/// Lines that recur across the documents of a batch. A site's template lines ("Share this article",
/// "Category: World", its newsletter box) repeat on every page scraped from it, where real prose does not:
/// of the L3S news pages' training documents, 37% of filler paragraphs recur in another one, against 3% of
/// clean ones. Each paragraph is fingerprinted with case, spacing and punctuation ignored and every number
/// folded to one digit, so "Posted 3 May | 2 comments" and "posted 12 May, 40 Comments" are one line.
/// Only a model trained with these signals reads them (<see cref="Model.ClassifierModel.UsesBatchSignals"/>).
/// Reusable, not thread-safe; allocation-free once its tables have grown to the batch size.
/// </summary>
public sealed class BatchRecurrence
{
    /// <summary>How many paragraphs the command line batches together (and training batches alike, so the
    /// signals are distributed the same way in both).</summary>
    internal const int BatchParagraphs = 2048;

    private const ulong Empty = 14695981039346656037;   // the FNV-1a offset basis: no letter or digit was hashed
    private const ulong Prime = 1099511628211;

    private readonly Dictionary<ulong, Line> _lines = [];
    private ulong[] _fingerprints = new ulong[BatchParagraphs];
    private int[] _documentStart = new int[65];

    /// <summary>How many documents the line is in, and the last one counted, so a line repeated within one document counts once.</summary>
    private record struct Line(int Documents, int LastDocument);

    public int Documents { get; private set; }

    internal BatchRecurrence() { }

    /// <summary>A new instance loaded with <paramref name="batch"/>, e.g. to explain a batch's scores.</summary>
    public static BatchRecurrence Of(IReadOnlyList<Document> batch)
    {
        var recurrence = new BatchRecurrence();
        recurrence.Load(batch);
        return recurrence;
    }

    /// <summary>Fingerprints every paragraph of the batch and counts, per line, the documents it occurs in.</summary>
    internal void Load(IReadOnlyList<Document> batch)
    {
        _lines.Clear();
        Documents = batch.Count;
        if (_documentStart.Length < batch.Count + 1)
            _documentStart = new int[Math.Max(batch.Count + 1, _documentStart.Length * 2)];
        int total = 0;
        for (int d = 0; d < batch.Count; d++)
        {
            var paragraphs = batch[d].Paragraphs;
            _documentStart[d] = total;
            if (_fingerprints.Length < total + paragraphs.Count)
                Array.Resize(ref _fingerprints, Math.Max(total + paragraphs.Count, _fingerprints.Length * 2));
            for (int p = 0; p < paragraphs.Count; p++)
            {
                ulong fingerprint = Fingerprint(paragraphs[p]);
                _fingerprints[total++] = fingerprint;
                if (fingerprint == Empty)
                    continue;
                ref var line = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lines, fingerprint, out bool seen);
                if (!seen || line.LastDocument != d)
                    line = new Line(line.Documents + 1, d);
            }
        }
        _documentStart[batch.Count] = total;
    }

    /// <summary>How many other documents of the batch hold a line with the same fingerprint as this paragraph.</summary>
    internal int OtherDocuments(int document, int paragraph)
    {
        if ((uint)document >= (uint)Documents || paragraph < 0 || _documentStart[document] + paragraph >= _documentStart[document + 1])
            throw new ArgumentOutOfRangeException(nameof(paragraph), $"Paragraph {paragraph} of document {document} is not in the batch.");
        ulong fingerprint = _fingerprints[_documentStart[document] + paragraph];
        return fingerprint != Empty && _lines.TryGetValue(fingerprint, out var line) ? line.Documents - 1 : 0;
    }

    /// <summary>Writes the paragraph's batch signals into its dense row: zeros for a document scored on its own.</summary>
    internal static void Write(BatchRecurrence? batch, int document, int paragraph, Span<float> row)
    {
        int others = batch?.OtherDocuments(document, paragraph) ?? 0;
        row[(int)DenseFeature.RecursInBatch] = others > 0 ? 1 : 0;
        row[(int)DenseFeature.BatchRecurrenceShare] = others > 0 ? (float)others / (batch!.Documents - 1) : 0;
    }

    /// <summary>64-bit FNV-1a over the letters and digits only, lower-cased, each run of digits hashed as one '0'.</summary>
    internal static ulong Fingerprint(ReadOnlySpan<char> text)
    {
        ulong hash = Empty;
        bool inNumber = false;
        foreach (char c in text)
        {
            if (char.IsDigit(c))
            {
                if (!inNumber)
                    hash = (hash ^ '0') * Prime;
                inNumber = true;
            }
            else if (char.IsLetter(c))
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * Prime;
                inNumber = false;
            }
        }
        return hash;
    }
}
