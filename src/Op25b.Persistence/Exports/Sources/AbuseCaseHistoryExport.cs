using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Abuse;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// Abuse cases that were unresolved at some point in a period, one row per history event
/// (opening, each transition, each note): the case's state after the event, who, when, the note,
/// beside the case's subscriber, trigger and figures. Events from <c>to</c> on are left out, so an
/// export of a past period reads the same whenever it is run (later events belong to a later period).
/// </summary>
public sealed class AbuseCaseHistoryExport(AdminDbContext db) : IExportSource
{
    public string Type => "abuse-case-history";

    public IReadOnlyList<string> Columns { get; } =
    [
        "case_id", "subscriber_external_id", "trigger", "reason", "trigger_hour", "trigger_attempts", "trigger_destinations",
        "opened_by", "opened_at", "event_id", "event", "previous_state", "state", "actor", "at", "note",
    ];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query) => QueryRules.Period(query);

    public Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct) => Events(query).LongCountAsync(ct);

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        var rows = from e in Events(query)
                   join c in db.AbuseCases.AsNoTracking() on e.AbuseCaseId equals c.Id
                   orderby c.Id, e.Id
                   select new
                   {
                       CaseId = c.Id, c.Subscriber!.ExternalId, c.Trigger, c.Reason, c.TriggerHour, c.TriggerAttempts, c.TriggerDestinations,
                       c.OpenedBy, c.OpenedAt, EventId = e.Id, e.Kind, e.FromState, e.ToState, e.Actor, e.At, e.Note,
                   };
        // A note does not change the state; the state it was written in is the last one seen for its case.
        (long Case, AbuseCaseState? State) current = (0, null);
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            current = (r.CaseId, r.ToState ?? (current.Case == r.CaseId ? current.State : null));
            writer.Number(r.CaseId);
            writer.String(r.ExternalId);
            writer.String(JsonNamingPolicy.KebabCaseLower.ConvertName(r.Trigger.ToString()));
            writer.String(r.Reason);
            writer.Timestamp(r.TriggerHour);
            writer.Number(r.TriggerAttempts);
            writer.Number(r.TriggerDestinations);
            writer.String(r.OpenedBy);
            writer.Timestamp(r.OpenedAt);
            writer.Number(r.EventId);
            writer.String(r.Kind.ToString().ToLowerInvariant());
            writer.String(Lower(r.FromState));
            writer.String(Lower(current.State));
            writer.String(r.Actor);
            writer.Timestamp(r.At);
            writer.String(r.Note);
            writer.EndRow();
            await writer.FlushIfFullAsync(ct);
        }
    }

    /// <summary>Events before <c>to</c> of the cases opened before <c>to</c> and not resolved before <c>from</c>.</summary>
    private IQueryable<AbuseCaseEvent> Events(ExportQuery query)
    {
        var (from, to) = (query.From!.Value, query.To!.Value);
        var cases = db.AbuseCases.AsNoTracking().Where(c => c.OpenedAt < to && (c.ResolvedAt == null || c.ResolvedAt >= from)).Select(c => c.Id);
        return db.AbuseCaseEvents.AsNoTracking().Where(e => e.At < to && cases.Contains(e.AbuseCaseId));
    }

    // The same spellings the API and the database use (lowercase states, kebab-case triggers).
    private static string? Lower<T>(T? value) where T : struct, Enum => value?.ToString().ToLowerInvariant();
}
