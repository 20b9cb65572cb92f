namespace Op25b.Api.Rollout;

/// <summary>
/// The clocks of the rollout loop, from configuration (<c>Rollout:*</c>). The reconcile interval
/// bounds how long any lost signal can delay enforcement; a lease several heartbeats long lets a
/// busy host miss one renewal without its push being declared abandoned.
/// </summary>
public sealed record RolloutTimings(TimeSpan ReconcileInterval, TimeSpan Lease, TimeSpan RetryAfterFailure)
{
    public TimeSpan Heartbeat => Lease / 3;

    public static RolloutTimings From(IConfiguration configuration) => new(
        TimeSpan.FromSeconds(configuration.GetValue("Rollout:ReconcileIntervalSeconds", 30.0)),
        TimeSpan.FromSeconds(configuration.GetValue("Rollout:LeaseSeconds", 30.0)),
        TimeSpan.FromSeconds(configuration.GetValue("Rollout:RetryAfterFailureSeconds", 60.0)));
}

/// <summary>This process, as the owner of the deployments it runs. Unique per start, so a restarted host does not mistake its predecessor's leases for its own.</summary>
public sealed class DeploymentHost
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
