using Microsoft.EntityFrameworkCore;
using Npgsql;
using Op25b.Persistence;

namespace Op25b.Api.Rollout;

/// <summary>
/// Compiles take turns: versions are numbered per group, so two must not interleave. A turn ends
/// with its holder, whatever happens to it. On PostgreSQL it is a session advisory lock on a
/// connection of its own, which the server drops when the connection closes — also when the host
/// is killed. With the embedded SQLite default there is one host, and a semaphore is enough.
/// (Hangfire's distributed lock, used before, is a row: a host killed mid-compile left it for its
/// ten-minute timeout, and every drain — and with it every reconcile — on the hosts left waited.)
/// </summary>
public sealed class CompileTurn
{
    /// <summary>Advisory lock key of the compile (any constant no other lock of ours uses).</summary>
    private const long LockKey = 250_003;

    private readonly SemaphoreSlim _local = new(1, 1);

    public async Task<IAsyncDisposable> TakeAsync(AdminDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            await _local.WaitAsync(ct);
            return new Turn(() =>
            {
                _local.Release();
                return Task.CompletedTask;
            });
        }
        // Unpooled: closing it ends the session, and the lock with it (a pooled one would keep both).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection);
            await take.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Turn(async () => await connection.DisposeAsync());
    }

    private sealed class Turn(Func<Task> end) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await end();
    }
}
