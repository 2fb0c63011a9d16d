using System.CommandLine;
using Classifier.Training.Pipeline;

namespace Classifier.Cli.Commands;

/// <summary><c>recipe [MODEL]</c>: prints the recipe a model was trained with, as JSON that <c>train --recipe</c> reads.</summary>
public static class RecipeCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("model") { Description = "The model (default: the shipped one).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("recipe", "Print the training recipe a model records, as JSON for train --recipe.") { model };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(model);
            Console.Out.WriteLine(Recipes.ToJson(Recipes.FromModel(ModelLocator.Load(path), path ?? ModelLocator.DefaultPath)));
            return 0;
        });
        return command;
    }
}
