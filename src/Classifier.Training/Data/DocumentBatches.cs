using Classifier.Core.Features;
using Classifier.Core.Text;

namespace Classifier.Training.Data;

/// <summary>
/// Labelled documents in the batches a scraper scores: the pages of one source together, in order, in
/// runs of about <see cref="BatchRecurrence.BatchParagraphs"/> paragraphs as the command line batches its
/// input. Calibration and evaluation score in these batches, and training with batch signals featurizes
/// in them, so the signals learnt and measured are distributed as at scoring time. Spliced documents that share a
/// host or a donor go to different batches: their shared paragraphs would otherwise recur, which no real
/// insertion or page does because of how the data was made.
/// </summary>
internal static class DocumentBatches
{
    public static IEnumerable<LabelledDocument[]> BySource(IEnumerable<LabelledDocument> documents)
    {
        foreach (var source in documents.GroupBy(d => d.Source))
        {
            // Batches still filling; a document joins the first one holding none of the documents it was made from.
            var open = new List<Batch>();
            foreach (var document in source)
            {
                var batch = open.FirstOrDefault(b => !document.MadeFrom.Any(b.MadeFrom.Contains));
                if (batch is null)
                    open.Add(batch = new Batch());
                batch.Add(document);
                if (batch.Paragraphs >= BatchRecurrence.BatchParagraphs)
                {
                    open.Remove(batch);
                    yield return [.. batch.Documents];
                }
            }
            foreach (var batch in open)
                yield return [.. batch.Documents];
        }
    }

    private sealed class Batch
    {
        public List<LabelledDocument> Documents { get; } = [];
        public HashSet<string> MadeFrom { get; } = [];
        public int Paragraphs { get; private set; }

        public void Add(LabelledDocument document)
        {
            Documents.Add(document);
            MadeFrom.UnionWith(document.MadeFrom);
            Paragraphs += document.Paragraphs.Count;
        }
    }

    /// <summary>Scores <paramref name="documents"/> in these batches with <paramref name="score"/>, which fills one result
    /// per paragraph, back to back; hands on every labelled paragraph with its document and its result.</summary>
    public static IEnumerable<(LabelledDocument Document, LabelledParagraph Paragraph, T Result)> ScoreLabelled<T>(
        IEnumerable<LabelledDocument> documents, Action<Document[], T[]> score)
    {
        var results = new T[BatchRecurrence.BatchParagraphs];
        foreach (var batch in BySource(documents))
        {
            int count = batch.Sum(d => d.Paragraphs.Count);
            if (results.Length < count)
                results = new T[count];
            score(Unlabelled(batch), results);
            int offset = 0;
            foreach (var document in batch)
                foreach (var paragraph in document.Paragraphs)
                {
                    if (paragraph.IsLabelled)
                        yield return (document, paragraph, results[offset]);
                    offset++;
                }
        }
    }

    /// <summary>The batch as the scorer takes it.</summary>
    public static Document[] Unlabelled(IReadOnlyList<LabelledDocument> batch) => [.. batch.Select(d => new Document(d.Id, d.Texts))];
}
