namespace Op25b.Api.Http;

/// <summary>
/// Refuses oversized bodies before anything reads them. Kestrel enforces the same limit on
/// streamed bodies; this answers early, as a problem document, when Content-Length says so.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>Streamed ingest reads its body line by line and never holds it whole: it gets its own, far larger limit.</summary>
    public const string StreamedIngestPath = "/api/v1/attempts/batch";

    /// <summary>Export verification hashes the uploaded file as it streams in: the same large limit.</summary>
    public const string StreamedVerifyPath = "/api/v1/exports/verify";

    /// <summary>The console's verify page sets its own, smaller limit on the page (it buffers the upload to a temporary file).</summary>
    public const string ConsoleVerifyPath = "/ops/exports/verify";

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long defaultMaxBytes, long streamedMaxBytes) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        var streamed = path.StartsWithSegments(StreamedIngestPath) || path.StartsWithSegments(StreamedVerifyPath) || path.StartsWithSegments(ConsoleVerifyPath);
        var maxBytes = streamed ? streamedMaxBytes : defaultMaxBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            await Problems.Write(http, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body is {http.Request.ContentLength} bytes; the limit is {maxBytes} bytes.", "body");
            return;
        }
        var feature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = maxBytes;
        await next(http);
    });
}
