using System.CommandLine;
using Classifier.Cli.Commands;
using Classifier.Cli.Input;
using Classifier.Training.Data;

var root = new RootCommand("Low-quality content classifier: scores paragraphs for spam, off-topic insertions, conspiracy content and templated filler.")
{
    ScoreCommand.Create(),
    TrainCommand.Create(),
    RecipeCommand.Create(),
    PromoteCommand.Create(),
    EvalCommand.Create(),
    CalibrateCommand.Create(),
    ReviewCommand.Create(),
    ServeCommand.Create(),
    FilterCommand.Create(),
};

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or InputFormatException or DataFormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
