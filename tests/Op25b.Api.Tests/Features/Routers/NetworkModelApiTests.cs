using System.Net;
using System.Net.Http.Json;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Routers;

/// <summary>Registering routers, pools, relays and the policy: the bad input each must refuse. Run on both providers.</summary>
public abstract class NetworkModelApiTests(AdminApiFactory api)
{
    private static object Router(string platform = "nftables", string hostKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        string credentialRef = "file:/etc/op25b/keys/r1") => new
    {
        platform, routerGroup = "tokyo", managementHost = "fe80::2%eth1", managementPort = 22, sshUser = "op25b", credentialRef, hostKeySha256 = hostKey,
    };

    [Fact]
    public async Task A_router_is_registered_with_its_pinned_host_key_and_updated_idempotently()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var name = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        var created = await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", Router())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", created["hostKeySha256"]!.GetValue<string>());
        Assert.Equal("push", created["deployMode"]!.GetValue<string>());
        await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", Router(platform: "junos"))).ExpectAsync(HttpStatusCode.OK);
        var fetched = await (await net.GetAsync($"/api/v1/routers/{name}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("junos", fetched["platform"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_platform_missing_host_key_and_an_inline_secret_are_refused()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        await (await net.PutAsJsonAsync("/api/v1/routers/r-bad", Router(platform: "mikrotik"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "platform");
        await (await net.PutAsJsonAsync("/api/v1/routers/r-bad", Router(hostKey: ""))).ExpectProblemAsync(HttpStatusCode.BadRequest, "hostKeySha256");
        await (await net.PutAsJsonAsync("/api/v1/routers/r-bad", Router(hostKey: "SHA256:tooshort"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "hostKeySha256");
        await (await net.PutAsJsonAsync("/api/v1/routers/r-bad", Router(credentialRef: "-----BEGIN OPENSSH PRIVATE KEY-----")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "credentialRef");
        await (await net.GetAsync("/api/v1/routers/r-bad")).ExpectProblemAsync(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task Malformed_and_duplicate_pools_are_refused()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = $"g{Guid.NewGuid().ToString("N")[..8]}";
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectProblemAsync(HttpStatusCode.Conflict, "prefix");
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.65.0.0/16" })).ExpectProblemAsync(HttpStatusCode.Conflict, "prefix");
        var hostBits = await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.1/10" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains("100.64.0.0/10", hostBits.ToJsonString());
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "banana" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        var pools = await (await net.GetAsync($"/api/v1/pools?routerGroup={group}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(pools.AsArray());
    }

    [Fact]
    public async Task The_policy_is_updated_with_validation_and_optimistic_concurrency()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var current = await net.GetAsync("/api/v1/policy");
        var etag = current.Headers.ETag!.Tag;
        await (await net.PutAsJsonAsync("/api/v1/policy", new { action = "reject-tcp-reset", logging = true, nflogGroup = 1, logPrefix = "bad\"prefix", logRatePerSecond = 50, maxRemovedShare = 0.25 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "logPrefix");
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy")
        {
            Content = JsonContent.Create(new { action = "reject-tcp-reset", logging = true, nflogGroup = 2, logPrefix = "OP25B-DROP ", logRatePerSecond = 20, maxRemovedShare = 0.5 }),
        };
        update.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var updated = await (await net.SendAsync(update)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("reject-tcp-reset", updated["action"]!.GetValue<string>());

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") 
        {
            Content = JsonContent.Create(new { action = "drop", logging = true, nflogGroup = 1, logPrefix = "OP25B-DROP ", logRatePerSecond = 50, maxRemovedShare = 0.25 }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        await (await net.SendAsync(stale)).ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "If-Match");
    }
}

public sealed class NetworkModelApiTests_on_Sqlite(SqliteApiFactory api) : NetworkModelApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class NetworkModelApiTests_on_Postgres(PostgresApiFactory api) : NetworkModelApiTests(api), IClassFixture<PostgresApiFactory>;
