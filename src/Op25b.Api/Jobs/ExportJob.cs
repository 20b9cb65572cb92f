using Hangfire;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Jobs;

/// <summary>
/// Writes a large export in the background. Not retried automatically: a failed export is marked
/// failed with its reason and the auditor asks again, rather than a half-written file being redone unseen.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ExportJob(ExportRunner runner)
{
    public async Task RunAsync(long exportId, CancellationToken ct) => await runner.RunAsync(exportId, AuditActor.System, null, ct);
}
