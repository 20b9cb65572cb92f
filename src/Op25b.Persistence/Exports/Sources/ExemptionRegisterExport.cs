using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exemptions;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// The exemptions in force at a past instant, with who requested and who approved each. Built from
/// the decision timestamps every exemption keeps (decided, valid from/until, revoked), never from
/// today's status: an exemption revoked or expired since is listed, one approved later is not.
/// Subscriber names are today's (the audit trail holds their history).
/// </summary>
public sealed class ExemptionRegisterExport(AdminDbContext db) : IExportSource
{
    public string Type => "exemption-register";

    public IReadOnlyList<string> Columns { get; } =
    [
        "exemption_id", "subscriber_external_id", "subscriber_name", "prefixes", "valid_from", "valid_until",
        "requested_by", "requested_at", "justification", "approved_by", "approved_at", "approval_reason", "eligibility_override_reason",
    ];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query)
    {
        if (query.At is null)
            yield return new("at", "at (the instant the register is as of) is required.");
    }

    public Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct) =>
        db.Exemptions.Where(Exemption.InForceAt(query.At!.Value)).LongCountAsync(ct);

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        var rows = db.Exemptions.AsNoTracking().Where(Exemption.InForceAt(query.At!.Value)).OrderBy(e => e.Id).Select(e => new
        {
            e.Id, e.Subscriber!.ExternalId, e.Subscriber.DisplayName, e.ValidFrom, e.ValidUntil, e.RequestedBy, e.RequestedAt,
            e.Justification, e.DecidedBy, e.DecidedAt, e.DecisionReason, e.EligibilityOverrideReason,
            Prefixes = e.Prefixes.OrderBy(p => p.Id).Select(p => p.Prefix).ToList(),
        });
        await foreach (var e in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.Number(e.Id);
            writer.String(e.ExternalId);
            writer.String(e.DisplayName);
            writer.String(string.Join(' ', e.Prefixes));
            writer.Timestamp(e.ValidFrom);
            writer.Timestamp(e.ValidUntil);
            writer.String(e.RequestedBy);
            writer.Timestamp(e.RequestedAt);
            writer.String(e.Justification);
            writer.String(e.DecidedBy);
            writer.Timestamp(e.DecidedAt);
            writer.String(e.DecisionReason);
            writer.String(e.EligibilityOverrideReason);
            writer.EndRow();
            await writer.FlushIfFullAsync(ct);
        }
    }
}
