using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Deployments;
using Op25b.Persistence;

namespace Op25b.Api.Features.Deployments.List;

public sealed class Request : PagedRequest
{
    public string? Router { get; set; }
    public DeploymentState? State { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<DeploymentResponse>>
{
    public override void Configure()
    {
        Get("/deployments");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List deployments, newest first (filters: router, state)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.Deployments.AsNoTracking().WithDetails();
        if (req.Router is { } router)
            query = query.Where(d => d.Router!.Name == router);
        if (req.State is { } state)
            query = query.Where(d => d.State == state);
        if (req.Cursor is { } cursor)
            query = query.Where(d => d.Id < cursor);
        var rows = await query.OrderByDescending(d => d.Id).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<DeploymentResponse>.From(rows, req.PageSize, d => d.Id, DeploymentResponse.From), ct);
    }
}
