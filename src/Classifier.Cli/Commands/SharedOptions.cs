using System.CommandLine;

namespace Classifier.Cli.Commands;

/// <summary>
/// The options several verbs take, declared once: <c>--model</c>, <c>--threshold</c>, <c>--threads</c>, <c>--data</c>,
/// <c>--split</c>, <c>--seed</c> and <c>--spliced</c>. Each verb gets its own instance from a factory here; what a verb
/// may say differently (what its model is for, its default split) is a parameter, the name, type and parsing are not.
/// </summary>
internal static class SharedOptions
{
    public const string ModelName = "--model", ThresholdName = "--threshold", ThreadsName = "--threads", DataName = "--data",
        SplitName = "--split", SeedName = "--seed", SplicedName = "--spliced";

    public const string DefaultSplicingSeedDescription = "Seed for splicing.";
    public const int DefaultSplicingSeed = 7;
    public const int DefaultSpliced = 300;

    /// <summary>The splits <c>--split</c> accepts: a split of the data, or <c>all</c> of it.</summary>
    private static readonly string[] Splits = ["test", "dev", "train", "all"];

    /// <summary><c>--model PATH</c>; null means the shipped model.</summary>
    public static Option<string?> Model(string description = "Model file (default: the shipped model).") =>
        new(ModelName) { Description = description };

    /// <summary><c>--threshold CATEGORY=P</c>, repeatable (<see cref="ThresholdOverrides"/>).</summary>
    public static Option<string[]> Thresholds() =>
        new(ThresholdName) { Description = ThresholdOverrides.Help, AllowMultipleArgumentsPerToken = true };

    /// <summary><c>--threads N</c>, all cores by default.</summary>
    public static Option<int> Threads() =>
        new(ThreadsName) { Description = "Scoring threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

    /// <summary><c>--data PATH...</c>: labelled files or folders of them.</summary>
    public static Option<string[]> Data(string description, bool required = true) =>
        new(DataName) { Description = description, Required = required, AllowMultipleArgumentsPerToken = true };

    /// <summary><c>--split NAME</c>, one of test, dev, train or all.</summary>
    public static Option<string> Split(string description, string defaultSplit)
    {
        var split = new Option<string>(SplitName) { Description = description, DefaultValueFactory = _ => defaultSplit };
        split.AcceptOnlyFromAmong(Splits);
        return split;
    }

    /// <summary><c>--seed N</c> with a default (splicing in eval and calibrate).</summary>
    public static Option<int> Seed(string description = DefaultSplicingSeedDescription, int defaultSeed = DefaultSplicingSeed) =>
        new(SeedName) { Description = description, DefaultValueFactory = _ => defaultSeed };

    /// <summary><c>--seed N</c> that is null when not given, so a recipe's own seed stands (train).</summary>
    public static Option<int?> OptionalSeed(string description) => new(SeedName) { Description = description };

    /// <summary><c>--spliced N</c> spliced off-topic documents, with a default.</summary>
    public static Option<int> Spliced(string description, int defaultCount = DefaultSpliced) =>
        new(SplicedName) { Description = description, DefaultValueFactory = _ => defaultCount };

    /// <summary><c>--spliced N</c> that is null when not given, so a recipe's own count stands (train).</summary>
    public static Option<int?> OptionalSpliced(string description) => new(SplicedName) { Description = description };
}
