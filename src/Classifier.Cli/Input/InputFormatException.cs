namespace Classifier.Cli.Input;

/// <summary>Input that cannot be scored, located to its file and line.</summary>
public sealed class InputFormatException(string file, long line, string message) : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; } = message;
}
