namespace Classifier.Core.Features;

/// <summary>
/// Turns a document's paragraphs into sentence vectors, one row of <see cref="Dimensions"/> floats per paragraph, unit
/// length (all zero for a paragraph with no text). The fast path is the distilled table a model carries
/// (<see cref="StaticEmbeddings"/>); the accurate path runs the full encoder, in a package of its own. Implementations are
/// thread-safe: one serves every scoring thread.
/// </summary>
public interface IParagraphEmbedder
{
    /// <summary>The encoder's name as models record it, e.g. "minilm".</summary>
    string Encoder { get; }

    /// <summary>Whether the vectors come from a distilled table rather than the encoder itself.</summary>
    bool IsStatic { get; }

    int Dimensions { get; }

    /// <summary>Writes paragraph i's vector into <c>vectors[(i * stride)..(i * stride + Dimensions)]</c>, so the rows can
    /// sit inside wider feature rows.</summary>
    void Embed(IReadOnlyList<string> paragraphs, Span<float> vectors, int stride);
}
