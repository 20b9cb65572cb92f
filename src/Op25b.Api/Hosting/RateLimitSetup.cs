using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Op25b.Api.Http;

namespace Op25b.Api.Hosting;

/// <summary>Settings under <c>RateLimits:</c>; zero or less turns a limit off.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Console sign-in posts per client address per minute: password spraying across accounts.</summary>
    public int LoginPerAddressPerMinute { get; set; } = 20;
    /// <summary>Submission probes per caller per minute: each opens two outbound connections.</summary>
    public int ProbePerCallerPerMinute { get; set; } = 10;
    /// <summary>Probes running at once on this host, whoever asks.</summary>
    public int ProbeConcurrency { get; set; } = 4;
    /// <summary>API requests per key per minute (100 a second): stops a runaway client, not bulk provisioning.</summary>
    public int ApiPerKeyPerMinute { get; set; } = 6000;
}

/// <summary>
/// ASP.NET Core's rate limiter in front of the endpoints, after authentication so that API calls
/// are counted per key. A refusal is a 429 problem document with <c>Retry-After</c>.
/// </summary>
public static class RateLimitSetup
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAdminRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => PerCaller(http, settings)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsProbe(http) && settings.ProbeConcurrency > 0
                    ? RateLimitPartition.GetConcurrencyLimiter("probe", _ => new ConcurrencyLimiterOptions { PermitLimit = settings.ProbeConcurrency })
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"The rate limit for this kind of request is reached; retry after {retryAfter} s.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext http, RateLimitSettings settings)
    {
        var (kind, limit) = http.Request switch
        {
            { Method: "POST" } r when r.Path.StartsWithSegments("/ops/login") => ("login", settings.LoginPerAddressPerMinute),
            _ when IsProbe(http) => ("probe", settings.ProbePerCallerPerMinute),
            var r when r.Path.StartsWithSegments("/" + ApiSetup.RoutePrefix) => ("api", settings.ApiPerKeyPerMinute),
            _ => ("", 0),
        };
        if (limit <= 0)
            return RateLimitPartition.GetNoLimiter("");
        // Sign-in is counted per address whoever claims to be signing in; everything else per key.
        var caller = kind != "login" && http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : $"ip:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter($"{kind}:{caller}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit, Window = Minute, QueueLimit = 0,
        });
    }

    /// <summary>The API's probe and the console's probe button.</summary>
    private static bool IsProbe(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && (http.Request.Path.StartsWithSegments($"/{ApiSetup.RoutePrefix}/impact-check/probe")
            || (http.Request.Path.StartsWithSegments("/ops/impact") && string.Equals(http.Request.Query["handler"], "Probe", StringComparison.OrdinalIgnoreCase)));
}
