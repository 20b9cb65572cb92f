using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Core.AddressHistory;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;
using Op25b.Core.Subscribers;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Benchmarks;

/// <summary>
/// The NDJSON batch endpoint (parsing, validation, attribution, storage, rollups) against
/// `psql \copy` of the same rows as CSV into the same table with the same indexes, side by side
/// on one throwaway PostgreSQL cluster; process memory sampled throughout.
/// </summary>
public static class IngestBenchmark
{
    public static async Task RunAsync(int rows, int subscribers)
    {
        var cluster = PostgresCluster.Instance;
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await using var host = new BenchmarkHost(cluster.CreateDatabase());
        var net = await host.ClientAsync("bench-collector", "network-admin");
        net.Timeout = Timeout.InfiniteTimeSpan; // one streamed body of millions of lines
        await Ok(net.PutAsJsonAsync("/api/v1/routers/bench-bng", new
        {
            platform = "junos", routerGroup = "bench", managementHost = "2001:db8:ff00::1", sshUser = "op25b", credentialRef = "vault",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        }));
        var sources = await SeedSessionsAsync(host, subscribers, start.AddHours(-1));

        var ndjson = Path.Combine(Path.GetTempPath(), $"op25b-bench-{Guid.NewGuid():N}.ndjson");
        var csv = Path.ChangeExtension(ndjson, ".csv");
        await WriteFilesAsync(ndjson, csv, rows, sources, start);
        try
        {
            // Writing the files above leaves garbage of its own; the figure is the endpoint's.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Console.WriteLine($"  process working set before the endpoint run: {Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0:F0} MB");
            var peak = 0L;
            var peakHeap = 0L;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    await Task.Delay(100);
                }
            });
            var clock = Stopwatch.StartNew();
            await using (var body = File.OpenRead(ndjson))
            {
                var content = new StreamContent(body);
                content.Headers.ContentType = new("application/x-ndjson");
                var outcome = await Ok(net.PostAsync("/api/v1/attempts/batch", content));
                Console.WriteLine($"  endpoint outcome: accepted {outcome["accepted"]}, rejected {outcome["rejected"]}, attributed {outcome["attributed"]}");
            }
            var endpointSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  managed heap after a full collection, endpoint done: {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:F0} MB");
            await sampling.CancelAsync();
            await sampler;

            var copySeconds = await CopyAsync(cluster, csv, start);
            var endpointRate = rows / endpointSeconds;
            var copyRate = rows / copySeconds;
            Console.WriteLine($"ingest of {rows:N0} attempts against {subscribers:N0} subscribers with sessions, PostgreSQL, same table and indexes:");
            Figures.Print("  psql \\copy CSV (rows/s)", copyRate, "r/s", "baseline");
            Figures.Print("  NDJSON endpoint incl. parsing + attribution (rows/s)", endpointRate, "r/s", $">= {copyRate / 2:F0} (half of \\copy)");
            Figures.Print("  process peak working set during the endpoint run", peak / 1024.0 / 1024.0, "MB", "< 500 MB");
            Figures.Print("  of which managed heap at its peak", peakHeap / 1024.0 / 1024.0, "MB", "(diagnostic)");
        }
        finally
        {
            File.Delete(ndjson);
            File.Delete(csv);
        }
    }

    /// <summary>
    /// Subscribers and their open sessions, written by SQL inside the database: seeding through
    /// the context would leave hundreds of MB of tracked entities in this process, which also
    /// hosts the endpoint whose memory is measured.
    /// </summary>
    private static async Task<List<IPAddress>> SeedSessionsAsync(BenchmarkHost host, int count, DateTimeOffset since)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO subscribers (external_id, display_name, product_code, status, created_at, updated_at, version)
            SELECT 'BENCH-' || i, 'bench ' || i, 'dynamic-residential', 'active', {since}, {since}, 1
            FROM generate_series(0, {count - 1}) i
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO access_sessions (nas_id, session_id, subscriber_id, framed_ip, framed_ip_key, started_at)
            SELECT 'bench-nas', 's' || i, s.id, '100.' || (64 + i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
                   lpad('', 24, '0') || lpad(to_hex(100), 2, '0') || lpad(to_hex(64 + i / 65536), 2, '0')
                       || lpad(to_hex(i / 256 % 256), 2, '0') || lpad(to_hex(i % 256), 2, '0'),
                   {since}
            FROM generate_series(0, {count - 1}) i JOIN subscribers s ON s.external_id = 'BENCH-' || i
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var sources = Enumerable.Range(0, count).Select(i => new IPAddress([100, (byte)(64 + i / 65536), (byte)(i / 256 % 256), (byte)(i % 256)])).ToList();
        var lastKey = AddressKey.Of(sources[^1]);
        if (await db.AccessSessions.CountAsync(x => x.FramedIpKey == lastKey) != 1)
            throw new InvalidOperationException("Seeded session keys do not match AddressKey.");
        return sources;
    }

    /// <summary>
    /// Port-25 drops the way an ISP sees them: a few infected subscribers (2% here) hammer
    /// hundreds of mail servers each and make 90% of the attempts; the rest of the base makes
    /// the odd attempt. Attribution still searches all subscribers' sessions.
    /// </summary>
    private static async Task WriteFilesAsync(string ndjson, string csv, int rows, List<IPAddress> sources, DateTimeOffset start)
    {
        var random = new Random(4);
        var infected = sources.OrderBy(_ => random.Next()).Take(sources.Count / 50).ToList();
        var mailServers = Enumerable.Range(0, 20_000).Select(i => $"45.{i / 65536 + 10}.{i / 256 % 256}.{i % 256}").ToArray();
        await using var json = new StreamWriter(ndjson, false, new UTF8Encoding(false));
        await using var copy = new StreamWriter(csv, false, new UTF8Encoding(false));
        for (var i = 0; i < rows; i++)
        {
            var at = start.AddTicks(i * 10_000L); // 1 ms apart, all inside the last two hours
            var bot = random.Next(10) < 9 ? random.Next(infected.Count) : -1;
            var source = bot >= 0 ? infected[bot] : sources[random.Next(sources.Count)];
            // Each infected host works through its own list of ~900 mail servers.
            var destination = mailServers[bot >= 0 ? (bot * 7919 + random.Next(900)) % mailServers.Length : random.Next(mailServers.Length)];
            var port = 1024 + i % 60000;
            await json.WriteLineAsync($$"""{"occurredAt":"{{at:O}}","router":"bench-bng","sourceIp":"{{source}}","sourcePort":{{port}},"destinationIp":"{{destination}}","destinationPort":25}""");
            var record = new BlockedAttemptRecord(at, "bench-bng", source, port, IPAddress.Parse(destination), 25, "tcp", AttemptAction.Dropped);
            var a = BlockedAttempt.From(record, "copy", at);
            await copy.WriteLineAsync(string.Join(',', a.OccurredAt.ToString("O", CultureInfo.InvariantCulture), a.RouterName, a.SourceIp, a.SourceKey,
                a.SourcePort, a.DestinationIp, a.DestinationPort, a.Protocol, a.Packets, a.Action, "", "", a.DedupKey, a.Channel, a.ReceivedAt.ToString("O", CultureInfo.InvariantCulture)));
        }
    }

    private static async Task<double> CopyAsync(PostgresCluster cluster, string csv, DateTimeOffset start)
    {
        // A second, migrated database with the same table, indexes and day partitions.
        var connectionString = cluster.CreateDatabase();
        await using (var db = new AdminDbContext(AdminDbContextOptions.Build(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString })))
        {
            await db.Database.MigrateAsync();
            foreach (var day in new[] { start.UtcDateTime.Date, start.UtcDateTime.Date.AddDays(1) })
            {
                // Only dates formatted here reach the statement (DDL takes no parameters).
                var ddl = $"CREATE TABLE IF NOT EXISTS blocked_attempts_p{day:yyyyMMdd} PARTITION OF blocked_attempts FOR VALUES FROM ('{day:yyyy-MM-dd}T00:00:00Z') TO ('{day.AddDays(1):yyyy-MM-dd}T00:00:00Z')";
                await db.Database.ExecuteSqlRawAsync(ddl);
            }
        }
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        var psql = new ProcessStartInfo("psql", ["-h", "127.0.0.1", "-p", cluster.Port.ToString(), "-U", "postgres", "-d", database!, "-v", "ON_ERROR_STOP=1", "-c",
            $"\\copy blocked_attempts(occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port, protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at) FROM '{csv}' CSV"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psql)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql \\copy failed: {error}");
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }
}
