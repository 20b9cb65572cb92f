using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Benchmarks;

/// <summary>
/// Reading at volume: 50,000,000 attributed attempts over the last seven days in PostgreSQL,
/// with their rollups, then the reads the abuse desk makes, timed through the real host.
/// Generating takes a while; set OP25B_VOLUME_DATABASE to a connection string to keep the data
/// in a database of your own and reuse it on the next run. Asked only for the reads
/// (<c>volume reads</c>), it adds the same generated attempts straight to the rollups instead of
/// storing them first (no raw attempts: what the timed reads never touch).
/// </summary>
public static class VolumeBenchmark
{
    private const long Attempts = 50_000_000;
    private const int Slices = 50;

    public static async Task RunAsync(bool readsOnly, int runs = 15)
    {
        var connectionString = Environment.GetEnvironmentVariable("OP25B_VOLUME_DATABASE") ?? PostgresCluster.Instance.CreateDatabase();
        await using (var db = new AdminDbContext(AdminDbContextOptions.Build(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString })))
            await db.Database.MigrateAsync();
        var end = await GenerateAsync(connectionString, readsOnly);

        await using var host = new BenchmarkHost(connectionString);
        var desk = await host.ClientAsync($"volume-desk-{Guid.NewGuid():N}"[..20], "abuse-desk");
        var to = Uri.EscapeDataString(end.ToString("O"));
        var top = $"/api/v1/attempts/top-subscribers?to={to}&limit=100";
        var first = await desk.GetStringAsync(top); // warms the plan cache and the pages
        var busiest = System.Text.Json.JsonDocument.Parse(first).RootElement[0].GetProperty("subscriberExternalId").GetString();
        var summary = $"/api/v1/subscribers/{busiest}/attempt-summary?from={Uri.EscapeDataString(end.AddDays(-7).ToString("O"))}&to={to}";
        await desk.GetStringAsync(summary);

        var console = await host.ConsoleClientAsync($"volume-operator-{Guid.NewGuid():N}"[..24], "abuse-desk");
        var page = $"/ops/subscribers/{busiest}";
        await console.GetStringAsync("/ops");
        await console.GetStringAsync(page);

        Console.WriteLine($"reads over {Attempts:N0} attempts in PostgreSQL (7 days, 100,000 subscribers), {runs} runs each:");
        Figures.Print("  top 100 subscribers over 7 days, median (ms)", await Figures.MedianMs(runs, () => desk.GetStringAsync(top)), "ms", "< 100 ms");
        Figures.Print("  busiest subscriber's 7-day summary, median (ms)", await Figures.MedianMs(runs, () => desk.GetStringAsync(summary)), "ms", "(no target)");
        Figures.Print("  console dashboard /ops, median (ms)", await Figures.MedianMs(runs, () => console.GetStringAsync("/ops")), "ms", "< 300 ms");
        Figures.Print("  console page of the busiest subscriber, median (ms)", await Figures.MedianMs(runs, () => console.GetStringAsync(page)), "ms", "< 300 ms");
    }

    /// <summary>Generates the data unless a previous run left it; returns the end of the generated week.</summary>
    private static async Task<DateTimeOffset> GenerateAsync(string connectionString, bool readsOnly)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var existing = new NpgsqlCommand("SELECT max(last_seen) FROM attempt_rollups_subscriber_hourly", connection))
            if (await existing.ExecuteScalarAsync() is DateTime generatedUntil)
            {
                Console.WriteLine($"  reusing the generated attempts (up to {generatedUntil:u})");
                return new DateTimeOffset(generatedUntil, TimeSpan.Zero).AddSeconds(1);
            }

        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, Sql("volume-subscribers.sql"));
        if (readsOnly)
            return await GenerateRollupsAsync(connection, clock);
        var end = DateTimeOffset.UtcNow;
        var start = end.AddDays(-7);
        for (var day = start.UtcDateTime.Date; day <= end.UtcDateTime.Date; day = day.AddDays(1))
            await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS blocked_attempts_p{day:yyyyMMdd} PARTITION OF blocked_attempts " +
                $"FOR VALUES FROM ('{day:yyyy-MM-dd}T00:00:00Z') TO ('{day.AddDays(1):yyyy-MM-dd}T00:00:00Z')");
        // Loading into a table without its secondary indexes and building them afterwards is many
        // times faster than maintaining random-order B-trees row by row; the result is the same table.
        const string secondary = "FROM pg_indexes WHERE tablename = 'blocked_attempts' AND indexname <> 'pk_blocked_attempts'";
        var indexes = await NamesAsync(connection, $"SELECT indexdef {secondary}");
        foreach (var name in await NamesAsync(connection, $"SELECT indexname {secondary}"))
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        var slice = (end - start).TotalSeconds / Slices;
        for (var i = 0; i < Slices; i++)
        {
            await ExecuteAsync(connection, Sliced("volume-attempts.sql"),
                new NpgsqlParameter("from", start.AddSeconds(i * slice)), new NpgsqlParameter("seconds", slice),
                new NpgsqlParameter("first", i * Attempts / Slices), new NpgsqlParameter("last", (i + 1) * Attempts / Slices - 1));
            Console.WriteLine($"  generated {(i + 1) * Attempts / Slices:N0} attempts ({clock.Elapsed.TotalMinutes:F1} min)");
        }
        // pg_indexes shows a partitioned index as "ON ONLY" the parent; built that way it would
        // stay invalid and cover no partition.
        foreach (var definition in indexes)
            await ExecuteAsync(connection, definition.Replace(" ON ONLY ", " ON "));
        Console.WriteLine($"  indexes rebuilt ({clock.Elapsed.TotalMinutes:F1} min)");
        await ExecuteAsync(connection, Sql("volume-rollups.sql"));
        Console.WriteLine($"  rollups built ({clock.Elapsed.TotalMinutes:F1} min)");
        return end;
    }

    /// <summary>The same attempts in whole-hour slices, added to the rollups only; returns the end of the generated week.</summary>
    private static async Task<DateTimeOffset> GenerateRollupsAsync(NpgsqlConnection connection, Stopwatch clock)
    {
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var start = end.AddDays(-7);
        const int hoursPerSlice = 3, slices = 7 * 24 / hoursPerSlice;
        for (var i = 0; i < slices; i++)
        {
            await ExecuteAsync(connection, Sliced("volume-slice-rollups.sql"),
                new NpgsqlParameter("from", start.AddHours(i * hoursPerSlice)), new NpgsqlParameter("seconds", hoursPerSlice * 3600.0),
                new NpgsqlParameter("first", i * Attempts / slices), new NpgsqlParameter("last", (i + 1) * Attempts / slices - 1));
            Console.WriteLine($"  added {(i + 1) * Attempts / slices:N0} attempts to the rollups ({clock.Elapsed.TotalMinutes:F1} min)");
        }
        await ExecuteAsync(connection, "ANALYZE");
        return end;
    }

    private static string Sliced(string name) => Sql(name).Replace("{slice}", Sql("volume-slice.sql"));

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sql(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Benchmarks.Sql.{name}")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
