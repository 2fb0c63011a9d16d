using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>Scores batches of documents, their paragraphs back to back: one <see cref="Scorer"/>, or a <see cref="CascadeScorer"/>
/// of two. Thread-safe.</summary>
public interface IBatchScorer
{
    /// <summary>The model that scores every paragraph (a cascade's fast one; paragraphs it re-scores follow the accurate model's thresholds).</summary>
    ClassifierModel Model { get; }

    void Score(IReadOnlyList<Document> batch, Span<ParagraphScore> results);
}
