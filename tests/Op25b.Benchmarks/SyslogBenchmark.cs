using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Ingest;
using Op25b.Lab;

namespace Op25b.Benchmarks;

/// <summary>Linux kernel LOG lines over syslog TCP (LF framing, RFC 5424) → parsed and stored on PostgreSQL: lines per second end to end.</summary>
public static class SyslogBenchmark
{
    /// <summary>Each run on a fresh host and database, so every line is new (no duplicates) and the runs are alike.</summary>
    public static async Task RunAsync(int lines, int runs)
    {
        var rates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            rates.Add(await RunOnceAsync(lines));
            Console.WriteLine($"  run {run}: {rates[^1]:F0} lines/s, load {File.ReadAllText("/proc/loadavg")[..14]}");
        }
        Figures.PrintRuns($"syslog over TCP, {lines:N0} Linux LOG lines, parsed and stored (lines/s)", rates, "l/s", ">= 100000");
    }

    private static async Task<double> RunOnceAsync(int lines)
    {
        await using var host = new BenchmarkHost(PostgresCluster.Instance.CreateDatabase());
        var net = await host.ClientAsync("bench-neteng", "network-admin");
        var router = await net.PutAsJsonAsync("/api/v1/routers/bench-edge", new
        {
            platform = "nftables", routerGroup = "bench", managementHost = "fe80::2%lo", sshUser = "op25b", credentialRef = "file:/nonexistent",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            // Lines are attributed by source address: the benchmark sends from loopback.
            syslogSources = new[] { "127.0.0.1" },
        });
        router.EnsureSuccessStatusCode();
        var ports = host.Services.GetRequiredService<BoundPorts>();
        var counters = host.Services.GetRequiredService<IngestCounters>();
        while (ports.SyslogTcp is null)
            await Task.Delay(50);
        await Task.Delay(5_500); // the writer refreshes its router list every 5 s

        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var payload = new StringBuilder();
        for (var i = 0; i < lines; i++)
            payload.Append($"<4>1 {now.AddTicks(i * 10L):yyyy-MM-ddTHH:mm:ss.ffffffZ} bench-edge kernel - - - OP25B-DROP IN=eth1 OUT=eth0 " +
                           $"SRC=100.64.{i / 256 % 256}.{i % 256} DST=203.0.113.9 LEN=60 TTL=63 ID=1 DF PROTO=TCP SPT={1024 + i % 60000} DPT=25 WINDOW=64240 SYN URGP=0\n");
        var bytes = Encoding.UTF8.GetBytes(payload.ToString());
        payload.Clear();

        long Settled() => counters.Accepted + counters.Duplicates + counters.Quarantined + Ignored(counters) + counters.Lost;
        var clock = Stopwatch.StartNew();
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, ports.SyslogTcp.Value);
            await tcp.GetStream().WriteAsync(bytes);
        }
        while (Settled() < lines && clock.Elapsed < TimeSpan.FromMinutes(10))
            await Task.Delay(20);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  sent {lines:N0} = stored {counters.Accepted:N0} + duplicates {counters.Duplicates:N0} + quarantined {counters.Quarantined:N0} " +
                          $"+ ignored {Ignored(counters):N0} + lost {counters.Lost:N0} → {(Settled() == lines ? "all accounted for" : $"MISSING {lines - Settled():N0}")}");
        return lines / seconds;
    }

    /// <summary>Lines read but not counted as attempts by rule (not packet-log lines, other log names).</summary>
    private static long Ignored(IngestCounters counters) => counters.NotCounted.Values.Sum();
}
