using Classifier.Core;
using Classifier.Core.Features;
using Classifier.Core.Model;
using Classifier.Training.Data;
using Classifier.Training.Learners;
using Microsoft.ML;
using static Classifier.Training.Tests.Docs;

namespace Classifier.Training.Tests.Linear;

/// <summary>A tiny hand-made problem: news prose, spam calls to action, and "Tags:"-style filler lines.</summary>
internal static class TinyProblem
{
    public static readonly FeatureSpace Space = new(12, 12, 2, 3, 5);

    public static readonly string[] News =
    [
        "The council approved the new budget on Tuesday after a lengthy debate over road repairs.",
        "Scientists said the drought had reduced river levels to their lowest point in a decade.",
        "The minister told reporters that negotiations with the unions would resume next week.",
        "Officials confirmed that the bridge will remain closed while engineers inspect the damage.",
        "Local farmers reported that the harvest was smaller than expected this year.",
        "The court heard evidence from three witnesses before adjourning until Monday.",
        "Police said the road was reopened late on Sunday after the crash was cleared.",
        "The university announced that its new research centre would employ forty staff.",
        "Residents of the valley were told that water supplies would be restored by Friday.",
        "The company said profits fell in the third quarter as costs for energy rose.",
        "Hospital managers warned that waiting lists had grown over the winter months.",
        "The report found that air quality in the city centre had improved since last year.",
    ];

    public static readonly string[] Spam =
    [
        "Buy now and save 50% on all orders, click here to subscribe today!",
        "Limited offer: get your free gift card now, visit our shop and order today!",
        "Click the link to claim your exclusive discount before midnight!",
        "Subscribe to our newsletter and win a free phone, sign up now!",
        "Order today and get free shipping on every purchase, buy now!",
        "Best deals online: click here for cheap prices and huge savings!",
    ];

    public static readonly string[] Filler =
    [
        "Tags: politics, budget, council",
        "Tags: weather, drought, rivers",
        "Tags: unions, strikes, government",
        "Tags: transport, bridges, roads",
        "Tags: farming, harvest, rural",
        "Tags: courts, justice, trials",
    ];

    public static List<LabelledDocument> Documents() =>
    [
        .. Enumerable.Range(0, 6).Select(i => Doc($"topic{i}/doc{i}",
            P($"Headline number {i} about the latest local news"),
            P(News[2 * i]),
            P(Spam[i], CategorySet.Spam),
            P(News[2 * i + 1]),
            P(Filler[i], CategorySet.Filler))),
    ];

    public static FeaturizedSet Set() => FeaturizedSet.Build(Documents(), Space, null, _ => 1f);

    /// <summary>The linear stage trained by ML.NET on <paramref name="set"/>, as a Core model with identity calibration.</summary>
    public static ClassifierModel TrainLinear(FeaturizedSet set, NgramPrecision precision = NgramPrecision.Int8)
    {
        var ml = new MLContext(seed: 1);
        int[] rows = [.. Enumerable.Range(0, set.Count)];
        var features = LinearLearner.FitFeatures(ml, MlNetRows.Paragraphs(ml, set, Space, rows, [1f, 1f, 1f, 1f]));
        return LinearLearner.Fit(set, Space, features, new LinearOptions(), rows, seed: 1).ToCore(Space, precision);
    }
}
