namespace Classifier.Cli.Commands;

/// <summary>What <c>filter</c> does with a flagged paragraph.</summary>
public enum FilterMode
{
    /// <summary>Leave it out of the output.</summary>
    Drop,
    /// <summary>Keep it, and list its flags in a "flags" array parallel to "paragraphs".</summary>
    Mark,
}
