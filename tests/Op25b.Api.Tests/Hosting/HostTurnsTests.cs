using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Op25b.Api.Hosting;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Hosting;

/// <summary>
/// Recurring jobs and schema migration take turns that end with their holder. Hangfire's row lock,
/// used by the jobs before, outlived a killed holder for its timeout (up to an hour), and every
/// later run of that job waited on it holding a worker; the migration lock, taken on a pooled
/// connection, stayed with the pooled session after it was closed.
/// </summary>
public abstract class HostTurnsTests(AdminApiFactory api)
{
    protected Task<IAsyncDisposable> TakeAsync(long key) => api.WithScopeAsync(sp =>
        sp.GetRequiredService<HostTurns>().TakeAsync(sp.GetRequiredService<AdminDbContext>(), key, CancellationToken.None));

    [Fact]
    public async Task A_job_waits_while_another_run_holds_its_turn_and_runs_once_it_is_given_back()
    {
        var held = await TakeAsync(TurnKeys.ExemptionWindows);
        var run = api.WithScopeAsync(sp => sp.GetRequiredService<ExemptionWindowJob>().RunAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted, "the job ran while another run held its turn");
        await held.DisposeAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Turns_of_different_work_do_not_wait_on_each_other()
    {
        await using var held = await TakeAsync(TurnKeys.DriftCheck);
        await (await TakeAsync(TurnKeys.Retention).WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }
}

public sealed class HostTurnsTests_on_Sqlite(SqliteApiFactory api) : HostTurnsTests(api), IClassFixture<SqliteApiFactory>;

public sealed class HostTurnsTests_on_Postgres(PostgresApiFactory api) : HostTurnsTests(api), IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_job_turn_whose_holder_died_is_free_at_once()
    {
        await using var held = await TakeAsync(TurnKeys.ExemptionWindows);
        // The server ends the holder's session, as it does when a killed host's connection closes.
        await api.WithDbAsync(async db => await db.Database.ExecuteSqlRawAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = {TurnKeys.ExemptionWindows} AND granted"));
        await api.WithScopeAsync(sp => sp.GetRequiredService<ExemptionWindowJob>().RunAsync(CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_migration_turn_given_back_is_free_for_another_session_at_once()
    {
        await (await TakeAsync(TurnKeys.Migration)).DisposeAsync();
        string? connectionString = null;
        await api.WithDbAsync(db => Task.FromResult(connectionString = db.Database.GetConnectionString()));
        // Asked on a session of its own, closed at once, so it holds nothing afterwards.
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        await using var ask = new NpgsqlCommand($"SELECT pg_try_advisory_lock({TurnKeys.Migration})", other);
        Assert.True((bool)(await ask.ExecuteScalarAsync())!, "the migration lock stayed with a closed connection's session");
    }
}
