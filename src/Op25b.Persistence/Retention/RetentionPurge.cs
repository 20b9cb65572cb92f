using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exports;

namespace Op25b.Persistence.Retention;

public sealed record PurgeCounts(long Attempts, int PartitionsDropped, long Rollups, long Quarantined, long Sessions, long AccountingEvents,
    long ExportFiles = 0, long AuditEntries = 0, long? AuditArchiveExportId = null);

/// <summary>
/// Removes what is past its retention and records the purge in the audit trail — counts only,
/// never contents. On PostgreSQL whole day partitions are dropped (no row-by-row delete of
/// millions of rows); on SQLite rows are deleted. Export files past their retention are deleted
/// (their rows and manifests stay); audit entries are archived before removal (see <see cref="AuditArchive"/>).
/// </summary>
public sealed class RetentionPurge(AdminDbContext db, AuditTrail audit, AuditArchive auditArchive, ExportFiles exportFiles, TimeProvider clock)
{
    public async Task<PurgeCounts> RunAsync(RetentionPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attemptsCutoff = now.AddDays(-policy.AttemptsDays);
        long attempts;
        var partitions = 0;
        if (db.IsPostgres)
            (attempts, partitions) = await DropPostgresPartitionsAsync(attemptsCutoff, ct);
        else
            attempts = await db.BlockedAttempts.Where(a => a.OccurredAt < attemptsCutoff).ExecuteDeleteAsync(ct);
        var rollupCutoff = attemptsCutoff.AddHours(-1);
        var cutoffDay = RollupBuckets.Day(attemptsCutoff);
        var rollups = await db.AttemptRollups.Where(r => r.Hour < rollupCutoff).ExecuteDeleteAsync(ct)
            + await db.SubscriberHourRollups.Where(r => r.Hour < rollupCutoff).ExecuteDeleteAsync(ct)
            + await db.SubscriberDayRollups.Where(r => r.Day < rollupCutoff.AddDays(-1)).ExecuteDeleteAsync(ct)
            + await db.SubscriberDestinations.Where(d => d.LastSeen < attemptsCutoff).ExecuteDeleteAsync(ct)
            // Triggers took the servers just deleted out of their last-seen days: days before the cutoff's are all zero now.
            + await db.SubscriberLastSeenDays.Where(h => h.Day < cutoffDay).ExecuteDeleteAsync(ct)
            + await db.RouterHourRollups.Where(r => r.Hour < rollupCutoff).ExecuteDeleteAsync(ct)
            + await db.DestinationDayRollups.Where(r => r.Day < rollupCutoff.AddDays(-1)).ExecuteDeleteAsync(ct);
        var quarantineCutoff = now.AddDays(-policy.QuarantineDays);
        var quarantined = await db.Quarantine.Where(q => q.ReceivedAt < quarantineCutoff).ExecuteDeleteAsync(ct);
        var sessionCutoff = now.AddDays(-policy.SessionsDays);
        var sessions = await db.AccessSessions.Where(s => s.EndedAt != null && s.EndedAt < sessionCutoff).ExecuteDeleteAsync(ct);
        var events = await db.AccountingEvents.Where(e => e.EventTime < sessionCutoff).ExecuteDeleteAsync(ct);

        var exports = await PurgeExportFilesAsync(now.AddDays(-policy.ExportsDays), ct);
        var auditPurge = policy.AuditDays > 0
            ? await auditArchive.PurgeOlderThanAsync(now.AddDays(-policy.AuditDays), ct)
            : new AuditPurge(0, 0, null, null);

        var counts = new PurgeCounts(attempts, partitions, rollups, quarantined, sessions, events, exports, auditPurge.EntriesPurged, auditPurge.ArchiveExportId);
        audit.Record(AuditActor.System, new AuditRecord("retention.purged", "retention", now.ToString("yyyy-MM-dd"), null,
            new { policy.AttemptsDays, policy.QuarantineDays, policy.SessionsDays, policy.ExportsDays, policy.AuditDays, counts }, "configured retention"));
        await audit.SaveAsync(ct);
        return counts;
    }

    /// <summary>Files first, then the row is marked purged: a crash in between leaves a row whose file is already gone, never the reverse.</summary>
    private async Task<long> PurgeExportFilesAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var due = await db.ExportFiles.Where(e => !e.IsArchive && e.FinishedAt != null && e.FinishedAt < cutoff
                                                  && (e.State == Core.Exports.ExportState.Succeeded || e.State == Core.Exports.ExportState.Failed))
            .ToListAsync(ct);
        foreach (var export in due)
        {
            exportFiles.Delete(export.FileName);
            export.State = Core.Exports.ExportState.Purged;
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Drops each day partition wholly before the cutoff; rows of the cutoff's own day wait for the next run.</summary>
    private async Task<(long Rows, int Partitions)> DropPostgresPartitionsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var names = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
                                   "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'blocked_attempts'";
                await using var reader = await list.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    names.Add(reader.GetString(0));
            }
            long rows = 0;
            var dropped = 0;
            foreach (var name in names)
            {
                // Partition names carry their day: blocked_attempts_pYYYYMMDD (see the attempt store).
                if (!DateOnly.TryParseExact(name["blocked_attempts_p".Length..], "yyyyMMdd", out var day)
                    || new DateTimeOffset(day.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero) > cutoff)
                    continue;
                rows += await ScalarAsync(connection, $"SELECT count(*) FROM {name}", ct);
                await ScalarAsync(connection, $"DROP TABLE {name}", ct);
                Attempts.DayPartitions.Forget(connection.Database, day);
                dropped++;
            }
            return (rows, dropped);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L);
    }
}
