using System.Text.Json;

namespace Classifier.Cli.Tests;

/// <summary>Builds JSONL input documents.</summary>
public static class Jsonl
{
    public static string Paragraphs(string id, params string[] paragraphs) => JsonSerializer.Serialize(new { id, paragraphs });

    public static string Text(string id, string text) => JsonSerializer.Serialize(new { id, text });

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
