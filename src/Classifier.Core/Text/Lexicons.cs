using Classifier.Core.Features;

namespace Classifier.Core.Text;

/// <summary>What the project's word lists say about a word; one lookup answers all of them.</summary>
[Flags]
internal enum WordClass : byte
{
    None = 0,
    /// <summary>English function word: its density separates running prose from boilerplate (as in jusText).</summary>
    Stop = 1,
    /// <summary>Direct address: ads and SEO copy talk to the reader.</summary>
    SecondPerson = 2,
    /// <summary>Calls to act and sell.</summary>
    CallToAction = 4,
    /// <summary>Insinuation and hidden-plot vocabulary.</summary>
    Insinuation = 8,
    /// <summary>Hedges: speculation without evidence.</summary>
    Hedge = 16,
    /// <summary>Opening words of page furniture: bylines, taxonomy, sharing and comment widgets.</summary>
    TemplateOpener = 32,
    /// <summary>A content word (3+ characters, starts with a letter, not a stop word): the vocabulary that says what a paragraph is about.</summary>
    Content = 64,
}

/// <summary>
/// Small word lists written for this project, in one open-addressing table keyed by the word's
/// <see cref="StableHash"/>, which the featurizer computes anyway: classifying a word costs one probe
/// and, on a hit, one short comparison, and allocates nothing.
/// </summary>
internal static class Lexicons
{
    private const string StopWords =
        "a about above after again against all am an and any are as at be because been before being below between both but by " +
        "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
        "himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other " +
        "our ours ourselves out over own same she should so some such than that the their theirs them themselves then there " +
        "these they this those through to too under until up very was we were what when where which while who whom why will " +
        "with would you your yours yourself yourselves also may might must shall said says one two new";
    private const string SecondPerson = "you your yours yourself yourselves you're you'll you've u ur";
    private const string CallToAction =
        "click subscribe buy order download sign join shop register claim win free offer offers discount deal deals " +
        "save sale coupon code promo bonus cheap price guaranteed limited exclusive visit unsubscribe call text reply " +
        "now today instantly sponsored affiliate casino crypto";
    private const string Insinuation =
        "they them truth hidden cover coverup cover-up secret secretly elites elite globalist globalists agenda narrative " +
        "mainstream msm sheeple wake awake woke plandemic depopulation deep state puppet puppets controlled orchestrated " +
        "staged coincidence coincidences allegedly supposedly official officially suppressed censored banned research " +
        "question questions really actually exposed expose whistleblower bioweapon cabal regime propaganda lies lie lying";
    private const string Hedges =
        "maybe perhaps possibly might could seems seem appears apparently rumoured rumored reportedly suggest suggests " +
        "wonder wondering suspicious suspect strange odd curious interesting";
    private const string TemplateOpeners =
        "by tags tag category categories filed published posted updated share related read leave comments comment " +
        "photo image credit source copyright advertisement sign log subscribe follow print email next previous home menu " +
        "skip more see also editor reporting writer staff author";

    private const int TableBits = 11;
    private static readonly uint[] Hashes = new uint[1 << TableBits];
    private static readonly string?[] Words = new string?[1 << TableBits];
    private static readonly WordClass[] Classes = new WordClass[1 << TableBits];

    static Lexicons()
    {
        Add(StopWords, WordClass.Stop);
        Add(SecondPerson, WordClass.SecondPerson);
        Add(CallToAction, WordClass.CallToAction);
        Add(Insinuation, WordClass.Insinuation);
        Add(Hedges, WordClass.Hedge);
        Add(TemplateOpeners, WordClass.TemplateOpener);
    }

    /// <summary>Classifies a normalised word whose hash is <paramref name="hash"/> (= <c>StableHash.Of(word)</c>).</summary>
    public static WordClass Classify(ReadOnlySpan<char> word, uint hash)
    {
        var listed = Lookup(word, hash);
        if ((listed & WordClass.Stop) == 0 && word.Length >= 3 && char.IsLetter(word[0]))
            listed |= WordClass.Content;
        return listed;
    }

    private static WordClass Lookup(ReadOnlySpan<char> word, uint hash)
    {
        const int mask = (1 << TableBits) - 1;
        for (int slot = (int)(hash & mask); Words[slot] is { } entry; slot = (slot + 1) & mask)
            if (Hashes[slot] == hash && word.SequenceEqual(entry))
                return Classes[slot];
        return WordClass.None;
    }

    private static void Add(string list, WordClass wordClass)
    {
        const int mask = (1 << TableBits) - 1;
        foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            uint hash = StableHash.Of(word);
            int slot = (int)(hash & mask);
            while (Words[slot] is { } entry && entry != word)
                slot = (slot + 1) & mask;
            Hashes[slot] = hash;
            Words[slot] = word;
            Classes[slot] |= wordClass;
        }
    }
}
