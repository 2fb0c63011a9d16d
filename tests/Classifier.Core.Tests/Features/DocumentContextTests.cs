using Classifier.Core.Features;

namespace Classifier.Core.Tests.Features;

public class DocumentContextTests
{
    private static readonly string[] WarReport =
    [
        "Artillery shelling continues near the eastern front",
        "Artillery units shelled positions along the eastern front overnight, officials said, as troops held the river crossing.",
        "Commanders said the shelling damaged bridges near the river and forced troops to pull back from two villages on the front.",
        "To rank higher on search engines, install a WordPress SEO plugin, write meta descriptions and build backlinks to your blog.",
        "Officials expect more artillery fire along the front as troops dig in near the river crossing before winter.",
        "Artillery shelling continues near the eastern front",
    ];

    private static float Feature(DocumentFeaturizer featurizer, int paragraph, DenseFeature feature) =>
        featurizer.Dense(paragraph)[(int)feature];

    [Fact]
    public void InsertionIsLeastSimilarToTheRestOfItsDocument()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(WarReport);
        float insertion = Feature(featurizer, 3, DenseFeature.CentroidSimilarity);
        for (int i = 1; i < WarReport.Length; i++)
            if (i != 3)
                Assert.True(Feature(featurizer, i, DenseFeature.CentroidSimilarity) > insertion + 0.1f, $"paragraph {i}");
        Assert.True(Feature(featurizer, 3, DenseFeature.NeighbourSimilarity) < Feature(featurizer, 2, DenseFeature.NeighbourSimilarity));
        Assert.Equal(0f, Feature(featurizer, 3, DenseFeature.TitleSimilarity));
    }

    [Fact]
    public void ARunThatHangsTogetherButNotWithTheRestIsFound()
    {
        string[] document =
        [
            "Artillery shelling continues near the eastern front",
            "Artillery units shelled positions along the eastern front overnight, officials said, as troops held the river crossing.",
            "To rank higher on search engines, install a WordPress plugin, write meta descriptions and build backlinks for every blog post.",
            "Submit an XML sitemap so search engines crawl each blog post, and keep the WordPress plugin and backlinks up to date.",
            "Commanders said the shelling damaged bridges near the river and forced troops to pull back from two villages on the front.",
            "Officials expect more artillery fire along the front as troops dig in near the river crossing before winter.",
        ];
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(document);
        foreach (int insertion in new[] { 2, 3 })
        {
            float run = Feature(featurizer, insertion, DenseFeature.RunSimilarity);
            Assert.True(run <= Feature(featurizer, insertion, DenseFeature.CentroidSimilarity));
            Assert.True(Feature(featurizer, insertion, DenseFeature.RunCohesion) > 0.2f);
            foreach (int host in new[] { 1, 4, 5 })
                Assert.True(Feature(featurizer, host, DenseFeature.RunSimilarity) > run, $"host {host} vs insertion {insertion}");
        }
    }

    [Fact]
    public void SimilaritiesAreAlsoGivenAgainstTheDocumentsOwnLevel()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(WarReport);
        float centroid = Feature(featurizer, 3, DenseFeature.CentroidSimilarity);
        float level = 0;
        for (int i = 0; i < WarReport.Length; i++)
            level += Feature(featurizer, i, DenseFeature.CentroidSimilarity);
        Assert.Equal(level / WarReport.Length, Feature(featurizer, 3, DenseFeature.DocumentCohesion), 5);
        // The insertion shares nothing with the rest, so it stands at 0 of the others' mean; hosts well above.
        Assert.Equal(0f, centroid);
        Assert.Equal(0f, Feature(featurizer, 3, DenseFeature.RelativeCentroidSimilarity));
        Assert.Equal(0f, Feature(featurizer, 3, DenseFeature.RelativeRunSimilarity));
        foreach (int host in new[] { 1, 2, 4 })
        {
            Assert.True(Feature(featurizer, host, DenseFeature.RelativeCentroidSimilarity) > 0.5f, $"host {host}");
            Assert.True(Feature(featurizer, host, DenseFeature.RelativeNeighbourSimilarity) > Feature(featurizer, 3, DenseFeature.RelativeNeighbourSimilarity));
        }
    }

    [Fact]
    public void RelativeSimilaritiesAreNeutralWithoutOtherParagraphsToCompareWith()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(["Artillery units shelled positions along the eastern front overnight."]);
        Assert.Equal(1f, Feature(featurizer, 0, DenseFeature.RelativeCentroidSimilarity));
        Assert.Equal(1f, Feature(featurizer, 0, DenseFeature.DocumentCohesion));
        featurizer.Load(["Artillery shelling near the front", "Bake the bread for forty minutes."]);
        for (int i = 0; i < 2; i++)
            Assert.Equal(1f, Feature(featurizer, i, DenseFeature.RelativeCentroidSimilarity));   // nothing is shared: no level
    }

    [Fact]
    public void RepeatedTitleAndPositionAreMarked()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(WarReport);
        Assert.Equal(1f, Feature(featurizer, 5, DenseFeature.DuplicatesTitle));
        Assert.Equal(0f, Feature(featurizer, 2, DenseFeature.DuplicatesTitle));
        Assert.Equal(1f, Feature(featurizer, 0, DenseFeature.IsFirst));
        Assert.Equal(1f, Feature(featurizer, 5, DenseFeature.IsLast));
        Assert.Equal(0.4f, Feature(featurizer, 2, DenseFeature.RelativePosition), 4);
    }

    [Fact]
    public void ParagraphSignalsSeeAdsAndTemplates()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(["Tags: budget, council, roads", "Click here to claim your FREE bonus now! Call 0800 123 4567 or visit www.deals.test"]);
        Assert.Equal(1f, Feature(featurizer, 0, DenseFeature.TemplateOpener));
        Assert.Equal(1f, Feature(featurizer, 0, DenseFeature.EarlyColon));
        Assert.Equal(1f, Feature(featurizer, 1, DenseFeature.HasUrl));
        Assert.Equal(1f, Feature(featurizer, 1, DenseFeature.HasPhone));
        Assert.True(Feature(featurizer, 1, DenseFeature.CallToActionDensity) > 0.2f);
    }

    [Theory]
    [InlineData("Tel. 01 23 45 67 89 today", 1f)]
    [InlineData("Call +44 (20) 7946-0958.", 1f)]
    [InlineData("In 2024, 3 of 5 roads and 1234 5678 were shut", 0f)]   // eight digits in the longest run
    [InlineData("On 12/03/2024 at 10:45 the 2 ferries left", 0f)]       // runs broken by '/' and ':'
    [InlineData("Order 12345 x 6789 then 123456789", 1f)]               // the last run is long enough
    [InlineData("No digits here at all", 0f)]
    public void APhoneNumberIsARunOfNineDigitsAndPhonePunctuation(string text, float expected)
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load([text]);
        Assert.Equal(expected, Feature(featurizer, 0, DenseFeature.HasPhone));
    }

    [Fact]
    public void FeaturizerIsReusableAcrossDocuments()
    {
        var featurizer = new DocumentFeaturizer(FeatureSpace.Default);
        featurizer.Load(WarReport);
        var first = featurizer.Dense(3).ToArray();
        featurizer.Load(["Something else entirely", "Short"]);
        featurizer.Load(WarReport);
        Assert.Equal(first, featurizer.Dense(3).ToArray());
    }
}

public class CharacterKindTests
{
    [Fact]
    public void KindsCountedSixteenAtOnceAreTheOnesOfEachCharacter()
    {
        var random = new Random(11);
        // Every ASCII character, plus some that are not, in runs long enough for the vector path.
        string alphabet = new([.. Enumerable.Range(0, 128).Select(c => (char)c), 'é', 'Ж', '€', '\u00A0', '\u2014', '中', '\ud83d', '\ude00']);
        for (int length = 0; length < 200; length += 1 + length / 8)
            for (int trial = 0; trial < 20; trial++)
            {
                bool asciiOnly = trial % 2 == 0;
                string text = new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(asciiOnly ? 128 : alphabet.Length)])]);
                Assert.Equal(Reference(text), ParagraphSignals.CountKinds(text));
            }
    }

    private static (int, int, int, int, int) Reference(string text) => (
        text.Count(char.IsLetter),
        text.Count(c => char.IsLetter(c) && char.IsUpper(c)),
        text.Count(c => !char.IsWhiteSpace(c) && !char.IsLetter(c) && (char.IsPunctuation(c) || char.IsSymbol(c))),
        text.Count(c => !char.IsWhiteSpace(c)),
        text.Count(c => c == '!'));
}
