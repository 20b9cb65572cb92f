using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Network;
using Op25b.Persistence;

namespace Op25b.Api.Features.Routers.List;

public sealed class Request
{
    public string? RouterGroup { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, IReadOnlyList<RouterResponse>>
{
    public override void Configure()
    {
        Get("/routers");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List routers (filter: routerGroup) with live versions and drift");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        IQueryable<Router> query = db.Routers.AsNoTracking().Include(r => r.SyslogSources);
        if (req.RouterGroup is { } group)
            query = query.Where(r => r.RouterGroup == group);
        var routers = await query.OrderBy(r => r.RouterGroup).ThenBy(r => r.Name).ToListAsync(ct);
        await Send.OkAsync(routers.Select(RouterResponse.From).ToList(), ct);
    }
}
