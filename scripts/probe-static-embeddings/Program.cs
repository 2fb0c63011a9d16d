// Off-topic paragraphs of BBC documents spliced only from BBC documents (a source left out of everything else), ranked by
// how unlike their document's title (paragraph 0) they are: cosine of distilled MiniLM static embeddings against the
// model's own hashed term-vector title similarity (DenseFeature.TitleSimilarity). ROC-AUC over all non-title paragraphs.
// Arguments: [dimensions (64)] [SIF a (0.001; a large a weighs pieces nearly equally)] [encoder (minilm | arcticxs)].
using System.Diagnostics;
using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Training.Data;
using Classifier.Training.Embeddings;
using Classifier.Training.Pipeline;

RepoRoot.Enter();

var options = new TrainingOptions { DataPaths = ["data/articles"], CorporaPath = "../shared/corpora", HoldoutSources = ["bbc-news"] };
var data = TrainingData.Load(options, _ => { });
var clock = Stopwatch.StartNew();
int dimensions = args.Length > 0 ? int.Parse(args[0]) : 64;
double sif = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1e-3;
string encoder = args.Length > 2 ? args[2] : "minilm";
var embeddings = StaticEmbeddingDistiller.Distil(encoder, data.In(Split.Train).SelectMany(d => d.Texts), dimensions, sif);
Console.WriteLine($"Distilled {encoder} to {embeddings.Dimensions} dimensions (SIF a = {sif}) in {clock.Elapsed.TotalSeconds:F1} s.");

var spliced = data.HeldOut.Where(d => d.Source.StartsWith("spliced:", StringComparison.Ordinal)).ToList();
var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
var ids = new int[512];
var title = new float[embeddings.Dimensions];
var paragraph = new float[embeddings.Dimensions];
var labels = new List<bool>();
var staticScores = new List<double>();
var termScores = new List<double>();
clock.Restart();
int embedded = 0;
foreach (var document in spliced)
{
    featurizer.Load(document.Texts);
    embeddings.Embed(document.Paragraphs[0].Text, ids, title);
    for (int i = 1; i < document.Paragraphs.Count; i++)
    {
        embeddings.Embed(document.Paragraphs[i].Text, ids, paragraph);
        embedded++;
        labels.Add(document.Paragraphs[i].Labels.Contains(Category.OffTopic));
        staticScores.Add(-System.Numerics.Tensors.TensorPrimitives.Dot(title, paragraph));
        termScores.Add(-featurizer.Dense(i)[(int)DenseFeature.TitleSimilarity]);
    }
    featurizer.Release();
}
double seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{spliced.Count} spliced held-out BBC documents, {labels.Count} non-title paragraphs ({labels.Count(l => l)} off-topic).");
Console.WriteLine($"ROC-AUC, unlike the title: static {encoder} {RocAuc(staticScores, labels):F3}, hashed term vectors {RocAuc(termScores, labels):F3}.");
Console.WriteLine($"Featurize + embed: {embedded / seconds:F0} paragraphs/s on one thread (both, with document context).");

static double RocAuc(List<double> scores, List<bool> labels)
{
    var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
    double rankSum = 0; int positives = 0;
    for (int r = 0; r < order.Length; )
    {
        int end = r;
        while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[r]]) end++;
        double averageRank = (r + end) / 2.0 + 1;
        for (int k = r; k <= end; k++) if (labels[order[k]]) { rankSum += averageRank; positives++; }
        r = end + 1;
    }
    long negatives = scores.Count - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
}
