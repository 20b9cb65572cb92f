using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Pools.List;

public sealed class Request
{
    public string? RouterGroup { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, IReadOnlyList<PoolResponse>>
{
    public override void Configure()
    {
        Get("/pools");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List subscriber pools (filter: routerGroup)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.SubscriberPools.AsNoTracking();
        if (req.RouterGroup is { } group)
            query = query.Where(p => p.RouterGroup == group);
        var pools = await query.OrderBy(p => p.RouterGroup).ThenBy(p => p.Family).ThenBy(p => p.RangeFirst).ToListAsync(ct);
        await Send.OkAsync(pools.Select(PoolResponse.From).ToList(), ct);
    }
}
