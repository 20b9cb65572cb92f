using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exemptions;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Rollout;

/// <summary>Reads what router groups' rule sets are compiled from: their pools, the relays, the policy and the exemptions in force.</summary>
public sealed class PolicySnapshotLoader(AdminDbContext db)
{
    /// <summary>
    /// One snapshot per router group (every group with routers or pools). The policy, relays and
    /// exemptions are shared by all groups, so they are read once, not once per group.
    /// </summary>
    public async Task<IReadOnlyList<PolicySnapshot>> LoadAllAsync(DateTimeOffset at, CancellationToken ct, string? onlyGroup = null)
    {
        var policy = (await db.PolicySettings.AsNoTracking().SingleAsync(ct)).ToPolicy();
        var relays = await db.MailRelays.AsNoTracking().Select(r => r.Prefix).ToListAsync(ct);
        var pools = await db.SubscriberPools.AsNoTracking().Where(p => onlyGroup == null || p.RouterGroup == onlyGroup)
            .Select(p => new { p.RouterGroup, p.Prefix }).ToListAsync(ct);
        var groups = onlyGroup is not null
            ? [onlyGroup]
            : (await db.Routers.Select(r => r.RouterGroup).Distinct().ToListAsync(ct)).Union(pools.Select(p => p.RouterGroup))
                .Order(StringComparer.Ordinal).ToList();

        var inForce = db.Exemptions.Where(Exemption.InForceAt(at)).Select(e => e.Id);
        var exempt = await db.ExemptionPrefixes.AsNoTracking()
            .Where(p => inForce.Contains(p.ExemptionId))
            .Select(p => new ExemptPrefix(p.ExemptionId, p.Prefix))
            .ToListAsync(ct);

        return groups.Select(group =>
        {
            var groupPools = pools.Where(p => p.RouterGroup == group).Select(p => p.Prefix).ToList();
            // Exemptions are per subscriber, not per group: a group's rule set carries the exempt
            // prefixes that fall in its own pools; the rest would change nothing on its routers.
            var poolIndex = new PrefixIndex(PrefixAggregator.Aggregate(groupPools));
            return new PolicySnapshot(group, policy, groupPools, relays, exempt.Where(e => poolIndex.Overlaps(e.Prefix)).ToList());
        }).ToList();
    }

    public async Task<PolicySnapshot> LoadAsync(string routerGroup, DateTimeOffset at, CancellationToken ct) =>
        (await LoadAllAsync(at, ct, routerGroup)).Single();
}
