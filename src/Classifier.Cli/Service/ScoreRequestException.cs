namespace Classifier.Cli.Service;

/// <summary>A request body that is valid JSON but not a shape the service accepts: answered with 400.</summary>
public sealed class ScoreRequestException(string message) : Exception(message);
