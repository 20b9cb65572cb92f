using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.Persistence;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.VerifyStored;

public sealed class Request
{
    public long Id { get; set; }
}

/// <summary>Re-hashes a stored export file and checks it against the manifest recorded when it was written.</summary>
public sealed class Endpoint(AdminDbContext db, ExportFiles files) : Endpoint<Request, ExportVerification>
{
    public override void Configure()
    {
        Get("/exports/{id:long}/verify");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Verify a stored export file against its recorded manifest");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var export = await ExportLookup.RequireAsync(db, req.Id, ct);
        var manifest = ExportLookup.RequireManifest(export);
        var path = files.PathOf(manifest.FileName);
        if (export.State == ExportState.Purged || !File.Exists(path))
            throw new DomainRuleViolation(ViolationKind.Conflict, "state", $"The file of export {export.Id} is no longer stored; verify a copy with POST /exports/verify.");
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await Send.OkAsync(await ExportVerifier.VerifyAsync(file, manifest, ct), ct);
    }
}
