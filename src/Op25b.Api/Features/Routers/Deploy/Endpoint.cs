using System.Text.Json;
using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Features.RuleSets;
using Op25b.Api.Rollout;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.Routers.Deploy;

/// <summary>Deploys a version to one router now — or, with dryRun, shows the plan and the difference without touching anything.</summary>
public sealed class Endpoint(ManualDeploy deploy) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/routers/{name}/deploy");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Deploy a rule set version to a router (dryRun: plan and diff only)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (req.DryRun)
        {
            var (router, version, plan) = await deploy.PlanAsync(req.Name, req.RuleSetId, Actor.NameOf(User), ct);
            await Send.OkAsync(ToResponse(router.Name, version, plan.InitialState, plan.Summary, plan.Difference, true, null), ct);
            return;
        }

        var (planned, deployment) = await deploy.DeployAsync(req.Name, req.RuleSetId, req.Reason, Actor.Of(HttpContext), ct);
        await Send.ResponseAsync(ToResponse(planned.Router.Name, planned.Version, deployment.State, deployment.Output ?? "", planned.Plan.Difference,
            false, deployment.Id), 202, ct);
    }

    private static Response ToResponse(string router, RuleSetVersion v, DeploymentState state, string summary, RuleSetDifference difference,
        bool dryRun, long? deploymentId) =>
        new(router, v.Id, v.Number, v.Hash, dryRun, JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString()), summary,
            DifferenceResponse.From(difference), deploymentId);
}
