// The cascade on sources never trained on: a fast model (static embeddings) and an encoder model, both trained with the
// same --holdout, score every held-out document once each on one thread, timed per document; then, for each band, the
// documents the fast model is unsure of take the encoder model's flags. Throughput = held-out paragraphs / (fast time +
// encoder time of the re-scored documents), from the times measured in this run.
// Arguments: FAST_MODEL ENCODER_MODEL [encoder name (minilm)].
using System.Diagnostics;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;
using Classifier.Encoders;
using Classifier.Training.Pipeline;

RepoRoot.Enter();

var fastModel = ModelFile.Load(args[0]);
using var encoder = new OnnxSentenceEncoder(args.Length > 2 ? args[2] : "minilm");
var accurateModel = ModelFile.Load(args[1]).WithEncoder(encoder);
var options = Recipes.FromModel(fastModel, args[0]);
if (!options.HoldoutSources.SequenceEqual(Recipes.FromModel(accurateModel, args[1]).HoldoutSources))
    throw new ArgumentException("The two models were trained with different --holdout sources.");
var data = TrainingData.Load(options, _ => { });
var sets = data.HeldOut.GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
Console.WriteLine($"Held out: {string.Join(", ", options.HoldoutSources)}; {data.HeldOut.Count} documents, {data.HeldOut.Sum(d => d.Paragraphs.Count)} paragraphs.");

var fast = new Scorer(fastModel);
var accurate = new Scorer(accurateModel);
var cascades = new[] { 0f, 0.02f, 0.05f, 0.1f, 0.2f, 0.3f, 0.5f, 1f }.Select(b => new CascadeScorer(fast, accurate, b)).ToArray();
var documents = data.HeldOut;
var fastScores = new ParagraphScore[documents.Count][];
var accurateScores = new ParagraphScore[documents.Count][];
var accurateSeconds = new double[documents.Count];
var clock = new Stopwatch();
// Warm both paths up, then time each document on this one thread.
fast.Score(new Document("warm", documents[0].Texts));
accurate.Score(new Document("warm", documents[0].Texts));
double fastSeconds = 0;
for (int d = 0; d < documents.Count; d++)
{
    var document = new Document(documents[d].Id, documents[d].Texts);
    clock.Restart();
    fastScores[d] = fast.Score(document);
    fastSeconds += clock.Elapsed.TotalSeconds;
    clock.Restart();
    accurateScores[d] = accurate.Score(document);
    accurateSeconds[d] = clock.Elapsed.TotalSeconds;
}
int paragraphs = documents.Sum(d => d.Paragraphs.Count);
Console.WriteLine($"One thread: fast {paragraphs / fastSeconds:F0} paragraphs/s, encoder model {paragraphs / accurateSeconds.Sum():F0} paragraphs/s.");
Console.WriteLine();

// Sets without positives (clean held-out documents) have no F1 to show.
var categories = sets.Select(s => (s.Key, Category: BestCategory(s))).Where(c => Positives(sets.First(s => s.Key == c.Key), c.Category) > 0).ToList();
Console.WriteLine($"| band | documents re-scored | paragraphs/s (one thread) | {string.Join(" | ", categories.Select(c => $"{c.Key} {Categories.Name(c.Category)} F1"))} |");
Console.WriteLine($"|---:|---:|---:|{string.Concat(categories.Select(_ => "---:|"))}");
foreach (var cascade in cascades)
{
    var rescored = Enumerable.Range(0, documents.Count).Select(d => cascade.Unsure(fastScores[d])).ToArray();
    double seconds = fastSeconds + Enumerable.Range(0, documents.Count).Where(d => rescored[d]).Sum(d => accurateSeconds[d]);
    var f1 = categories.Select(c => F1(c.Key, c.Category, rescored));
    Console.WriteLine($"| {cascade.Band:0.##} | {rescored.Count(r => r) / (double)documents.Count:P1} | {paragraphs / seconds:F0} | {string.Join(" | ", f1.Select(f => f.ToString("F3")))} |");
}
var all = Enumerable.Repeat(true, documents.Count).ToArray();
Console.WriteLine($"| encoder model alone | 100% | {paragraphs / accurateSeconds.Sum():F0} | {string.Join(" | ", categories.Select(c => F1(c.Key, c.Category, all).ToString("F3")))} |");

// The category a held-out set is there to measure: the one with most positives.
static Category BestCategory(IGrouping<string, Classifier.Training.Data.LabelledDocument> set) =>
    Categories.All.ToArray().OrderByDescending(c => Positives(set, c)).First();

static int Positives(IEnumerable<Classifier.Training.Data.LabelledDocument> set, Category category) =>
    set.Sum(d => d.Paragraphs.Count(p => p.IsLabelled && p.Weight > 0 && p.Labels.Contains(category)));

double F1(string source, Category category, bool[] rescored)
{
    int tp = 0, fp = 0, fn = 0;
    for (int d = 0; d < documents.Count; d++)
    {
        if (documents[d].Source != source) continue;
        var scores = rescored[d] ? accurateScores[d] : fastScores[d];
        for (int i = 0; i < scores.Length; i++)
        {
            var paragraph = documents[d].Paragraphs[i];
            if (!paragraph.IsLabelled || paragraph.Weight <= 0) continue;
            bool positive = paragraph.Labels.Contains(category), flagged = scores[i].IsFlagged(category);
            tp += positive && flagged ? 1 : 0; fp += !positive && flagged ? 1 : 0; fn += positive && !flagged ? 1 : 0;
        }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
}
