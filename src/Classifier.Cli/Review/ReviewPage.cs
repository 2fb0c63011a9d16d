using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Classifier.Cli.Review;

/// <summary>
/// Renders the self-contained review page: the HTML template with its stylesheet, script and data inlined.
/// A Content-Security-Policy allows only that exact stylesheet and script (by hash) and no fetches at all,
/// so even text that escaped its JSON string could neither run a handler nor load anything.
/// </summary>
public static partial class ReviewPage
{
    public static string Render(ReviewData data)
    {
        string json = ScriptJson.Serialize(data);
        string style = Asset("review.css"), script = Asset("review.js");
        var values = new Dictionary<string, string>
        {
            ["csp"] = $"default-src 'none'; style-src '{Hash(style)}'; script-src '{Hash(script)}'; base-uri 'none'; form-action 'none'",
            // Keys the moderator's saved decisions: a page regenerated from other input or another model starts afresh.
            ["key"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16],
            ["style"] = style,
            ["script"] = script,
            ["data"] = json,
        };
        // One pass, so a placeholder-like string inside the data is never expanded.
        return Placeholder().Replace(Asset("review.html"), m => values[m.Groups[1].Value]);
    }

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Classifier.Cli.Review." + name)
            ?? throw new InvalidOperationException($"review page asset '{name}' is not embedded in the program");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(csp|key|style|script|data)\}\}")]
    private static partial Regex Placeholder();
}
