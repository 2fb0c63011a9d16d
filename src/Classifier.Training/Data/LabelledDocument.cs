using Classifier.Core;

namespace Classifier.Training.Data;

/// <summary>One paragraph with its gold labels. <see cref="IsLabelled"/> is false where the source's label
/// does not map to ours: the paragraph still gives context to its neighbours but is neither trained nor scored.</summary>
internal sealed record LabelledParagraph(string Text, CategorySet Labels, bool IsLabelled = true, float Weight = 1f)
{
    /// <summary>Categories the label says nothing about: a source labelled for one kind of junk only (SemEval's "no
    /// persuasion technique" paragraphs include "Copyright 2019 The Associated Press.") is neither trained nor measured
    /// on the others, rather than taught that their junk is clean.</summary>
    public CategorySet Unjudged { get; init; }

    /// <summary>Whether this paragraph's label is evidence, either way, for <paramref name="category"/>.</summary>
    public bool Judges(Category category) => IsLabelled && !Unjudged.Contains(category);
}

/// <summary>A labelled document: paragraphs in reading order, the source it came from, its topic and split.
/// A spliced document names the documents it was made from in <see cref="MadeFrom"/>.</summary>
internal sealed record LabelledDocument(string Source, string Id, string Topic, Split Split, IReadOnlyList<LabelledParagraph> Paragraphs)
{
    public IReadOnlyList<string> MadeFrom { get; init; } = [];

    public IReadOnlyList<string> Texts => Paragraphs.Select(p => p.Text).ToArray();
}

internal enum Split { Train, Dev, Test }

internal static class Splits
{
    /// <summary>A document's split, fixed by a stable hash of its id (about 80/10/10), for data that carries none.</summary>
    public static Split ForDocument(string id)
    {
        uint bucket = Core.Features.StableHash.Of(id) % 10;
        return bucket switch { 8 => Split.Dev, 9 => Split.Test, _ => Split.Train };
    }

    public static Split Parse(string? name, string id) => name switch
    {
        "train" => Split.Train,
        "dev" => Split.Dev,
        "test" => Split.Test,
        _ => ForDocument(id),
    };
}
