using Microsoft.AspNetCore.Http;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;

namespace Op25b.OpsUi.Ports;

/// <summary>What a deploy would do: the version, the planned start state and the difference from the router's live version.</summary>
public sealed record DeployPreview(string Router, long RuleSetId, int Number, string Hash, DeploymentState PlannedState, string Summary,
    RuleSetDifference Difference);

/// <summary>Deploy and release-held as the API does them; implemented by the host with the endpoints' own code.</summary>
public interface IRouterRollout
{
    Task<DeployPreview> PreviewAsync(HttpContext http, string router, CancellationToken ct);
    Task<long> DeployAsync(HttpContext http, string router, long ruleSetId, string? reason, CancellationToken ct);
    Task ConfirmHeldAsync(HttpContext http, long deploymentId, string reason, CancellationToken ct);
}
