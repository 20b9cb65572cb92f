using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Pools.Remove;

public sealed class Request
{
    public long Id { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Removes a pool (port 25 is no longer blocked there once the next version is live); audited with its content.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, PolicyChangeSignal signal) : Endpoint<Request, PoolResponse>
{
    public override void Configure()
    {
        Delete("/pools/{id:long}");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Remove a subscriber pool");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var pool = await db.SubscriberPools.FirstOrDefaultAsync(p => p.Id == req.Id, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No pool with id {req.Id}.");
        db.SubscriberPools.Remove(pool);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("pool.removed", "pool", pool.Id.ToString(), PoolResponse.From(pool), null, req.Reason));
        await audit.SaveAsync(ct);
        signal.Notify($"pool {pool.Prefix} removed from {pool.RouterGroup}", Actor.NameOf(User));
        await Send.OkAsync(PoolResponse.From(pool), ct);
    }
}
