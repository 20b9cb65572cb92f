using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core;
using Op25b.Persistence;

namespace Op25b.Api.Features.Routers.Get;

public sealed class Request
{
    public string Name { get; set; } = "";
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, RouterResponse>
{
    public override void Configure()
    {
        Get("/routers/{name}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get a router with its live rule set version and drift state");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.AsNoTracking().Include(r => r.SyslogSources).FirstOrDefaultAsync(r => r.Name == req.Name, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "name", $"No router named '{req.Name}'.");
        ETags.Set(HttpContext, router.Version);
        await Send.OkAsync(RouterResponse.From(router), ct);
    }
}
