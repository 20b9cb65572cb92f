using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Op25b.Api.Hosting;
using Op25b.Persistence.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>
/// Keeps the day partitions of blocked attempts ready ahead of time (PostgreSQL; nothing to do on
/// SQLite), so writers normally find their day and never create one on the hot path. Yesterday is
/// included for routers whose clocks lag. Idempotent: it asks the database, not the writers' cache.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class AttemptPartitionsJob(AdminDbContext db, TimeProvider clock, HostTurns turns)
{
    public const int DaysAhead = 3;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!db.IsPostgres)
            return 0;
        await using var turn = await turns.TakeAsync(db, TurnKeys.AttemptPartitions, ct);
        var today = DayPartitions.DayOf(clock.GetUtcNow());
        var days = Enumerable.Range(-1, DaysAhead + 2).Select(today.AddDays).ToList();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await DayPartitions.EnsureAsync((NpgsqlConnection)db.Database.GetDbConnection(), days, ct, recheck: true);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return days.Count;
    }
}
