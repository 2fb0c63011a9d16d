using Classifier.Core.Features;

namespace Classifier.Training.Embeddings;

/// <summary>
/// The full encoder's vectors for every distinct paragraph of a training run, computed once up front. Featurization
/// asks document by document, a few paragraphs at a time, and the same paragraph comes back in many spliced
/// documents; encoding all distinct texts at once, in long batches of like lengths on every core, is what makes
/// training on the full encoder affordable. An optional cache file keeps the vectors between runs (a held-out run
/// reads the same texts as the full one). A text not seen up front goes to the encoder.
/// </summary>
internal sealed class PrecomputedEmbeddings : IParagraphEmbedder
{
    private const int Chunk = 512;
    private readonly IParagraphEmbedder _encoder;
    private readonly Dictionary<string, float[]> _vectors;

    public string Encoder => _encoder.Encoder;
    public bool IsStatic => false;
    public int Dimensions => _encoder.Dimensions;

    private PrecomputedEmbeddings(IParagraphEmbedder encoder, Dictionary<string, float[]> vectors)
    {
        _encoder = encoder;
        _vectors = vectors;
    }

    /// <param name="cachePath">A cache file for this encoder and its settings (<paramref name="cacheKey"/>), or null.</param>
    public static PrecomputedEmbeddings Build(IParagraphEmbedder encoder, IEnumerable<string> texts, int threads, string? cachePath, string cacheKey, Action<string> log)
    {
        var vectors = cachePath is not null && File.Exists(cachePath) ? ReadCache(cachePath, cacheKey, encoder.Dimensions) : new Dictionary<string, float[]>(StringComparer.Ordinal);
        int cached = vectors.Count;
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !vectors.ContainsKey(t)).OrderBy(t => t.Length).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int done = 0;
        var chunks = Enumerable.Range(0, (missing.Length + Chunk - 1) / Chunk).ToArray();
        var results = new float[chunks.Length][];
        Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            var texts = new ArraySegment<string>(missing, c * Chunk, Math.Min(Chunk, missing.Length - c * Chunk));
            var rows = new float[texts.Count * encoder.Dimensions];
            encoder.Embed(texts, rows, encoder.Dimensions);
            results[c] = rows;
            int now = Interlocked.Add(ref done, texts.Count);
            if (now / 20_000 != (now - texts.Count) / 20_000)
                log($"Encoded {now:N0} of {missing.Length:N0} paragraphs ({clock.Elapsed.TotalSeconds:F0} s).");
        });
        for (int c = 0; c < chunks.Length; c++)
            for (int i = 0; i < Math.Min(Chunk, missing.Length - c * Chunk); i++)
                vectors[missing[c * Chunk + i]] = results[c].AsSpan(i * encoder.Dimensions, encoder.Dimensions).ToArray();
        log($"{encoder.Encoder}: {missing.Length:N0} paragraphs encoded in {clock.Elapsed.TotalSeconds:F0} s "
            + $"({(missing.Length == 0 ? 0 : missing.Length / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)):F0}/s on {threads} threads), {cached:N0} from the cache.");
        if (cachePath is not null && missing.Length > 0)
            WriteCache(cachePath, cacheKey, vectors);
        return new PrecomputedEmbeddings(encoder, vectors);
    }

    public void Embed(IReadOnlyList<string> paragraphs, Span<float> vectors, int stride)
    {
        for (int i = 0; i < paragraphs.Count; i++)
        {
            var row = vectors.Slice(i * stride, Dimensions);
            if (_vectors.TryGetValue(paragraphs[i], out var known))
                known.CopyTo(row);
            else
                _encoder.Embed([paragraphs[i]], row, Dimensions);
        }
    }

    private static Dictionary<string, float[]> ReadCache(string path, string key, int dimensions)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (reader.ReadString() != key || reader.ReadInt32() != dimensions)
            return vectors;   // another encoder or settings: start afresh
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string text = reader.ReadString();
            var vector = new float[dimensions];
            reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            vectors[text] = vector;
        }
        return vectors;
    }

    private static void WriteCache(string path, string key, Dictionary<string, float[]> vectors)
    {
        string temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(key);
            writer.Write(vectors.Values.First().Length);
            writer.Write(vectors.Count);
            foreach (var (text, vector) in vectors)
            {
                writer.Write(text);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
