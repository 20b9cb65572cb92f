using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// Attempts stored before anyone was known to hold their source (accounting data arrives late)
/// get attributed when it arrives; their rollup counts move from the unattributed bucket to the
/// subscriber, in the same transaction.
/// </summary>
public sealed class LateAttribution(AdminDbContext db, AttemptAttributor attributor, TimeProvider clock)
{
    public async Task<int> RunAsync(DateTimeOffset since, int batchSize, CancellationToken ct)
    {
        var pending = await db.BlockedAttempts.Where(a => a.SubscriberId == null && a.OccurredAt >= since)
            .OrderBy(a => a.Id).Take(batchSize).ToListAsync(ct);
        if (pending.Count == 0)
            return 0;
        var attributed = await attributor.AttributeAsync(pending, clock.GetUtcNow(), ct);
        if (attributed == 0)
            return 0;

        var moved = pending.Where(a => a.SubscriberId is not null).ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            foreach (var g in moved.GroupBy(a => (Hour: AttemptStore.HourOf(a.OccurredAt), a.RouterName, Destination: a.DestinationIp.ToString())))
            {
                var hour = db.IsPostgres ? (object)g.Key.Hour : g.Key.Hour.UtcTicks;
                await db.Database.ExecuteSqlRawAsync(AttemptSql.ReleaseUnattributedRollup,
                    [(long)g.Count(), (long)g.Sum(a => a.Packets), hour, g.Key.RouterName, g.Key.Destination], ct);
            }
            await AttemptStore.AddToRollupsAsync(db, moved, ct);
            await tx.CommitAsync(ct);
        });
        return attributed;
    }
}
