namespace Classifier.Core;

/// <summary>The four kinds of low-quality content. Each is scored independently (multi-label).</summary>
public enum Category
{
    /// <summary>Ads, affiliate and SEO copy, "subscribe / click / buy" calls.</summary>
    Spam = 0,
    /// <summary>An insertion on an unrelated subject spliced into an article.</summary>
    OffTopic = 1,
    /// <summary>Speculative conspiracy content: insinuation and unfounded claims.</summary>
    Conspiracy = 2,
    /// <summary>Templated filler: bylines, tags, "related articles", generic wrap-ups.</summary>
    Filler = 3,
}

/// <summary>A set of categories, e.g. the flags raised on one paragraph.</summary>
[Flags]
public enum CategorySet : byte
{
    None = 0,
    Spam = 1 << Category.Spam,
    OffTopic = 1 << Category.OffTopic,
    Conspiracy = 1 << Category.Conspiracy,
    Filler = 1 << Category.Filler,
}

/// <summary>Names and helpers shared by every layer that prints or parses categories.</summary>
public static class Categories
{
    /// <summary>Number of categories; weights and scores are laid out in this many lanes.</summary>
    public const int Count = 4;

    /// <summary>All categories in lane order.</summary>
    public static ReadOnlySpan<Category> All => [Category.Spam, Category.OffTopic, Category.Conspiracy, Category.Filler];

    /// <summary>The wire name used in JSON output, CSV labels and the model file.</summary>
    public static string Name(Category category) => category switch
    {
        Category.Spam => "spam",
        Category.OffTopic => "off_topic",
        Category.Conspiracy => "conspiracy",
        Category.Filler => "filler",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>Parses a wire name; returns false for anything else (including "clean").</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out Category category)
    {
        foreach (var c in All)
        {
            if (name.Equals(Name(c), StringComparison.OrdinalIgnoreCase))
            {
                category = c;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static CategorySet ToSet(this Category category) => (CategorySet)(1 << (int)category);

    public static bool Contains(this CategorySet set, Category category) => (set & category.ToSet()) != 0;
}
