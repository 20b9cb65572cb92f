namespace Op25b.Core.Deployments;

public enum DeploymentState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>Stopped by the mass-removal guard until a network-admin confirms.</summary>
    Held,
    /// <summary>Export-mode platforms: the artifact is published; someone applies it and confirms.</summary>
    AwaitingExternalApply,
    /// <summary>A newer version for the same router made this one pointless before it ran.</summary>
    Superseded,
    Cancelled,
    /// <summary>Its host stopped renewing the lease (killed, stopped) mid-push; what the router runs is settled by reading it again.</summary>
    Abandoned,
}
