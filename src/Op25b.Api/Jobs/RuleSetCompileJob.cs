using Hangfire;
using Op25b.Api.Rollout;

namespace Op25b.Api.Jobs;

/// <summary>
/// Compiles what the policy change outbox asks for (and reconciles every router). Scheduled a
/// moment after a change as a nudge; the rollout loop drains the same outbox on its interval, so a
/// lost job costs time, never a change. Compiles take their turn inside the drain (<see cref="CompileTurn"/>),
/// not through Hangfire's DisableConcurrentExecution: that lock is a row, which a host killed while
/// running this job left for ten minutes, each later compile job holding a worker (and so the pushes
/// waiting behind it) until its own five-minute wait gave up.
/// </summary>
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 5, 15, 60, 300])]
public sealed class RuleSetCompileJob(PolicyChangeDrain drain)
{
    public async Task RunAsync(string trigger, string actor, CancellationToken ct) => await drain.RunAsync(ct);
}
