using System.Net;
using System.Text.Json.Nodes;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Hosting;

/// <summary>What an operator reaches besides the API: health, metrics, OpenAPI, Scalar, the console and the job dashboard.</summary>
public sealed class HostSurfaceTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Health_reports_live_and_ready_with_migrations_applied()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("migrations applied", ready.ToJsonString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_key_scheme_and_the_endpoints()
    {
        var doc = await (await api.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        var apiKey = schemes.Single().Value!;
        Assert.Equal("apiKey", apiKey["type"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", apiKey["name"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/exemptions/{id}/approve", paths);
        Assert.Contains("/api/v1/subscribers/{externalId}", paths);
        var request = doc["paths"]!["/api/v1/exemptions"]!["post"]!;
        Assert.False(string.IsNullOrEmpty(request["summary"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Scalar_is_served_and_the_console_sends_strangers_to_its_login_page()
    {
        var client = api.CreateClient();
        var scalar = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync());
        var ops = await client.GetAsync("/ops");
        Assert.Equal(HttpStatusCode.OK, ops.StatusCode);
        Assert.Equal("/ops/login", ops.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("OP25B", await ops.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_job_dashboard_is_never_anonymous_and_an_api_key_does_not_open_it()
    {
        var anonymous = api.CreateClient(new() { AllowAutoRedirect = false });
        var stranger = await anonymous.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/ops/login", stranger.Headers.Location!.PathAndQuery);
        // The dashboard belongs to the console sign-in now (see Console/ConsoleSignInTests for an admin opening it).
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var withKey = await admin.GetAsync("/ops/jobs/recurring");
        Assert.Equal("/ops/login", withKey.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("exemption-windows", await withKey.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_expose_request_rates_and_latencies_without_secrets()
    {
        var key = await api.IssueKeyAsync("metrics-probe", Roles.Auditor);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await client.GetAsync("/api/v1/audit/verify");
        var text = await (await api.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("http_request_duration_seconds", text);
        Assert.Contains("/api/v1/audit/verify", text);
        Assert.DoesNotContain(key.Split('_', 3)[2], text);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/subscribers");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(id, problem["traceId"]!.GetValue<string>());
    }
}
