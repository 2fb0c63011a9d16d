using Classifier.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Classifier.Core.Model;

namespace Classifier.Training.Pipeline;

/// <summary>
/// Training recipes as JSON: the one a model records in its metadata (<c>train --base</c>, <c>recipe MODEL</c>) and
/// the one a trainer writes by hand (<c>train --recipe file.json</c>); both read with the same serializer, and what a
/// recipe leaves out keeps the code default.
/// </summary>
internal static class Recipes
{
    /// <summary>The project's convention (snake_case names, enums by name), indented for people who edit recipes.</summary>
    public static JsonSerializerOptions Json { get; } = new(WireJson.Indented)
    {
        // A misspelt option must not silently fall back to its default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>For recipes recorded by older versions, whose options this one may have renamed or dropped.</summary>
    private static JsonSerializerOptions Lenient { get; } = new(Json) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static string ToJson(TrainingOptions options) => JsonSerializer.Serialize(options, Json);

    public static JsonNode ToNode(TrainingOptions options) => JsonSerializer.SerializeToNode(options, Json)!;

    public static TrainingOptions FromFile(string path)
    {
        try
        {
            // Names as the convention has them, or as recipes written before it did ("SplicedTrain"): the same recipe.
            return WireJson.WithNames(JsonNode.Parse(File.ReadAllText(path)))?.Deserialize<TrainingOptions>(Json)
                ?? throw new InvalidDataException($"Recipe '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Recipe '{path}' is not a valid recipe: {e.Message}", e);
        }
    }

    /// <summary>The recipe a model was trained with, as its metadata records it.</summary>
    public static TrainingOptions FromModel(ClassifierModel model, string path)
    {
        try
        {
            return model.Metadata["recipe"]?.Deserialize<TrainingOptions>(Lenient)
                ?? throw new InvalidDataException($"Model '{path}' records no training recipe to retrain from.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model '{path}' records a recipe this version cannot read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Retraining from a base must read the data the base read. Every file the base model records that the new recipe
    /// reads again (under its data paths or corpora folder) must exist and hash as recorded; otherwise the retrained
    /// model would quietly learn from less, or other, data. Returns the problems found, one line each.
    /// </summary>
    public static IReadOnlyList<string> DataChanges(ClassifierModel baseModel, TrainingOptions recipe)
    {
        var roots = recipe.DataPaths.Append(recipe.CorporaPath).OfType<string>().Select(Path.GetFullPath).ToArray();
        var problems = new List<string>();
        foreach (var file in baseModel.Metadata["data"]?.Deserialize<DataFile[]>(WireJson.Options) ?? [])
        {
            string full = Path.GetFullPath(file.Path);
            if (!roots.Any(root => full == root || full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                continue;
            if (!File.Exists(full))
                problems.Add($"{file.Path}: missing (the base model was trained on it)");
            else if (DataFile.HashOf(full) != file.Sha256)
                problems.Add($"{file.Path}: changed since the base model was trained (SHA-256 {file.Sha256[..12]}… recorded)");
        }
        return problems;
    }
}
