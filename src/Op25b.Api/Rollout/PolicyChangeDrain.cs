using Microsoft.EntityFrameworkCore;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

/// <summary>
/// Turns the outbox of policy change requests into a compile (which reconciles every router).
/// Only the rows read before the compile are deleted, by id: a change committed meanwhile keeps
/// its row — even one whose id is lower, as PostgreSQL hands out ids before commit — and is
/// compiled by the next drain.
/// </summary>
public sealed class PolicyChangeDrain(AdminDbContext db, RuleSetPublisher publisher)
{
    private const int Batch = 10_000;

    /// <summary>Compiles when changes are pending; false when the outbox was empty.</summary>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var pending = await db.PolicyChangeRequests.AsNoTracking().OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
        if (pending.Count == 0)
            return false;
        var reasons = pending.Select(r => r.Reason).Distinct().ToList();
        var trigger = string.Join(", ", reasons.Take(3)) + (reasons.Count > 3 ? $" and {reasons.Count - 3} more kinds" : "")
            + (pending.Count > 1 ? $" ({pending.Count} changes)" : "");
        await publisher.PublishAsync(trigger, AuditActor.System.Name, ct);
        var ids = pending.Select(r => r.Id).ToList();
        await db.PolicyChangeRequests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
        return true;
    }
}
