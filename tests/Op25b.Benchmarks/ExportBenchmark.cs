using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Core.Exports;
using Op25b.Lab;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exports;

namespace Op25b.Benchmarks;

/// <summary>
/// The attempt-summary export (subscriber × day, from the hourly rollup) as CSV on a throwaway
/// PostgreSQL cluster: rollup rows generated with generate_series, one per subscriber-day, so the
/// export has exactly that many rows. Each run goes through the real runner (reader, CSV writer,
/// hashing stream, file, manifest, audit entry); rows/s and the process's peak working set are printed.
/// </summary>
public static class ExportBenchmark
{
    public static async Task RunAsync(int subscribers, int days, int runs)
    {
        var rows = (long)subscribers * days;
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var exports = Directory.CreateTempSubdirectory("op25b-bench-exports-").FullName;
        await using var host = new BenchmarkHost(PostgresCluster.Instance.CreateDatabase(), exports);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(host, subscribers, days, from);
        Console.WriteLine($"seeded {subscribers:N0} subscribers and {rows:N0} rollup rows in {seeding.Elapsed.TotalSeconds:F1} s");

        if (Environment.GetEnvironmentVariable("EXPORT_EXPLAIN") == "1")
            await ExplainAsync(host, from, days);
        using (var self = Process.GetCurrentProcess())
            Console.WriteLine($"working set before exporting (host, Hangfire server, EF model): {self.WorkingSet64 / 1024.0 / 1024.0:F0} MB");
        var rates = new List<double>();
        var peaks = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var requested = await scope.ServiceProvider.GetRequiredService<ExportRequester>().RequestAsync("attempt-summary", ExportFormat.Csv, false,
                new ExportQuery(From: from, To: from.AddDays(days)), forceBackground: true, AuditActor.System, CancellationToken.None);
            GC.Collect();
            var (seconds, peak, manifest) = await MeasureAsync(() =>
                scope.ServiceProvider.GetRequiredService<ExportRunner>().RunAsync(requested.Export.Id, AuditActor.System, null, CancellationToken.None));
            if (manifest.RowCount != rows)
                throw new InvalidOperationException($"expected {rows} rows, the export wrote {manifest.RowCount}");
            rates.Add(rows / seconds);
            peaks.Add(peak / 1024.0 / 1024.0);
            Console.WriteLine($"  run {run + 1}: {seconds:F1} s, {rows / seconds:N0} rows/s, peak working set {peak / 1024.0 / 1024.0:F0} MB, " +
                              $"file {manifest.ByteCount / 1024.0 / 1024.0:F0} MB");
            File.Delete(Path.Combine(exports, manifest.FileName));
        }
        Console.WriteLine($"attempt-summary export of {rows:N0} rows as CSV, PostgreSQL, median of {runs} runs:");
        Figures.Print("  rows per second", Figures.Median(rates), "r/s", ">= 300,000");
        Figures.Print("  peak process working set during the export", Figures.Median(peaks), "MB", "< 300 MB");
        Directory.Delete(exports, recursive: true);
    }

    private static async Task<(double Seconds, long PeakBytes, ExportManifest Manifest)> MeasureAsync(Func<Task<ExportManifest>> export)
    {
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                await Task.Delay(50);
            }
        });
        var clock = Stopwatch.StartNew();
        var manifest = await export();
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (seconds, peak, manifest);
    }

    /// <summary>The server's own time for the query (EXPORT_EXPLAIN=1): what the database alone costs.</summary>
    private static async Task ExplainAsync(BenchmarkHost host, DateTimeOffset from, int days)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var sql = typeof(ExportRunner).Assembly.GetManifestResourceStream("Op25b.Persistence.Exports.Sql.attempt-summary-rows.sql")!;
        var text = await new StreamReader(sql).ReadToEndAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = "SET jit = off; EXPLAIN (ANALYZE, BUFFERS) " + text;
        foreach (var (name, value) in new (string, object)[] { ("from", from), ("to", from.AddDays(days)), ("subscriber_id", -1L) })
        {
            var p = command.CreateParameter();
            (p.ParameterName, p.Value) = (name, value);
            command.Parameters.Add(p);
        }
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("  " + reader.GetString(0));
    }

    private static async Task SeedAsync(BenchmarkHost host, int subscribers, int days, DateTimeOffset from)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        // Constants only are formatted in; the subscriber ids are the ones generate_series created.
        var subscribersSql = $"""
            INSERT INTO subscribers (external_id, display_name, product_code, status, created_at, updated_at, version)
            SELECT 'CRM-' || lpad(s::text, 8, '0'), '加入者 ' || s, 'static-business', 'active', now(), now(), 1
            FROM generate_series(1, {subscribers}) s
            """;
        await db.Database.ExecuteSqlRawAsync(subscribersSql);
        var rollupsSql = $"""
            INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
            SELECT timestamptz '{from.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00' + d * interval '1 day' + (s.s % 24) * interval '1 hour',
                   s.id, 'bng-' || (s.id % 8), '203.0.113.' || (s.id % 250 + 1), 1 + (s.id + d) % 17, 1 + (s.id * d) % 40
            FROM generate_series(0, {days - 1}) d, (SELECT id, id AS s FROM subscribers) s
            """;
        await db.Database.ExecuteSqlRawAsync(rollupsSql);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE attempt_rollups_hourly");
    }
}
