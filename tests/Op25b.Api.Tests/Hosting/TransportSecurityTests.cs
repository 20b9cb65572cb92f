using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Console;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Hosting;

/// <summary>The host on Kestrel as it runs behind a TLS-terminating proxy on the same machine, with /metrics behind a key.</summary>
public sealed class ProxiedHost : ConsoleHost
{
    public const string MetricsKey = "metrics-key-for-the-scraper";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Key", MetricsKey);
    }
}

/// <summary>HSTS, Secure cookies behind a proxy, security headers outside the console, and the metrics key.</summary>
public sealed class TransportSecurityTests(ProxiedHost host) : IClassFixture<ProxiedHost>
{
    /// <summary>What the proxy adds to every request it forwards from an HTTPS client.</summary>
    private HttpClient ThroughProxy()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Host = "admin.example.jp";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        return client;
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [Fact]
    public async Task Behind_the_proxy_over_https_every_cookie_is_secure_and_hsts_is_sent()
    {
        var user = $"desk-{Guid.NewGuid().ToString("N")[..6]}";
        await host.WithScopeAsync(sp => sp.GetRequiredService<ConsoleUserRegistry>()
            .CreateAsync(user, [Roles.AbuseDesk], ConsoleHost.Password, AuditActor.System, CancellationToken.None));
        var client = ThroughProxy();

        var login = await client.GetAsync("/ops/login");
        Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = Assert.Single(SetCookies(login), c => c.StartsWith("op25b.console.af="));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var (cookie, token) = await ConsoleCookies.FormTokenAsync(client, "/ops/login", null);
        var signedIn = await ConsoleCookies.PostFormAsync(client, "/ops/login", cookie, token, new() { ["Name"] = user, ["Password"] = ConsoleHost.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(SetCookies(signedIn), c => c.StartsWith("op25b.console="));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);

        var language = await ConsoleCookies.PostFormAsync(client, "/ops/culture", cookie, token, new() { ["culture"] = "en" });
        Assert.All(SetCookies(language), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(SetCookies(language));

        // The session records the client's address as the proxy reported it, not the proxy's.
        await host.WithDbAsync(async db => Assert.Contains(db.ConsoleSessions.Where(s => s.User!.Name == user), s => s.ClientAddress == "198.51.100.23"));
    }

    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    [InlineData("/health/live")]
    [InlineData("/metrics")]
    public async Task Answers_outside_the_console_forbid_sniffing_and_framing(string path)
    {
        var response = await ThroughProxy().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Metrics_answer_only_with_the_configured_key()
    {
        var client = ThroughProxy();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ProxiedHost.MetricsKey);
        var scraped = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("http_requests", await scraped.Content.ReadAsStringAsync());
    }
}
