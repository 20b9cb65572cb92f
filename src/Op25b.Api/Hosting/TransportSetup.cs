using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.HttpOverrides;

namespace Op25b.Api.Hosting;

/// <summary>Settings under <c>Transport:</c>.</summary>
public sealed class TransportSettings
{
    public const string Section = "Transport";

    /// <summary>
    /// Addresses of the TLS-terminating proxies whose X-Forwarded-For/-Proto are believed (loopback
    /// always is). Anyone else sending those headers is ignored, so a client cannot claim another
    /// address to slip past the sign-in limits.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Networks of such proxies, in CIDR notation.</summary>
    public string[] KnownNetworks { get; set; } = [];
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>Settings under <c>Metrics:</c>: /metrics may need a bearer key, or answer only on its own port.</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    public string? Key { get; set; }
    /// <summary>When set, /metrics answers only on connections to this local port (add a listen address for it in Urls).</summary>
    public int? Port { get; set; }
}

public static class TransportSetup
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TransportSettings.Section).Get<TransportSettings>() ?? new TransportSettings();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(settings.HstsMaxAgeDays));
        // Every cookie the host sets (sign-in, anti-forgery, language) is Secure when the request came over HTTPS.
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme as the proxy reported them.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseCookiePolicy();
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/ops"), b => b.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                AddSecurityHeaders(http);
                return Task.CompletedTask;
            });
            return next(http);
        }));
        app.UseMetricsGuard(app.Configuration.GetSection(MetricsSettings.Section).Get<MetricsSettings>() ?? new MetricsSettings());
        return app;
    }

    /// <summary>
    /// The API, OpenAPI, health and metrics answers are data, never pages: nothing in them may run
    /// or be framed. Scalar is a page with its own scripts, so it keeps only the framing and sniffing rules.
    /// (The console under /ops sets its own, stricter policy.)
    /// </summary>
    private static void AddSecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar")
            ? "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            : "default-src 'none'; frame-ancestors 'none'";
    }

    private static void UseMetricsGuard(this WebApplication app, MetricsSettings settings)
    {
        if (settings.Key is not { Length: > 0 } && settings.Port is null)
            return;
        var expected = settings.Key is { Length: > 0 } k ? SHA256.HashData(Encoding.UTF8.GetBytes(k)) : null;
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), b => b.Use(async (http, next) =>
        {
            if (settings.Port is { } port && http.Connection.LocalPort != port)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var sent = http.Request.Headers.Authorization.ToString() is var auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
            if (expected is not null && !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), expected))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(http);
        }));
    }
}
