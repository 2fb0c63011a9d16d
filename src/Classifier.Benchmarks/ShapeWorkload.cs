using System.Text;
using System.Text.Json;
using Classifier.Core.Features;
using Classifier.Core.Text;

namespace Classifier.Benchmarks;

/// <summary>
/// The three shapes of input of <c>scripts/compare-fasttext.sh</c>, read from the shared corpora as
/// <c>scripts/perf-shapes.py</c> defines them (the first <see cref="Paragraphs"/> paragraphs of each, whole documents,
/// whitespace collapsed), so that the benchmarks and the whole-process comparison time the same text:
/// <c>blocks</c>, scraped pages cut into blocks (L3S-GN1 and Dragnet pages); <c>articles</c>, news articles of many
/// paragraphs (SemEval-2023); <c>posts</c>, single long posts as one-paragraph documents (xai-disinfodemics posts and
/// BBC body paragraphs). The corpora are read at run time (CORPORA, default <c>../shared/corpora</c> beside the
/// repository), never copied into it. Documents are grouped into batches as <c>score</c> groups them.
/// </summary>
public static class ShapeWorkload
{
    public const int Paragraphs = 2_000;

    public static readonly string[] Shapes = ["blocks", "articles", "posts"];

    private static readonly Dictionary<string, Document[][]> Cache = [];

    /// <summary>The shape's documents in the batches <c>score</c> would score together (cached, shared: do not mutate).</summary>
    public static Document[][] Batches(string shape)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(shape, out var batches))
                Cache[shape] = batches = Load(shape);
            return batches;
        }
    }

    public static WorkloadSize SizeOf(string shape)
    {
        var documents = Batches(shape).SelectMany(b => b).ToArray();
        return new WorkloadSize(documents.Length, documents.Sum(d => d.Paragraphs.Count),
            documents.Sum(d => d.Paragraphs.Sum(p => (long)Encoding.UTF8.GetByteCount(p))));
    }

    private static Document[][] Load(string shape)
    {
        List<string[]> documents = shape switch
        {
            "blocks" => [.. Read("l3s-gn1"), .. Read("dragnet")],
            "articles" => Read("semeval23-persuasion"),
            "posts" => [.. Read("xai-disinfodemics").SelectMany(d => d).Select(p => new[] { p }),
                        .. Read("bbc-news").SelectMany(d => d.Skip(1)).Select(p => new[] { p })],
            _ => throw new ArgumentException($"unknown shape {shape}", nameof(shape)),
        };
        var batches = new List<Document[]>();
        var batch = new List<Document>();
        int total = 0, inBatch = 0;
        foreach (var paragraphs in documents)
        {
            if (total >= Paragraphs)
                break;
            batch.Add(new Document($"{shape}-{total}", paragraphs));
            total += paragraphs.Length;
            inBatch += paragraphs.Length;
            if (inBatch >= BatchRecurrence.BatchParagraphs)
            {
                batches.Add([.. batch]);
                batch.Clear();
                inBatch = 0;
            }
        }
        if (batch.Count > 0)
            batches.Add([.. batch]);
        return [.. batches];
    }

    /// <summary>A corpus' documents in file order, paragraphs in order of <c>para</c>, empty ones left out.</summary>
    private static List<string[]> Read(string corpus)
    {
        string folder = Environment.GetEnvironmentVariable("CORPORA") is { Length: > 0 } set ? set
            : Path.Combine(NewsWorkload.RepositoryRoot(), "..", "shared", "corpora");
        string path = Path.Combine(folder, corpus + ".jsonl");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The shape benchmarks read the shared corpora: {path} not found (set CORPORA).", path);
        var documents = new Dictionary<string, List<(int Para, string Text)>>();
        foreach (string line in File.ReadLines(path))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            string text = string.Join(' ', root.GetProperty("text").GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length == 0)
                continue;
            string doc = root.GetProperty("doc").GetString()!;
            if (!documents.TryGetValue(doc, out var paragraphs))
                documents[doc] = paragraphs = [];
            paragraphs.Add((root.GetProperty("para").GetInt32(), text));
        }
        return [.. documents.Values.Select(d => d.OrderBy(p => p.Para).Select(p => p.Text).ToArray())];
    }
}
