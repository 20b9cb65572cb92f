using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.Quarantine;

public sealed class Request : PagedRequest
{
    public string? Channel { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => this.AddPagingRules();
    }
}

/// <summary>Input that could not be stored, verbatim with origin, line and reason — newest first.</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<QuarantinedInput>>
{
    public override void Configure()
    {
        Get("/ingest/quarantine");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Quarantined ingest input (raw text, source, reason)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.Quarantine.AsNoTracking();
        if (req.Channel is { } channel)
            query = query.Where(q => q.Channel == channel);
        if (req.Cursor is { } cursor)
            query = query.Where(q => q.Id < cursor);
        var rows = await query.OrderByDescending(q => q.Id).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<QuarantinedInput>.From(rows, req.PageSize, q => q.Id, q => q), ct);
    }
}
