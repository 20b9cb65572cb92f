using Hangfire;
using Microsoft.Extensions.Options;
using Op25b.Api.Hosting;
using Op25b.Persistence.Retention;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>Purges records past their configured retention and audits the counts.</summary>
[AutomaticRetry(Attempts = 3)]
public sealed class RetentionJob(RetentionPurge purge, IOptions<RetentionPolicy> policy, AdminDbContext db, HostTurns turns)
{
    public async Task<PurgeCounts> RunAsync(CancellationToken ct)
    {
        await using var turn = await turns.TakeAsync(db, TurnKeys.Retention, ct);
        return await purge.RunAsync(policy.Value, ct);
    }
}
