using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Rollout;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

/// <summary>
/// Pushes one deployment. One deploy at a time per router: a distributed lock per router id
/// (held in the job storage, so it also holds across hosts on PostgreSQL storage).
/// Retries of unreachable routers happen inside the runner, with backoff, so the deployment
/// record tells the whole story; Hangfire retries only what crashed.
/// </summary>
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 60])]
public sealed class DeployJob(AdminDbContext db, DeploymentRunner runner, JobStorage storage)
{
    public async Task RunAsync(long deploymentId, CancellationToken ct)
    {
        var routerId = await db.Deployments.Where(d => d.Id == deploymentId).Select(d => (long?)d.RouterId).SingleOrDefaultAsync(ct);
        if (routerId is null)
            return;
        using var connection = storage.GetConnection();
        using var routerLock = connection.AcquireDistributedLock($"op25b:deploy:router:{routerId}", TimeSpan.FromMinutes(10));
        await runner.RunAsync(deploymentId, ct);
    }
}
