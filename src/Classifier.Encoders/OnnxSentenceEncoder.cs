using System.Buffers;
using System.Numerics.Tensors;
using Classifier.Core.Features;
using Classifier.Core.Text;
using Microsoft.ML.OnnxRuntime;

namespace Classifier.Encoders;

/// <summary>
/// The accurate path of <see cref="IParagraphEmbedder"/>: each paragraph through the full sentence encoder, pooled as the
/// encoder was trained (<see cref="EncoderResources.Pooling"/>) and scaled to unit length. The ONNX model is run directly
/// on ids from Core's <see cref="WordPieceTokenizer"/> rather than through the packages' own Encode: their tokenizer makes
/// [UNK] of every accented letter ("café" is "caf [UNK]") and of the word after a tab, so the vectors would not be those
/// of the text the rest of the classifier sees; it also cuts both encoders at 512 pieces, leaving [SEP] off a cut text. Paragraphs are sorted by length within a call and run in batches of like lengths, so that little
/// of a batch is padding. Thread-safe: every buffer belongs to one call (rented from the shared array pools), and
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// may be called from many threads at once.
/// </summary>
public sealed class OnnxSentenceEncoder : IParagraphEmbedder, IDisposable
{
    /// <summary>The position table of both models ends here: a longer input fails inside the model.</summary>
    public const int PositionLimit = 512;

    /// <summary>A batch may run at most this many times its real tokens: past it, padding costs more than a run's fixed
    /// overhead saves (measured by scripts/probe-encoder: on one document's paragraphs, a title padded to the length of
    /// the body paragraphs beside it, batches of 32 ran 40% slower than one paragraph at a time).</summary>
    private const double MaxPadding = 1.2;

    private const string IdsInput = "input_ids", MaskInput = "attention_mask", TypesInput = "token_type_ids";
    private const string HiddenStateOutput = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly EncoderPooling _pooling;
    private readonly int _cls, _sep, _pad;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private bool _disposed;

    public string Encoder { get; }
    public bool IsStatic => false;
    public int Dimensions { get; }

    /// <summary>Pieces kept per paragraph, [CLS] and [SEP] included.</summary>
    public int MaxTokens { get; }

    public int BatchSize { get; }

