using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Audit.List;

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<Response>>
{
    public override void Configure()
    {
        Get("/audit");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "List audit entries (filters: entityType, entityId, actor, action, from, to; keyset paging by sequence)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (req.EntityType is { } type)
            query = query.Where(e => e.EntityType == type);
        if (req.EntityId is { } id)
            query = query.Where(e => e.EntityId == id);
        if (req.Actor is { } actor)
            query = query.Where(e => e.Actor == actor);
        if (req.Action is { } action)
            query = query.Where(e => e.Action == action);
        if (req.From is { } from)
            query = query.Where(e => e.OccurredAt >= from.ToUniversalTime());
        if (req.To is { } to)
            query = query.Where(e => e.OccurredAt < to.ToUniversalTime());
        if (req.Cursor is { } cursor)
            query = query.Where(e => e.Sequence > cursor);

        var rows = await query.OrderBy(e => e.Sequence).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<Response>.From(rows, req.PageSize, e => e.Sequence, e => new Response(
            e.Sequence, e.OccurredAt, e.Actor, e.ActorRole, e.Action, e.EntityType, e.EntityId, e.Before, e.After,
            e.RequestId, e.Reason, e.PreviousHash, e.Hash)), ct);
    }
}
