using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Core.Text;

namespace Classifier.Core.Scoring;

/// <summary>One reason for a score: an n-gram or a dense signal and how much it added to the linear margin.</summary>
public readonly record struct Contribution(string Feature, float Value);

/// <summary>
/// Says why a paragraph scored high, for moderators: the n-grams and signals that pushed the linear
/// stage's margin up most. N-gram names are recovered by hashing the paragraph's own n-grams again, so
/// they are exact. With a tree stage the linear margin is one input of the trees; the dense signals are
/// then reported too, as the trees also read them. Allocates freely: explanations are off the hot path.
/// </summary>
public sealed class Explainer(ClassifierModel model)
{
    // One per thread, as in Scorer: score --explain explains on every scoring thread at once.
    private readonly ThreadLocal<DocumentFeaturizer> _featurizers = new(() => new DocumentFeaturizer(model.Space, model.Embedder));

    /// <summary>The top <paramref name="count"/> positive contributions per category for one paragraph of a document;
    /// for a document scored in a batch, give the batch (loaded) and the document's place in it.</summary>
    public IReadOnlyList<Contribution> Explain(IReadOnlyList<string> paragraphs, int paragraph, Category category, int count = 5,
        BatchRecurrence? batch = null, int document = 0) =>
        Top(Analyze(paragraphs, paragraph, category, batch, document).Contributions, count);

    /// <summary>The top <paramref name="count"/> reasons, in a moderator's words, that a paragraph scored high for
    /// <paramref name="category"/>, each with its share of the positive contributions to the linear margin (see
    /// <see cref="Reason"/>), largest first.</summary>
    public IReadOnlyList<Reason> Reasons(IReadOnlyList<string> paragraphs, int paragraph, Category category, int count = 3,
        BatchRecurrence? batch = null, int document = 0) =>
        ReasonsOf(Analyze(paragraphs, paragraph, category, batch, document), category, count);

    /// <summary><see cref="Explain"/> and <see cref="Reasons"/> from one pass over the document.</summary>
    public (IReadOnlyList<Contribution> Contributions, IReadOnlyList<Reason> Reasons) ExplainWithReasons(IReadOnlyList<string> paragraphs,
        int paragraph, Category category, int features = 5, int reasons = 3, BatchRecurrence? batch = null, int document = 0)
    {
        var analysis = Analyze(paragraphs, paragraph, category, batch, document);
        return (Top(analysis.Contributions, features), ReasonsOf(analysis, category, reasons));
    }

    private static Contribution[] Top(Dictionary<string, float> contributions, int count) =>
        contributions.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(count).Select(c => new Contribution(c.Key, c.Value)).ToArray();

    /// <summary>Every feature's contribution; with the bias they sum to the linear margin.</summary>
    internal Dictionary<string, float> Contributions(IReadOnlyList<string> paragraphs, int paragraph, Category category,
        BatchRecurrence? batch = null, int document = 0) => Analyze(paragraphs, paragraph, category, batch, document).Contributions;

    /// <summary>Where a contribution came from, for its plain reason.</summary>
    private enum Source : byte { Ngram, Signal, Meaning, Segment }

    /// <summary>A contribution's source: an n-gram (its normalised text, whole words for a word n-gram), a signal (its
    /// index, and whether it was above its training mean), the embedding or the segment.</summary>
    private readonly record struct Origin(Source Source, int Signal = 0, bool High = false, string? Gram = null, bool WholeWords = false);

    private sealed record Analysis(Dictionary<string, float> Contributions, Dictionary<string, Origin> Origins, ReasonContext Context, string? SegmentReason);

