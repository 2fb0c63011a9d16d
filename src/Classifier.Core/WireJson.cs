using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Classifier.Core;

/// <summary>
/// The one JSON naming convention of everything the project writes: snake_case names, as the score contract has them
/// (<c>"doc"</c>, <c>"para"</c>, <c>"off_topic"</c>). The score output, the service, the eval report, the model file's
/// header and the metadata it carries (recipe, data, metrics, recalibrations) all follow it. The header's source-generated
/// serializer cannot take an instance, so it names the same policy in its attribute (a test holds the two together).
/// </summary>
internal static class WireJson
{
    public static JsonNamingPolicy Naming { get; } = JsonNamingPolicy.SnakeCaseLower;

    /// <summary>snake_case names, enums by name, readable text (the output is JSON, never inlined in HTML).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = Naming,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A name in the convention: "TrainingExamples", "trainingExamples" and "training_examples" all give
    /// "training_examples". Names that are not identifiers ("bbc-news", a path) are data, not names, and stay as they are.</summary>
    public static string Name(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit) ? Naming.ConvertName(name) : name;

    /// <summary>A copy of <paramref name="node"/> with every object key in the convention: how JSON written by earlier
    /// versions (a PascalCase recipe, camelCase metrics) is read.</summary>
    public static JsonNode? WithNames(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(Name(p.Key), WithNames(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(WithNames)]),
        null => null,
        _ => node.DeepClone(),
    };
}
