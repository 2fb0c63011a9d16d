using System.Collections.Frozen;

namespace Classifier.Core.Text;

/// <summary>
/// Small word lists written for this project. Lookups take spans of normalised text, so checking a
/// word allocates nothing.
/// </summary>
public static class Lexicons
{
    /// <summary>English function words: their density separates running prose from boilerplate (as in jusText).</summary>
    public static readonly Lexicon StopWords = new(
        "a about above after again against all am an and any are as at be because been before being below between both but by " +
        "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
        "himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other " +
        "our ours ourselves out over own same she should so some such than that the their theirs them themselves then there " +
        "these they this those through to too under until up very was we were what when where which while who whom why will " +
        "with would you your yours yourself yourselves also may might must shall said says one two new");

    /// <summary>Words of direct address: ads and SEO copy talk to the reader.</summary>
    public static readonly Lexicon SecondPerson = new("you your yours yourself yourselves you're you'll you've u ur");

    /// <summary>Calls to act and sell.</summary>
    public static readonly Lexicon CallToAction = new(
        "click subscribe buy order download sign join shop register claim win free offer offers discount deal deals " +
        "save sale coupon code promo bonus cheap price guaranteed limited exclusive visit unsubscribe call text reply " +
        "now today instantly sponsored affiliate casino crypto");

    /// <summary>Insinuation and hidden-plot vocabulary.</summary>
    public static readonly Lexicon Insinuation = new(
        "they them truth hidden cover coverup cover-up secret secretly elites elite globalist globalists agenda narrative " +
        "mainstream msm sheeple wake awake woke plandemic depopulation deep state puppet puppets controlled orchestrated " +
        "staged coincidence coincidences allegedly supposedly official officially suppressed censored banned research " +
        "question questions really actually exposed expose whistleblower bioweapon cabal regime propaganda lies lie lying");

    /// <summary>Hedges: speculation without evidence.</summary>
    public static readonly Lexicon Hedges = new(
        "maybe perhaps possibly might could seems seem appears apparently rumoured rumored reportedly suggest suggests " +
        "wonder wondering suspicious suspect strange odd curious interesting");

    /// <summary>Opening words of templated page furniture: bylines, taxonomy, sharing and comment widgets.</summary>
    public static readonly Lexicon TemplateOpeners = new(
        "by tags tag category categories filed published posted updated share related read leave comments comment " +
        "photo image credit source copyright advertisement sign log subscribe follow print email next previous home menu " +
        "skip more see also editor reporting writer staff author");
}

/// <summary>A frozen set of lower-case words that answers lookups by span.</summary>
public sealed class Lexicon
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Lexicon(string words)
    {
        var set = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}
