// Paragraphs per second of the full sentence encoders on ONE thread (Threads = 1, as the scorer runs one document per
// core), over the paragraphs of data/articles/*.csv, for batch sizes 1, 8 and 32 and a cut at 128 pieces against the
// encoder's own length. Two ways of calling: one Embed per document (how a featurizer calls it: only a document's
// paragraphs can share a batch) and one Embed for the whole corpus (length sorting then packs batches tightly).
// Arguments: [--documents N (the first N documents only)] [encoder ...] (default: minilm arcticxs).
using System.Diagnostics;
using System.Globalization;
using Classifier.Core.Text;
using Classifier.Encoders;
using CsvHelper;

RepoRoot.Enter();

var documents = new List<List<string>>();
foreach (var file in Directory.GetFiles("data/articles", "*.csv").Order(StringComparer.Ordinal))
{
    using var reader = new StreamReader(file);
    using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
    string? current = null;
    foreach (var row in csv.GetRecords<dynamic>())
    {
        var fields = (IDictionary<string, object>)row;
        string doc = (string)fields["doc_id"];
        if (doc != current)
        {
            documents.Add([]);
            current = doc;
        }
        documents[^1].Add((string)fields["text"]);
    }
}
var rest = args.ToList();
if (rest.IndexOf("--documents") is int at and >= 0)
{
    documents = documents.Take(int.Parse(rest[at + 1], CultureInfo.InvariantCulture)).ToList();
    rest.RemoveRange(at, 2);
}
var paragraphs = documents.SelectMany(d => d).ToList();
string[] encoders = rest.Count > 0 ? [.. rest] : [.. EncoderResources.Names];

var tokenizer = new WordPieceTokenizer(EncoderResources.Vocabulary("minilm"));   // both encoders share the vocabulary
var ids = new int[4096];
var lengths = paragraphs.Select(p => tokenizer.Tokenize(p, ids)).ToArray();
Console.WriteLine($"{paragraphs.Count} paragraphs in {documents.Count} documents; pieces per paragraph: mean {lengths.Average():F0}, "
    + $"median {lengths.Order().ElementAt(lengths.Length / 2)}, max {lengths.Max()}; over 126: {lengths.Count(l => l > 126)}, over 254: {lengths.Count(l => l > 254)}.");
Console.WriteLine($"{Environment.ProcessorCount} cores; Threads = 1 throughout.");
Console.WriteLine();
Console.WriteLine("| encoder | max tokens | batch | per document (p/s) | whole corpus in one call (p/s) |");
Console.WriteLine("|---|---:|---:|---:|---:|");
var vectors = new float[paragraphs.Count * 384];
foreach (string name in encoders)
    foreach (int? maxTokens in new int?[] { 128, null })
        foreach (int batch in new[] { 1, 8, 32 })
        {
            using var encoder = new OnnxSentenceEncoder(name, new EncoderOptions { MaxTokens = maxTokens, BatchSize = batch, Threads = 1 });
            encoder.Embed(documents[0], vectors, 384);   // warm-up: ONNX Runtime's first runs allocate and plan
            var clock = Stopwatch.StartNew();
            foreach (var document in documents)
                encoder.Embed(document, vectors, 384);
            double perDocument = paragraphs.Count / clock.Elapsed.TotalSeconds;
            clock.Restart();
            encoder.Embed(paragraphs, vectors, 384);
            double whole = paragraphs.Count / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"| {name} | {encoder.MaxTokens} | {batch} | {perDocument:F0} | {whole:F0} |");
        }
