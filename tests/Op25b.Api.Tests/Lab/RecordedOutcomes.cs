using Op25b.Core.Deployments;

namespace Op25b.Api.Tests.Lab;

/// <summary>One deployment as recorded in the database, with the version (id) it was to make live.</summary>
public sealed record RecordedDeployment(long Id, long VersionId, DeploymentState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Output,
    DateTimeOffset QueuedAt = default, string Trigger = "")
{
    /// <summary>The deployment itself says it does not know what the router runs (the router was marked unknown).</summary>
    public bool OutcomeUnknown => State == DeploymentState.Abandoned
        || (State == DeploymentState.Failed && Output is { } o && (o.Contains("outcome unknown", StringComparison.Ordinal) || o.Contains("runs neither", StringComparison.Ordinal)));

    public override string ToString() => $"deployment {Id} (version id {VersionId}, {State}, {StartedAt:HH:mm:ss.fff}–{FinishedAt:HH:mm:ss.fff})";
}

/// <summary>
/// Checks what the database says every deployment did against what the router ran (its marker
/// log): a succeeded deployment's version was on the router when it ended; a deployment that
/// failed with a known outcome did not put its version there; one that never started changed
/// nothing; and every version the router ever switched to is accounted for by a deployment that
/// ran then. Only a deployment that itself records its outcome as unknown is exempt from the
/// first two — and the router must have been settled after it (the final convergence shows that).
/// </summary>
public static class RecordedOutcomes
{
    /// <summary>
    /// How late the monitor may report a commit (its pipe, a busy machine). 500 ms was too tight:
    /// a CI run at full load saw a commit 0.8 s after the push had read its marker back from the router.
    /// </summary>
    private static readonly TimeSpan SeenLag = TimeSpan.FromSeconds(2);

    public static List<string> Disagreements(IReadOnlyList<RecordedDeployment> deployments, IReadOnlyList<RouterMarkerLog.Change> router)
    {
        var found = new List<string>();
        foreach (var d in deployments)
        {
            if (Core.Deployments.Deployment.Open.Contains(d.State))
            {
                found.Add($"{d} is still {d.State}");
                continue;
            }
            var during = d.StartedAt is { } start
                ? router.Where(c => c.SeenAt >= start && c.SeenAt <= d.FinishedAt!.Value + SeenLag).ToList()
                : [];
            switch (d.State)
            {
                case DeploymentState.Succeeded:
                    var own = during.LastOrDefault(c => c.Marker == d.VersionId);
                    if (own is null)
                        found.Add($"{d} is recorded succeeded, but the router never switched to its version while it ran");
                    else if (router.FirstOrDefault(c => c.SeenAt > own.SeenAt && c.SeenAt <= d.FinishedAt && c.Marker != d.VersionId) is { } left)
                        found.Add($"{d} is recorded succeeded, but the router left its version for {left.Marker} at {left.SeenAt:HH:mm:ss.fff}, before it ended");
                    break;
                case DeploymentState.Failed when !d.OutcomeUnknown:
                    if (during.FirstOrDefault(c => c.Marker == d.VersionId && c.SeenAt <= d.FinishedAt) is { } applied)
                        found.Add($"{d} is recorded failed ({FirstLine(d.Output)}), but the router switched to its version at {applied.SeenAt:HH:mm:ss.fff}");
                    break;
                case DeploymentState.Superseded or DeploymentState.Cancelled when d.StartedAt is not null:
                    found.Add($"{d} is recorded {d.State}, but it had started");
                    break;
            }
        }
        foreach (var change in router)
            if (!deployments.Any(d => d.VersionId == change.Marker && d.StartedAt <= change.SeenAt && change.SeenAt <= d.FinishedAt + SeenLag
                    && (d.State == DeploymentState.Succeeded || d.OutcomeUnknown)))
                found.Add($"the router switched to version id {change.Marker?.ToString() ?? "(none)"} at {change.SeenAt:HH:mm:ss.fff}, and no deployment that ran then accounts for it");
        return found;
    }

    private static string FirstLine(string? output) => output?.Split('\n')[0] ?? "";
}
