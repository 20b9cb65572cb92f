namespace Op25b.Persistence.Deployments;

/// <summary>Hand-written SQL of the migration that added one-deployment-in-flight-per-router (the same text on both providers).</summary>
public static class InFlightDeploymentSql
{
    /// <summary>
    /// Before the unique index can exist, older databases may hold several open deployments per
    /// router: all but the newest are superseded (it is what the reconciler would have done).
    /// </summary>
    public const string SupersedeAllButNewestOpen = """
        UPDATE deployments SET state = 'superseded', output = 'superseded: one deployment in flight per router'
        WHERE state IN ('queued', 'running', 'held', 'awaiting-external-apply')
          AND id NOT IN (SELECT MAX(id) FROM deployments WHERE state IN ('queued', 'running', 'held', 'awaiting-external-apply') GROUP BY router_id)
        """;
}
