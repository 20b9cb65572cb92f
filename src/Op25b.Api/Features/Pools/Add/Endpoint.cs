using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Core.Network;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Pools.Add;

/// <summary>Adds a blocked range to a router group; refuses a range that duplicates or overlaps one already in the group.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal, AddressSpaceGuard guard) : Endpoint<Request, PoolResponse>
{
    public override void Configure()
    {
        Post("/pools");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Add a subscriber pool (blocked range) to a router group");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var prefix = AddressFields.Prefix(req.Prefix);
        await guard.RequireAsync(prefix, AddressUse.Pool, "prefix", ct);
        var range = PrefixRange.Of(prefix);
        var clash = await db.SubscriberPools.AsNoTracking()
            .Where(p => p.RouterGroup == req.RouterGroup && p.Family == range.Family
                        && p.RangeFirst.CompareTo(range.Last) <= 0 && p.RangeLast.CompareTo(range.First) >= 0)
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "prefix",
                clash.Prefix.Equals(prefix)
                    ? $"{prefix} is already a pool of group '{req.RouterGroup}' (id {clash.Id})."
                    : $"{prefix} overlaps pool {clash.Prefix} of group '{req.RouterGroup}' (id {clash.Id}).");

        var pool = new SubscriberPool
        {
            RouterGroup = req.RouterGroup, Prefix = prefix, Family = range.Family, RangeFirst = range.First, RangeLast = range.Last,
            Description = req.Description, CreatedAt = clock.GetUtcNow(),
        };
        db.SubscriberPools.Add(pool);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("pool.added", "pool", () => pool.Id.ToString(), null, () => PoolResponse.From(pool)));
        await audit.SaveAsync(ct);
        signal.Notify($"pool {prefix} added to {req.RouterGroup}", Actor.NameOf(User));
        await Send.ResponseAsync(PoolResponse.From(pool), 201, ct);
    }
}
