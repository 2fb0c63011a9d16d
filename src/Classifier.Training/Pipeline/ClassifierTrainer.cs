using Classifier.Training.Data;

namespace Classifier.Training.Pipeline;

/// <summary>
/// Training from code, for trainers who script in C#: the default recipe (<see cref="TrainingRecipe"/>) on labelled
/// documents built in memory, on files, or both. The outcome's <see cref="TrainingOutcome.Model"/> is what
/// <c>ModelFile.Save</c> writes and Core's <c>Scorer</c> reads; <see cref="TrainingOutcome.Test"/> holds its test figures.
/// </summary>
internal static class ClassifierTrainer
{
    /// <summary>Trains on <paramref name="documents"/> (each one's <see cref="LabelledDocument.Split"/> decides where it goes)
    /// and on whatever data <paramref name="options"/> names.</summary>
    public static TrainingOutcome Fit(IReadOnlyCollection<LabelledDocument> documents, TrainingOptions? options = null, Action<string>? log = null) =>
        TrainingRecipe.Run(options ?? new TrainingOptions(), log ?? (_ => { }), documents);

    /// <summary>Trains on the data files and corpora <paramref name="options"/> names.</summary>
    public static TrainingOutcome Fit(TrainingOptions options, Action<string>? log = null) =>
        TrainingRecipe.Run(options, log ?? (_ => { }));
}
