using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// Every change to an exemption in a period, from the audit trail (who did it, in which role, with
/// which reason), next to the exemption's request and decision: who requested, who decided, why.
/// </summary>
public sealed class ExemptionChangesExport(AdminDbContext db) : IExportSource
{
    public string Type => "exemption-changes";

    public IReadOnlyList<string> Columns { get; } =
    [
        "sequence", "occurred_at", "action", "exemption_id", "subscriber_external_id", "actor", "actor_role", "reason", "request_id",
        "requested_by", "requested_at", "justification", "decided_by", "decided_at", "decision_reason",
        "revoked_by", "revoked_at", "revocation_reason",
    ];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query) => QueryRules.Period(query);

    public Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct) => Changes(query).LongCountAsync(ct);

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        var rows = from a in Changes(query)
                   join e in db.Exemptions.AsNoTracking() on a.EntityId equals e.Id.ToString()
                   orderby a.Sequence
                   select new
                   {
                       a.Sequence, a.OccurredAt, a.Action, e.Id, e.Subscriber!.ExternalId, a.Actor, a.ActorRole, a.Reason, a.RequestId,
                       e.RequestedBy, e.RequestedAt, e.Justification, e.DecidedBy, e.DecidedAt, e.DecisionReason,
                       e.RevokedBy, e.RevokedAt, e.RevocationReason,
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.Number(r.Sequence);
            writer.Timestamp(r.OccurredAt);
            writer.String(r.Action);
            writer.Number(r.Id);
            writer.String(r.ExternalId);
            writer.String(r.Actor);
            writer.String(r.ActorRole);
            writer.String(r.Reason);
            writer.String(r.RequestId);
            writer.String(r.RequestedBy);
            writer.Timestamp(r.RequestedAt);
            writer.String(r.Justification);
            writer.String(r.DecidedBy);
            writer.Timestamp(r.DecidedAt);
            writer.String(r.DecisionReason);
            writer.String(r.RevokedBy);
            writer.Timestamp(r.RevokedAt);
            writer.String(r.RevocationReason);
            writer.EndRow();
            await writer.FlushIfFullAsync(ct);
        }
    }

    private IQueryable<Core.Audit.AuditEntry> Changes(ExportQuery query)
    {
        var (from, to) = (query.From!.Value, query.To!.Value);
        return db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "exemption" && a.OccurredAt >= from && a.OccurredAt < to);
    }
}
