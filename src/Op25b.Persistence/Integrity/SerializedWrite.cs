using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Op25b.Persistence.Integrity;

/// <summary>
/// A read-decide-write that must not interleave with another on the same thing: concurrent
/// writers take turns, and each reads what the previous one committed. SQLite opens the
/// transaction with BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), taking the database's
/// one write lock before the first read; PostgreSQL takes a transaction-scoped advisory lock on
/// the key, so writers of other keys do not wait.
/// </summary>
public static class SerializedWrite
{
    /// <summary>Writes that decide from a subscriber's holding (its status, assignments, exemptions) take turns on this key.</summary>
    public static string SubscriberKey(string externalId) => $"subscriber:{externalId}";

    public static async Task<IDbContextTransaction> BeginAsync(AdminDbContext db, string key, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        return tx;
    }
}
