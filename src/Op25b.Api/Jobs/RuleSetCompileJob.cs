using Hangfire;
using Op25b.Api.Rollout;

namespace Op25b.Api.Jobs;

/// <summary>
/// Compiles what the policy change outbox asks for (and reconciles every router). Scheduled a
/// moment after a change as a nudge; the rollout loop drains the same outbox on its interval, so a
/// lost job costs time, never a change. One at a time: versions are numbered per group.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 5, 15, 60, 300])]
public sealed class RuleSetCompileJob(PolicyChangeDrain drain)
{
    public async Task RunAsync(string trigger, string actor, CancellationToken ct) => await drain.RunAsync(ct);
}
