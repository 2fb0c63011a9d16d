using System.Text.Json;
using Classifier.Core;
using Classifier.Training.Data;

namespace Classifier.Training.Pipeline;

/// <summary>
/// Writes the exact paragraphs a recipe trains, tunes and measures on, so that a peer (fastText) can be
/// trained and measured on the same data: <c>train.jsonl</c>, <c>dev.jsonl</c>, <c>test.jsonl</c> with one
/// paragraph a line: <c>{"set": "bbc-news", "doc": "...", "para": 0, "text": "...", "labels": ["spam"]}</c>. Unlabelled
/// paragraphs come too, with <c>"labels": null</c>: they are document context, scored but never measured.
/// Held-out sources go to test under their <c>held-out:</c> names.
/// </summary>
internal static class DataExport
{
    public static void Write(TrainingData data, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var split in Enum.GetValues<Split>())
        {
            var documents = data.In(split).Select(d => (Set: d.Source, Document: d));
            if (split == Split.Test)
                documents = documents.Concat(data.HeldOut.Select(d => (Set: "held-out:" + d.Source, Document: d)));
            using var writer = new StreamWriter(Path.Combine(directory, split.ToString().ToLowerInvariant() + ".jsonl"));
            foreach (var (set, document) in documents)
                for (int i = 0; i < document.Paragraphs.Count; i++)
                {
                    var paragraph = document.Paragraphs[i];
                    string[]? labels = paragraph.IsLabelled
                        ? Categories.All.ToArray().Where(c => paragraph.Labels.Contains(c)).Select(Categories.Name).ToArray()
                        : null;
                    writer.WriteLine(JsonSerializer.Serialize(new { set, doc = document.Id, para = i, text = paragraph.Text, labels }));
                }
        }
    }
}
