using System.Globalization;
using System.Text.Json;

namespace Op25b.Api.Http;

/// <summary>
/// 503 with Retry-After: the database cannot answer now (lost connection, restart, busy file).
/// Not the client's fault and not a bug, so neither a 4xx nor a 500: the same request succeeds later.
/// </summary>
public static class UnavailableProblem
{
    /// <summary>A PostgreSQL restart or fail-over takes seconds; a sooner retry mostly finds it still down.</summary>
    public const int RetryAfterSeconds = 5;

    public static Task Write(HttpContext http, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var document = Problems.Document(http, StatusCodes.Status503ServiceUnavailable, "Database unavailable", detail, null);
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
            document[name] = value;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = Problems.ContentType;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return http.Response.WriteAsync(JsonSerializer.Serialize(document));
    }
}
