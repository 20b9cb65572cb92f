using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Ingest;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Lab;

namespace Op25b.Api.Tests.Ingest;

/// <summary>
/// PostgreSQL stopped during a syslog stream over TCP and UDP: nothing is lost silently. Lines wait
/// in the local spool and are stored when the server is back; every line sent is stored,
/// quarantined or counted as dropped. The test stops and starts a cluster of its own.
/// </summary>
public sealed class SyslogSpoolTests
{
    private const int TcpLines = 10_000, UdpLines = 10_000;

    [Fact]
    public async Task Lines_received_while_PostgreSQL_is_down_wait_in_the_spool_and_every_line_sent_is_stored_quarantined_or_counted_as_dropped()
    {
        using var cluster = PostgresCluster.StartOwn();
        await using var api = new OwnClusterApiFactory(cluster);
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var router = await Provisioning.RouterAsync(net, "nftables", syslogSource: "127.0.0.1");
        var ports = api.Services.GetRequiredService<BoundPorts>();
        var spool = api.Services.GetRequiredService<IngestSpool>();
        var queue = api.Services.GetRequiredService<AttemptQueue>();
        var counters = api.Services.GetRequiredService<IngestCounters>();
        // The listeners learn routers from the database: wait until they know this one before it goes down.
        var routers = api.Services.GetRequiredService<RouterDirectory>();
        await WaitForAsync(() => ports.SyslogUdp is not null && ports.SyslogTcp is not null && routers.ByName(router) is not null);
        var now = api.Clock.GetUtcNow();

        cluster.StopServer();
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, ports.SyslogTcp!.Value);
            var text = string.Concat(Enumerable.Range(0, TcpLines).Select(n => SyslogLines.Numbered(router, now, n) + "\n"));
            await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text));
        }
        using (var udp = new UdpClient())
        {
            var to = new IPEndPoint(IPAddress.Loopback, ports.SyslogUdp!.Value);
            foreach (var n in Enumerable.Range(TcpLines, UdpLines))
                await udp.SendAsync(Encoding.UTF8.GetBytes(SyslogLines.Numbered(router, now, n)), to);
        }
        long Dropped() => counters.UdpDropped + KernelUdpDrops.Of(ports.SyslogUdp);
        // Everything received has reached the spool: nothing is queued and the spool holds the rest.
        await WaitForAsync(() => queue.Count == 0 && spool.Lines + Dropped() == TcpLines + UdpLines);
        Assert.NotEmpty(IngestSpool.SegmentsIn(api.SpoolDirectory));
        var health = await (await api.CreateClient().GetAsync("/health/ready")).Content.ReadAsStringAsync();
        Assert.Contains($"{spool.Lines} lines", health);

        cluster.StartServer();
        await WaitForAsync(() => spool.IsEmpty && queue.Count == 0, TimeSpan.FromSeconds(60));
        long stored = 0, quarantined = 0;
        await api.WithDbAsync(async db =>
        {
            stored = await db.BlockedAttempts.LongCountAsync(a => a.RouterName == router);
            quarantined = await db.Quarantine.LongCountAsync(q => q.Channel.StartsWith("syslog"));
        });
        Assert.Equal(TcpLines + UdpLines, stored + quarantined + Dropped());
        Assert.True(quarantined >= (TcpLines + UdpLines) / 100 - Dropped(), $"{quarantined} quarantined");
        Assert.Empty(IngestSpool.SegmentsIn(api.SpoolDirectory));
    }

    [Fact]
    public async Task A_full_spool_holds_tcp_senders_back_instead_of_dropping_and_everything_is_stored_when_the_database_is_back()
    {
        const int lines = 60_000; // far more than the queue, one spool segment and the loopback socket buffers hold
        using var cluster = PostgresCluster.StartOwn();
        await using var api = new OwnClusterApiFactory(cluster,
            ("Ingest:SpoolMaxBytes", "1"), ("Ingest:QueueCapacity", "2000"), ("Ingest:BatchSize", "2000"));
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var router = await Provisioning.RouterAsync(net, "nftables", syslogSource: "127.0.0.1");
        var ports = api.Services.GetRequiredService<BoundPorts>();
        var spool = api.Services.GetRequiredService<IngestSpool>();
        // As in the test above: until the listeners know this router, its connection is refused whole and nothing reaches the spool.
        var routers = api.Services.GetRequiredService<RouterDirectory>();
        await WaitForAsync(() => ports.SyslogTcp is not null && routers.ByName(router) is not null);
        var now = api.Clock.GetUtcNow();

        cluster.StopServer();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ports.SyslogTcp!.Value);
        var text = string.Concat(Enumerable.Range(0, lines).Select(n => SyslogLines.Attempt(router, now, n) + "\n"));
        var sending = tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();
        await WaitForAsync(() => spool.IsFull);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(sending.IsCompleted, "the sender was not held back");
        Assert.Single(IngestSpool.SegmentsIn(api.SpoolDirectory));

        cluster.StartServer();
        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        tcp.Close();
        long stored = 0;
        await WaitForAsync(() =>
        {
            api.WithDbAsync(async db => stored = await db.BlockedAttempts.LongCountAsync(a => a.RouterName == router)).GetAwaiter().GetResult();
            return stored == lines;
        }, TimeSpan.FromSeconds(90));
        Assert.True(spool.IsEmpty);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(30)), "condition not met in time");
            await Task.Delay(100);
        }
    }
}
