using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exemptions;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Rollout;

/// <summary>Reads what a router group's rule set is compiled from: its pools, the relays, the policy and the exemptions in force.</summary>
public sealed class PolicySnapshotLoader(AdminDbContext db)
{
    public async Task<IReadOnlyList<string>> RouterGroupsAsync(CancellationToken ct)
    {
        var fromRouters = await db.Routers.Select(r => r.RouterGroup).Distinct().ToListAsync(ct);
        var fromPools = await db.SubscriberPools.Select(p => p.RouterGroup).Distinct().ToListAsync(ct);
        return fromRouters.Union(fromPools).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<PolicySnapshot> LoadAsync(string routerGroup, DateTimeOffset at, CancellationToken ct)
    {
        var policy = (await db.PolicySettings.AsNoTracking().SingleAsync(ct)).ToPolicy();
        var pools = await db.SubscriberPools.AsNoTracking().Where(p => p.RouterGroup == routerGroup).Select(p => p.Prefix).ToListAsync(ct);
        var relays = await db.MailRelays.AsNoTracking().Select(r => r.Prefix).ToListAsync(ct);
        var poolIndex = new PrefixIndex(PrefixAggregator.Aggregate(pools));

        // Exemptions are per subscriber, not per group: a group's rule set carries the exempt
        // prefixes that fall in its own pools; the rest would change nothing on its routers.
        var inForce = db.Exemptions.Where(Exemption.InForceAt(at)).Select(e => e.Id);
        var exempt = await db.ExemptionPrefixes.AsNoTracking()
            .Where(p => inForce.Contains(p.ExemptionId))
            .Select(p => new { p.ExemptionId, p.Prefix })
            .ToListAsync(ct);
        var inGroup = exempt
            .Where(e => poolIndex.Overlaps(e.Prefix))
            .Select(e => new ExemptPrefix(e.ExemptionId, e.Prefix))
            .ToList();
        return new PolicySnapshot(routerGroup, policy, pools, relays, inGroup);
    }
}
