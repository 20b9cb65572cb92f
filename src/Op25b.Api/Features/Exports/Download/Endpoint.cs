using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.Download;

public sealed class Request
{
    public string Token { get; set; } = "";
}

/// <summary>
/// Downloads a finished export through its link: a random 128-bit token, valid until the export's
/// expiry, and still only for an auditor's key. Each download is audited (the file may hold personal data).
/// </summary>
public sealed class Endpoint(AdminDbContext db, ExportFiles files, AuditTrail audit, TimeProvider clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/exports/download/{token}");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Download a finished export through its expiring link");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var export = await db.ExportFiles.AsNoTracking().SingleOrDefaultAsync(e => e.Token == req.Token, ct)
                     ?? throw new DomainRuleViolation(ViolationKind.NotFound, "token", "No export has this download link.");
        if (export.State == ExportState.Purged || export.DownloadExpiresAt <= clock.GetUtcNow())
        {
            await Http.Problems.Write(HttpContext, StatusCodes.Status410Gone, "Link expired",
                $"The download link of export {export.Id} expired at {export.DownloadExpiresAt:O}; request the export again.", "token");
            return;
        }
        if (export.State != ExportState.Succeeded || export.FileName is null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "state", $"Export {export.Id} is {export.State.ToString().ToLowerInvariant()}, not ready.");

        audit.Record(Actor.Of(HttpContext), new AuditRecord("export.downloaded", "export", export.Id.ToString(), null,
            new { export.Type, export.Sha256 }));
        await audit.SaveAsync(ct);
        HttpContext.Response.Headers["X-Export-Sha256"] = export.Sha256;
        var stream = new FileStream(files.PathOf(export.FileName), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await Send.StreamAsync(stream, export.FileName, stream.Length, ExportFormats.ContentType(export.Format), cancellation: ct);
    }
}
