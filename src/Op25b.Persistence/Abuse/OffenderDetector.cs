using Microsoft.EntityFrameworkCore;
using Op25b.Core.Abuse;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Abuse;

/// <summary>
/// Finds the subscribers the <see cref="OffenderRules"/> flag at a moment, from the hourly rollup
/// only — two indexed reads (the observed hours by hour, then the baselines of the few candidates
/// by subscriber), never a scan of raw attempts, so it stays fast with tens of millions of them.
/// </summary>
public sealed class OffenderDetector(AdminDbContext db)
{
    public async Task<IReadOnlyList<Offender>> FindAsync(DateTimeOffset now, OffenderThresholds thresholds, CancellationToken ct)
    {
        var window = OffenderWindow.At(now, thresholds);
        var minimum = OffenderRules.MinimumAttemptsOfInterest(thresholds);
        var observedFrom = window.ObservedFrom;
        var hours = await db.AttemptRollups.AsNoTracking()
            .Where(r => r.SubscriberId != AttemptRollup.Unattributed && r.Hour >= observedFrom)
            .GroupBy(r => new { r.SubscriberId, r.Hour })
            .Select(g => new { g.Key.SubscriberId, g.Key.Hour, Attempts = g.Sum(r => r.Attempts), Destinations = g.Select(r => r.DestinationIp).Distinct().Count() })
            .Where(x => x.Attempts >= minimum)
            .ToListAsync(ct);
        if (hours.Count == 0)
            return [];

        var candidates = hours.Select(h => h.SubscriberId).Distinct().ToList();
        var baselineFrom = window.BaselineFrom;
        // Fourteen days of a busy subscriber are ~150,000 per-destination rows but at most 336 per-subscriber ones.
        var baselines = await db.SubscriberHourRollups.AsNoTracking()
            .Where(r => candidates.Contains(r.SubscriberId) && r.Hour >= baselineFrom && r.Hour < observedFrom)
            .GroupBy(r => r.SubscriberId)
            .Select(g => new { SubscriberId = g.Key, Attempts = g.Sum(r => r.Attempts) })
            .ToDictionaryAsync(x => x.SubscriberId, x => x.Attempts, ct);

        // Of a subscriber's observed hours, the one that fires the most rules (then the busier one) speaks for them.
        var findings = hours
            .Select(h => OffenderRules.Evaluate(new OffenderFigures(h.SubscriberId, h.Hour, h.Attempts, h.Destinations,
                baselines.GetValueOrDefault(h.SubscriberId), window.BaselineHours), thresholds))
            .OfType<OffenderFinding>()
            .GroupBy(f => f.SubscriberId)
            .Select(g => g.OrderByDescending(f => f.Triggers.Count).ThenByDescending(f => f.Attempts).First())
            .ToDictionary(f => f.SubscriberId);
        if (findings.Count == 0)
            return [];

        var ids = findings.Keys.ToList();
        var subscribers = await db.Subscribers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.ExternalId, s.DisplayName }).ToListAsync(ct);
        var openCases = await db.AbuseCases.AsNoTracking()
            .Where(c => ids.Contains(c.SubscriberId) && AbuseCaseTransitions.Unresolved.Contains(c.State))
            .Select(c => new { c.SubscriberId, c.Id }).ToDictionaryAsync(c => c.SubscriberId, c => c.Id, ct);
        return subscribers
            .Select(s => new Offender(s.Id, s.ExternalId, s.DisplayName, findings[s.Id], OffenderRules.Describe(findings[s.Id], thresholds),
                openCases.TryGetValue(s.Id, out var caseId) ? caseId : null))
            .OrderByDescending(o => o.Finding.Attempts).ThenBy(o => o.SubscriberId)
            .ToList();
    }
}
