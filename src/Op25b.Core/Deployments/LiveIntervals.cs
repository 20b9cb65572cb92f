namespace Op25b.Core.Deployments;

/// <summary>A rule set version made live on a router at <see cref="AppliedAt"/> (a succeeded deployment).</summary>
public sealed record AppliedVersion(long RouterId, long RuleSetVersionId, string Hash, DateTimeOffset AppliedAt, long DeploymentId, string AppliedBy);

/// <summary>One span during which one version ran on one router; <see cref="Until"/> null: still live at the end of the period.</summary>
public sealed record LiveInterval(long RouterId, long RuleSetVersionId, string Hash, DateTimeOffset From, DateTimeOffset? Until, long DeploymentId, string AppliedBy);

/// <summary>
/// Which version was live on each router when: a version is live from the moment its deployment
/// succeeded (pushed and read back, or confirmed as applied externally) until the next succeeded
/// deployment on that router. A redeploy of the running version (drift repair) continues its interval.
/// </summary>
public static class LiveIntervals
{
    /// <summary>Intervals overlapping [<paramref name="from"/>, <paramref name="to"/>), clipped to it, per router in time order.</summary>
    public static IReadOnlyList<LiveInterval> Within(IEnumerable<AppliedVersion> applied, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<LiveInterval>();
        foreach (var router in applied.GroupBy(a => a.RouterId).OrderBy(g => g.Key))
        {
            var runs = new List<AppliedVersion>();
            foreach (var a in router.OrderBy(a => a.AppliedAt).ThenBy(a => a.DeploymentId))
                if (runs.Count == 0 || runs[^1].RuleSetVersionId != a.RuleSetVersionId)
                    runs.Add(a);
            for (var i = 0; i < runs.Count; i++)
            {
                var start = runs[i].AppliedAt;
                DateTimeOffset? end = i + 1 < runs.Count ? runs[i + 1].AppliedAt : null;
                if (start >= to || end <= from)
                    continue;
                var clippedEnd = end is { } e && e < to ? e : (DateTimeOffset?)null;
                result.Add(new LiveInterval(router.Key, runs[i].RuleSetVersionId, runs[i].Hash,
                    start < from ? from : start, clippedEnd, runs[i].DeploymentId, runs[i].AppliedBy));
            }
        }
        return result;
    }
}
