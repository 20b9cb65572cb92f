using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Rollout;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>
/// Pushes one deployment, then reconciles its router: a change that arrived during the push is
/// deployed next. One push per router at a time is the database's rule (one deployment in flight
/// per router) and the runner's claim, not a lock here: a lock would outlive a killed host.
/// Not retried by Hangfire: the runner ends the deployment on every path, and the reconciler
/// plans again what is worth trying again.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class DeployJob(AdminDbContext db, DeploymentRunner runner, RouterReconciler reconciler)
{
    public async Task RunAsync(long deploymentId, CancellationToken ct)
    {
        var routerId = await db.Deployments.Where(d => d.Id == deploymentId).Select(d => (long?)d.RouterId).SingleOrDefaultAsync(ct);
        if (routerId is null || !await runner.RunAsync(deploymentId, ct))
            return;
        await reconciler.RunAsync($"deployment {deploymentId} ended", ct, routerId);
    }
}
