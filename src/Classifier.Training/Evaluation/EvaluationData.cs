using Classifier.Training.Data;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Evaluation;

/// <summary>A data file read for an evaluation, with the documents of the chosen split it gave.</summary>
internal sealed record EvaluationFile(string Path, string Source, int Documents, int Selected);

/// <summary>
/// Labelled documents to measure a model on: project labels CSVs and corpus-schema JSONL files (or folders of
/// them), kept to one split, plus spliced off-topic documents built from the selected documents of the sources
/// that splice (project CSV data and corpora catalogued with <see cref="CorpusSource.Splices"/>).
/// </summary>
internal sealed class EvaluationData
{
    /// <summary>The source name of project labels CSVs: the same as in training, so figures compare with the model card.</summary>
    public const string ProjectSource = TrainingData.ProjectSource;

    public List<EvaluationFile> Files { get; } = [];
    /// <summary>The selected documents, real and spliced.</summary>
    public List<LabelledDocument> Documents { get; } = [];
    public int SplicedDocuments { get; private set; }
    /// <summary>The selected real documents of the sources that splice: the hosts and donors of the spliced documents,
    /// and of the off-topic insertion report (<see cref="InsertionEvaluator"/>).</summary>
    public List<LabelledDocument> SpliceHosts { get; } = [];
    /// <summary>The split kept, or null for all of them.</summary>
    public Split? Split { get; private init; }

    public static string SplitName(Split? split) => split?.ToString().ToLowerInvariant() ?? "all";

    /// <summary>Parses test / dev / train / all (null = all).</summary>
    public static Split? ParseSplit(string name) => name.ToLowerInvariant() switch
    {
        "test" => Data.Split.Test,
        "dev" => Data.Split.Dev,
        "train" => Data.Split.Train,
        "all" => null,
        _ => throw new ArgumentException($"Unknown split '{name}': expected test, dev, train or all."),
    };

    public static EvaluationData Load(IEnumerable<string> paths, Split? split, int splicedCount, int seed, Action<string> log)
    {
        if (splicedCount < 0)
            throw new ArgumentException("--spliced must be zero or more.");
        var data = new EvaluationData { Split = split };
        var spliceable = new HashSet<string>(StringComparer.Ordinal) { ProjectSource };
        foreach (var file in DataPaths.Expand(paths, "Evaluation data"))
        {
            List<LabelledDocument> documents;
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                var catalogued = CorpusSource.All.FirstOrDefault(s => string.Equals(s.File, Path.GetFileName(file), StringComparison.OrdinalIgnoreCase));
                documents = CorpusReader.Read(file, catalogued?.Relabel, catalogued?.Judges ?? CorpusSource.Everything);
                if (catalogued is { Splices: true })
                    spliceable.UnionWith(documents.Select(d => d.Source));
            }
            else
            {
                documents = LabelsCsvReader.Read(file, ProjectSource);
            }
            var selected = documents.Where(d => split is null || d.Split == split).ToList();
            data.Documents.AddRange(selected);
            string sources = string.Join(", ", documents.Select(d => d.Source).Distinct().Order(StringComparer.Ordinal));
            data.Files.Add(new EvaluationFile(file, sources, documents.Count, selected.Count));
            log($"Read {documents.Count} documents from {file}; {selected.Count} in split {SplitName(split)}.");
        }

        // As in training: hosts and donors from one pool, each host spliced at most once so no document counts twice.
        data.SpliceHosts.AddRange(data.Documents.Where(d => spliceable.Contains(d.Source)));
        var pool = data.SpliceHosts;
        var spliced = Splicer.Generate(pool, pool, Math.Min(splicedCount, pool.Count), seed);
        data.Documents.AddRange(spliced);
        data.SplicedDocuments = spliced.Count;
        log(spliced.Count < splicedCount
            ? $"Spliced {spliced.Count} off-topic documents (asked for {splicedCount}; the pool has {pool.Count} host documents)."
            : $"Spliced {spliced.Count} off-topic documents.");
        return data;
    }
}
