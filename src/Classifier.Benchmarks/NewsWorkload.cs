using System.Globalization;
using System.Text;
using Classifier.Core.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Classifier.Benchmarks;

/// <summary>
/// Deterministic news-like documents generated from the project's own labelled articles
/// (<c>data/articles/*.csv</c>), so the benchmarks need nothing outside the repository and copy no
/// corpus text into it. Each generated document is one article (title first, paragraphs in order,
/// spam and filler included as written) with its numbers re-drawn, now and then a paragraph dropped
/// and a run of paragraphs from another article spliced in, so a batch of 1,024 documents holds
/// 1,024 distinct documents rather than the same 160 over and over.
/// </summary>
public static class NewsWorkload
{
    /// <summary>Fixed seed: the same count always yields the same documents, and a smaller batch is a
    /// prefix of a larger one.</summary>
    public const int Seed = 20_241_122;

    private static readonly Lazy<IReadOnlyList<string[]>> Articles = new(LoadArticles);
    private static readonly Dictionary<int, Document[]> Cache = [];

    /// <summary>The first <paramref name="count"/> generated documents (cached, shared: do not mutate).</summary>
    public static Document[] Documents(int count)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(count, out var documents))
                Cache[count] = documents = Generate(count);
            return documents;
        }
    }

    /// <summary>Paragraphs and UTF-8 bytes of paragraph text in the first <paramref name="count"/> documents.</summary>
    public static WorkloadSize SizeOf(int count)
    {
        int paragraphs = 0;
        long bytes = 0;
        foreach (var document in Documents(count))
        {
            paragraphs += document.Paragraphs.Count;
            foreach (var paragraph in document.Paragraphs)
                bytes += Encoding.UTF8.GetByteCount(paragraph);
        }
        return new WorkloadSize(count, paragraphs, bytes);
    }

    private static Document[] Generate(int count)
    {
        var articles = Articles.Value;
        var random = new Random(Seed);
        var documents = new Document[count];
        for (int k = 0; k < count; k++)
        {
            int host = random.Next(articles.Count);
            var paragraphs = new List<string>(articles[host]);
            // Drop one body paragraph from about a third of the documents.
            if (paragraphs.Count > 4 && random.NextDouble() < 0.33)
                paragraphs.RemoveAt(1 + random.Next(paragraphs.Count - 1));
            // Splice a run of 1-3 paragraphs from another article into about a fifth of them.
            if (random.NextDouble() < 0.2)
            {
                var donor = articles[(host + 1 + random.Next(articles.Count - 1)) % articles.Count];
                int run = Math.Min(1 + random.Next(3), donor.Length - 1);
                int from = 1 + random.Next(donor.Length - run);
                paragraphs.InsertRange(1 + random.Next(paragraphs.Count), donor.Skip(from).Take(run));
            }
            for (int i = 0; i < paragraphs.Count; i++)
                paragraphs[i] = RedrawDigits(paragraphs[i], random);
            documents[k] = new Document($"gen-{k:D5}", paragraphs);
        }
        return documents;
    }

    /// <summary>A fresh copy of the paragraph with every digit re-drawn: same shape, new string.</summary>
    private static string RedrawDigits(string text, Random random) =>
        string.Create(text.Length, (text, random), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = state.text[i];
                span[i] = char.IsAsciiDigit(c) ? (char)('0' + state.random.Next(10)) : c;
            }
        });

    private sealed record Row(string DocId, int Para, string Text);

    private static IReadOnlyList<string[]> LoadArticles()
    {
        string folder = Path.Combine(RepositoryRoot(), "data", "articles");
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new FileNotFoundException($"No labelled articles (*.csv) in {folder}.");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.ToLowerInvariant() };
        var articles = new List<string[]>();
        foreach (string file in files)
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            using var csv = new CsvReader(reader, config);
            csv.Read();
            csv.ReadHeader();
            var rows = new List<Row>();
            while (csv.Read())
                rows.Add(new Row(csv.GetField("doc_id")!, csv.GetField<int>("para"), csv.GetField("text")!));
            // Rows of one document are consecutive; keep file order and sort each document by paragraph.
            foreach (var group in rows.GroupBy(r => r.DocId))
                articles.Add([.. group.OrderBy(r => r.Para).Select(r => r.Text)]);
        }
        return articles;
    }

    /// <summary>The folder holding <c>Classifier.sln</c>, found by walking up from the program's
    /// folder (BenchmarkDotNet runs a generated copy deeper under bin/) or the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Classifier.sln")))
                    return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"Classifier.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run from the repository.");
    }

    public static string DefaultModelPath => Path.Combine(RepositoryRoot(), "models", "default.lqcm");
}

/// <summary>What one benchmark operation processes.</summary>
public readonly record struct WorkloadSize(int Documents, int Paragraphs, long Utf8Bytes);
