using Microsoft.EntityFrameworkCore;
using Op25b.Core.Audit;
using Op25b.Core.Exports;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exports;

namespace Op25b.Persistence.Retention;

/// <summary>What an audit purge did: entries archived and removed, and the archive that holds them.</summary>
public sealed record AuditPurge(long EntriesPurged, long ThroughSequence, long? ArchiveExportId, string? ArchiveSha256);

/// <summary>
/// Audit entries are never purged silently. Entries older than the cutoff are first exported (JSON
/// Lines, every field and both hashes, with a manifest) as an archive that export retention never
/// deletes; then an <see cref="AuditAnchor"/> keeps the last purged entry's sequence and hash, and an
/// <c>audit.archived</c> entry naming that anchor and the archive's SHA-256 is appended to the chain —
/// both in one transaction — before the entries are deleted.
/// Why the chain still verifies: each entry's hash covers its predecessor's hash, so the first
/// retained entry's previous-hash must equal the anchor's hash; the verifier starts from the anchor
/// instead of the genesis. An anchor cannot be forged to hide a deletion without also forging the
/// <c>audit.archived</c> entry inside the retained chain, which would break the chain after it.
/// The archived run itself verifies against its manifest, and re-chains from the previous anchor.
/// </summary>
public sealed class AuditArchive(AdminDbContext db, AuditTrail audit, ExportRequester requester, ExportRunner runner, TimeProvider clock)
{
    public const string ArchivedAction = "audit.archived";

    public async Task<AuditPurge> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var head = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        // Never the head: the next append continues from it.
        var through = await db.AuditEntries.Where(e => e.OccurredAt < cutoff && e.Sequence < head).MaxAsync(e => (long?)e.Sequence, ct);
        var anchor = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
        if (through is null || through <= (anchor?.Sequence ?? 0))
            return await FinishInterruptedAsync(anchor, ct);

        var last = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == through, ct);
        var requested = await requester.RequestAsync("audit-trail", ExportFormat.JsonLines, false,
            new ExportQuery(ThroughSequence: through), forceBackground: true, AuditActor.System, ct, isArchive: true);
        var manifest = await runner.RunAsync(requested.Export.Id, AuditActor.System, null, ct);
        var expected = through.Value - (anchor?.Sequence ?? 0);
        if (manifest.RowCount != expected)
            throw new InvalidOperationException(
                $"The audit archive holds {manifest.RowCount} entries where {expected} were expected; nothing was purged.");

        db.AuditAnchors.Add(new AuditAnchor
        {
            Sequence = last.Sequence, Hash = last.Hash, PurgedAt = clock.GetUtcNow(), EntriesPurged = expected,
            ArchiveExportId = manifest.ExportId, ArchiveSha256 = manifest.Sha256,
        });
        audit.Record(AuditActor.System, new AuditRecord(ArchivedAction, "audit", last.Sequence.ToString(), null, new
        {
            throughSequence = last.Sequence, hash = last.Hash, entries = expected, archiveExportId = manifest.ExportId,
            archiveSha256 = manifest.Sha256, archiveFile = manifest.FileName,
        }, "audit retention: archived before removal"));
        await audit.SaveAsync(ct);
        await db.AuditEntries.Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(ct);
        return new AuditPurge(expected, last.Sequence, manifest.ExportId, manifest.Sha256);
    }

    /// <summary>A run stopped after anchoring but before deleting: the archive exists, so the delete may complete.</summary>
    private async Task<AuditPurge> FinishInterruptedAsync(AuditAnchor? anchor, CancellationToken ct)
    {
        if (anchor is null)
            return new AuditPurge(0, 0, null, null);
        var removed = await db.AuditEntries.Where(e => e.Sequence <= anchor.Sequence).ExecuteDeleteAsync(ct);
        return new AuditPurge(removed, anchor.Sequence, removed > 0 ? anchor.ArchiveExportId : null, removed > 0 ? anchor.ArchiveSha256 : null);
    }
}
