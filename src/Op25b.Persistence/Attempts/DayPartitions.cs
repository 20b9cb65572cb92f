using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// The day partitions of blocked_attempts on PostgreSQL (blocked_attempts_pYYYYMMDD, one per UTC
/// day, so retention drops whole days). A partition is created in its own short transaction under
/// an advisory lock for its day, never inside a writer's data transaction: two first writers of a
/// day then queue instead of racing on the catalog (42P07), and a data transaction that rolls back
/// cannot take a partition with it that the cache below already believes in.
/// </summary>
/// <remarks>
/// The cache only saves a round trip per chunk. It holds days seen committed, and it is a belief, not
/// a record: a writer that finds a day missing anyway (dropped by retention in another host, or by
/// hand) forgets the database's days and creates again (<see cref="IsMissingPartition"/>).
/// </remarks>
public static class DayPartitions
{
    /// <summary>First key of pg_advisory_xact_lock(int, int) for partition creation; the second is the day.</summary>
    private const int AdvisoryLockClass = 25_0001;

    private static readonly ConcurrentDictionary<(string Database, DateOnly Day), bool> Known = new();
    private static readonly string Create = AttemptSql.PostgresEnsurePartition;

    public static string NameOf(DateOnly day) => $"blocked_attempts_p{day:yyyyMMdd}";

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>
    /// Creates the partitions of the given days that are not known to exist (all of them when
    /// <paramref name="recheck"/>: the database is asked, not the cache); the connection must be outside a transaction.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateOnly> days, CancellationToken ct, bool recheck = false)
    {
        foreach (var day in days.Distinct())
        {
            if (!recheck && Known.ContainsKey((connection.Database, day)))
                continue;
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                // DDL takes no parameters; only dates formatted here reach it.
                var ddl = Create.Replace("{partition}", NameOf(day))
                    .Replace("{lock_class}", AdvisoryLockClass.ToString(CultureInfo.InvariantCulture))
                    .Replace("{day_number}", day.DayNumber.ToString(CultureInfo.InvariantCulture))
                    .Replace("{from}", MidnightUtc(day))
                    .Replace("{to}", MidnightUtc(day.AddDays(1)));
                await using var command = new NpgsqlCommand(ddl, connection, tx);
                await command.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }
            Known[(connection.Database, day)] = true;
        }
    }

    private static string MidnightUtc(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>Retention dropped a partition: the next insert into that day must create it again.</summary>
    public static void Forget(string database, DateOnly day) => Known.TryRemove((database, day), out _);

    /// <summary>A day the cache believed in is missing: believe nothing of this database until seen again.</summary>
    public static void ForgetAll(string database)
    {
        foreach (var key in Known.Keys.Where(k => k.Database == database))
            Known.TryRemove(key, out _);
    }

    /// <summary>PostgreSQL's answer to a row for which no partition exists (check_violation, "no partition of relation … found for row").</summary>
    public static bool IsMissingPartition(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } p && p.MessageText.StartsWith("no partition of relation", StringComparison.Ordinal);
}
