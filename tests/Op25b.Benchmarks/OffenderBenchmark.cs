using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Abuse;
using Op25b.Lab;
using Op25b.Persistence;
using Op25b.Persistence.Abuse;

namespace Op25b.Benchmarks;

/// <summary>
/// Offender detection (<see cref="OffenderDetector.FindAsync"/>) against an hourly rollup that
/// stands for tens of millions of attempts, on a throwaway PostgreSQL cluster. The rollup is
/// generated inside the server (generate_series) so seeding takes seconds, not the hours an ingest would.
/// </summary>
public static class OffenderBenchmark
{
    public static async Task RunAsync(int subscribers, int runs)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = PostgresCluster.Instance.CreateDatabase() };
        await using var db = new AdminDbContext(AdminDbContextOptions.Build(options));
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

        var seeding = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO subscribers (external_id, display_name, product_code, status, created_at, updated_at, version)
            SELECT 'BENCH-' || s, 'bench ' || s, 'dynamic-residential', 'active', now(), now(), 1 FROM generate_series(1, {0}) s
            """, subscribers);
        // Background: every subscriber tries port 25 in about one hour in ten over 15 days, to one or
        // two destinations, 1–12 attempts a row. Offenders: one subscriber in a hundred bursts now.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
            SELECT {0}::timestamptz - make_interval(hours => h), s, 'bng-' || (s % 16), '203.0.113.' || d, 1 + (s * 7 + h * 13 + d) % 12, 1
            FROM generate_series(1, {1}) s, generate_series(0, 359) h, generate_series(1, 2) d
            WHERE (s * 31 + h * 17) % 10 = 0 AND (d = 1 OR (s + h) % 3 = 0)
            ON CONFLICT DO NOTHING
            """, hour, subscribers);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
            SELECT {0}::timestamptz, s, 'bng-burst', '198.51.100.' || d, 40, 40
            FROM generate_series(1, {1}, 100) s, generate_series(1, 30) d
            """, hour, subscribers);
        // The per-subscriber hours the store maintains beside them (offender baselines read these).
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO attempt_rollups_subscriber_hourly (hour, subscriber_id, attempts, packets, first_seen, last_seen)
            SELECT hour, subscriber_id, sum(attempts), sum(packets), hour, hour + interval '59 minutes'
            FROM attempt_rollups_hourly GROUP BY 1, 2
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE attempt_rollups_hourly; ANALYZE attempt_rollups_subscriber_hourly; ANALYZE subscribers");
        var rows = await db.AttemptRollups.LongCountAsync();
        var attempts = await db.AttemptRollups.SumAsync(r => r.Attempts);
        Console.WriteLine($"offender detection, PostgreSQL: {subscribers:N0} subscribers, {rows:N0} rollup rows standing for {attempts:N0} attempts (seeded in {seeding.Elapsed.TotalSeconds:F0} s)");

        var detector = new OffenderDetector(db);
        var thresholds = new OffenderThresholds();
        var found = 0;
        var median = await Figures.MedianMs(runs, async () => found = (await detector.FindAsync(now, thresholds, CancellationToken.None)).Count);
        Figures.Print($"  OffenderDetector.FindAsync ({found:N0} offenders, median of {runs})", median, "ms", "fast: reads the rollup only");
    }
}
