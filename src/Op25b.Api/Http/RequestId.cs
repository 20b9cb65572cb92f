using System.Text.RegularExpressions;

namespace Op25b.Api.Http;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's own id when it sent a sane one (so a
/// CRM can correlate its retries), otherwise a fresh one. The same id lands in the audit trail.
/// </summary>
public static partial class RequestId
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var incoming = http.Request.Headers[Header].ToString();
        http.TraceIdentifier = SaneId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        });
        await next(http);
    });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SaneId();
}
