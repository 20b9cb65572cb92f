using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Chunks;

namespace Op25b.Persistence.Attempts;

public sealed record StoreResult(int Inserted, int Duplicates, int Attributed);

/// <summary>
/// Stores batches of attempts: stages them, attributes and inserts them in one set-based
/// statement that skips resends (the dedup key), and adds what was really inserted to the
/// hourly rollup — all in one transaction, so an acknowledged batch is stored and counted
/// exactly once, and a failed one leaves nothing.
/// </summary>
/// <remarks>
/// Attribution runs inside the database (holder-of-source.sql): each attempt costs one index
/// probe there, instead of shipping candidate holdings to the process and back.
/// </remarks>
public sealed class AttemptStore(AdminDbContext db, TimeProvider clock)
{
    public async Task<StoreResult> StoreAsync(IReadOnlyList<BlockedAttempt> batch, CancellationToken ct)
    {
        var chunk = AttemptChunk.From(batch);
        try
        {
            return await StoreAsync(chunk, ct);
        }
        finally
        {
            chunk.Return();
        }
    }

    /// <summary>
    /// Stores a chunk in one transaction. A chunk may carry the same attempt twice (a collector
    /// retrying inside one upload): the insert's ON CONFLICT DO NOTHING keeps the first, and the
    /// second counts as a duplicate. The caller keeps the chunk and returns it afterwards.
    /// </summary>
    public async Task<StoreResult> StoreAsync(AttemptChunk chunk, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var (inserted, attributed) = await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                if (db.Database.GetDbConnection() is not NpgsqlConnection postgres)
                    return await InTransactionAsync(() => StoreOnSqliteAsync(chunk, now, ct), ct);
                try
                {
                    await DayPartitions.EnsureAsync(postgres, chunk.Days(), ct);
                    return await InTransactionAsync(() => StoreOnPostgresAsync(postgres, chunk, now, ct), ct);
                }
                catch (Exception ex) when (DayPartitions.IsMissingPartition(ex))
                {
                    // The cache believed in a day that is gone (dropped elsewhere): look again, once.
                    DayPartitions.ForgetAll(postgres.Database);
                    await DayPartitions.EnsureAsync(postgres, chunk.Days(), ct);
                    return await InTransactionAsync(() => StoreOnPostgresAsync(postgres, chunk, now, ct), ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        return new StoreResult(inserted, chunk.Count - inserted, attributed);
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await work();
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Binary COPY into the staging table, then one statement attributes, inserts and rolls up.</summary>
    private async Task<(int Inserted, int Attributed)> StoreOnPostgresAsync(NpgsqlConnection connection, AttemptChunk rows, DateTimeOffset now, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(AttemptSql.PostgresStaging, connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var import = await connection.BeginBinaryImportAsync(AttemptSql.PostgresCopyIntoStaging, ct))
        {
            WriteRows(import, rows);
            await import.CompleteAsync(ct);
        }
        await using var store = new NpgsqlCommand(AttemptSql.PostgresStoreFromStaging, connection);
        store.Parameters.Add(new NpgsqlParameter("now", now.ToUniversalTime()));
        await using var reader = await store.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>
    /// Synchronous writes: they fill the importer's buffer and only block when it flushes, while
    /// an await per column costs more than the column itself at 10,000 rows a chunk. The text
    /// forms made here (addresses, keys) die before the next row: nothing per row outlives the chunk's COPY.
    /// </summary>
    private static void WriteRows(NpgsqlBinaryImporter import, AttemptChunk rows)
    {
        foreach (ref readonly var a in rows.Rows)
        {
            import.StartRow();
            import.Write(DateTime.SpecifyKind(a.OccurredAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            import.Write(a.RouterName, NpgsqlDbType.Varchar);
            import.Write(a.Source.ToString(), NpgsqlDbType.Varchar);
            import.Write(a.Source.Key(), NpgsqlDbType.Char);
            if (a.SourcePortOrNull is { } port)
                import.Write(port, NpgsqlDbType.Integer);
            else
                import.WriteNull();
            import.Write(a.Destination.ToString(), NpgsqlDbType.Varchar);
            import.Write(a.DestinationPort, NpgsqlDbType.Integer);
            import.Write(a.Protocol, NpgsqlDbType.Varchar);
            import.Write(a.Packets, NpgsqlDbType.Integer);
            import.Write(a.Action, NpgsqlDbType.Varchar);
            import.Write(a.Dedup.ToHex(), NpgsqlDbType.Varchar);
            import.Write(a.Channel, NpgsqlDbType.Varchar);
            import.Write(DateTime.SpecifyKind(a.ReceivedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }
    }

    /// <summary>Multi-row inserts into the staging table, the shared insert statement, then the rollup from what it returned.</summary>
    private async Task<(int Inserted, int Attributed)> StoreOnSqliteAsync(AttemptChunk rows, DateTimeOffset now, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await ExecuteAsync(connection, transaction, AttemptSql.SqliteStaging, ct);
        // 13 parameters a row: 500 rows stay well under SQLite's parameter limit.
        for (var first = 0; first < rows.Count; first += 500)
        {
            await using var fill = connection.CreateCommand();
            fill.Transaction = transaction;
            fill.CommandText = AttemptSql.SqliteFillStaging.Replace("{rows}", SqlRows.Placeholders(fill, SqliteValues(rows, first, 500)));
            await fill.ExecuteNonQueryAsync(ct);
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = AttemptSql.SqliteInsertFromStaging;
        SqlRows.Add(insert, "@now", now.UtcTicks);
        var stored = await StoredAttempt.ReadAllAsync(insert, ct);
        await ExecuteAsync(connection, transaction, "DELETE FROM attempts_staging", ct);
        await AddToRollupsAsync(db, stored, lateAttributed: false, ct);
        return (stored.Count, stored.Count(a => a.SubscriberId is not null));
    }

    private static List<object?[]> SqliteValues(AttemptChunk rows, int first, int count)
    {
        var values = new List<object?[]>(count);
        for (var i = first; i < Math.Min(rows.Count, first + count); i++)
        {
            ref readonly var a = ref rows[i];
            values.Add(
            [
                a.OccurredAt.Ticks, a.RouterName, a.Source.ToString(), a.Source.Key(), a.SourcePortOrNull,
                a.Destination.ToString(), a.DestinationPort, a.Protocol, a.Packets, a.Action, a.Dedup.ToHex(), a.Channel, a.ReceivedAt.Ticks,
            ]);
        }
        return values;
    }

    /// <summary>
    /// Adds stored attempts to the rollups (within the caller's transaction): per hour and
    /// destination, per subscriber and hour, the subscriber's destinations, per router and hour,
    /// per destination and day. The PostgreSQL ingest does the same inside its insert statement.
    /// </summary>
    /// <param name="lateAttributed">
    /// The attempts were counted at ingest and only changed subscriber: the rollups without a
    /// subscriber (per router, per destination and day) already hold them.
    /// </param>
    internal static async Task AddToRollupsAsync(AdminDbContext db, IReadOnlyList<StoredAttempt> stored, bool lateAttributed, CancellationToken ct)
    {
        object Time(DateTimeOffset at) => db.IsPostgres ? at : at.UtcTicks;
        var perDestination = stored
            .GroupBy(a => (Hour: RollupBuckets.Hour(a.OccurredAt), Subscriber: a.SubscriberId ?? AttemptRollup.Unattributed, a.RouterName, a.DestinationIp))
            .Select(g => new object?[] { Time(g.Key.Hour), g.Key.Subscriber, g.Key.RouterName, g.Key.DestinationIp, (long)g.Count(), g.Sum(a => (long)a.Packets) });
        var perSubscriber = stored
            .GroupBy(a => (Hour: RollupBuckets.Hour(a.OccurredAt), Subscriber: a.SubscriberId ?? AttemptRollup.Unattributed))
            .Select(g => new object?[] { Time(g.Key.Hour), g.Key.Subscriber, (long)g.Count(), g.Sum(a => (long)a.Packets), Time(g.Min(a => a.OccurredAt)), Time(g.Max(a => a.OccurredAt)) });
        var perSubscriberDay = stored
            .GroupBy(a => (Day: RollupBuckets.Day(a.OccurredAt), Subscriber: a.SubscriberId ?? AttemptRollup.Unattributed))
            .Select(g => new object?[] { Time(g.Key.Day), g.Key.Subscriber, (long)g.Count(), g.Sum(a => (long)a.Packets), Time(g.Min(a => a.OccurredAt)), Time(g.Max(a => a.OccurredAt)) });
        var destinations = stored.Where(a => a.SubscriberId is not null)
            .GroupBy(a => (Subscriber: a.SubscriberId!.Value, a.DestinationIp))
            .Select(g => new object?[] { g.Key.Subscriber, g.Key.DestinationIp, Time(g.Min(a => a.OccurredAt)), Time(g.Max(a => a.OccurredAt)), (long)g.Count() });
        var perRouter = stored.GroupBy(a => (Hour: RollupBuckets.Hour(a.OccurredAt), a.RouterName))
            .Select(g => new object?[] { Time(g.Key.Hour), g.Key.RouterName, (long)g.Count(), g.Sum(a => (long)a.Packets) });
        var perServer = stored.GroupBy(a => (Day: RollupBuckets.Day(a.OccurredAt), a.DestinationIp))
            .Select(g => new object?[] { Time(g.Key.Day), g.Key.DestinationIp, (long)g.Count(), g.Sum(a => (long)a.Packets) });
        await UpsertAsync(db, AttemptSql.UpsertRollups, perDestination, ct);
        if (!lateAttributed)
        {
            await UpsertAsync(db, AttemptSql.UpsertRouterHours, perRouter, ct);
            await UpsertAsync(db, AttemptSql.UpsertDestinationDays, perServer, ct);
        }
        await UpsertAsync(db, AttemptSql.UpsertSubscriberHoursFor(db.IsPostgres), perSubscriber, ct);
        await UpsertAsync(db, AttemptSql.UpsertSubscriberDaysFor(db.IsPostgres), perSubscriberDay, ct);
        await UpsertAsync(db, AttemptSql.UpsertSubscriberDestinationsFor(db.IsPostgres), destinations, ct);
    }

    private static async Task UpsertAsync(AdminDbContext db, string sql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(500))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = sql.Replace("{rows}", SqlRows.Placeholders(command, chunk));
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

}
