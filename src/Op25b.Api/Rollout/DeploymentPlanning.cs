using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

/// <summary>Turns a decision to deploy into a deployment row: budget and mass-removal guard, mode, audit. The reconciler and the manual deploys use it.</summary>
public sealed class DeploymentPlanning(AdminDbContext db, AuditTrail audit)
{
    /// <summary>What deploying <paramref name="content"/> to the router would do — budget, guard, mode, difference — without recording anything.</summary>
    public async Task<DeploymentPlan> PlanOnlyAsync(Router router, RuleSetContent content, CancellationToken ct)
    {
        var live = router.LiveRuleSetVersionId is { } liveId
            ? RuleSetCanonical.Parse((await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == liveId, ct)).Content)
            : null;
        var maxRemovedShare = (await db.PolicySettings.AsNoTracking().SingleAsync(ct)).MaxRemovedShare;
        return DeploymentPlanner.Plan(router, content, live, maxRemovedShare);
    }

    /// <summary>Plans a deployment of <paramref name="version"/> to one router, superseding one that waits there. Whether to is the caller's decision.</summary>
    /// <exception cref="DomainRuleViolation">A push is running on the router (one deployment in flight per router).</exception>
    public async Task<Deployment> PlanAsync(Router router, RuleSetVersion version, RuleSetContent content, string trigger, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Deployments.Where(d => d.RouterId == router.Id && Deployment.Open.Contains(d.State)).ToListAsync(ct);
        if (open.FirstOrDefault(d => d.State == DeploymentState.Running) is { } running)
            throw new DomainRuleViolation(ViolationKind.Conflict, "state",
                $"Deployment {running.Id} is running on {router.Name}; when it ends, the router is reconciled to its group's newest version.");
        foreach (var stale in open)
        {
            stale.State = DeploymentState.Superseded;
            stale.FinishedAt = now;
            stale.Output = $"superseded by version {version.Number} ({version.Hash[..12]})";
        }
        // The in-flight index admits the new row only once the old one has left the open states.
        if (open.Count > 0)
            await audit.SaveAsync(ct);

        var plan = await PlanOnlyAsync(router, content, ct);
        var deployment = new Deployment
        {
            Router = router, RuleSetVersion = version, Hash = version.Hash, State = plan.InitialState, Trigger = trigger,
            RequestedBy = actor, QueuedAt = now, Output = plan.Summary,
            FinishedAt = plan.InitialState == DeploymentState.Failed ? now : null,
        };
        db.Deployments.Add(deployment);
        audit.Record(new AuditActor(actor, "system", null), new AuditRecord(
            plan.InitialState switch
            {
                DeploymentState.Held => "deployment.held",
                DeploymentState.Failed => "deployment.refused",
                _ => "deployment.planned",
            },
            "deployment", () => deployment.Id.ToString(), null,
            () => new { deployment.Id, router = router.Name, version = version.Number, deployment.Hash, state = deployment.State, deployment.Output }));
        return deployment;
    }
}
