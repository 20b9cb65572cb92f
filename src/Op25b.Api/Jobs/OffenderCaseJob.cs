using Hangfire;
using Microsoft.Extensions.Options;
using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Jobs;

/// <summary>
/// Opens an abuse case for each new offender (one without an unresolved case). Idempotent: a
/// second run opens nothing; one run at a time, and the unique index settles any overlap anyway.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
[AutomaticRetry(Attempts = 3)]
public sealed class OffenderCaseJob(OffenderCaseOpener opener, IOptions<OffenderThresholds> thresholds)
{
    public async Task<int> RunAsync(CancellationToken ct) =>
        (await opener.OpenForNewOffendersAsync(thresholds.Value, ct)).Count;
}
