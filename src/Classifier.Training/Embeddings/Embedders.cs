using Classifier.Core.Features;
using Classifier.Encoders;
using Classifier.Training.Data;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Embeddings;

/// <summary>The embedder a training run featurizes with, as its <see cref="EmbeddingOptions"/> ask.</summary>
internal static class Embedders
{
    /// <summary>The distilled table (piece frequencies from the training split), or the full encoder over every text of
    /// <paramref name="data"/> encoded up front; null when the options ask for no embedding.</summary>
    /// <param name="cachePath">For the full encoder: a file keeping its vectors between runs, or null.</param>
    public static IParagraphEmbedder? Build(EmbeddingOptions? options, TrainingData data, string? cachePath, Action<string> log)
    {
        if (options is null)
            return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (options.Static)
        {
            var table = StaticEmbeddingDistiller.Distil(options.Encoder, data.In(Split.Train).SelectMany(d => d.Texts), options.Dimensions, options.Sif,
                Environment.ProcessorCount);
            log($"Distilled {table.Encoder} into {table.Dimensions}-dimensional static embeddings (SIF a = {options.Sif}) in {clock.Elapsed.TotalSeconds:F0} s.");
            return table;
        }
        // One single-threaded encoder run per core: the batches are independent, so this scales better than intra-op threads.
        var encoder = new OnnxSentenceEncoder(options.Encoder, new Encoders.EncoderOptions { Threads = 1, BatchSize = 32 });
        var texts = data.Documents.Concat(data.HeldOut).SelectMany(d => d.Texts);
        return PrecomputedEmbeddings.Build(encoder, texts, Environment.ProcessorCount, cachePath, $"{encoder.Encoder}:{encoder.MaxTokens}", log);
    }
}
