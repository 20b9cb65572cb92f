using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Jobs;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

public sealed record ReconcileOutcome(string Router, ReconcileAction Action, string Reason, long? DeploymentId);

/// <summary>
/// The one place that decides what to deploy. For every enabled router it compares the desired
/// version (the latest compiled for its group) with what the router was verified to run and
/// with the deployment in flight, and plans whatever closes the gap (<see cref="ReconcileDecision"/>).
/// Runs after every compile, after every deployment, on a timer and at start-up; running it
/// more often than needed only finds nothing to do. Expired leases are abandoned first, so a push
/// whose host died stops blocking its router within one interval.
/// </summary>
public sealed class RouterReconciler(AdminDbContext db, AuditTrail audit, TimeProvider clock, DeploymentPlanning planning,
    IBackgroundJobClient jobs, IConfiguration configuration, ILogger<RouterReconciler> log)
{
    private readonly RolloutTimings _timings = RolloutTimings.From(configuration);

    public async Task<IReadOnlyList<ReconcileOutcome>> RunAsync(string trigger, CancellationToken ct, long? onlyRouterId = null)
    {
        await AbandonExpiredLeasesAsync(ct);
        var routerIds = await db.Routers.Where(r => r.Enabled && (onlyRouterId == null || r.Id == onlyRouterId))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var outcomes = new List<ReconcileOutcome>();
        foreach (var id in routerIds)
        {
            try
            {
                outcomes.Add(await ReconcileAsync(id, trigger, ct));
            }
            catch (DbUpdateException e)
            {
                // Another reconciler or a manual deploy planned for this router at the same moment:
                // the in-flight index let one win. Whatever it planned is looked at on the next pass.
                db.ChangeTracker.Clear();
                audit.DiscardPending();
                log.LogInformation("Reconcile of router {Router} lost a race: {Message}", id, e.InnerException?.Message ?? e.Message);
            }
            catch (Core.DomainRuleViolation e)
            {
                db.ChangeTracker.Clear();
                audit.DiscardPending();
                log.LogInformation("Reconcile of router {Router} waits: {Message}", id, e.Message);
            }
        }
        return outcomes;
    }

    private async Task<ReconcileOutcome> ReconcileAsync(long routerId, string trigger, CancellationToken ct)
    {
        var router = await db.Routers.SingleAsync(r => r.Id == routerId, ct);
        var desired = await db.RuleSetVersions.Where(v => v.RouterGroup == router.RouterGroup)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var inFlight = await db.Deployments.Where(d => d.RouterId == routerId && Deployment.Open.Contains(d.State)).FirstOrDefaultAsync(ct);
        var lastFinished = await db.Deployments.AsNoTracking().Where(d => d.RouterId == routerId && !Deployment.Open.Contains(d.State))
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var decision = ReconcileDecision.For(desired?.Hash, new RouterObservation(router.LiveHash, router.StateUnknown, inFlight, lastFinished), now);
        long? deploymentId = inFlight?.Id;

        switch (decision.Action)
        {
            case ReconcileAction.EnsureQueued when inFlight!.QueuedAt <= now - _timings.ReconcileInterval:
                // Queued for a whole interval: its job was lost (in-process storage at restart) or
                // never enqueued. A second job for it is harmless: only one can claim it.
                jobs.Enqueue<DeployJob>(j => j.RunAsync(inFlight.Id, CancellationToken.None));
                break;
            case ReconcileAction.Plan:
                var deployment = await PlanAsync(router, desired!, $"{trigger}: {decision.Reason}", now, ct);
                deploymentId = deployment.Id;
                break;
        }
        return new ReconcileOutcome(router.Name, decision.Action, decision.Reason, deploymentId);
    }

    private async Task<Deployment> PlanAsync(Router router, RuleSetVersion desired, string trigger, DateTimeOffset now, CancellationToken ct)
    {
        var deployment = await planning.PlanAsync(router, desired, RuleSetCanonical.Parse(desired.Content), trigger, AuditActor.System.Name, now, ct);
        await audit.SaveAsync(ct);
        if (deployment.State == DeploymentState.Queued)
            jobs.Enqueue<DeployJob>(j => j.RunAsync(deployment.Id, CancellationToken.None));
        return deployment;
    }

    /// <summary>Running deployments whose host stopped renewing the lease: killed, frozen or cut off from the database.</summary>
    private async Task AbandonExpiredLeasesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Deployments.Include(d => d.Router)
            .Where(d => d.State == DeploymentState.Running && (d.LeaseUntil == null || d.LeaseUntil < now)).ToListAsync(ct);
        foreach (var deployment in expired)
        {
            deployment.State = DeploymentState.Abandoned;
            deployment.FinishedAt = now;
            deployment.Output = $"{deployment.Output}\nabandoned: host {deployment.Owner} stopped renewing its lease (until {deployment.LeaseUntil:O}); the router is read again".Trim();
            deployment.LeaseUntil = null;
            // The push may have reached the router or not: only a read-back (the next push verifies) tells.
            deployment.Router!.StateUnknown = true;
            audit.Record(AuditActor.System, new AuditRecord("deployment.abandoned", "deployment", deployment.Id.ToString(), null,
                new { deployment.Id, router = deployment.Router.Name, deployment.Hash, deployment.Owner }));
        }
        if (expired.Count == 0)
            return;
        try
        {
            await audit.SaveAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            audit.DiscardPending(); // the owner finished it just now, or another reconciler abandoned it
        }
    }
}
