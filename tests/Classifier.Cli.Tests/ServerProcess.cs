using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Classifier.Cli.Tests;

/// <summary>
/// The real program running <c>serve</c> on a free loopback port, as a separate process. Disposing kills
/// its process tree, so a failed test never leaves a server behind.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Port { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    public ServerProcess(params string[] extraArgs)
    {
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _process = Start(["serve", "--urls", BaseAddress.ToString().TrimEnd('/'), .. extraArgs]);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        WaitUntilHealthy();
    }

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public Process Process => _process;

    /// <summary>Asks the server to stop as a service manager would (SIGTERM) and returns its exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        Assert.Equal(0, kill(_process.Id, 15));
        Assert.True(_process.WaitForExit(timeout), $"server did not stop within {timeout.TotalSeconds} s after SIGTERM\n{Output}");
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException) { } // already gone
        _process.Dispose();
    }

    /// <summary>A port nobody listens on right now: the OS picks one for a listener we close at once.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Process Start(IEnumerable<string> args)
    {
        Assert.True(File.Exists(CliRunner.ProgramPath), $"classifier.dll not found at {CliRunner.ProgramPath}");
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(CliRunner.ProgramPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        // Read both pipes continuously: a server that fills an unread pipe blocks on its next log line.
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private void WaitUntilHealthy()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"serve exited with {_process.ExitCode} before it was healthy\n{Output}");
            }
            try
            {
                if (probe.GetAsync("healthz").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        Dispose();
        throw new TimeoutException($"serve was not healthy within {StartTimeout.TotalSeconds} s\n{Output}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
