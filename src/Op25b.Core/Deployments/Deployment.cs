using Op25b.Core.Network;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Deployments;

/// <summary>One attempt to make a rule set version live on one router, with its outcome and the router's own output.</summary>
public sealed class Deployment
{
    public long Id { get; set; }
    public long RouterId { get; set; }
    public Router? Router { get; set; }
    public long RuleSetVersionId { get; set; }
    public RuleSetVersion? RuleSetVersion { get; set; }
    public required string Hash { get; set; }
    public DeploymentState State { get; set; }
    /// <summary>What caused it: "exemption 12 approved", "manual deploy", "policy changed".</summary>
    public required string Trigger { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }
    public string? Output { get; set; }
    public string? ConfirmedBy { get; set; }

    /// <summary>The host running the push (a running deployment only); with <see cref="LeaseUntil"/> it lets others see a dead host.</summary>
    public string? Owner { get; set; }
    /// <summary>The owner renews this while it pushes; a running deployment past it is abandoned by the reconciler.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>A failure worth trying again (unreachable router, unknown outcome): the reconciler plans again from then on. Null: not by itself.</summary>
    public DateTimeOffset? RetryAfter { get; set; }

    /// <summary>
    /// Not finished. The database admits at most one of these per router (a partial unique index),
    /// so overlapping changes coalesce into the next deployment instead of racing on the router.
    /// </summary>
    public static readonly DeploymentState[] Open = [DeploymentState.Queued, DeploymentState.Running, DeploymentState.Held, DeploymentState.AwaitingExternalApply];
}
