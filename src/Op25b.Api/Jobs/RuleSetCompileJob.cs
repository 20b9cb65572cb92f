using Hangfire;
using Op25b.Api.Rollout;

namespace Op25b.Api.Jobs;

/// <summary>Compiles every router group and plans deployments for what changed. One at a time: versions are numbered per group.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
[AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 5, 15, 60, 300])]
public sealed class RuleSetCompileJob(RuleSetPublisher publisher)
{
    public async Task RunAsync(string trigger, string actor, CancellationToken ct) =>
        await publisher.PublishAsync(trigger, actor, ct);
}