    /// <param name="encoder">One of <see cref="EncoderResources.Names"/>, in any case.</param>
    /// <param name="options">Length, batch and threads; the defaults where null.</param>
    public OnnxSentenceEncoder(string encoder, EncoderOptions? options = null)
    {
        options ??= new EncoderOptions();
        Encoder = EncoderResources.Canonical(encoder);
        MaxTokens = options.MaxTokens ?? EncoderResources.MaxTokens(Encoder);
        if (MaxTokens is < 3 or > PositionLimit)
            throw new ArgumentOutOfRangeException(nameof(options), MaxTokens, $"MaxTokens must be 3 to {PositionLimit} ([CLS], at least one piece, [SEP]).");
        BatchSize = options.BatchSize >= 1 ? options.BatchSize
            : throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1.");
        if (options.Threads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1.");

        var vocabulary = EncoderResources.Vocabulary(Encoder);
        _tokenizer = new WordPieceTokenizer(vocabulary);
        _cls = Array.IndexOf(vocabulary, "[CLS]");
        _sep = Array.IndexOf(vocabulary, "[SEP]");
        _pad = Math.Max(0, Array.IndexOf(vocabulary, "[PAD]"));
        if (_cls < 0 || _sep < 0)
            throw new InvalidOperationException($"The {Encoder} vocabulary lacks [CLS] or [SEP].");
        _pooling = EncoderResources.Pooling(Encoder);

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(EncoderResources.Model(Encoder), sessionOptions);
        try
        {
            _inputNames = InputNames(_session);
            (_outputNames, Dimensions) = HiddenStates(_session);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        if (Dimensions != EncoderResources.Dimensions(Encoder))
            throw new InvalidOperationException($"The {Encoder} model gives {Dimensions} dimensions, not {EncoderResources.Dimensions(Encoder)}.");
    }

    /// <inheritdoc/>
    public void Embed(IReadOnlyList<string> paragraphs, Span<float> vectors, int stride)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = paragraphs.Count;
        if (n == 0)
            return;
        if (stride < Dimensions)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must be at least {Dimensions}.");
        if (vectors.Length < (long)(n - 1) * stride + Dimensions)
            throw new ArgumentException($"{n} rows of stride {stride} need {(long)(n - 1) * stride + Dimensions} floats; got {vectors.Length}.", nameof(vectors));

        using var pieces = new PieceBuffer(n, MaxTokens - 2);
        int nonEmpty = 0;
        for (int i = 0; i < n; i++)
        {
            if (pieces.Add(i, paragraphs[i], _tokenizer) == 0)
                vectors.Slice(i * stride, Dimensions).Clear();   // no text: the zero row the interface promises
            else
                pieces.Order[nonEmpty++] = i;
        }
        var order = pieces.Order.AsSpan(0, nonEmpty);
        order.Sort(pieces.CompareByLength);
        for (int start = 0, end; start < nonEmpty; start = end)
        {
            // Shortest first: a batch grows while padding to its newest (longest) member wastes little.
            long tokens = pieces.Length(order[start]) + 2;
            for (end = start + 1; end < nonEmpty && end - start < BatchSize; end++)
            {
                int next = pieces.Length(order[end]) + 2;
                if ((end - start + 1) * (long)next > MaxPadding * (tokens + next))
                    break;
                tokens += next;
            }
            RunBatch(pieces, order[start..end], vectors, stride);
        }
    }

    /// <summary>Encodes one batch of paragraphs, each as <c>[CLS] pieces [SEP]</c> padded to the batch's longest.</summary>
    private void RunBatch(PieceBuffer pieces, ReadOnlySpan<int> batch, Span<float> vectors, int stride)
    {
        int rows = batch.Length, length = 0;
        foreach (int i in batch)
            length = Math.Max(length, pieces.Length(i) + 2);
        int size = rows * length;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            ids.AsSpan(0, size).Fill(_pad);
            mask.AsSpan(0, size).Clear();
            types.AsSpan(0, size).Clear();
            for (int r = 0; r < rows; r++)
            {
                var row = ids.AsSpan(r * length, length);
                var own = pieces.Of(batch[r]);
                row[0] = _cls;
                for (int t = 0; t < own.Length; t++)
                    row[t + 1] = own[t];
                row[own.Length + 1] = _sep;
                mask.AsSpan(r * length, own.Length + 2).Fill(1);
            }

            long[] shape = [rows, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            var inputs = new OrtValue[_inputNames.Length];
            for (int k = 0; k < inputs.Length; k++)
                inputs[k] = _inputNames[k] switch { IdsInput => idsValue, MaskInput => maskValue, _ => typesValue };

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();   // [rows, length, Dimensions]
            if (hidden.Length != size * Dimensions)
                throw new InvalidOperationException($"The {Encoder} model returned {hidden.Length} floats for {rows}x{length} tokens.");
            for (int r = 0; r < rows; r++)
                Pool(hidden.Slice(r * length * Dimensions, length * Dimensions), pieces.Length(batch[r]) + 2,
                    vectors.Slice(batch[r] * stride, Dimensions));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    /// <summary>One paragraph's vector from its hidden states (its first <paramref name="tokens"/> rows are real, the rest
    /// padding), scaled to unit length as sentence-transformers' Normalize does (the norm floored at 1e-12).</summary>
    private void Pool(ReadOnlySpan<float> hidden, int tokens, Span<float> vector)
    {
        int d = Dimensions;
        hidden[..d].CopyTo(vector);   // [CLS]: the whole of CLS pooling, and the first term of the mean
        if (_pooling == EncoderPooling.Mean)
        {
            for (int t = 1; t < tokens; t++)
                TensorPrimitives.Add(vector, hidden.Slice(t * d, d), vector);
            TensorPrimitives.Divide(vector, tokens, vector);
        }
        float norm = TensorPrimitives.Norm((ReadOnlySpan<float>)vector);
        TensorPrimitives.Divide(vector, MathF.Max(norm, 1e-12f), vector);
    }

    /// <summary>The model's inputs, checked: token ids and attention mask are required, segment ids are fed where the
    /// model takes them; all int64 as BERT exports have them.</summary>
    private static string[] InputNames(InferenceSession session)
    {
        var names = session.InputMetadata.Keys.ToArray();
        foreach (string name in names)
        {
            if (name is not (IdsInput or MaskInput or TypesInput))
                throw new InvalidOperationException($"The model has an input '{name}' that a BERT encoder does not; inputs: {string.Join(", ", names)}.");
            if (session.InputMetadata[name].ElementType != typeof(long))
                throw new InvalidOperationException($"The model's input '{name}' is {session.InputMetadata[name].ElementType.Name}, not Int64.");
        }
        if (!names.Contains(IdsInput) || !names.Contains(MaskInput))
            throw new InvalidOperationException($"The model lacks {IdsInput} or {MaskInput}; inputs: {string.Join(", ", names)}.");
        return names;
    }

    /// <summary>The per-token hidden states, [batch, sequence, width]: "last_hidden_state" where the model names it,
    /// else its first output of rank 3. (MiniLM's export also has the pooler's tanh output, which sentence-transformers
    /// does not use.)</summary>
    private static (string[] Names, int Width) HiddenStates(InferenceSession session)
    {
        var outputs = session.OutputMetadata;
        string? name = outputs.ContainsKey(HiddenStateOutput) ? HiddenStateOutput
            : outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key;
        if (name is null || outputs[name].Dimensions is not [_, _, > 0 and var width] || outputs[name].ElementType != typeof(float))
            throw new InvalidOperationException($"The model has no float output of shape [batch, sequence, width]; outputs: {string.Join(", ", outputs.Keys)}.");
        return ([name], width);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _session.Dispose();
    }

    /// <summary>The piece ids of one call's paragraphs, back to back in one pooled buffer that grows as needed: what a
    /// call holds is its text's pieces, not paragraphs times the longest length.</summary>
    private sealed class PieceBuffer : IDisposable
    {
        private readonly int _cap;
        private int[] _ids;
        private int _used;
        private readonly int[] _starts;
        private readonly int[] _lengths;

        /// <summary>Room for the indices of the paragraphs that have pieces, to be sorted.</summary>
        public int[] Order { get; }

        public PieceBuffer(int paragraphs, int cap)
        {
            _cap = cap;
            _ids = ArrayPool<int>.Shared.Rent(Math.Max(cap, paragraphs * 64));
            _starts = ArrayPool<int>.Shared.Rent(paragraphs);
            _lengths = ArrayPool<int>.Shared.Rent(paragraphs);
            Order = ArrayPool<int>.Shared.Rent(paragraphs);
        }

        /// <summary>Tokenises paragraph <paramref name="i"/> into at most the cap of pieces; returns how many.</summary>
        public int Add(int i, string? text, WordPieceTokenizer tokenizer)
        {
            if (_ids.Length - _used < _cap)
            {
                var grown = ArrayPool<int>.Shared.Rent(Math.Max(_ids.Length * 2, _used + _cap));
                _ids.AsSpan(0, _used).CopyTo(grown);
                ArrayPool<int>.Shared.Return(_ids);
                _ids = grown;
            }
            int count = string.IsNullOrEmpty(text) ? 0 : tokenizer.Tokenize(text, _ids.AsSpan(_used, _cap));
            _starts[i] = _used;
            _lengths[i] = count;
            _used += count;
            return count;
        }

        public int Length(int i) => _lengths[i];

        public ReadOnlySpan<int> Of(int i) => _ids.AsSpan(_starts[i], _lengths[i]);

        /// <summary>Shorter first; ties by position, so that the same paragraphs always batch the same way.</summary>
        public int CompareByLength(int a, int b)
        {
            int byLength = _lengths[a].CompareTo(_lengths[b]);
            return byLength != 0 ? byLength : a.CompareTo(b);
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_ids);
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_lengths);
            ArrayPool<int>.Shared.Return(Order);
        }
    }
}
