using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.List;

public sealed class Request : PagedRequest
{
    public string? Type { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => this.AddPagingRules();
    }
}

/// <summary>Exports newest first (keyset paging by id).</summary>
public sealed class Endpoint(AdminDbContext db, ExportProgressBoard board, TimeProvider clock) : Endpoint<Request, Page<ExportResponse>>
{
    public override void Configure()
    {
        Get("/exports");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "List exports, newest first (filter: type; keyset paging)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.ExportFiles.AsNoTracking();
        if (req.Type is { } type)
            query = query.Where(e => e.Type == type);
        if (req.Cursor is { } cursor)
            query = query.Where(e => e.Id < cursor);
        var rows = await query.OrderByDescending(e => e.Id).Take(req.PageSize + 1).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await Send.OkAsync(Page<ExportResponse>.From(rows, req.PageSize, e => e.Id, e => ExportResponse.From(e, board, now)), ct);
    }
}
