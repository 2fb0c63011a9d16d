using Spectre.Console;

namespace Classifier.Cli.Output;

/// <summary>
/// Progress of a long run on standard error: a live Spectre.Console status line when standard error is a
/// terminal, plain lines (or silence) when it is piped or redirected, so logs and pipelines stay clean.
/// </summary>
public static class TerminalProgress
{
    public static bool IsInteractive => !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    public static void Run(string title, bool echoWhenPiped, Action<Action<string>> work) =>
        Run(title, echoWhenPiped, report => { work(report); return 0; });

    /// <summary>Runs <paramref name="work"/>, giving it a reporter of status messages.</summary>
    /// <param name="echoWhenPiped">Whether messages are written as plain lines when not on a terminal.</param>
    public static T Run<T>(string title, bool echoWhenPiped, Func<Action<string>, T> work)
    {
        if (!IsInteractive)
            return work(echoWhenPiped ? Console.Error.WriteLine : _ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Spinner(Spinner.Known.Dots).Start(title, context => work(message =>
        {
            if (echoWhenPiped)
                console.MarkupLine(Markup.Escape(message));
            context.Status(Markup.Escape(message));
        }));
    }
}
