using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Core.Exports;
using Op25b.Core.RuleSets;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// For each router, the intervals of the period during which each rule set version (hash) was live
/// (from its succeeded deployments) and, for each exempt entry of that version, the exemptions
/// behind it (the version's provenance) with who requested and approved them. One row per
/// interval × exempt entry × exemption; an interval with no exempt entries is one row with those columns empty.
/// Memory is bounded by the largest rule set read, not by the period.
/// </summary>
public sealed class DeploymentEvidenceExport(AdminDbContext db) : IExportSource
{
    private const int LookupChunk = 500;

    public string Type => "deployment-evidence";

    public IReadOnlyList<string> Columns { get; } =
    [
        "router", "router_group", "platform", "rule_set_id", "rule_set_number", "rule_set_hash", "live_from", "live_until",
        "deployment_id", "applied_by", "exempt_prefix", "exemption_id", "subscriber_external_id",
        "exemption_requested_by", "exemption_approved_by", "exemption_approved_at", "exemption_justification",
    ];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query) => QueryRules.Period(query);

    public async Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct) =>
        LiveIntervals.Within(await AppliedAsync(query, ct), query.From!.Value, query.To!.Value).Count;

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        var intervals = LiveIntervals.Within(await AppliedAsync(query, ct), query.From!.Value, query.To!.Value);
        var routers = await db.Routers.AsNoTracking().Where(r => intervals.Select(i => i.RouterId).Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, ct);
        var versions = new Dictionary<long, (RuleSetVersion Version, RuleSetContent Content)>();
        foreach (var interval in intervals)
        {
            if (!versions.TryGetValue(interval.RuleSetVersionId, out var v))
            {
                var version = await db.RuleSetVersions.AsNoTracking().SingleAsync(x => x.Id == interval.RuleSetVersionId, ct);
                versions[version.Id] = v = (version, RuleSetCanonical.Parse(version.Content));
            }
            var exemptions = await ExemptionsAsync(v.Content, ct);
            var router = routers[interval.RouterId];
            void Interval()
            {
                writer.String(router.Name);
                writer.String(router.RouterGroup);
                writer.String(router.Platform.Name());
                writer.Number(v.Version.Id);
                writer.Number(v.Version.Number);
                writer.String(v.Version.Hash);
                writer.Timestamp(interval.From);
                writer.Timestamp(interval.Until);
                writer.Number(interval.DeploymentId);
                writer.String(interval.AppliedBy);
            }
            if (v.Content.Exempt.Count == 0)
            {
                Interval();
                for (var i = 0; i < 7; i++)
                    writer.String(null);
                writer.EndRow();
            }
            foreach (var entry in v.Content.Exempt)
                foreach (var id in entry.ExemptionIds)
                {
                    Interval();
                    writer.String(entry.Prefix.ToString());
                    writer.Number(id);
                    var e = exemptions.GetValueOrDefault(id);
                    writer.String(e?.ExternalId);
                    writer.String(e?.RequestedBy);
                    writer.String(e?.DecidedBy);
                    writer.Timestamp(e?.DecidedAt);
                    writer.String(e?.Justification);
                    writer.EndRow();
                    await writer.FlushIfFullAsync(ct);
                }
            // Keep only the last version parsed: consecutive intervals of one router usually differ.
            if (versions.Count > 1)
                foreach (var key in versions.Keys.Where(k => k != interval.RuleSetVersionId).ToList())
                    versions.Remove(key);
        }
    }

    private sealed record Approval(string ExternalId, string RequestedBy, string? DecidedBy, DateTimeOffset? DecidedAt, string Justification);

    private async Task<Dictionary<long, Approval>> ExemptionsAsync(RuleSetContent content, CancellationToken ct)
    {
        var ids = content.Exempt.SelectMany(e => e.ExemptionIds).Distinct().ToList();
        var result = new Dictionary<long, Approval>(ids.Count);
        foreach (var chunk in ids.Chunk(LookupChunk))
            foreach (var e in await db.Exemptions.AsNoTracking().Where(e => chunk.Contains(e.Id))
                         .Select(e => new { e.Id, e.Subscriber!.ExternalId, e.RequestedBy, e.DecidedBy, e.DecidedAt, e.Justification }).ToListAsync(ct))
                result[e.Id] = new Approval(e.ExternalId, e.RequestedBy, e.DecidedBy, e.DecidedAt, e.Justification);
        return result;
    }

    /// <summary>Succeeded deployments up to the end of the period (earlier ones say what was live when it began).</summary>
    private async Task<List<AppliedVersion>> AppliedAsync(ExportQuery query, CancellationToken ct)
    {
        var to = query.To!.Value;
        var deployments = db.Deployments.AsNoTracking()
            .Where(d => d.State == DeploymentState.Succeeded && d.FinishedAt != null && d.FinishedAt < to);
        if (query.Router is { } name)
            deployments = deployments.Where(d => d.Router!.Name == name);
        var rows = await deployments.Select(d => new { d.RouterId, d.RuleSetVersionId, d.Hash, d.FinishedAt, d.Id, d.ConfirmedBy, d.RequestedBy })
            .ToListAsync(ct);
        return [.. rows.Select(d => new AppliedVersion(d.RouterId, d.RuleSetVersionId, d.Hash, d.FinishedAt!.Value, d.Id, d.ConfirmedBy ?? d.RequestedBy))];
    }

}
