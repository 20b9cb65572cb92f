using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Rollout;

/// <summary>
/// Compiles take turns (versions are numbered per group), and a turn ends with its holder: a host
/// killed mid-compile must not leave the next compile — and the reconcile that follows it — waiting.
/// </summary>
public abstract class CompileTurnTests(AdminApiFactory api)
{
    protected Task CompileAsync() =>
        api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None));

    protected Task<IAsyncDisposable> TakeTurnAsync() => api.WithScopeAsync(sp =>
        sp.GetRequiredService<CompileTurn>().TakeAsync(sp.GetRequiredService<AdminDbContext>(), CancellationToken.None));

    [Fact]
    public async Task A_compile_waits_while_another_holds_the_turn_and_runs_once_it_is_given_back()
    {
        var held = await TakeTurnAsync();
        var compile = CompileAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(compile.IsCompleted, "the compile ran while another held the turn");
        await held.DisposeAsync();
        await compile.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

public sealed class CompileTurnTests_on_Sqlite(SqliteApiFactory api) : CompileTurnTests(api), IClassFixture<SqliteApiFactory>;

public sealed class CompileTurnTests_on_Postgres(PostgresApiFactory api) : CompileTurnTests(api), IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_turn_whose_holder_died_is_free_at_once()
    {
        await using var held = await TakeTurnAsync();
        // The server ends the holder's session, as it does when a killed host's connection closes.
        // (Hangfire's row lock, used before, stayed for ten minutes after its holder died.)
        await api.WithDbAsync(async db => await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 250003 AND granted"));
        await CompileAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
