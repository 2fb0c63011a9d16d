using Classifier.Core.Text;

namespace Classifier.Cli.Input;

/// <summary>A document read from input, with where it came from for error messages and reports.</summary>
public sealed record InputDocument(Document Document, string File, long Line);
