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
using Op25b.Core.RuleSets;
using Op25b.Core.Tests.Attempts;

namespace Op25b.Api.Tests.Ingest;

/// <summary>
/// The router log corpus sent to the running host as routers send it: each vendor family from its
/// own registered source address (127.0.0.x), syslog split over UDP, TCP with LF framing and TCP
/// with octet counting, ulogd JSON over TCP. What the corpus says is an attempt is stored once, attributed
/// to the sending router; what it says is not counted is counted by reason and not stored; damaged
/// lines are quarantined; an unregistered source stores nothing and is counted. Both providers.
/// </summary>
public abstract class SyslogIngestTests(AdminApiFactory api)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_corpus_through_the_listeners_stores_exactly_the_op25b_drops_of_each_registered_router()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var files = CorpusFile.All();
        var received = files.Select(f => f.Received).Distinct().Single();
        if (api.Clock.GetUtcNow() < received)
            api.Clock.SetUtcNow(received);
        var ports = api.Services.GetRequiredService<BoundPorts>();
        await WaitForAsync(() => Task.FromResult(ports.SyslogUdp is not null && ports.SyslogTcp is not null && ports.UlogdTcp is not null));

        var routers = new List<(CorpusFile File, string Name, IPAddress Source)>();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            var name = $"{file.Name}-{Guid.NewGuid().ToString("N")[..6]}";
            var source = IPAddress.Parse($"127.0.0.{20 + i}");
            await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", new
            {
                platform = file.Platform.Name(), routerGroup = "corpus", managementHost = "2001:db8:ff00::2", sshUser = "op25b", credentialRef = "vault-edge",
                hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", logTimeZone = file.Zone, syslogSources = new[] { source.ToString() },
            })).ExpectAsync(HttpStatusCode.Created);
            routers.Add((file, name, source));
        }
        // The listeners re-read routers on change; wait until they know the last one.
        var directory = api.Services.GetRequiredService<RouterDirectory>();
        await WaitForAsync(() => Task.FromResult(directory.BySource(routers[^1].Source) is not null));

        foreach (var (file, _, source) in routers)
        {
            var lines = file.Entries.Select(e => e.Line).ToList();
            if (file.Channel == "ulogd")
                await SendTcpAsync(source, ports.UlogdTcp!.Value, lines, octetCounting: false);
            else
            {
                // Every third line over each transport: UDP, TCP with LF framing, TCP with octet counting.
                await SendUdpAsync(source, ports.SyslogUdp!.Value, lines.Where((_, n) => n % 3 == 0));
                await SendTcpAsync(source, ports.SyslogTcp!.Value, lines.Where((_, n) => n % 3 == 1), octetCounting: false);
                await SendTcpAsync(source, ports.SyslogTcp!.Value, lines.Where((_, n) => n % 3 == 2), octetCounting: true);
            }
        }
        var stranger = IPAddress.Parse("127.0.0.99");
        await SendUdpAsync(stranger, ports.SyslogUdp!.Value, [files[0].Entries.First(e => e.IsAttempt).Line]);

        foreach (var (file, name, source) in routers)
        {
            var expected = file.Entries.Where(e => e.IsAttempt).ToList();
            JsonArray items = [];
            var clock = Stopwatch.StartNew();
            while (items.Count < expected.Count && clock.Elapsed < Patience)
            {
                await Task.Delay(200);
                items = (await (await desk.GetAsync($"/api/v1/attempts?router={name}&pageSize=200")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            }
            await Task.Delay(300); // anything extra would have arrived with the rest
            items = (await (await desk.GetAsync($"/api/v1/attempts?router={name}&pageSize=200")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            var stored = items.Select(a => (
                Source: IPAddress.Parse(a!["sourceIp"]!.GetValue<string>()), Port: a["sourcePort"]!.GetValue<int>(),
                Destination: IPAddress.Parse(a["destinationIp"]!.GetValue<string>()), Packets: a["packets"]!.GetValue<int>(),
                At: a["occurredAt"]!.GetValue<DateTimeOffset>(), Channel: a["channel"]!.GetValue<string>())).ToList();
            var wanted = expected.Select(e => (e.Source, Port: e.SourcePort, e.Destination, e.Packets, At: e.At(received))).ToList();
            Assert.True(wanted.Count == stored.Count,
                $"{file.Name}: {stored.Count} stored, {wanted.Count} expected; quarantine: {await QuarantineAsync(net, source)}");
            Assert.All(wanted, w => Assert.Contains(stored, s => s.Source.Equals(w.Source) && s.Port == w.Port && s.Destination.Equals(w.Destination)
                && s.Packets == w.Packets && s.At == w.At));
            if (file.Channel == "syslog")
                Assert.Equal(["syslog-tcp", "syslog-udp"], stored.Select(s => s.Channel).Distinct().Order());

            var quarantine = await QuarantineAsync(net, source);
            Assert.All(file.Entries.Where(e => e.IsRefused), e => Assert.Contains(e.Line.TrimEnd(), quarantine));
        }

        var status = await (await net.GetAsync("/api/v1/ingest/status")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(status["unregisteredSources"]!.AsArray(), s => s!["source"]!.GetValue<string>() == stranger.ToString());
        var notCounted = status["notCounted"]!.AsArray();
        foreach (var (file, name, _) in routers)
        {
            var reasons = file.Entries.Select(e => e.SkipReason).OfType<string>().Distinct().Order().ToList();
            Assert.Equal(reasons, notCounted.Where(n => n!["router"]!.GetValue<string>() == name).Select(n => n!["reason"]!.GetValue<string>()).Order());
        }
    }

    private static async Task SendUdpAsync(IPAddress from, int port, IEnumerable<string> lines)
    {
        using var udp = new UdpClient(new IPEndPoint(from, 0));
        foreach (var line in lines)
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(line), new IPEndPoint(IPAddress.Loopback, port));
            await Task.Delay(2); // loopback is lossless, but the receive buffer is not endless
        }
    }

    private static async Task SendTcpAsync(IPAddress from, int port, IEnumerable<string> lines, bool octetCounting)
    {
        using var tcp = new TcpClient(new IPEndPoint(from, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (octetCounting)
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length} "));
            await stream.WriteAsync(bytes);
            if (!octetCounting)
                await stream.WriteAsync("\n"u8.ToArray());
        }
    }

    private static async Task<string> QuarantineAsync(HttpClient net, IPAddress origin)
    {
        var items = (await (await net.GetAsync("/api/v1/ingest/quarantine?pageSize=200")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        return string.Join("\n", items.Where(q => q!["origin"]!.GetValue<string>() == origin.ToString()).Select(q => q!["raw"]!.GetValue<string>()));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"condition not met within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}

public sealed class SyslogIngestTests_on_Sqlite(SqliteApiFactory api) : SyslogIngestTests(api), IClassFixture<SqliteApiFactory>;

public sealed class SyslogIngestTests_on_Postgres(PostgresApiFactory api) : SyslogIngestTests(api), IClassFixture<PostgresApiFactory>;
