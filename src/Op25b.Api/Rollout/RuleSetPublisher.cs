using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Jobs;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

public sealed record PublishedGroup(string RouterGroup, long RuleSetId, int Number, string Hash, bool NewVersion, IReadOnlyList<string> Warnings, IReadOnlyList<long> Deployments);

/// <summary>
/// Compiles every router group; stores a new immutable version when the hash changed; plans a
/// deployment for each enabled router that does not run it yet, and enqueues the pushes.
/// </summary>
public sealed class RuleSetPublisher(
    AdminDbContext db, AuditTrail audit, PolicySnapshotLoader loader, TimeProvider clock, IBackgroundJobClient jobs, JobStorage storage)
{
    public async Task<IReadOnlyList<PublishedGroup>> PublishAsync(string trigger, string actor, CancellationToken ct)
    {
        // Versions are numbered per group: the compile job and a manual compile must not interleave.
        using var connection = storage.GetConnection();
        using var compileLock = connection.AcquireDistributedLock("op25b:compile", TimeSpan.FromMinutes(5));
        var now = clock.GetUtcNow();
        var auditActor = new AuditActor(actor, "system", null);
        var results = new List<(RuleSetVersion Version, bool New, IReadOnlyList<string> Warnings, List<Deployment> Deployments)>();

        foreach (var snapshot in await loader.LoadAllAsync(now, ct))
        {
            var group = snapshot.RouterGroup;
            var compiled = RuleSetCompiler.Compile(snapshot);
            var latest = await db.RuleSetVersions.Where(v => v.RouterGroup == group).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            var isNew = latest?.Hash != compiled.Hash;
            var version = latest!;
            if (isNew)
            {
                version = new RuleSetVersion
                {
                    RouterGroup = group, Number = (latest?.Number ?? 0) + 1, Hash = compiled.Hash, Content = compiled.CanonicalText,
                    CreatedAt = now, Trigger = trigger, TriggeredBy = actor,
                    Warnings = compiled.Warnings.Count == 0 ? null : string.Join('\n', compiled.Warnings),
                };
                db.RuleSetVersions.Add(version);
                audit.Record(auditActor, new AuditRecord("ruleset.compiled", "ruleset", () => version.Id.ToString(), null,
                    () => new { version.Id, version.RouterGroup, version.Number, version.Hash, version.Trigger, compiled.Warnings }));
            }

            var deployments = new List<Deployment>();
            foreach (var router in await db.Routers.Where(r => r.RouterGroup == group && r.Enabled).ToListAsync(ct))
                if (await PlanAsync(router, version, compiled.Content, trigger, actor, now, ct) is { } deployment)
                    deployments.Add(deployment);
            results.Add((version, isNew, compiled.Warnings, deployments));
        }

        await audit.SaveAsync(ct);
        foreach (var d in results.SelectMany(r => r.Deployments).Where(d => d.State == DeploymentState.Queued))
            jobs.Enqueue<DeployJob>(j => j.RunAsync(d.Id, CancellationToken.None));
        return results.Select(r => new PublishedGroup(r.Version.RouterGroup, r.Version.Id, r.Version.Number, r.Version.Hash, r.New, r.Warnings,
            r.Deployments.Select(d => d.Id).ToList())).ToList();
    }

    /// <summary>What deploying <paramref name="content"/> to the router would do — budget, guard, mode, difference — without recording anything.</summary>
    public async Task<DeploymentPlan> PlanOnlyAsync(Router router, RuleSetContent content, CancellationToken ct)
    {
        var live = router.LiveRuleSetVersionId is { } liveId
            ? RuleSetCanonical.Parse((await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == liveId, ct)).Content)
            : null;
        var maxRemovedShare = (await db.PolicySettings.AsNoTracking().SingleAsync(ct)).MaxRemovedShare;
        return DeploymentPlanner.Plan(router, content, live, maxRemovedShare);
    }

    /// <summary>Plans a deployment of <paramref name="version"/> to one router unless it already runs or awaits it.</summary>
    public async Task<Deployment?> PlanAsync(Router router, RuleSetVersion version, RuleSetContent content, string trigger, string actor,
        DateTimeOffset now, CancellationToken ct, bool force = false)
    {
        if (!force && router.LiveHash == version.Hash)
            return null;
        var open = await db.Deployments.Where(d => d.RouterId == router.Id && Deployment.Open.Contains(d.State)).ToListAsync(ct);
        if (!force && open.Any(d => d.Hash == version.Hash))
            return null;
        foreach (var stale in open.Where(d => d.State is DeploymentState.Queued or DeploymentState.Held or DeploymentState.AwaitingExternalApply))
        {
            stale.State = DeploymentState.Superseded;
            stale.FinishedAt = now;
            stale.Output = $"superseded by version {version.Number} ({version.Hash[..12]})";
        }

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
