using System.CommandLine;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Encoders;

namespace Classifier.Cli.Commands;

/// <summary>
/// The accurate path's options, shared by score, filter, serve and eval: <c>--encoder NAME</c> scores with the full
/// sentence encoder and a model trained for it (<c>--encoder-model</c>, default <c>models/NAME.lqcm</c> beside the
/// program, or <c>--model</c>); with <c>--cascade BAND</c> the fast model (<c>--model</c>) scores everything and the
/// encoder model re-scores the documents the fast one is unsure of.
/// </summary>
public sealed record EncoderSettings(string Name, string? ModelPath, float? CascadeBand, int BatchSize, int Threads, int? MaxTokens)
{
    private static readonly Option<string?> EncoderOption = new("--encoder") { Description = $"Score with the full sentence encoder ({string.Join(", ", EncoderResources.Names)}): the accurate path, some hundred times slower. Needs a model trained for it (train --encoder NAME)." };
    private static readonly Option<string?> ModelOption = new("--encoder-model") { Description = "The model trained for --encoder (default: models/NAME.lqcm beside the program, or --model without --cascade)." };
    private static readonly Option<float?> CascadeOption = new("--cascade") { Description = "With --encoder: the fast model scores everything and the encoder model re-scores each document with a probability within BAND of its threshold (e.g. 0.2)." };
    private static readonly Option<int> BatchOption = new("--encoder-batch") { Description = "Paragraphs per encoder run (default 32).", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> ThreadsOption = new("--encoder-threads") { Description = "ONNX Runtime threads per encoder run (default 1: scoring already runs one document per thread).", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> MaxTokensOption = new("--encoder-max-tokens") { Description = "Pieces kept per paragraph (default: the encoder's own, which the model was trained with)." };

    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { EncoderOption, ModelOption, CascadeOption, BatchOption, ThreadsOption, MaxTokensOption })
            command.Options.Add(option);
    }

    /// <summary>The settings given on the command line, or null for the fast path.</summary>
    public static EncoderSettings? From(ParseResult parse)
    {
        string? name = parse.GetValue(EncoderOption);
        if (name is null)
        {
            if (parse.GetValue(ModelOption) is not null || parse.GetValue(CascadeOption) is not null)
                throw new ArgumentException("--encoder-model and --cascade need --encoder NAME.");
            return null;
        }
        if (parse.GetValue(CascadeOption) is < 0 or > 1)
            throw new ArgumentException("--cascade BAND must be between 0 and 1.");
        return new(EncoderResources.Canonical(name), parse.GetValue(ModelOption), parse.GetValue(CascadeOption),
            parse.GetValue(BatchOption), parse.GetValue(ThreadsOption), parse.GetValue(MaxTokensOption));
    }

    /// <summary>Where the encoder's model is: the one given, else (without a cascade) --model, else the one shipped beside the program.</summary>
    public string EncoderModelPath(string? fastModelPath) =>
        ModelPath ?? (CascadeBand is null ? fastModelPath : null) ?? Path.Combine(AppContext.BaseDirectory, "models", Name + ".lqcm");

    /// <summary>The model file that scores every paragraph, as reports name it: the encoder model on the accurate path,
    /// else the fast one (alone, or first in a cascade).</summary>
    public static string ScoringModelPath(EncoderSettings? settings, string? modelPath) =>
        settings is { CascadeBand: null } ? settings.EncoderModelPath(modelPath) : modelPath ?? ModelLocator.DefaultPath;

    /// <summary>The encoder model with its encoder attached.</summary>
    public ClassifierModel LoadEncoderModel(string? fastModelPath) =>
        ModelLocator.Load(EncoderModelPath(fastModelPath)).WithEncoder(
            new OnnxSentenceEncoder(Name, new Encoders.EncoderOptions { BatchSize = BatchSize, Threads = Threads, MaxTokens = MaxTokens }));

    /// <summary>What scores: the fast model alone (<paramref name="settings"/> null), the encoder model, or the cascade of the two;
    /// and the model whose explanations and thresholds apply.</summary>
    public static (IBatchScorer Scorer, ClassifierModel Model) Scorer(EncoderSettings? settings, string? modelPath, Func<ClassifierModel, ClassifierModel> adjust)
    {
        if (settings is null)
        {
            var model = adjust(ModelLocator.Load(modelPath));
            return (new Scorer(model), model);
        }
        var accurate = adjust(settings.LoadEncoderModel(modelPath));
        if (settings.CascadeBand is not { } band)
            return (new Scorer(accurate), accurate);
        var fast = adjust(ModelLocator.Load(modelPath));
        return (new CascadeScorer(new Scorer(fast), new Scorer(accurate), band), accurate);
    }
}