    private Analysis Analyze(IReadOnlyList<string> paragraphs, int paragraph, Category category, BatchRecurrence? batch, int document)
    {
        var featurizer = _featurizers.Value!;
        featurizer.Load(paragraphs, batch, document);
        try
        {
            var contributions = new Dictionary<string, float>();
            var origins = new Dictionary<string, Origin>();
            var text = featurizer.Normalized(paragraph);
            AddBlock(contributions, origins, WordNgrams(text), category, wholeWords: true);
            AddBlock(contributions, origins, CharNgrams(text), category, wholeWords: false);
            var dense = featurizer.Dense(paragraph);
            float meaning = 0;
            for (int d = 0; d < dense.Length; d++)
            {
                float x = (dense[d] - model.DenseMean[d]) * model.DenseScale[d];
                float contribution = x * Weight(model.Space.DenseOffset + d, category);
                if (d < DenseFeatures.Count)
                {
                    string name = SignalName(d, dense[d]);
                    contributions[name] = contribution;
                    origins[name] = new Origin(Source.Signal, d, High: x > 0);
                }
                else
                    meaning += contribution;   // one coordinate of an embedding means nothing to a reader; their sum does
            }
            if (model.Space.Embedding is { } embedding)
            {
                contributions[$"meaning:{embedding.Encoder}"] = meaning;
                origins[$"meaning:{embedding.Encoder}"] = new Origin(Source.Meaning);
            }
            string? segmentReason = null;
            if (featurizer.Segment(paragraph) is { Start: > 0 } segment)
            {
                origins[GroupSegmentSignals(contributions, dense, segment)] = new Origin(Source.Segment);
                segmentReason = ReasonTable.Segment(segment,
                    unlikeTitle: segment.TitleSimilarity < model.DenseMean[(int)DenseFeature.SegmentTitleSimilarity],
                    unlikeLead: segment.LeadSimilarity < model.DenseMean[(int)DenseFeature.SegmentLeadSimilarity]);
            }
            var context = new ReasonContext(paragraphs[paragraph], text.ToString(), dense[..DenseFeatures.Count].ToArray(), paragraph, paragraphs.Count);
            return new Analysis(contributions, origins, context, segmentReason);
        }
        finally
        {
            featurizer.Release();
        }
    }

    /// <summary>The positive contributions grouped by plain reason (all n-grams are one reason), largest first.</summary>
    private static List<Reason> ReasonsOf(Analysis analysis, Category category, int count)
    {
        double total = 0, words = 0;
        var weights = new Dictionary<string, double>();
        var grams = new List<(Origin Origin, float Value)>();
        foreach (var (feature, value) in analysis.Contributions)
        {
            if (value <= 0)
                continue;
            total += value;
            var origin = analysis.Origins[feature];
            if (origin.Source == Source.Ngram)
            {
                words += value;
                grams.Add((origin, value));
                continue;
            }
            string reason = origin.Source switch
            {
                Source.Meaning => ReasonTable.Meaning(category),
                Source.Segment => analysis.SegmentReason!,
                _ => ReasonTable.Signal((DenseFeature)origin.Signal, origin.High, analysis.Context),
            };
            weights[reason] = weights.GetValueOrDefault(reason) + value;
        }
        if (words > 0)
        {
            string reason = ReasonTable.Words(category, Quotes(grams, analysis.Context));
            weights[reason] = weights.GetValueOrDefault(reason) + words;
        }
        if (total <= 0)
            return [];
        return [.. weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(count)
            .Select(w => new Reason(w.Key, (float)(w.Value / total)))];
    }

