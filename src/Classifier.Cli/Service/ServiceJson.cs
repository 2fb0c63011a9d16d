using System.Text.Encodings.Web;
using System.Text.Json;

namespace Classifier.Cli.Service;

/// <summary>Writer options for every response body.</summary>
public static class ServiceJson
{
    /// <summary>Relaxed escaping: responses are application/json, never inlined in HTML, so text stays readable.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
