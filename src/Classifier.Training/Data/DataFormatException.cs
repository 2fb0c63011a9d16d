namespace Classifier.Training.Data;

/// <summary>Bad training data, located to the file and line so it can be fixed.</summary>
internal sealed class DataFormatException(string file, long line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
}
