using Hangfire;
using Op25b.Api.Features.Deployments;
using Op25b.Api.Jobs;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

/// <summary>Releases a version the mass-removal guard held: a network-admin confirms the removal is intended. API and console.</summary>
public sealed class HeldDeploymentRelease(AdminDbContext db, AuditTrail audit, IBackgroundJobClient jobs)
{
    public async Task<Deployment> ConfirmAsync(long id, string reason, AuditActor actor, CancellationToken ct)
    {
        var deployment = await DeploymentLookup.RequireAsync(db, id, ct);
        DeploymentLookup.RequireState(deployment, DeploymentState.Held, "confirm");
        var before = DeploymentResponse.From(deployment);
        deployment.ConfirmedBy = actor.Name;
        deployment.State = deployment.Router!.Platform.IsPushed() ? DeploymentState.Queued : DeploymentState.AwaitingExternalApply;
        audit.Record(actor, new AuditRecord("deployment.confirmed", "deployment", deployment.Id.ToString(), before,
            DeploymentResponse.From(deployment), reason));
        await audit.SaveAsync(ct);
        if (deployment.State == DeploymentState.Queued)
            jobs.Enqueue<DeployJob>(j => j.RunAsync(deployment.Id, CancellationToken.None));
        return deployment;
    }
}
