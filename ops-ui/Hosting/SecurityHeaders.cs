using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Op25b.OpsUi.Hosting;

/// <summary>Security headers for everything under /ops.</summary>
public static class SecurityHeaders
{
    public const string JobsPath = "/ops/jobs";

    /// <summary>
    /// The console has no inline script or style at all (chart data travels in data attributes,
    /// styles in a stylesheet), so only same-origin files may run: an injected &lt;script&gt; or
    /// style="" is dead on arrival.
    /// </summary>
    public const string ConsolePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// Hangfire's dashboard writes inline &lt;script&gt; blocks and style attributes into its own pages,
    /// which we cannot change; the strict policy would break it. It gets inline allowances, and
    /// only it: it is admin-only behind the same cookie, and keeps frame-ancestors 'none'.
    /// </summary>
    public const string JobsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/ops"), branch => branch.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(JobsPath) ? JobsPolicy : ConsolePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        }));
}
