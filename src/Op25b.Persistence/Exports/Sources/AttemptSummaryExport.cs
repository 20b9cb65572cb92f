using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// Port-25 attempts per subscriber per UTC day in a period, from the hourly rollup, ordered by
/// subscriber then day. The rollup rows stream in index order through the provider's own data
/// reader (no entity materialisation) and are folded into days on the way (<see cref="DailyAttemptTotals"/>):
/// this is the export that runs to tens of millions of rows. Attempts not attributed to a
/// subscriber are one row per day with an empty subscriber.
/// </summary>
public sealed class AttemptSummaryExport(AdminDbContext db) : IExportSource
{
    public string Type => "attempt-summary";

    public IReadOnlyList<string> Columns { get; } = ["subscriber_external_id", "day", "attempts", "packets", "distinct_destinations"];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query) => QueryRules.Period(query);

    public async Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct)
    {
        await using var command = await CommandAsync(ExportSql.AttemptSummaryEstimate, query, ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        if (db.IsPostgres && db.Database.CurrentTransaction is not null)
            await using (var settings = await ExportSql.CommandAsync(db, ExportSql.AttemptSummarySettingsPostgres, ct))
                await settings.ExecuteNonQueryAsync(ct);
        await using var command = await CommandAsync(ExportSql.AttemptSummaryRows, query, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var totals = new DailyAttemptTotals();
        var (name, nameOf) = ("", -1L);
        var postgres = db.IsPostgres;
        while (await reader.ReadAsync(ct))
        {
            var subscriber = reader.GetInt64(0);
            var hour = postgres ? reader.GetFieldValue<DateTime>(1) : new DateTime(reader.GetInt64(1), DateTimeKind.Utc);
            if (totals.Add(subscriber, hour, reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)) is { } done)
            {
                Write(writer, name, done);
                await writer.FlushIfFullAsync(ct);
            }
            // The name is read once per subscriber, not per row; the group just completed kept the previous one.
            if (subscriber != nameOf)
                (name, nameOf) = (reader.IsDBNull(5) ? "" : reader.GetString(5), subscriber);
        }
        if (totals.Complete() is { } last)
            Write(writer, name, last);
    }

    private static void Write(ExportRowWriter writer, string? externalId, DailyAttemptTotal total)
    {
        writer.String(externalId);
        writer.Date(total.Day);
        writer.Number(total.Attempts);
        writer.Number(total.Packets);
        writer.Number(total.DistinctDestinations);
        writer.EndRow();
    }

    private async Task<DbCommand> CommandAsync(string sql, ExportQuery query, CancellationToken ct)
    {
        long subscriberId = -1;
        if (query.Subscriber is { } externalId)
            subscriberId = await db.Subscribers.Where(s => s.ExternalId == externalId).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct) ?? 0;
        var command = await ExportSql.CommandAsync(db, sql, ct);
        ExportSql.AddInstant(db, command, "from", query.From!.Value);
        ExportSql.AddInstant(db, command, "to", query.To!.Value);
        ExportSql.Add(command, "subscriber_id", subscriberId);
        return command;
    }
}
