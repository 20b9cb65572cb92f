using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.RuleSets.List;

public sealed class Request : PagedRequest
{
    public string? RouterGroup { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<RuleSetSummary>>
{
    public override void Configure()
    {
        Get("/rulesets");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List rule set versions, newest first (filter: routerGroup)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.RuleSetVersions.AsNoTracking();
        if (req.RouterGroup is { } group)
            query = query.Where(v => v.RouterGroup == group);
        if (req.Cursor is { } cursor)
            query = query.Where(v => v.Id < cursor);
        var rows = await query.OrderByDescending(v => v.Id).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<RuleSetSummary>.From(rows, req.PageSize, v => v.Id, RuleSetSummary.From), ct);
    }
}
