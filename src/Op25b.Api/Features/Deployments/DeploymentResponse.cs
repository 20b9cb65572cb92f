using Op25b.Core.Deployments;

namespace Op25b.Api.Features.Deployments;

public sealed record DeploymentResponse(
    long Id, string Router, long RuleSetId, int RuleSetNumber, string Hash, DeploymentState State, string Trigger, string RequestedBy,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Attempts, string? Output, string? ConfirmedBy)
{
    /// <summary>Needs Router and RuleSetVersion loaded.</summary>
    public static DeploymentResponse From(Deployment d) => new(
        d.Id, d.Router!.Name, d.RuleSetVersionId, d.RuleSetVersion!.Number, d.Hash, d.State, d.Trigger, d.RequestedBy,
        d.QueuedAt, d.StartedAt, d.FinishedAt, d.Attempts, d.Output, d.ConfirmedBy);
}
