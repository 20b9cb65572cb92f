using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Ingest;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Ingest;

/// <summary>
/// Listeners bound to "::" take both families: a router registered with an IPv6 source is
/// recognised over IPv6, one with an IPv4 source over IPv4 (seen as ::ffff:a.b.c.d), on UDP and TCP.
/// </summary>
public abstract class DualStackSourceTests(AdminApiFactory api)
{
    [Fact]
    public async Task Ipv4_and_ipv6_sources_are_attributed_on_a_dual_stack_listener()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var v4Router = await RegisterAsync(net, "127.0.0.41");
        var v6Router = await RegisterAsync(net, "::1");
        var ports = api.Services.GetRequiredService<BoundPorts>();
        var directory = api.Services.GetRequiredService<RouterDirectory>();
        var clock = Stopwatch.StartNew();
        while ((ports.SyslogUdp is null || ports.SyslogTcp is null || directory.BySource(IPAddress.IPv6Loopback) is null) && clock.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(100);

        var now = api.Clock.GetUtcNow();
        string Line(int port) => $"<190>1 {now:yyyy-MM-ddTHH:mm:ss.fffZ} - - - - - %SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 100.64.3.{port % 200}({port}) -> 203.0.113.9(25), 1 packet";
        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.41"), 0)))
            await udp.SendAsync(Encoding.UTF8.GetBytes(Line(50001)), new IPEndPoint(IPAddress.Loopback, ports.SyslogUdp!.Value));
        using (var udp6 = new UdpClient(AddressFamily.InterNetworkV6))
            await udp6.SendAsync(Encoding.UTF8.GetBytes(Line(50002)), new IPEndPoint(IPAddress.IPv6Loopback, ports.SyslogUdp!.Value));
        using (var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse("127.0.0.41"), 0)))
        {
            await tcp.ConnectAsync(IPAddress.Loopback, ports.SyslogTcp!.Value);
            await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Line(50004) + "\n"));
        }
        using (var tcp6 = new TcpClient(AddressFamily.InterNetworkV6))
        {
            await tcp6.ConnectAsync(IPAddress.IPv6Loopback, ports.SyslogTcp!.Value);
            await tcp6.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Line(50003) + "\n"));
        }

        Assert.Equal(2, await CountAsync(desk, v4Router, 2));
        Assert.Equal(2, await CountAsync(desk, v6Router, 2));
    }

    private static async Task<string> RegisterAsync(HttpClient net, string source)
    {
        var name = $"edge-{Guid.NewGuid().ToString("N")[..6]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", new
        {
            platform = "cisco-iosxe", routerGroup = "dual", managementHost = "192.0.2.1", sshUser = "op25b", credentialRef = "vault-edge",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", syslogSources = new[] { source },
        })).ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    private static async Task<int> CountAsync(HttpClient desk, string router, int expected)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (count < expected && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
            count = (await (await desk.GetAsync($"/api/v1/attempts?router={router}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Count;
        }
        return count;
    }
}

/// <summary>A host whose listeners bind "::".</summary>
public class DualStackApiFactory(DatabaseProvider provider) : AdminApiFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingest:BindAddress", "::");
    }
}

public sealed class DualStackSqliteApiFactory() : DualStackApiFactory(DatabaseProvider.Sqlite);

public sealed class DualStackPostgresApiFactory() : DualStackApiFactory(DatabaseProvider.Postgres);

public sealed class DualStackSourceTests_on_Sqlite(DualStackSqliteApiFactory api) : DualStackSourceTests(api), IClassFixture<DualStackSqliteApiFactory>;

public sealed class DualStackSourceTests_on_Postgres(DualStackPostgresApiFactory api) : DualStackSourceTests(api), IClassFixture<DualStackPostgresApiFactory>;
