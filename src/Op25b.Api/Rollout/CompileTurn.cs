using Op25b.Api.Hosting;
using Op25b.Persistence;

namespace Op25b.Api.Rollout;

/// <summary>
/// Compiles take turns: versions are numbered per group, so two must not interleave. The turn is
/// one of the <see cref="HostTurns"/>, which end with their holder — a host killed mid-compile
/// must not leave every drain, and with it every reconcile, on the hosts left waiting.
/// </summary>
public sealed class CompileTurn(HostTurns turns)
{
    public Task<IAsyncDisposable> TakeAsync(AdminDbContext db, CancellationToken ct) => turns.TakeAsync(db, TurnKeys.Compile, ct);
}
