using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Features.Exemptions;
using Op25b.Api.Hosting;
using Op25b.Api.Rollout;
using Op25b.Core.Exemptions;
using Op25b.Persistence.Audit;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>
/// Moves exemptions along their validity windows: approved → active at valid_from,
/// active → expired at valid_until. Idempotent: a second run finds nothing to move.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class ExemptionWindowJob(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal, HostTurns turns)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var turn = await turns.TakeAsync(db, TurnKeys.ExemptionWindows, ct);
        var now = clock.GetUtcNow();
        var due = await db.Exemptions.Include(e => e.Subscriber).Include(e => e.Prefixes)
            .Where(e => (e.Status == ExemptionStatus.Approved && e.ValidFrom <= now)
                        || ((e.Status == ExemptionStatus.Approved || e.Status == ExemptionStatus.Active)
                            && e.ValidUntil != null && e.ValidUntil <= now))
            .ToListAsync(ct);

        foreach (var exemption in due)
        {
            var before = ExemptionResponse.From(exemption);
            if (!exemption.Advance(now))
                continue;
            exemption.Version++;
            var action = exemption.Status == ExemptionStatus.Active ? "exemption.activated" : "exemption.expired";
            audit.Record(AuditActor.System, new AuditRecord(action, "exemption", exemption.Id.ToString(),
                before, ExemptionResponse.From(exemption), "validity window"));
        }

        await audit.SaveAsync(ct);
        if (due.Count > 0)
            signal.Notify($"{due.Count} exemption(s) reached a validity window boundary", AuditActor.System.Name);
        return due.Count;
    }
}
