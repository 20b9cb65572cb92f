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
    /// <param name="rounds">Rounds of endpoint run then \copy run (A B A B …), each into a fresh database, on the same rows.</param>
    public static async Task RunAsync(int rows, int subscribers, int rounds)
    {
        var cluster = PostgresCluster.Instance;
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var ndjson = Path.Combine(Path.GetTempPath(), $"op25b-bench-{Guid.NewGuid():N}.ndjson");
        var csv = Path.ChangeExtension(ndjson, ".csv");
        await WriteFilesAsync(ndjson, csv, rows, Sources(subscribers), start);
        var endpoint = new List<double>();
        var copy = new List<double>();
        var peaks = new List<double>();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var (rate, peak) = await EndpointAsync(cluster, ndjson, rows, subscribers, start);
                endpoint.Add(rate);
                peaks.Add(peak);
                Console.WriteLine($"  round {round} A endpoint: {rate:F0} rows/s, peak RSS {peak:F0} MB, load {LoadAverage()}");
                copy.Add(rows / await CopyAsync(cluster, csv, start));
                Console.WriteLine($"  round {round} B \\copy:    {copy[^1]:F0} rows/s, load {LoadAverage()}");
            }
        }
        finally
        {
            File.Delete(ndjson);
            File.Delete(csv);
        }
        Console.WriteLine($"ingest of {rows:N0} attempts against {subscribers:N0} subscribers with sessions, PostgreSQL, same table and indexes, {rounds} alternating rounds:");
        Figures.PrintRuns("  psql \\copy CSV (rows/s)", copy, "r/s", "baseline");
        Figures.PrintRuns("  NDJSON endpoint incl. parsing + attribution (rows/s)", endpoint, "r/s", $">= {Figures.Median(copy) / 2:F0} (half of \\copy)");
        Console.WriteLine($"  endpoint / \\copy, medians: {Figures.Median(endpoint) / Figures.Median(copy):F2} (target >= 0.5)");
        Figures.PrintRuns("  process peak RSS during the endpoint run", peaks, "MB", "< 500 MB");
    }

    /// <summary>One endpoint run on a fresh host and database; the rate and the process's peak resident set during the run.</summary>
    private static async Task<(double Rate, double PeakMegabytes)> EndpointAsync(PostgresCluster cluster, string ndjson, int rows, int subscribers, DateTimeOffset start)
    {
        var connectionString = cluster.CreateDatabase();
        try
        {
            await using var host = new BenchmarkHost(connectionString + ExplainOptions());
            var net = await host.ClientAsync("bench-collector", "network-admin");
            net.Timeout = Timeout.InfiniteTimeSpan; // one streamed body of millions of lines
            await Ok(net.PutAsJsonAsync("/api/v1/routers/bench-bng", new
            {
                platform = "junos", routerGroup = "bench", managementHost = "2001:db8:ff00::1", sshUser = "op25b", credentialRef = "vault",
                hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            }));
            await SeedSessionsAsync(host, subscribers, start.AddHours(-1));
            // Seeding and earlier rounds leave garbage of their own; the figure is the endpoint's.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var large = Environment.GetEnvironmentVariable("OP25B_BENCH_LOH") is null ? null : new LargeAllocations();
            var peak = new PeakMemory();
            Console.WriteLine($"  process RSS before the endpoint run: {peak.CurrentMegabytes:F0} MB");
            var clock = Stopwatch.StartNew();
            await using (var body = File.OpenRead(ndjson))
            {
                var content = new StreamContent(body);
                content.Headers.ContentType = new("application/x-ndjson");
                var outcome = await Ok(net.PostAsync("/api/v1/attempts/batch", content));
                if ((int)outcome["accepted"]! != rows)
                    throw new InvalidOperationException($"endpoint accepted {outcome["accepted"]} of {rows}: {outcome.ToJsonString()}");
            }
            var seconds = clock.Elapsed.TotalSeconds;
            KeepServerLog();
            var peakRss = await peak.StopAsync();
            if (large is not null)
                Console.WriteLine($"  large objects allocated: {large.Top()}");
            Console.WriteLine($"  managed heap: peak {peak.PeakHeapMegabytes:F0} MB, after a full collection {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:F0} MB; at the peak, {peak.AtPeak}");
            return (rows / seconds, peakRss);
        }
        finally
        {
            DropDatabase(cluster, connectionString);
        }
    }

    /// <summary>
    /// OP25B_BENCH_EXPLAIN=file: every ingest statement over 100 ms logs its plan with EXPLAIN
    /// (ANALYZE, BUFFERS) through auto_explain; the server log is copied to that file at the end of the run.
    /// </summary>
    private static string ExplainOptions() => Environment.GetEnvironmentVariable("OP25B_BENCH_EXPLAIN") is null ? "" :
        ";Options=-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=100 -c auto_explain.log_analyze=on " +
        "-c auto_explain.log_buffers=on -c auto_explain.log_nested_statements=on";

    public static void KeepServerLog()
    {
        if (Environment.GetEnvironmentVariable("OP25B_BENCH_EXPLAIN") is { } target)
            foreach (var cluster in Directory.GetDirectories(Path.GetTempPath(), $"op25b-pg-{Environment.ProcessId}-*"))
                File.Copy(Path.Combine(cluster, "server.log"), target, overwrite: true);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    /// <summary>Each round's databases go when it ends: several 5M-row databases would fill the disk.</summary>
    private static void DropDatabase(PostgresCluster cluster, string connectionString)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres"));
        connection.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>
    /// Subscribers and their open sessions, written by SQL inside the database: seeding through
    /// the context would leave hundreds of MB of tracked entities in this process, which also
    /// hosts the endpoint whose memory is measured.
    /// </summary>
    private static async Task SeedSessionsAsync(BenchmarkHost host, int count, DateTimeOffset since)
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
        var lastKey = AddressKey.Of(Sources(count)[^1]);
        if (await db.AccessSessions.CountAsync(x => x.FramedIpKey == lastKey) != 1)
            throw new InvalidOperationException("Seeded session keys do not match AddressKey.");
    }

    /// <summary>The framed addresses <see cref="SeedSessionsAsync"/> gives the subscribers, in order.</summary>
    private static List<IPAddress> Sources(int count) =>
        Enumerable.Range(0, count).Select(i => new IPAddress([100, (byte)(64 + i / 65536), (byte)(i / 256 % 256), (byte)(i % 256)])).ToList();

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
        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(psql)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"psql \\copy failed: {error}");
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            DropDatabase(cluster, connectionString);
        }
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
