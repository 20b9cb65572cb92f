using System.Net;
using System.Text;
using FastEndpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Auth;

/// <summary>
/// Enumerates every API endpoint the host maps (so a new endpoint is covered without touching
/// this test) and proves that none is anonymous: no key → 401, a key without an admitted role → 403.
/// </summary>
public sealed class EndpointAuthorizationTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private IReadOnlyList<(string Method, string Path, IReadOnlyCollection<string> Roles)> ApiEndpoints()
    {
        var sources = api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/v1/", StringComparison.Ordinal) == true
                        || e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (
                Method: m,
                Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(seg => string.Concat(seg.Parts.Select(Sample)))),
                Roles: (IReadOnlyCollection<string>)(e.Metadata.GetMetadata<EndpointDefinition>()?.AllowedRoles?.ToList() ?? []))))
            .ToList();
    }

    private static string Sample(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "long") => "1",
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "sample",
        _ => "",
    };

    [Fact]
    public void Every_api_endpoint_declares_the_roles_it_admits()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} endpoints found");
        Assert.All(endpoints, e => Assert.True(e.Roles.Count > 0, $"{e.Method} {e.Path} declares no roles"));
        Assert.All(endpoints, e => Assert.All(e.Roles, r => Assert.Contains(r, Roles.All)));
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_without_a_key_and_403_to_a_role_it_does_not_admit()
    {
        var anonymous = api.CreateClient();
        var failures = new List<string>();
        foreach (var (method, path, roles) in ApiEndpoints())
        {
            var none = await anonymous.SendAsync(Build(method, path));
            if (none.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{method} {path} without key: {(int)none.StatusCode}");

            var outsider = Roles.All.FirstOrDefault(r => !roles.Contains(r));
            if (outsider is null)
                continue; // admits everyone who holds any role: nothing to forbid
            var client = await api.ClientWithRolesAsync($"outsider-{outsider}", outsider);
            var wrong = await client.SendAsync(Build(method, path));
            if (wrong.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"{method} {path} with role {outsider}: {(int)wrong.StatusCode}");
            else if (wrong.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{method} {path} 403 is not a problem document");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_revoked_or_malformed_key_is_refused()
    {
        var key = await api.IssueKeyAsync("short-lived", Roles.Auditor);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit/verify")).StatusCode);

        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var keyId = key.Split('_')[1];
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/api-keys/{keyId}/revoke", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/audit/verify")).StatusCode);

        var forged = api.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", key[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    private static HttpRequestMessage Build(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };
}
