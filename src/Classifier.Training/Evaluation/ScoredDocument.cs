namespace Classifier.Training.Evaluation;

/// <summary>
/// One document as the off-topic insertion report needs it: its length in paragraphs (all of them, labelled or not:
/// that is what makes a document long), and for each labelled paragraph, in order, whether it is off-topic and the
/// model's off-topic probability.
/// </summary>
internal sealed record ScoredDocument(int Paragraphs, IReadOnlyList<bool> OffTopic, IReadOnlyList<float> Probabilities)
{
    public bool HasOffTopic => OffTopic.Contains(true);

    /// <summary>The highest paragraph probability: the document is flagged when any paragraph is.</summary>
    public float MaxProbability => Probabilities.Count == 0 ? 0f : Probabilities.Max();
}
