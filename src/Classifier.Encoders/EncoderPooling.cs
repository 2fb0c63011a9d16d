namespace Classifier.Encoders;

/// <summary>How an encoder turns its per-token hidden states into one sentence vector: each model was trained with one
/// and its vectors only mean something pooled that way.</summary>
public enum EncoderPooling
{
    /// <summary>The average of the hidden states of the real tokens ([CLS] and [SEP] included, padding not), as
    /// sentence-transformers' all-MiniLM-L6-v2 does.</summary>
    Mean,

    /// <summary>The hidden state of the leading [CLS] token, as snowflake-arctic-embed-xs does.</summary>
    Cls,
}
