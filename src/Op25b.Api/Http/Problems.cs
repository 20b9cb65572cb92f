using System.Text.Json;

namespace Op25b.Api.Http;

/// <summary>Writes RFC 9457 problem documents in the same shape FastEndpoints uses for validation errors.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task Write(HttpContext http, int status, string title, string detail, string? field = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(Document(http, status, title, detail, field)));
    }

    public static Dictionary<string, object?> Document(HttpContext http, int status, string title, string detail, string? field)
    {
        var doc = new Dictionary<string, object?>
        {
            ["type"] = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = http.Request.Path.Value,
            ["traceId"] = http.TraceIdentifier,
        };
        if (field is not null)
            doc["errors"] = new[] { new { name = field, reason = detail } };
        return doc;
    }
}
