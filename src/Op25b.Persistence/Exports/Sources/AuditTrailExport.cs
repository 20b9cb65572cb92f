using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// Audit entries of a period (or up to a sequence, for the archive made before a purge), every
/// field including both hashes and how they were sealed (scheme, key id), so the exported run of the
/// chain can be re-verified on its own — keyed entries by whoever holds the keyring.
/// </summary>
public sealed class AuditTrailExport(AdminDbContext db) : IExportSource
{
    public string Type => "audit-trail";

    public IReadOnlyList<string> Columns { get; } =
    [
        "sequence", "occurred_at", "actor", "actor_role", "action", "entity_type", "entity_id",
        "before", "after", "request_id", "reason", "previous_hash", "hash", "seal_scheme", "key_id",
    ];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query)
    {
        if (query.From is { } from && query.To is { } to && to <= from)
            yield return new("to", "to must be after from.");
    }

    public Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct) => Entries(query).LongCountAsync(ct);

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        await foreach (var e in Entries(query).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.Number(e.Sequence);
            writer.Timestamp(e.OccurredAt);
            writer.String(e.Actor);
            writer.String(e.ActorRole);
            writer.String(e.Action);
            writer.String(e.EntityType);
            writer.String(e.EntityId);
            writer.String(e.Before);
            writer.String(e.After);
            writer.String(e.RequestId);
            writer.String(e.Reason);
            writer.String(e.PreviousHash);
            writer.String(e.Hash);
            writer.String(e.SealScheme == Core.Audit.AuditSealScheme.HmacSha256 ? "hmac-sha256" : "sha256");
            writer.String(e.KeyId);
            writer.EndRow();
            await writer.FlushIfFullAsync(ct);
        }
    }

    private IQueryable<Core.Audit.AuditEntry> Entries(ExportQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.From is { } from)
            entries = entries.Where(e => e.OccurredAt >= from);
        if (query.To is { } to)
            entries = entries.Where(e => e.OccurredAt < to);
        if (query.ThroughSequence is { } through)
            entries = entries.Where(e => e.Sequence <= through);
        return entries;
    }
}
