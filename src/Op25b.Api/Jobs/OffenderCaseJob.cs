using Hangfire;
using Microsoft.Extensions.Options;
using Op25b.Api.Hosting;
using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>
/// Opens an abuse case for each new offender (one without an unresolved case). Idempotent: a
/// second run opens nothing; one run at a time, and the unique index settles any overlap anyway.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class OffenderCaseJob(OffenderCaseOpener opener, IOptions<OffenderThresholds> thresholds, AdminDbContext db, HostTurns turns)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var turn = await turns.TakeAsync(db, TurnKeys.OffenderCases, ct);
        return (await opener.OpenForNewOffendersAsync(thresholds.Value, ct)).Count;
    }
}
