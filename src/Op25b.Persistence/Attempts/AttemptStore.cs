using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

public sealed record StoreResult(int Inserted, int Duplicates, int Attributed);

/// <summary>
/// Stores batches of attempts: attributes them, inserts them skipping resends (the dedup key),
/// and adds what was really inserted to the hourly rollup — all in one transaction, so an
/// acknowledged batch is stored and counted exactly once, and a failed one leaves nothing.
/// </summary>
public sealed class AttemptStore(AdminDbContext db, AttemptAttributor attributor, TimeProvider clock)
{
    /// <summary>Rows per INSERT statement: 15 parameters each stays under SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerStatement = 500;

    private static readonly ConcurrentDictionary<string, bool> KnownPartitions = new();

    /// <summary>Retention dropped a partition: the next insert into that day must create it again.</summary>
    internal static void ForgetPartition(string database, string partition) => KnownPartitions.TryRemove($"{database}/{partition}", out _);

    public async Task<StoreResult> StoreAsync(IReadOnlyList<BlockedAttempt> batch, CancellationToken ct)
    {
        // A batch may carry the same attempt twice (a collector retrying inside one upload).
        var unique = batch.DistinctBy(a => (a.DedupKey, a.OccurredAt)).ToList();
        var attributed = await attributor.AttributeAsync(unique, clock.GetUtcNow(), ct);

        var strategy = db.Database.CreateExecutionStrategy();
        var inserted = await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var connection = db.Database.GetDbConnection();
                if (db.IsPostgres)
                    await EnsurePartitionsAsync(connection, unique, ct);
                var keys = new HashSet<string>();
                if (connection is NpgsqlConnection postgres)
                    keys.UnionWith(await CopyInsertAsync(postgres, unique, ct));
                else
                    foreach (var chunk in unique.Chunk(RowsPerStatement))
                        keys.UnionWith(await InsertAsync(connection, chunk, ct));
                var stored = unique.Where(a => keys.Contains(a.DedupKey)).ToList();
                await AddToRollupsAsync(db, stored, ct);
                await tx.CommitAsync(ct);
                return stored.Count;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        return new StoreResult(inserted, batch.Count - inserted, attributed);
    }

    /// <summary>PostgreSQL: binary COPY into a staging table, then one INSERT … SELECT … ON CONFLICT — far cheaper than multi-row INSERTs.</summary>
    private static async Task<List<string>> CopyInsertAsync(NpgsqlConnection connection, IReadOnlyList<BlockedAttempt> rows, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(AttemptSql.PostgresStaging, connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var import = await connection.BeginBinaryImportAsync(AttemptSql.PostgresCopyIntoStaging, ct))
        {
            foreach (var a in rows)
            {
                await import.StartRowAsync(ct);
                await import.WriteAsync(a.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(a.RouterName, NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.SourceIp.ToString(), NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.SourceKey, NpgsqlDbType.Char, ct);
                await WriteNullableAsync(import, a.SourcePort, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(a.DestinationIp.ToString(), NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.DestinationPort, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(a.Protocol, NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.Packets, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(a.Action, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(import, a.SubscriberId, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(import, a.AttributedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(a.DedupKey, NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.Channel, NpgsqlDbType.Varchar, ct);
                await import.WriteAsync(a.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            }
            await import.CompleteAsync(ct);
        }
        var keys = new List<string>(rows.Count);
        await using var insert = new NpgsqlCommand(AttemptSql.PostgresInsertFromStaging, connection);
        await using var reader = await insert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            keys.Add(reader.GetString(0));
        return keys;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? import.WriteAsync(v, type, ct) : import.WriteNullAsync(ct);

    private async Task<List<string>> InsertAsync(DbConnection connection, IReadOnlyList<BlockedAttempt> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var values = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var a = rows[i];
            values.Append(i == 0 ? "(" : ",(");
            object?[] fields =
            [
                Time(a.OccurredAt), a.RouterName, a.SourceIp.ToString(), a.SourceKey, a.SourcePort, a.DestinationIp.ToString(),
                a.DestinationPort, a.Protocol, a.Packets, a.Action, a.SubscriberId, a.AttributedAt is { } t ? Time(t) : null,
                a.DedupKey, a.Channel, Time(a.ReceivedAt),
            ];
            for (var f = 0; f < fields.Length; f++)
            {
                var name = $"@p{i}_{f}";
                values.Append(f == 0 ? name : "," + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = fields[f] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            values.Append(')');
        }
        command.CommandText = AttemptSql.InsertAttempts.Replace("{rows}", values.ToString());
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Adds attempts to the hourly rollup (within the caller's transaction).</summary>
    internal static async Task AddToRollupsAsync(AdminDbContext db, IReadOnlyList<BlockedAttempt> stored, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var groups = stored
            .GroupBy(a => (Hour: HourOf(a.OccurredAt), Subscriber: a.SubscriberId ?? AttemptRollup.Unattributed, a.RouterName, Destination: a.DestinationIp.ToString()))
            .Select(g => (g.Key, Attempts: (long)g.Count(), Packets: g.Sum(a => (long)a.Packets)))
            .ToList();
        foreach (var chunk in groups.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var values = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var (key, attempts, packets) = chunk[i];
                object[] fields = [db.IsPostgres ? key.Hour : key.Hour.UtcTicks, key.Subscriber, key.RouterName, key.Destination, attempts, packets];
                values.Append(i == 0 ? "(" : ",(");
                for (var f = 0; f < fields.Length; f++)
                {
                    var name = $"@r{i}_{f}";
                    values.Append(f == 0 ? name : "," + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = fields[f];
                    command.Parameters.Add(parameter);
                }
                values.Append(')');
            }
            command.CommandText = AttemptSql.UpsertRollups.Replace("{rows}", values.ToString());
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task EnsurePartitionsAsync(DbConnection connection, IReadOnlyList<BlockedAttempt> rows, CancellationToken ct)
    {
        var database = connection.Database;
        foreach (var day in rows.Select(a => a.OccurredAt.UtcDateTime.Date).Distinct())
        {
            var partition = $"blocked_attempts_p{day:yyyyMMdd}";
            if (KnownPartitions.ContainsKey($"{database}/{partition}"))
                continue;
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = AttemptSql.PostgresEnsurePartition
                .Replace("{partition}", partition)
                .Replace("{from}", day.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture))
                .Replace("{to}", day.AddDays(1).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(ct);
            KnownPartitions[$"{database}/{partition}"] = true;
        }
    }

    /// <summary>SQLite stores times as UTC ticks (see the context's conventions); PostgreSQL as timestamptz.</summary>
    private object Time(DateTimeOffset at) => db.IsPostgres ? at.ToUniversalTime() : at.UtcTicks;

    internal static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
}
