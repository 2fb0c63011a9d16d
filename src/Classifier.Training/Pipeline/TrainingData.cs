using System.Security.Cryptography;
using Classifier.Training.Data;

namespace Classifier.Training.Pipeline;

/// <summary>A data file that went into a model, with its hash so the model says exactly what trained it.</summary>
internal sealed record DataFile(string Path, string Sha256, int Documents, string Licence)
{
    /// <summary>The file's SHA-256 in lower-case hex, as provenance records it.</summary>
    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A hash of documents given in code: their ids, texts, labels, weights and splits, in order.</summary>
    public static string HashOf(IEnumerable<LabelledDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{document.Id}\u0001{document.Split}\u0001"));
            foreach (var p in document.Paragraphs)
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{p.Text}\u0001{(int)p.Labels}\u0001{p.IsLabelled}\u0001{p.Weight}\u0001{(int)p.Unjudged}\u0002"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>All labelled documents of a recipe, real and spliced, by split.</summary>
internal sealed class TrainingData
{
    public const string ProjectSource = "project-data";

    public List<LabelledDocument> Documents { get; } = [];

    /// <summary>Documents of held-out sources (all splits) and documents spliced only from them: never trained on.</summary>
    public List<LabelledDocument> HeldOut { get; } = [];
    public List<DataFile> Files { get; } = [];

    /// <summary>The sources whose documents host and donate spliced off-topic runs (project data and corpora that splice).</summary>
    public HashSet<string> SpliceableSources { get; } = [ProjectSource];

    /// <summary>Real documents of held-out sources that splice: the hosts and donors of the held-out spliced documents.</summary>
    public List<LabelledDocument> HeldOutSpliceHosts { get; } = [];

    public IEnumerable<LabelledDocument> In(Split split) => Documents.Where(d => d.Split == split);

    /// <summary>The real documents of <paramref name="split"/> that host and donate its spliced documents.</summary>
    public List<LabelledDocument> SpliceHosts(Split split) => [.. In(split).Where(d => SpliceableSources.Contains(d.Source))];

    /// <param name="given">Labelled documents handed over in code (<see cref="ClassifierTrainer"/>), read as project data.</param>
    public static TrainingData Load(TrainingOptions options, Action<string> log, IReadOnlyCollection<LabelledDocument>? given = null)
    {
        var data = new TrainingData();
        var spliceable = data.SpliceableSources;
        if (given is { Count: > 0 })
            data.Add(new DataFile("(given in code)", DataFile.HashOf(given), given.Count, "given by the caller"),
                [.. given.Select(d => d with { Source = ProjectSource })], log);
        foreach (var file in DataPaths.Expand(options.DataPaths, "Training data"))
        {
            var documents = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? CorpusReader.Read(file).Select(d => d with { Source = ProjectSource }).ToList()
                : LabelsCsvReader.Read(file, ProjectSource);
            data.Add(file, documents, "written for this project", log);
        }
        if (options.CorporaPath is { } corpora && Directory.Exists(corpora))
        {
            foreach (var (source, documents) in CorpusSource.ReadAll(corpora, options.AddedCorpora))
            {
                data.Add(Path.Combine(corpora, source.File), documents, source.Licence, log);
                if (source.Splices)
                    spliceable.UnionWith(documents.Select(d => d.Source));
            }
        }
        else
        {
            log($"No corpora at '{options.CorporaPath}': training on the project data alone.");
        }

        var missing = options.HoldoutSources.Where(h => !data.Documents.Any(d => d.Source == h)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"Held-out source(s) not found in the data: {string.Join(", ", missing)}.");
        data.HeldOut.AddRange(data.Documents.Where(d => options.HoldoutSources.Contains(d.Source)));
        data.Documents.RemoveAll(d => options.HoldoutSources.Contains(d.Source));
        data.HeldOutSpliceHosts.AddRange(data.HeldOut.Where(d => spliceable.Contains(d.Source)));
        var heldOutPool = data.HeldOutSpliceHosts;
        data.HeldOut.AddRange(Splicer.Generate(heldOutPool, heldOutPool, Math.Min(options.SplicedEval, heldOutPool.Count), options.Seed + 100));

        int seed = options.Seed;
        foreach (var split in Enum.GetValues<Split>())
        {
            var pool = data.SpliceHosts(split);
            // Test splices each host at most once, so no test document is counted twice. Dev, which only tunes
            // (early stopping, calibration, thresholds), reuses hosts with other donors: a few hundred dev hosts
            // alone leave too few off-topic runs for a stable threshold.
            int count = split switch
            {
                Split.Train => options.SplicedTrain,
                Split.Dev => options.SplicedEval,
                _ => Math.Min(options.SplicedEval, pool.Count),
            };
            var spliced = Splicer.Generate(pool, pool, count, seed + (int)split);
            data.Documents.AddRange(spliced);
            log($"Spliced {spliced.Count} off-topic documents for {split}.");
            // Runs of every length and position (InsertionShape.Grid) for learning and tuning; test keeps the 1-3 runs
            // above, and eval's insertion report measures the grid on test hosts.
            if (split != Split.Test && options.InsertionsPerShape > 0)
            {
                var inserted = InsertionSplicer.Grid(pool, split == Split.Train ? options.InsertionsPerShape : Math.Max(1, options.InsertionsPerShape / 3),
                    seed + 1000 + (int)split);
                data.Documents.AddRange(inserted.Select(i => i.Document));
                log($"Spliced {inserted.Count} insertions of every length and position for {split}.");
            }
        }
        return data;
    }

    private void Add(string path, List<LabelledDocument> documents, string licence, Action<string> log) =>
        Add(new DataFile(path, DataFile.HashOf(path), documents.Count, licence), documents, log);

    private void Add(DataFile file, List<LabelledDocument> documents, Action<string> log)
    {
        Files.Add(file);
        Documents.AddRange(documents);
        log($"Read {documents.Count} documents ({documents.Sum(d => d.Paragraphs.Count)} paragraphs) from {file.Path}.");
    }
}
