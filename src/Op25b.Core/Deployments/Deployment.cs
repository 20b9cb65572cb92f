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

    public static readonly DeploymentState[] Open = [DeploymentState.Queued, DeploymentState.Running, DeploymentState.Held, DeploymentState.AwaitingExternalApply];
}
