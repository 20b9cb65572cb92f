using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Hosting;

/// <summary>The host with small limits, so a test can cross each one.</summary>
public sealed class ThrottledApiFactory() : AdminApiFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:ApiPerKeyPerMinute", "3");
        builder.UseSetting("RateLimits:ProbePerCallerPerMinute", "2");
        builder.UseSetting("RateLimits:LoginPerAddressPerMinute", "4");
    }
}

/// <summary>Each configured rate, crossed: a 429 problem with Retry-After, and other callers unaffected.</summary>
public sealed class RateLimitTests(ThrottledApiFactory api) : IClassFixture<ThrottledApiFactory>
{
    private static async Task ExpectThrottledAsync(HttpResponseMessage response)
    {
        await response.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
    }

    [Fact]
    public async Task An_api_key_past_its_rate_gets_429_with_retry_after_while_another_key_goes_on()
    {
        var busy = await api.ClientWithRolesAsync("crm-busy", Roles.Provisioning);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/products")).StatusCode);
        await ExpectThrottledAsync(await busy.GetAsync("/api/v1/products"));

        var other = await api.ClientWithRolesAsync("crm-other", Roles.Provisioning);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/products")).StatusCode);
    }

    [Fact]
    public async Task The_probe_past_its_rate_per_key_gets_429()
    {
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        // Refused targets: no connection leaves the host, yet each try counts.
        for (var i = 0; i < 2; i++)
            await (await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "10.0.0.25" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "host");
        await ExpectThrottledAsync(await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "10.0.0.25" }));
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_past_the_rate_get_429_whatever_the_name()
    {
        var client = ConsoleCookies.Client(api);
        var (cookie, token) = await ConsoleCookies.FormTokenAsync(client, "/ops/login", null);
        for (var i = 0; i < 4; i++)
        {
            var answer = await ConsoleCookies.PostFormAsync(client, "/ops/login", cookie, token, new() { ["Name"] = $"guess{i}", ["Password"] = "x" });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        await ExpectThrottledAsync(await ConsoleCookies.PostFormAsync(client, "/ops/login", cookie, token, new() { ["Name"] = "guess5", ["Password"] = "x" }));
    }
}
