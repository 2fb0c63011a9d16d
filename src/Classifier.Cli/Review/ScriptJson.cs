using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classifier.Cli.Review;

/// <summary>
/// JSON that is safe inside an HTML <c>&lt;script type="application/json"&gt;</c> block. The HTML parser
/// ends a script at "&lt;/script" whatever the JSON means, so scraped text must never put a raw '&lt;'
/// there: '&lt;', '&gt;' and '&amp;' become \u003c, \u003e, \u0026, which JSON.parse reads back unchanged.
/// Everything else stays readable (relaxed escaping), keeping non-Latin text compact.
/// </summary>
public static class ScriptJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value)
    {
        string json = JsonSerializer.Serialize(value, Options);
        // Outside strings JSON has no '<', '>' or '&', so every one replaced here is inside a string.
        var safe = new StringBuilder(json.Length + 64);
        foreach (char c in json)
        {
            switch (c)
            {
                case '<': safe.Append("\\u003c"); break;
                case '>': safe.Append("\\u003e"); break;
                case '&': safe.Append("\\u0026"); break;
                default: safe.Append(c); break;
            }
        }
        return safe.ToString();
    }
}
