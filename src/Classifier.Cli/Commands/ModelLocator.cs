using Classifier.Core.Model;

namespace Classifier.Cli.Commands;

/// <summary>Finds the model to use: the one given, or the default shipped beside the program.</summary>
public static class ModelLocator
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", "default.lqcm");

    public static ClassifierModel Load(string? path)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
            throw new FileNotFoundException(path == DefaultPath
                ? $"The default model is missing at '{path}'. Train one (see README) or pass --model."
                : $"Model '{path}' does not exist.");
        return ModelFile.Load(path);
    }
}
