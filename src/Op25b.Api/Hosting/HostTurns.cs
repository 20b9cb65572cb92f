using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Op25b.Persistence;

namespace Op25b.Api.Hosting;

/// <summary>
/// Work that must not run twice at once (a compile, each recurring job) takes a turn, and a turn
/// ends with its holder, whatever happens to it. On PostgreSQL it is a session advisory lock on a
/// connection of its own, which the server drops when the connection closes — also when the host
/// is killed. With the embedded SQLite default there is one host, and a semaphore per key is enough.
/// (Hangfire's distributed lock, used before, is a row: a host killed while holding it left it for
/// its timeout — up to an hour — and every later run waited on it, holding a worker.)
/// </summary>
public sealed class HostTurns
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _local = new();

    public async Task<IAsyncDisposable> TakeAsync(AdminDbContext db, long key, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            var local = _local.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            await local.WaitAsync(ct);
            return new Turn(() =>
            {
                local.Release();
                return Task.CompletedTask;
            });
        }
        // Unpooled: closing it ends the session, and the lock with it (a pooled one would keep both).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Turn(async () =>
        {
            // Given back explicitly: the server ends a closed session's locks only once its backend
            // has noticed the close, which a waiter on another host could otherwise race.
            try
            {
                await using var give = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                give.Parameters.AddWithValue("key", key);
                await give.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        });
    }

    private sealed class Turn(Func<Task> end) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await end();
    }
}

/// <summary>
/// Advisory lock keys of the host's turns, in one place so that no two share one
/// (single-bigint form; <c>DayPartitions</c> uses the two-integer form, a separate key space).
/// </summary>
public static class TurnKeys
{
    public const long Migration = 250_002;
    public const long Compile = 250_003;
    public const long ExemptionWindows = 250_010;
    public const long DriftCheck = 250_011;
    public const long LateAttribution = 250_012;
    public const long Retention = 250_013;
    public const long AttemptPartitions = 250_014;
    public const long OffenderCases = 250_015;
}
