using System.Net;
using System.Net.Http.Json;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Routers;

/// <summary>A router's syslog source addresses and log time zone through the routers API. Run on both providers.</summary>
public abstract class RouterSyslogSourceApiTests(AdminApiFactory api)
{
    private static object Router(string[]? sources = null, string? zone = null) => new
    {
        platform = "cisco-iosxe", routerGroup = "tokyo", managementHost = "192.0.2.1", sshUser = "op25b", credentialRef = "vault-edge",
        hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", syslogSources = sources, logTimeZone = zone,
    };

    private static string UniqueV4() => $"198.51.100.{Random.Shared.Next(1, 254)}";

    [Fact]
    public async Task Sources_and_zone_are_registered_normalised_and_replaced_and_omitting_them_keeps_them()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var name = $"edge-{Guid.NewGuid().ToString("N")[..6]}";
        var v6 = $"2001:db8:5::{Random.Shared.Next(1, 65535):x}";

        var created = await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", Router([$"::ffff:192.0.2.{Random.Shared.Next(1, 254)}", v6.ToUpperInvariant()], "Asia/Tokyo")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Asia/Tokyo", created["logTimeZone"]!.GetValue<string>());
        var sources = created["syslogSources"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains(v6, sources);
        Assert.Contains(sources, s => s.StartsWith("192.0.2.", StringComparison.Ordinal));

        await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", Router())).ExpectAsync(HttpStatusCode.OK);
        var kept = await (await net.GetAsync($"/api/v1/routers/{name}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, kept["syslogSources"]!.AsArray().Count);

        await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", Router([v6], "UTC"))).ExpectAsync(HttpStatusCode.OK);
        var replaced = await (await net.GetAsync($"/api/v1/routers/{name}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([v6], replaced["syslogSources"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("UTC", replaced["logTimeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_source_registered_to_another_router_is_a_conflict()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var source = UniqueV4();
        var first = $"edge-{Guid.NewGuid().ToString("N")[..6]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{first}", Router([source]))).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await net.PutAsJsonAsync($"/api/v1/routers/edge-{Guid.NewGuid().ToString("N")[..6]}", Router([source])))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "syslogSources");
        Assert.Contains(first, problem.ToJsonString());
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fe80::1%eth0")]
    [InlineData("1.2.3")]
    public async Task A_source_that_is_not_one_plain_address_is_refused(string source)
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);

        await (await net.PutAsJsonAsync($"/api/v1/routers/edge-{Guid.NewGuid().ToString("N")[..6]}", Router([source])))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "syslogSources[0]");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Tokyo Standard Time")]
    public async Task A_zone_that_is_not_an_iana_name_is_refused(string zone)
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);

        await (await net.PutAsJsonAsync($"/api/v1/routers/edge-{Guid.NewGuid().ToString("N")[..6]}", Router(zone: zone)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "logTimeZone");
    }
}

public sealed class RouterSyslogSourceApiTests_on_Sqlite(SqliteApiFactory api) : RouterSyslogSourceApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class RouterSyslogSourceApiTests_on_Postgres(PostgresApiFactory api) : RouterSyslogSourceApiTests(api), IClassFixture<PostgresApiFactory>;
