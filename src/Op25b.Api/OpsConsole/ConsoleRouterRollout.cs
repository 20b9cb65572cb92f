using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.OpsUi.Ports;

namespace Op25b.Api.OpsConsole;

/// <summary>The console's deploy and confirm: the same <see cref="ManualDeploy"/> and <see cref="HeldDeploymentRelease"/> the API runs.</summary>
internal sealed class ConsoleRouterRollout(ManualDeploy deploy, HeldDeploymentRelease release) : IRouterRollout
{
    public async Task<DeployPreview> PreviewAsync(HttpContext http, string router, CancellationToken ct)
    {
        var (r, v, plan) = await deploy.PlanAsync(router, null, Actor.NameOf(http.User), ct);
        return new DeployPreview(r.Name, v.Id, v.Number, v.Hash, plan.InitialState, plan.Summary, plan.Difference);
    }

    /// <summary>Deploys the version the operator saw in the preview, not whatever is newest by the time they click.</summary>
    public async Task<long> DeployAsync(HttpContext http, string router, long ruleSetId, string? reason, CancellationToken ct) =>
        (await deploy.DeployAsync(router, ruleSetId, reason, Actor.Of(http), ct)).Deployment.Id;

    public Task ConfirmHeldAsync(HttpContext http, long deploymentId, string reason, CancellationToken ct) =>
        release.ConfirmAsync(deploymentId, reason, Actor.Of(http), ct);
}
