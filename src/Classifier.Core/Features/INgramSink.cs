namespace Classifier.Core.Features;

/// <summary>
/// Receives the hashed n-gram indices of one paragraph, block by block (words, then characters). A
/// struct implementation is specialised by the JIT, so the featurizer's loops call it without dispatch.
/// </summary>
internal interface INgramSink
{
    /// <summary>Called before a block's indices; <paramref name="maxCount"/> bounds how many will come.</summary>
    void BeginBlock(int maxCount);

    void Add(int index);

    /// <summary>Eight indices at once. A block is a multiset: sinks must not depend on the order indices come in.</summary>
    void Add(System.Runtime.Intrinsics.Vector256<int> indices);

    void EndBlock();
}
