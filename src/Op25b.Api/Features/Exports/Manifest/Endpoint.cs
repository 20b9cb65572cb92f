using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exports.Manifest;

public sealed class Request
{
    public long Id { get; set; }
}

/// <summary>The manifest as recorded when the export finished (the copy in the database, not the sidecar on disk).</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/exports/{id:long}/manifest");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "An export's manifest: query, row count, SHA-256, generated at/by, audit-chain head");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var export = await ExportLookup.RequireAsync(db, req.Id, ct);
        var manifest = ExportLookup.RequireManifest(export);
        // The stored text byte for byte: it is the same file as the sidecar written beside the export.
        HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{manifest.FileName}.manifest.json\"";
        await Send.StringAsync(export.Manifest!, StatusCodes.Status200OK, "application/json; charset=utf-8", ct);
    }
}
