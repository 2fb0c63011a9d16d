using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Classifier.Cli.Service;

/// <summary>Every error the service gives is <c>{"error": "..."}</c> with its status, so clients need one parser.</summary>
public static class ErrorResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
            return; // too late to change the status; the connection is reset instead
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, ServiceJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
