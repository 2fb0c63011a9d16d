using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Embeddings;
using Classifier.Training.Evaluation;
using Classifier.Training.Learners;

namespace Classifier.Training.Pipeline;

/// <summary>Everything that determines a trained model; stored in the model as its recipe.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Project labels: CSV files (doc_id,para,text,label), corpus-schema JSONL files, or folders of them.</summary>
    public IReadOnlyList<string> DataPaths { get; init; } = [];

    /// <summary>The shared corpora folder; null or missing trains on the project data alone.</summary>
    public string? CorporaPath { get; init; }

    /// <summary>The n-gram space; the model's own space adds the embedding of <see cref="Embedding"/>.</summary>
    public FeatureSpace Space { get; init; } = FeatureSpace.Default;

    /// <summary>The sentence embedding the model reads; null trains one on n-grams and hand-made signals alone.</summary>
    public EmbeddingOptions? Embedding { get; init; } = new();

    /// <summary>A file that keeps the full encoder's paragraph vectors between runs on this machine; not part of the recipe.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? EmbeddingCache { get; init; }

    public LinearOptions Linear { get; init; } = new();

    /// <summary>The boosted-tree stage (FastTree) over dense signals and linear margins; null trains a linear-only model.</summary>
    public TreeOptions? Trees { get; init; } = new();

    /// <summary>How the exported model stores n-gram weights for scoring; trees and calibration learn from margins at this precision.</summary>
    public NgramPrecision Precision { get; init; } = NgramPrecision.Int8;

    /// <summary>Folds of documents for the out-of-fold linear margins the trees learn from.</summary>
    public int StackingFolds { get; init; } = 3;

    /// <summary>Spliced off-topic documents generated for training, and for each of dev and test.</summary>
    public int SplicedTrain { get; init; } = 3000;
    public int SplicedEval { get; init; } = 500;

    /// <summary>Training documents per insertion shape (run of 1, 2-5, 6-20 paragraphs or 0.5-1.5x the host, after the
    /// title, in the middle or at the end); dev gets a third as many. 0 trains on the 1-3 paragraph splices alone, which
    /// finds short splices but few long insertions (docs/insertions.md).</summary>
    public int InsertionsPerShape { get; init; } = 150;

    /// <summary>Largest total example weight one source may have, so the big e-mail corpus does not drown news text.</summary>
    public double SourceCap { get; init; } = 12_000;

    /// <summary>Thresholds are the best-F1 ones on dev among those reaching this precision.</summary>
    public double MinPrecision { get; init; } = 0.5;

    /// <summary>Then per-source targets for some categories: filler recall-led, conspiracy false positives capped.</summary>
    public ThresholdTargets ThresholdTargets { get; init; } = ThresholdTargets.Default;

    /// <summary>Weight of the project's own labelled articles relative to a corpus paragraph: they are the
    /// only in-domain examples of spam, conspiracy and filler inside news articles.</summary>
    public float ProjectDataWeight { get; init; } = 3f;

    public int Seed { get; init; } = 42;

    /// <summary>Learn from the lines that recur across a batch's documents (<see cref="Core.Features.BatchRecurrence"/>),
    /// featurizing training documents in batches by source. Off (the default, as it did not pay on the shared
    /// corpora: docs/experiments.md, "Batch signals, measured and left off"), each is featurized on its own, and the model ignores its batch at scoring time.</summary>
    public bool BatchSignals { get; init; }

    /// <summary>Sources left out of training entirely (e.g. "xai-disinfodemics"): all their documents, and
    /// documents spliced only from them, are measured as text from sources never seen.</summary>
    public IReadOnlyList<string> HoldoutSources { get; init; } = [];

    /// <summary>Opt-in corpora to train on too (<see cref="Data.CorpusSource.OptIn"/>), e.g. dragnet.</summary>
    public IReadOnlyList<string> AddedCorpora { get; init; } = [];

    /// <summary>If set, the labelled paragraphs of every split are written here (see <see cref="DataExport"/>).</summary>
    public string? ExportDirectory { get; init; }
}
