using System.Diagnostics;
using System.Text;

namespace Classifier.Cli.Tests;

/// <summary>The outcome of one run of the classifier program.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs the real <c>classifier.dll</c> (copied next to the test assembly) as a separate process.</summary>
public static class CliRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string ProgramPath { get; } = Path.Combine(AppContext.BaseDirectory, "classifier.dll");

    public static string DefaultModelPath { get; } = Path.Combine(AppContext.BaseDirectory, "models", "default.lqcm");

    /// <summary>The dotnet host: the one running the tests when the SDK tells us, else the one on PATH.</summary>
    private static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The repository root: the folder above the test binaries that holds Classifier.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static CliResult Run(params string[] args) => Run(args, stdin: null, workingDirectory: null);

    public static CliResult Run(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null)
    {
        Assert.True(File.Exists(ProgramPath), $"classifier.dll not found at {ProgramPath}");
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
                process.StandardInput.Write(stdin);
            process.StandardInput.Close(); // never leave the program waiting on an open stdin
        }
        catch (IOException)
        {
            // the program exited without reading all of stdin (e.g. it failed early): fine
        }
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"classifier {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Classifier.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no Classifier.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A temporary directory, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("classifier-cli-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a file in the directory and returns its full path.</summary>
    public string Write(string name, string content)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
