using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Exports;

/// <summary>A finished export opened for download; <see cref="File"/> is null when its link has expired or the file was purged.</summary>
public sealed record ExportDownload(ExportFile Export, Stream? File)
{
    public bool Expired => File is null;
}

/// <summary>
/// Opens an export through its download link (a random 128-bit token valid until the export's
/// expiry) and records the download in the audit trail, since the file may hold personal data.
/// The API and the console both download through here.
/// </summary>
public sealed class ExportDownloads(AdminDbContext db, ExportFiles files, AuditTrail audit, TimeProvider clock)
{
    /// <exception cref="DomainRuleViolation">No such link (not found), or the export is not finished (conflict).</exception>
    public async Task<ExportDownload> OpenAsync(string token, AuditActor actor, CancellationToken ct)
    {
        var export = await db.ExportFiles.AsNoTracking().SingleOrDefaultAsync(e => e.Token == token, ct)
                     ?? throw new DomainRuleViolation(ViolationKind.NotFound, "token", "No export has this download link.");
        if (export.State == ExportState.Purged || export.DownloadExpiresAt <= clock.GetUtcNow())
            return new ExportDownload(export, null);
        if (export.State != ExportState.Succeeded || export.FileName is null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "state", $"Export {export.Id} is {export.State.ToString().ToLowerInvariant()}, not ready.");

        audit.Record(actor, new AuditRecord("export.downloaded", "export", export.Id.ToString(), null, new { export.Type, export.Sha256 }));
        await audit.SaveAsync(ct);
        var file = new FileStream(files.PathOf(export.FileName), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new ExportDownload(export, file);
    }
}
