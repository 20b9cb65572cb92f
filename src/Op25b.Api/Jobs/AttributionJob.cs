using Hangfire;
using Op25b.Api.Hosting;
using Op25b.Persistence.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>Attributes attempts whose source's holder became known late (accounting arrived after the attempt). Safe to run any time.</summary>
[AutomaticRetry(Attempts = 3)]
public sealed class AttributionJob(LateAttribution attribution, TimeProvider clock, IConfiguration configuration, AdminDbContext db, HostTurns turns)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var turn = await turns.TakeAsync(db, TurnKeys.LateAttribution, ct);
        var since = clock.GetUtcNow().AddDays(-configuration.GetValue("Retention:AttemptsDays", 180));
        return await attribution.RunAsync(since, 10_000, ct);
    }
}
