using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.Get;

public sealed class Request
{
    public long Id { get; set; }
}

public sealed class Endpoint(AdminDbContext db, ExportProgressBoard board, TimeProvider clock) : Endpoint<Request, ExportResponse>
{
    public override void Configure()
    {
        Get("/exports/{id:long}");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "An export's state: progress (rows written / estimated), then the expiring download link and manifest");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(ExportResponse.From(await ExportLookup.RequireAsync(db, req.Id, ct), board, clock.GetUtcNow()), ct);
}
