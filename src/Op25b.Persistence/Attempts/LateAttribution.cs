using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// Attempts stored before anyone was known to hold their source (accounting data arrives late)
/// get attributed when it arrives; their rollup counts move from the unattributed bucket to the
/// subscriber, in the same transaction. Walks the unattributed attempts in id windows, so
/// attempts nobody held yet never stop later ones from being looked at.
/// </summary>
public sealed class LateAttribution(AdminDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(DateTimeOffset since, int windowSize, CancellationToken ct)
    {
        var total = 0;
        var after = 0L;
        while (!ct.IsCancellationRequested)
        {
            var window = await db.BlockedAttempts.AsNoTracking()
                .Where(a => a.SubscriberId == null && a.OccurredAt >= since && a.Id > after)
                .OrderBy(a => a.Id).Select(a => a.Id).Take(windowSize).ToListAsync(ct);
            if (window.Count == 0)
                break;
            total += await AttributeWindowAsync(since, after, window[^1], ct);
            after = window[^1];
        }
        return total;
    }

    private async Task<int> AttributeWindowAsync(DateTimeOffset since, long after, long upto, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = tx.GetDbTransaction();
                command.CommandText = AttemptSql.AttributeLate;
                SqlRows.Add(command, "@now", db.IsPostgres ? clock.GetUtcNow() : clock.GetUtcNow().UtcTicks);
                SqlRows.Add(command, "@since", db.IsPostgres ? since.ToUniversalTime() : since.UtcTicks);
                SqlRows.Add(command, "@after", after);
                SqlRows.Add(command, "@upto", upto);
                var moved = await StoredAttempt.ReadAllAsync(command, ct);
                foreach (var g in moved.GroupBy(a => (Hour: RollupBuckets.Hour(a.OccurredAt), a.RouterName, a.DestinationIp)))
                {
                    var hour = db.IsPostgres ? (object)g.Key.Hour : g.Key.Hour.UtcTicks;
                    await db.Database.ExecuteSqlRawAsync(AttemptSql.ReleaseUnattributedRollup,
                        [(long)g.Count(), (long)g.Sum(a => a.Packets), hour, g.Key.RouterName, g.Key.DestinationIp], ct);
                }
                foreach (var g in moved.GroupBy(a => RollupBuckets.Hour(a.OccurredAt)))
                    await db.Database.ExecuteSqlRawAsync(AttemptSql.ReleaseUnattributedSubscriberHour,
                        [(long)g.Count(), (long)g.Sum(a => a.Packets), db.IsPostgres ? g.Key : g.Key.UtcTicks], ct);
                foreach (var g in moved.GroupBy(a => RollupBuckets.Day(a.OccurredAt)))
                    await db.Database.ExecuteSqlRawAsync(AttemptSql.ReleaseUnattributedSubscriberDay,
                        [(long)g.Count(), (long)g.Sum(a => a.Packets), db.IsPostgres ? g.Key : g.Key.UtcTicks], ct);
                await AttemptStore.AddToRollupsAsync(db, moved, lateAttributed: true, ct);
                await tx.CommitAsync(ct);
                return moved.Count;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }
}
