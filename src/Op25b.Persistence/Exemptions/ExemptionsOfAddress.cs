using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Exemptions;

/// <summary>
/// Ends the exemptions that depended on addresses a subscriber no longer holds. Changes go
/// through the context and are audited with the caller's reason, so they commit in the same
/// transaction as the change that took the address away (an ended assignment, a closed line).
/// </summary>
public sealed class ExemptionsOfAddress(AdminDbContext db, AuditTrail audit)
{
    /// <summary>
    /// Call after changing <paramref name="subscriber"/> (tracked, with its assignments) and before
    /// saving. A closed or suspended subscriber loses every exemption now; otherwise each exemption
    /// ends when the first of its prefixes stops being held. Returns the exemptions changed, so the
    /// caller can signal the policy change.
    /// </summary>
    public async Task<IReadOnlyList<Exemption>> EndDependentAsync(
        Subscriber subscriber, AuditActor actor, string reason, DateTimeOffset now,
        Func<Exemption, object> snapshot, CancellationToken ct)
    {
        var claiming = await db.Exemptions.Include(e => e.Prefixes)
            .Where(e => e.SubscriberId == subscriber.Id && Exemption.Claiming.Contains(e.Status))
            .ToListAsync(ct);
        var changed = new List<Exemption>();
        foreach (var exemption in claiming)
        {
            var lostAt = subscriber.Status == SubscriberStatus.Active
                ? ExemptionCoverage.AddressLostAt(exemption, subscriber.Assignments)
                : now;
            if (lostAt is not { } lost)
                continue;

            var before = snapshot(exemption);
            string action;
            if (lost <= now || lost <= exemption.ValidFrom)
            {
                exemption.EndWithAddress(actor.Name, reason, now);
                action = exemption.Status == ExemptionStatus.Rejected ? "exemption.rejected" : "exemption.revoked";
            }
            else
            {
                exemption.EndAt(lost);
                action = "exemption.shortened";
            }
            exemption.Version++;
            audit.Record(actor, new AuditRecord(action, "exemption", exemption.Id.ToString(), before, snapshot(exemption), reason));
            changed.Add(exemption);
        }
        return changed;
    }
}
