// Edges of spliced insertions against the segments TopicSegmenter cuts, on documents of a corpus file: for every
// insertion shape, the share of its edges (the start, and the end unless at the document's end) with a segment boundary
// within one paragraph, and the share of inserted paragraphs in a segment that is mostly inserted; for the unspliced
// documents, boundaries per 10 paragraphs (every one of them a cut inside one article, or a natural change of topic).
// Arguments: MODEL CORPUS.jsonl [--per-shape N (100)] [--seed S (1)]
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Data;

RepoRoot.Enter();
if (args.Length < 2) { Console.Error.WriteLine("usage: probe-segments MODEL CORPUS.jsonl [--per-shape N] [--seed S]"); return 2; }
int perShape = Option("--per-shape", 100), seed = Option("--seed", 1);
var model = ModelFile.Load(args[0]);
var pool = CorpusReader.Read(args[1]);
var featurizer = new DocumentFeaturizer(model.Space, model.Embedder);

Console.WriteLine($"{"shape",-28} {"docs",5} {"edges found",12} {"inserted in own segment",24} {"segments/doc",13}");
foreach (var group in InsertionSplicer.Grid(pool, perShape, seed).GroupBy(i => i.Shape))
{
    int edges = 0, found = 0, inserted = 0, grouped = 0, segments = 0, documents = 0;
    foreach (var insertion in group)
    {
        var paragraphs = insertion.Document.Paragraphs.Select(p => p.Text).ToArray();
        var boundaries = Boundaries(paragraphs);
        segments += boundaries.Count + 1;
        documents++;
        int end = insertion.Start + insertion.Length;
        foreach (int edge in end < paragraphs.Length ? new[] { insertion.Start, end } : [insertion.Start])
        {
            edges++;
            if (boundaries.Any(b => Math.Abs(b - edge) <= 1) || edge <= 1) found++;
        }
        for (int i = insertion.Start; i < end; i++)
        {
            var segment = featurizer.Segment(i)!.Value;
            int overlap = Math.Min(segment.End, end) - Math.Max(segment.Start, insertion.Start);
            inserted++;
            if (overlap * 2 > segment.Length) grouped++;
        }
    }
    Console.WriteLine($"{group.Key.Name,-28} {documents,5} {found / (double)edges,12:P1} {grouped / (double)inserted,24:P1} {segments / (double)documents,13:F1}");
}

int cuts = 0, total = 0;
foreach (var document in pool.Where(d => d.Paragraphs.Count >= 3))
{
    var paragraphs = document.Paragraphs.Select(p => p.Text).ToArray();
    cuts += Boundaries(paragraphs).Count;
    total += paragraphs.Length;
}
Console.WriteLine($"unspliced: {cuts * 10.0 / total:F2} boundaries per 10 paragraphs ({total} paragraphs)");
return 0;

// Segment starts after the title's own segment and the first body segment: where TopicSegmenter cut.
List<int> Boundaries(string[] paragraphs)
{
    featurizer.Load(paragraphs);
    var starts = new List<int>();
    for (int i = 1; i < paragraphs.Length; i = featurizer.Segment(i)!.Value.End)
        if (i > 1) starts.Add(i);
    featurizer.Release();
    return starts;
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}
