using Classifier.Core.Features;
using Classifier.Training.Linear;

namespace Classifier.Training.Pipeline;

/// <summary>Everything that determines a trained model; stored in the model as its recipe.</summary>
public sealed record TrainingOptions
{
    /// <summary>Project labels: CSV files (doc_id,para,text,label), corpus-schema JSONL files, or folders of them.</summary>
    public IReadOnlyList<string> DataPaths { get; init; } = [];

    /// <summary>The shared corpora folder; null or missing trains on the project data alone.</summary>
    public string? CorporaPath { get; init; }

    public FeatureSpace Space { get; init; } = FeatureSpace.Default;
    public LinearOptions Linear { get; init; } = new();

    /// <summary>Spliced off-topic documents generated for training, and for each of dev and test.</summary>
    public int SplicedTrain { get; init; } = 3000;
    public int SplicedEval { get; init; } = 500;

    /// <summary>Largest total example weight one source may have, so the big e-mail corpus does not drown news text.</summary>
    public double SourceCap { get; init; } = 12_000;

    /// <summary>Thresholds are the best-F1 ones on dev among those reaching this precision.</summary>
    public double MinPrecision { get; init; } = 0.8;

    public int Seed { get; init; } = 42;
}
