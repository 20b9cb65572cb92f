using Hangfire;
using Op25b.Api.Features.Routers;
using Op25b.Api.Features.RuleSets;
using Op25b.Api.Jobs;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

public sealed record ManualDeployPlan(Router Router, RuleSetVersion Version, DeploymentPlan Plan);

/// <summary>
/// A deploy to one router on demand — the API's <c>POST /routers/{name}/deploy</c> and the
/// console's Deploy button. <see cref="PlanAsync"/> is the dry run: it records nothing.
/// </summary>
public sealed class ManualDeploy(AdminDbContext db, AuditTrail audit, TimeProvider clock, RuleSetPublisher publisher, DeploymentPlanning planning, IBackgroundJobClient jobs)
{
    public async Task<ManualDeployPlan> PlanAsync(string routerName, long? ruleSetId, string actor, CancellationToken ct)
    {
        var router = await RouterLookup.RequireAsync(db, routerName, ct);
        var version = await ResolveVersionAsync(router.RouterGroup, ruleSetId, actor, ct);
        var plan = await planning.PlanOnlyAsync(router, RuleSetCanonical.Parse(version.Content), ct);
        return new ManualDeployPlan(router, version, plan);
    }

    public async Task<(ManualDeployPlan Plan, Deployment Deployment)> DeployAsync(string routerName, long? ruleSetId, string? reason,
        AuditActor actor, CancellationToken ct)
    {
        var planned = await PlanAsync(routerName, ruleSetId, actor.Name, ct);
        var router = planned.Router;
        // The lookups read versions untracked; the new deployment must refer to the stored row, not insert a copy of it.
        var version = await db.RuleSetVersions.FindAsync([planned.Version.Id], ct) ?? planned.Version;
        var deployment = await planning.PlanAsync(router, version, RuleSetCanonical.Parse(version.Content), reason ?? "manual deploy", actor.Name,
            clock.GetUtcNow(), ct);
        audit.Record(actor, new AuditRecord("deployment.requested", "router", router.Name, null,
            new { router = router.Name, version = version.Number, version.Hash }, reason));
        await audit.SaveAsync(ct);
        if (deployment.State == DeploymentState.Queued)
            jobs.Enqueue<DeployJob>(j => j.RunAsync(deployment.Id, CancellationToken.None));
        return (planned, deployment);
    }

    private async Task<RuleSetVersion> ResolveVersionAsync(string group, long? id, string actor, CancellationToken ct)
    {
        if (id is { } requested)
        {
            var version = await RuleSetLookup.RequireAsync(db, requested, "ruleSetId", ct);
            return version.RouterGroup == group ? version
                : throw new DomainRuleViolation(ViolationKind.Invalid, "ruleSetId", $"Version {requested} belongs to group '{version.RouterGroup}', not '{group}'.");
        }
        if (await RuleSetLookup.LatestAsync(db, group, ct) is { } latest)
            return latest;
        await publisher.PublishAsync("first compile for a deploy", actor, ct);
        return await RuleSetLookup.LatestAsync(db, group, ct)
            ?? throw new DomainRuleViolation(ViolationKind.Conflict, "name", $"Group '{group}' has nothing to compile.");
    }
}
