using System.Net;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>
/// An attempt summary of a million subscriber-days — as objects, well over a hundred megabytes —
/// exported as a background job while the managed heap is sampled after each collection (what
/// survives, not garbage awaiting gen 0): it must stay within a few megabytes of where it started.
/// </summary>
public abstract class LargeExportTests(AdminApiFactory api)
{
    private const int Subscribers = 10_000;
    private const int Days = 100;
    private const long HeapGrowthLimit = 8L * 1024 * 1024;
    private static readonly DateTimeOffset Year2030 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Task SeedRollupsAsync() => api.WithDbAsync(async db =>
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        // Subscriber ids far above any real one: the export names them with an empty subscriber.
        // Only constants are formatted in: nothing here comes from outside the test.
        var sql = db.IsPostgres
            ? $"""
                INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
                SELECT timestamptz '2030-01-01 00:00:00+00' + d * interval '1 day' + interval '3 hours', 10000000 + s, 'bng-bulk', '203.0.113.25', d + 1, 2 * d + 2
                FROM generate_series(0, {Days - 1}) d, generate_series(1, {Subscribers}) s
                """
            : $"""
                WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < {Days - 1}),
                               s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {Subscribers})
                INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
                SELECT {Year2030.UtcTicks} + d.n * {TimeSpan.TicksPerDay} + 3 * {TimeSpan.TicksPerHour}, 10000000 + s.n, 'bng-bulk', '203.0.113.25', d.n + 1, 2 * d.n + 2
                FROM d, s
                """;
        await db.Database.ExecuteSqlRawAsync(sql);
    });

    [Fact]
    public async Task An_export_of_a_million_rows_completes_with_a_flat_managed_heap()
    {
        await SeedRollupsAsync();
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var accepted = await (await ExportTesting.RequestAsync(auditor, new
        {
            type = "attempt-summary", format = "csv", from = Year2030, to = Year2030.AddDays(Days),
        })).ExpectAsync(HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<long>();
        Assert.Equal((long)Subscribers * Days, accepted["estimatedRows"]!.GetValue<long>());

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                await Task.Delay(10);
            }
        });
        await ExportTesting.RunJobAsync(api, id);
        await sampling.CancelAsync();
        await sampler;
        System.Console.WriteLine($"large export: managed heap grew by {(peak - baseline) / 1024.0 / 1024.0:F1} MB");

        var status = await (await auditor.GetAsync($"/api/v1/exports/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("succeeded", status["state"]!.GetValue<string>());
        Assert.Equal((long)Subscribers * Days, status["rowsWritten"]!.GetValue<long>());
        var bytes = status["byteCount"]!.GetValue<long>();
        Assert.True(bytes > 2 * HeapGrowthLimit, $"the file is only {bytes} bytes");
        Assert.True(peak - baseline < HeapGrowthLimit,
            $"the managed heap grew by {(peak - baseline) / 1024 / 1024} MB while writing a {bytes / 1024 / 1024} MB export");
        Assert.True((await (await auditor.GetAsync($"/api/v1/exports/{id}/verify")).ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());
        var manifest = await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).ExpectAsync(HttpStatusCode.OK);
        File.Delete(Path.Combine(api.ExportDirectory, manifest["fileName"]!.GetValue<string>()));
    }
}

public sealed class LargeExportTests_on_Sqlite(SqliteApiFactory api) : LargeExportTests(api), IClassFixture<SqliteApiFactory>;

public sealed class LargeExportTests_on_Postgres(PostgresApiFactory api) : LargeExportTests(api), IClassFixture<PostgresApiFactory>;
