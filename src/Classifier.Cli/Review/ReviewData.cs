namespace Classifier.Cli.Review;

/// <summary>Everything the review page shows, embedded in it as JSON; the page's script renders it.</summary>
/// <param name="Model">File name of the model that scored the documents.</param>
/// <param name="MinScore">Where the page's minimum-score slider starts.</param>
/// <param name="Categories">Category names in lane order; scores and flags use these names.</param>
public sealed record ReviewData(string Model, double MinScore, IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, double> Thresholds, IReadOnlyList<ReviewDocument> Documents);

/// <param name="Source">Where the document was read, as "file:line", to find it again.</param>
/// <param name="Segments">Flagged off-topic segments, which the page shows as one block to accept or reject at once.</param>
public sealed record ReviewDocument(string Id, string Source, IReadOnlyList<ReviewParagraph> Paragraphs, IReadOnlyList<ReviewSegment> Segments);

/// <summary>A run of paragraphs the segmenter found on one topic, most of them flagged off_topic.</summary>
/// <param name="Start">First paragraph (from 0).</param>
/// <param name="End">One past the last paragraph.</param>
/// <param name="Reason">What sets the segment apart, for the moderator.</param>
public sealed record ReviewSegment(int Start, int End, string Reason);

/// <param name="Explanation">Top features per flagged category (the raw view); null for an unflagged paragraph.</param>
/// <param name="Reasons">Top plain reasons per flagged category, with their shares; null for an unflagged paragraph.</param>
public sealed record ReviewParagraph(string Text, IReadOnlyDictionary<string, double> Scores, IReadOnlyList<string> Flags,
    IReadOnlyDictionary<string, IReadOnlyList<ReviewFeature>>? Explanation, IReadOnlyDictionary<string, IReadOnlyList<ReviewReason>>? Reasons);

/// <summary>One reason for a flag: a feature and what it added to the category's margin.</summary>
public sealed record ReviewFeature(string Feature, double Weight);

/// <summary>One reason for a flag in a moderator's words and its share (0-1) of what pushed the category's score up.</summary>
public sealed record ReviewReason(string Text, double Share);
