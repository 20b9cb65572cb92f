using Hangfire;
using Microsoft.Extensions.Options;
using Op25b.Persistence.Retention;

namespace Op25b.Api.Jobs;

/// <summary>Purges records past their configured retention and audits the counts.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 3600)]
[AutomaticRetry(Attempts = 3)]
public sealed class RetentionJob(RetentionPurge purge, IOptions<RetentionPolicy> policy)
{
    public async Task<PurgeCounts> RunAsync(CancellationToken ct) => await purge.RunAsync(policy.Value, ct);
}
