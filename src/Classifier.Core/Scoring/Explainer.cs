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
        Contributions(paragraphs, paragraph, category, batch, document).Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(count)
            .Select(c => new Contribution(c.Key, c.Value)).ToArray();

    /// <summary>Every feature's contribution; with the bias they sum to the linear margin.</summary>
    internal Dictionary<string, float> Contributions(IReadOnlyList<string> paragraphs, int paragraph, Category category,
        BatchRecurrence? batch = null, int document = 0)
    {
        var featurizer = _featurizers.Value!;
        featurizer.Load(paragraphs, batch, document);
        try
        {
            var contributions = new Dictionary<string, float>();
            var text = featurizer.Normalized(paragraph);
            AddBlock(contributions, WordNgrams(text), category);
            AddBlock(contributions, CharNgrams(text), category);
            var dense = featurizer.Dense(paragraph);
            float meaning = 0;
            for (int d = 0; d < dense.Length; d++)
            {
                float x = (dense[d] - model.DenseMean[d]) * model.DenseScale[d];
                float contribution = x * Weight(model.Space.DenseOffset + d, category);
                if (d < DenseFeatures.Count)
                    contributions[SignalName(d, dense[d])] = contribution;
                else
                    meaning += contribution;   // one coordinate of an embedding means nothing to a reader; their sum does
            }
            if (model.Space.Embedding is { } embedding)
                contributions[$"meaning:{embedding.Encoder}"] = meaning;
            if (featurizer.Segment(paragraph) is { Start: > 0 } segment)
                GroupSegmentSignals(contributions, dense, segment);
            return contributions;
        }
        finally
        {
            featurizer.Release();
        }
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

    private static void GroupSegmentSignals(Dictionary<string, float> contributions, ReadOnlySpan<float> dense, TopicSegment segment)
    {
        float sum = 0;
        for (var signal = DenseFeature.SegmentTitleSimilarity; signal <= DenseFeature.SegmentBoundaryAfter; signal++)
        {
            string name = SignalName((int)signal, dense[(int)signal]);
            sum += contributions[name];
            contributions.Remove(name);
        }
        contributions[SegmentReason(segment)] = sum;
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
    private void AddBlock(Dictionary<string, float> contributions, List<(string Text, int Index)> ngrams, Category category)
    {
        var counts = ngrams.GroupBy(n => n.Index).Select(g => (double)g.Count());
        double norm = Math.Sqrt(counts.Sum(c => c * c));
        foreach (var (text, index) in ngrams)
        {
            contributions.TryGetValue(text, out float sum);
            contributions[text] = sum + (float)(Weight(index, category) / norm);
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
