using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Exports;

/// <summary>A recorded export request and whether it should stream back or run in the background.</summary>
public sealed record ExportRequested(ExportFile Export, bool RunsInBackground);

/// <summary>Validates an export request, estimates its size and records it (with an audit entry) as queued.</summary>
public sealed class ExportRequester(AdminDbContext db, AuditTrail audit, ExportCatalog catalog, IOptions<ExportOptions> options, TimeProvider clock)
{
    /// <exception cref="DomainRuleViolation">Unknown type or invalid parameters (names the field).</exception>
    public async Task<ExportRequested> RequestAsync(string type, ExportFormat format, bool byteOrderMark, ExportQuery query,
        bool forceBackground, AuditActor actor, CancellationToken ct, bool isArchive = false)
    {
        var source = catalog.Find(type) ?? throw new DomainRuleViolation(ViolationKind.Invalid, "type",
            $"Unknown export type '{type}'; known: {string.Join(", ", catalog.Types)}.");
        if (source.Validate(query).FirstOrDefault() is { } problem)
            throw new DomainRuleViolation(ViolationKind.Invalid, problem.Field, problem.Message);

        var estimate = await source.EstimateRowsAsync(query, ct);
        var export = new ExportFile
        {
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Type = source.Type,
            Format = format,
            ByteOrderMark = byteOrderMark && format == ExportFormat.Csv,
            Query = query.ToJson(),
            State = ExportState.Queued,
            RequestedBy = actor.Name,
            RequestedAt = clock.GetUtcNow(),
            EstimatedRows = estimate,
            IsArchive = isArchive,
        };
        db.ExportFiles.Add(export);
        audit.Record(actor, new AuditRecord("export.requested", "export", () => export.Id.ToString(), null,
            new { export.Type, format = ExportFormats.Name(format), query = query.ToParameters(), estimatedRows = estimate }));
        await audit.SaveAsync(ct);
        return new ExportRequested(export, forceBackground || estimate > options.Value.AsyncRowThreshold);
    }
}
