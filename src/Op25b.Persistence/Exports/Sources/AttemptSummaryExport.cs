using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports.Sources;

/// <summary>
/// Port-25 attempts per subscriber per UTC day in a period, from the hourly rollup. Read with the
/// provider's own data reader (no entity materialisation): this is the export that runs to tens of
/// millions of rows. Attempts not attributed to a subscriber are one row per day with an empty subscriber.
/// </summary>
public sealed class AttemptSummaryExport(AdminDbContext db) : IExportSource
{
    public string Type => "attempt-summary";

    public IReadOnlyList<string> Columns { get; } =
        ["subscriber_external_id", "day", "attempts", "packets", "distinct_destinations", "routers"];

    public IEnumerable<ExportQueryProblem> Validate(ExportQuery query) => QueryRules.Period(query);

    public async Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct)
    {
        await using var command = await CommandAsync(ExportSql.AttemptSummaryEstimate, query, ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public async Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct)
    {
        await using var command = await CommandAsync(db.IsPostgres ? ExportSql.AttemptSummaryPostgres : ExportSql.AttemptSummarySqlite, query, ct);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var epoch = DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber);
        while (await reader.ReadAsync(ct))
        {
            writer.String(reader.GetString(0));
            writer.Date(epoch.AddDays(Convert.ToInt32(reader.GetValue(1))));
            writer.Number(reader.GetInt64(2));
            writer.Number(reader.GetInt64(3));
            writer.Number(reader.GetInt64(4));
            writer.Number(reader.GetInt64(5));
            writer.EndRow();
            await writer.FlushIfFullAsync(ct);
        }
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
