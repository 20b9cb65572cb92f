namespace Op25b.Api.Http;

/// <summary>
/// Refuses oversized bodies before anything reads them. Kestrel enforces the same limit on
/// streamed bodies; this answers early, as a problem document, when Content-Length says so.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (http, next) =>
    {
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