    /// <summary>Up to three n-grams that pushed the score up most, as the paragraph writes them: none sharing a word with
    /// another, none of stop words alone ("the" tells a moderator nothing).</summary>
    private static List<string> Quotes(List<(Origin Origin, float Value)> grams, ReasonContext context)
    {
        var quotes = new List<string>();
        var quoted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (origin, _) in grams.OrderByDescending(g => g.Value).ThenBy(g => g.Origin.Gram, StringComparer.Ordinal))
        {
            string? quote = context.Quote(origin.Gram!, origin.WholeWords) ?? (origin.WholeWords ? origin.Gram : null);
            if (quote is null)
                continue;
            var words = ReasonContext.TellingWords(quote);
            if (words.Count == 0 || quoted.Overlaps(words))
                continue;
            quoted.UnionWith(words);
            quotes.Add(quote);
            if (quotes.Count == 3)
                break;
        }
        return quotes;
    }

    /// <summary>The topic segments of a document (the first is the title), as the featurizer cuts it for scoring;
    /// empty for a model without an embedding.</summary>
    internal IReadOnlyList<TopicSegment> Segments(IReadOnlyList<string> paragraphs, BatchRecurrence? batch = null, int document = 0)
    {
        var featurizer = _featurizers.Value!;
        featurizer.Load(paragraphs, batch, document);
        try
        {
            var segments = new List<TopicSegment>();
            for (int i = 0; i < paragraphs.Count && featurizer.Segment(i) is { } segment; i = segment.End)
                segments.Add(segment);
            return segments;
        }
        finally
        {
            featurizer.Release();
        }
    }

    /// <summary>"segment:paragraphs 34-91, similarity to the title 0.04, to the lead 0.10": the segment signals say one
    /// thing together, what the whole run is like, so they are reported as one reason (numbered from 1, as read).</summary>
    internal static string SegmentReason(TopicSegment segment) => $"segment:paragraphs {segment.Start + 1}-{segment.End}, {SegmentSimilarities(segment)}";

    /// <summary>"similarity to the title 0.04, to the lead 0.10": what sets a segment apart, in a moderator's words.</summary>
    internal static string SegmentSimilarities(TopicSegment segment) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"similarity to the title {segment.TitleSimilarity:0.00}, to the lead {segment.LeadSimilarity:0.00}");

    private static string GroupSegmentSignals(Dictionary<string, float> contributions, ReadOnlySpan<float> dense, TopicSegment segment)
    {
        float sum = 0;
        for (var signal = DenseFeature.SegmentTitleSimilarity; signal <= DenseFeature.SegmentBoundaryAfter; signal++)
        {
            string name = SignalName((int)signal, dense[(int)signal]);
            sum += contributions[name];
            contributions.Remove(name);
        }
        string reason = SegmentReason(segment);
        contributions[reason] = sum;
        return reason;
    }

    /// <summary>A signal with its raw value, "signal:HasUrl=0": signals are standardised, so one can push a
    /// score up by being absent or low (below the training mean, with a negative weight), and a moderator
    /// reading just "HasUrl" would take it for a paragraph with a URL.</summary>
    internal static string SignalName(int signal, float value) =>
        $"signal:{DenseFeatures.Names[signal]}={value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";

    private float Weight(int feature, Category category) => feature < model.Space.DenseOffset
        ? model.NgramWeights.Weight(feature)[(int)category]
        : model.Weights[feature * Categories.Count + (int)category];

    /// <summary>Adds a block's n-grams, valued count / block norm as the featurizer values them, grouped by text.</summary>
    private void AddBlock(Dictionary<string, float> contributions, Dictionary<string, Origin> origins, List<(string Text, int Index)> ngrams,
        Category category, bool wholeWords)
    {
        var counts = ngrams.GroupBy(n => n.Index).Select(g => (double)g.Count());
        double norm = Math.Sqrt(counts.Sum(c => c * c));
        foreach (var (text, index) in ngrams)
        {
            contributions.TryGetValue(text, out float sum);
            contributions[text] = sum + (float)(Weight(index, category) / norm);
            origins[text] = new Origin(Source.Ngram, Gram: text[(text.IndexOf('"') + 1)..^1], WholeWords: wholeWords);
        }
    }

    private List<(string, int)> WordNgrams(ReadOnlySpan<char> text)
    {
        var words = new List<(string Text, uint Hash)>();
        foreach (var range in new WordTokenizer(text))
            words.Add((text[range].ToString(), StableHash.Of(text[range])));
        int mask = model.Space.WordBuckets - 1;
        var ngrams = new List<(string, int)>();
        for (int i = 0; i < words.Count; i++)
        {
            uint gram = words[i].Hash;
            string name = words[i].Text;
            ngrams.Add(($"word:\"{name}\"", (int)(gram & mask)));
            for (int n = 1; n < model.Space.MaxWordNgram && i - n >= 0; n++)
            {
                gram = StableHash.Combine(words[i - n].Hash, gram);
                name = words[i - n].Text + " " + name;
                ngrams.Add(($"word:\"{name}\"", (int)(gram & mask)));
            }
        }
        return ngrams;
    }

    private List<(string, int)> CharNgrams(ReadOnlySpan<char> text)
    {
        var space = model.Space;
        var ngrams = new List<(string, int)>();
        for (int start = 0; start + space.MinCharNgram <= text.Length; start++)
            for (int n = space.MinCharNgram; n <= space.MaxCharNgram && start + n <= text.Length; n++)
            {
                var gram = text.Slice(start, n);
                ngrams.Add(($"chars:\"{gram}\"", space.CharOffset + (int)(StableHash.Of(gram) & (space.CharBuckets - 1))));
            }
        return ngrams;
    }
}
