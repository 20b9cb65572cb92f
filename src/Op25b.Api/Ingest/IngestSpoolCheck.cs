using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Op25b.Api.Ingest;

/// <summary>
/// The spool on /health/ready: empty is healthy; lines waiting is degraded (they are safe, but
/// not yet stored or visible); a full spool is unhealthy, because senders are then held back or dropped.
/// </summary>
internal sealed class IngestSpoolCheck(IngestSpool spool, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (spool.OldestReceivedAt is not { } oldest)
            return Task.FromResult(HealthCheckResult.Healthy("spool empty"));
        var age = (clock.GetUtcNow() - oldest).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var state = $"{spool.Lines} lines ({spool.Bytes} bytes) waiting in the spool for the database, the oldest for {age} s";
        return Task.FromResult(spool.IsFull ? HealthCheckResult.Unhealthy($"spool full: {state}") : HealthCheckResult.Degraded(state));
    }
}
