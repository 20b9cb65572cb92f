using System.Text.Json;
using FastEndpoints;
using Hangfire;
using Op25b.Api.Auth;
using Op25b.Api.Features.RuleSets;
using Op25b.Api.Jobs;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Routers.Deploy;

/// <summary>Deploys a version to one router now — or, with dryRun, shows the plan and the difference without touching anything.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, RuleSetPublisher publisher, IBackgroundJobClient jobs)
    : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/routers/{name}/deploy");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Deploy a rule set version to a router (dryRun: plan and diff only)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await RouterLookup.RequireAsync(db, req.Name, ct);
        var version = await ResolveVersionAsync(router.RouterGroup, req.RuleSetId, ct);
        var content = RuleSetCanonical.Parse(version.Content);
        var plan = await publisher.PlanOnlyAsync(router, content, ct);
        if (req.DryRun)
        {
            await Send.OkAsync(ToResponse(router.Name, version, plan.InitialState, plan.Summary, plan.Difference, true, null), ct);
            return;
        }

        var actor = Actor.NameOf(User);
        var deployment = await publisher.PlanAsync(router, version, content, req.Reason ?? "manual deploy", actor, clock.GetUtcNow(), ct, force: true);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("deployment.requested", "router", router.Name, null,
            new { router = router.Name, version = version.Number, version.Hash }, req.Reason));
        await audit.SaveAsync(ct);
        if (deployment!.State == DeploymentState.Queued)
            jobs.Enqueue<DeployJob>(j => j.RunAsync(deployment.Id, CancellationToken.None));
        await Send.ResponseAsync(ToResponse(router.Name, version, deployment.State, deployment.Output ?? "", plan.Difference, false, deployment.Id), 202, ct);
    }

    private async Task<RuleSetVersion> ResolveVersionAsync(string group, long? id, CancellationToken ct)
    {
        if (id is { } requested)
        {
            var version = await RuleSetLookup.RequireAsync(db, requested, "ruleSetId", ct);
            return version.RouterGroup == group ? version
                : throw new DomainRuleViolation(ViolationKind.Invalid, "ruleSetId", $"Version {requested} belongs to group '{version.RouterGroup}', not '{group}'.");
        }
        if (await RuleSetLookup.LatestAsync(db, group, ct) is { } latest)
            return latest;
        await publisher.PublishAsync("first compile for a deploy", Actor.NameOf(User), ct);
        return await RuleSetLookup.LatestAsync(db, group, ct)
            ?? throw new DomainRuleViolation(ViolationKind.Conflict, "name", $"Group '{group}' has nothing to compile.");
    }

    private static Response ToResponse(string router, RuleSetVersion v, DeploymentState state, string summary, RuleSetDifference difference,
        bool dryRun, long? deploymentId) =>
        new(router, v.Id, v.Number, v.Hash, dryRun, JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString()), summary,
            DifferenceResponse.From(difference), deploymentId);
}
