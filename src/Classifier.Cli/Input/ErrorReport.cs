using System.Text.Json;

namespace Classifier.Cli.Input;

/// <summary>
/// Where bad input records go under <c>--on-error skip</c>: one JSON line each, <c>{"file", "line", "error"}</c>,
/// to a file or standard error, so an ingestion pipeline keeps going and loses nothing silently.
/// </summary>
public sealed class ErrorReport : IDisposable
{
    private static readonly JsonSerializerOptions Json = Classifier.Core.WireJson.Options;
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;

    public ErrorReport(string? path)
    {
        _ownsWriter = path is not null;
        _writer = path is null ? Console.Error : new StreamWriter(path);
    }

    public int Count { get; private set; }

    public void Add(InputFormatException error)
    {
        Count++;
        _writer.WriteLine(JsonSerializer.Serialize(new { file = error.File, line = error.Line, error = error.Reason }, Json));
    }

    public void Dispose()
    {
        _writer.Flush();
        if (_ownsWriter)
            _writer.Dispose();
    }
}
