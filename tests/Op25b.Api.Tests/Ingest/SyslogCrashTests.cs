using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Op25b.Api.Ingest;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Lab;

namespace Op25b.Api.Tests.Ingest;

/// <summary>
/// <c>kill -9</c> of a real host process during a TCP syslog stream while PostgreSQL is down: what
/// the spool had acknowledged (whole segment files) is stored after a restart, and the spool empties.
/// </summary>
public sealed class SyslogCrashTests
{
    [Fact]
    public async Task After_kill_9_during_a_tcp_stream_the_lines_the_spool_acknowledged_are_stored_by_the_restarted_host()
    {
        using var cluster = PostgresCluster.StartOwn();
        var connectionString = cluster.CreateDatabase();
        var work = Directory.CreateTempSubdirectory("op25b-crash-").FullName;
        var spoolDirectory = Path.Combine(work, "spool");
        try
        {
            var (httpPort, syslogPort) = (HostProcess.FreeTcpPort(), HostProcess.FreeTcpPort());
            var command = (string[] args) => HostProcess.Command(connectionString, work, spoolDirectory, httpPort, syslogPort, args);
            string router;
            using (var first = await HostProcess.StartAsync(command([]), syslogPort))
            {
                var key = (await HostProcess.RunAsync(command(["apikey", "create", "--name", "collector", "--role", "network-admin"])))
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
                http.DefaultRequestHeaders.Add("X-Api-Key", key);
                router = await Provisioning.RouterAsync(http, "nftables", syslogSource: "127.0.0.1");

                cluster.StopServer();
                var now = DateTimeOffset.UtcNow;
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, syslogPort);
                var stream = tcp.GetStream();
                var sent = 0;
                // Stream until the spool has acknowledged something, then kill the host in the middle of the stream.
                while (sent < 20_000 && IngestSpool.SegmentsIn(spoolDirectory).Count() < 2)
                {
                    var block = string.Concat(Enumerable.Range(sent, 1_000).Select(n => SyslogLines.Numbered(router, now, n) + "\n"));
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(block));
                    sent += 1_000;
                    await Task.Delay(100);
                }
                first.KillHard();
            }

            var acknowledged = 0;
            foreach (var segment in IngestSpool.SegmentsIn(spoolDirectory))
                acknowledged += (await IngestSpool.ReadAsync(segment, CancellationToken.None)).Count;
            Assert.True(acknowledged > 0, "the spool acknowledged nothing before the kill");

            cluster.StartServer();
            using (await HostProcess.StartAsync(command([]), syslogPort))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (IngestSpool.SegmentsIn(spoolDirectory).Any())
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the restarted host did not empty the spool");
                    await Task.Delay(200);
                }
            }
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM blocked_attempts WHERE router_name = @router) + (SELECT count(*) FROM quarantine WHERE channel = 'syslog-tcp')",
                connection);
            count.Parameters.AddWithValue("router", router);
            Assert.Equal((long)acknowledged, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
