using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Routers.Nftables;
using Op25b.Routers.Ssh;

namespace Op25b.Api.Rollout;

/// <summary>
/// Carries out one queued push: validate, apply atomically, read back, compare. The driver
/// guarantees the router keeps its previous rule set on any failure; this records the outcome
/// with the router's own output. Connection failures are retried with backoff; a rule set the
/// router refuses is not (it would be refused again).
/// </summary>
public sealed class DeploymentRunner(
    AdminDbContext db, AuditTrail audit, TimeProvider clock, RouterCredentials credentials, NftablesSshDriver driver,
    IConfiguration configuration, ILogger<DeploymentRunner> log)
{
    public async Task RunAsync(long deploymentId, CancellationToken ct)
    {
        var deployment = await db.Deployments.Include(d => d.Router).Include(d => d.RuleSetVersion).SingleOrDefaultAsync(d => d.Id == deploymentId, ct);
        if (deployment is not { State: DeploymentState.Queued })
            return; // already ran, superseded or cancelled: running twice is harmless
        var router = deployment.Router!;
        var version = deployment.RuleSetVersion!;

        if (router.LiveHash == deployment.Hash)
        {
            await FinishAsync(deployment, DeploymentState.Succeeded, "already live on the router", ct);
            return;
        }

        deployment.State = DeploymentState.Running;
        deployment.StartedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        var content = RuleSetCanonical.Parse(version.Content);
        var script = RuleSetRenderers.For(Platform.Nftables).Render(content);
        PushResult result;
        try
        {
            var endpoint = new RouterEndpoint(router.ManagementHost, router.ManagementPort, router.SshUser,
                credentials.ResolveKeyPath(router.CredentialRef), router.HostKeySha256);
            result = await PushWithRetriesAsync(deployment, endpoint, script, NftablesExpectations.For(content), ct);
        }
        catch (Core.DomainRuleViolation v)
        {
            result = new PushResult(false, "connect", v.Message, TimeSpan.Zero);
        }

        if (result.Succeeded)
        {
            router.LiveRuleSetVersionId = version.Id;
            router.LiveHash = version.Hash;
            router.LiveSince = clock.GetUtcNow();
            router.DriftDetected = false;
            router.DriftDetail = null;
            router.DriftCheckedAt = router.LiveSince;
        }
        await FinishAsync(deployment, result.Succeeded ? DeploymentState.Succeeded : DeploymentState.Failed,
            $"{result.Stage} after {result.Elapsed.TotalMilliseconds:F0} ms: {result.Output}".Trim(), ct);
    }

    private async Task<PushResult> PushWithRetriesAsync(Deployment deployment, RouterEndpoint endpoint, string script,
        NftablesExpectation expected, CancellationToken ct)
    {
        var attempts = configuration.GetValue("Deploy:ConnectAttempts", 3);
        var timeout = TimeSpan.FromSeconds(configuration.GetValue("Deploy:TimeoutSeconds", 120));
        for (var attempt = 1; ; attempt++)
        {
            deployment.Attempts = attempt;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            PushResult result;
            try
            {
                result = await driver.ApplyAsync(endpoint, script, expected, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                result = new PushResult(false, "timeout", $"no answer within {timeout.TotalSeconds:F0} s", timeout);
            }
            // Only an unreachable router is worth asking again; a refused rule set would be refused
            // again, and a host key mismatch is a security alarm, not a transient fault.
            if (result.Succeeded || !result.Retryable || attempt >= attempts)
                return result;
            log.LogWarning("Deployment {Deployment}: connect attempt {Attempt} failed: {Output}", deployment.Id, attempt, result.Output);
            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), clock, ct);
        }
    }

    private async Task FinishAsync(Deployment deployment, DeploymentState state, string output, CancellationToken ct)
    {
        deployment.State = state;
        deployment.FinishedAt = clock.GetUtcNow();
        deployment.Output = output.Length > 16_000 ? output[..16_000] : output;
        audit.Record(AuditActor.System, new AuditRecord(state == DeploymentState.Succeeded ? "deployment.succeeded" : "deployment.failed",
            "deployment", deployment.Id.ToString(), null,
            new { deployment.Id, router = deployment.Router!.Name, deployment.Hash, state, deployment.Attempts, deployment.Output }));
        await audit.SaveAsync(ct);
    }
}
