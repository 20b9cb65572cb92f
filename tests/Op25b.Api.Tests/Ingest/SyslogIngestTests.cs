using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Ingest;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Ingest;

/// <summary>
/// Real-format router log lines of every supported vendor, sent to the host's syslog listeners
/// over UDP and TCP (LF and octet-counting framing, RFC 5424 and RFC 3164 headers), come back
/// through the API stored and attributed; garbage is quarantined. Run on both providers.
/// </summary>
public abstract class SyslogIngestTests(AdminApiFactory api)
{
    [Fact]
    public async Task Lines_of_every_vendor_over_udp_and_tcp_are_stored_and_attributed_and_garbage_is_quarantined()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var router = $"edge-{Guid.NewGuid().ToString("N")[..6]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
        {
            platform = "cisco-iosxe", routerGroup = "syslog", managementHost = "2001:db8:ff00::2", sshUser = "op25b", credentialRef = "vault-edge",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        })).ExpectAsync(HttpStatusCode.Created);
        var v4Prefix = Provisioning.UniqueV4Prefix();
        var v6Prefix = Provisioning.UniqueV6Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", v4Prefix, v6Prefix);
        var v4 = System.Net.IPNetwork.Parse(v4Prefix).BaseAddress.ToString();
        var v6 = v6Prefix.Replace("::/56", "::10");

        var now = api.Clock.GetUtcNow();
        string Rfc5424(int second, string app, string msg) => $"<4>1 {now.AddSeconds(second):yyyy-MM-ddTHH:mm:ss.fffZ} {router} {app} - - - {msg}";
        // RFC 3164: "Mmm dd hh:mm:ss" with the day padded by a space ("Apr  1").
        string Rfc3164(int second, string msg)
        {
            var t = now.AddSeconds(second);
            return $"<134>{t.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture)} {t.Day,2} {t:HH:mm:ss} {router} {msg}";
        }
        var linuxV4 = Rfc5424(1, "kernel", $"OP25B-DROP IN=eth1 OUT=eth0 SRC={v4} DST=203.0.113.9 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=TCP SPT=51544 DPT=25 WINDOW=64240 RES=0x00 SYN URGP=0");
        var linuxV6 = Rfc3164(2, $"kernel: OP25B-DROP IN=eth1 OUT=eth0 SRC={v6} DST=2001:db8:ffff::9 LEN=80 TC=0 HOPLIMIT=63 FLOWLBL=0 PROTO=TCP SPT=40000 DPT=25 WINDOW=64800 RES=0x00 SYN URGP=0");
        var cisco = Rfc3164(3, $"%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp {v4}(51545) -> 203.0.113.10(25), 3 packets");
        var ciscoV6 = Rfc5424(4, "-", $"%IPV6-6-ACCESSLOGP: list OP25B-V6 denied tcp {v6.ToUpperInvariant()}(51546) -> 2001:DB8:FFFF::9(25), 1 packet");
        var junos = Rfc3164(5, $"PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp {v4} 203.0.113.11 51547 25 (2 packets)");

        var ports = api.Services.GetRequiredService<BoundPorts>();
        await WaitForAsync(() => Task.FromResult(ports.SyslogUdp is not null && ports.SyslogTcp is not null));
        using (var udp = new UdpClient())
        {
            foreach (var line in new[] { linuxV4, linuxV6, "\u0001\u0002garbage\u0003 not syslog" })
                await udp.SendAsync(Encoding.UTF8.GetBytes(line), new IPEndPoint(IPAddress.Loopback, ports.SyslogUdp!.Value));
        }
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, ports.SyslogTcp!.Value);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(cisco + "\n"));
            foreach (var framed in new[] { ciscoV6, junos })
            {
                var bytes = Encoding.UTF8.GetBytes(framed);
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"{bytes.Length} "));
                await stream.WriteAsync(bytes);
            }
        }

        JsonArray items = [];
        var clock = Stopwatch.StartNew();
        while (items.Count < 5 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
            items = (await (await desk.GetAsync($"/api/v1/attempts?subscriber={subscriber}&pageSize=50")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        }
        if (items.Count < 5)
            Assert.Fail($"only {items.Count} attempts arrived; quarantine: {await (await net.GetAsync("/api/v1/ingest/quarantine")).Content.ReadAsStringAsync()}; " +
                        $"status: {await (await net.GetAsync("/api/v1/ingest/status")).Content.ReadAsStringAsync()}");
        Assert.Equal(5, items.Count);
        Assert.All(items, a => Assert.Equal(router, a!["router"]!.GetValue<string>()));
        Assert.Equal(["syslog-tcp", "syslog-udp"], items.Select(a => a!["channel"]!.GetValue<string>()).Distinct().Order());
        Assert.Equal(3, items.Single(a => a!["destinationIp"]!.GetValue<string>() == "203.0.113.10")!["packets"]!.GetValue<int>());
        Assert.Equal(2, items.Count(a => a!["sourceIp"]!.GetValue<string>().Contains(':')));

        await WaitForAsync(async () =>
            (await (await net.GetAsync("/api/v1/ingest/quarantine?channel=syslog-udp")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray()
                .Any(q => q!["raw"]!.GetValue<string>().Contains("garbage")));
        var status = await (await net.GetAsync("/api/v1/ingest/status")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(status["acceptedSinceStart"]!.GetValue<long>() >= 5);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "condition not met within 15 s");
            await Task.Delay(100);
        }
    }
}

public sealed class SyslogIngestTests_on_Sqlite(SqliteApiFactory api) : SyslogIngestTests(api), IClassFixture<SqliteApiFactory>;

public sealed class SyslogIngestTests_on_Postgres(PostgresApiFactory api) : SyslogIngestTests(api), IClassFixture<PostgresApiFactory>;
