using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Hosting;
using Op25b.Api.Rollout;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Core.RuleSets;
using Op25b.Persistence.Audit;
using Op25b.Persistence;
using Op25b.Routers.Nftables;
using Op25b.Routers.Ssh;

namespace Op25b.Api.Jobs;

/// <summary>
/// Checks every enabled nftables router that has no deployment in flight against the version it
/// must run — first by the router's digest of its own listing, and only when that differs by
/// reading the table back (streamed) and comparing its element sets — its group's newest, not the one recorded as live —
/// so neither a hand edit on the router (or a reboot without persistence) nor a deployment that
/// was never planned can hide. A difference marks what the router runs as unknown, and the
/// reconciler deploys the desired version again.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class DriftCheckJob(AdminDbContext db, AuditTrail audit, TimeProvider clock, RouterCredentials credentials, NftablesSshDriver driver,
    RouterReconciler reconciler, HostTurns turns)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var turn = await turns.TakeAsync(db, TurnKeys.DriftCheck, ct);
        var busy = db.Deployments.Where(d => Deployment.Open.Contains(d.State)).Select(d => d.RouterId);
        var routers = await db.Routers
            .Where(r => r.Enabled && r.Platform == Platform.Nftables && !busy.Contains(r.Id)).ToListAsync(ct);
        var drifted = 0;
        foreach (var router in routers)
        {
            var desired = await db.RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == router.RouterGroup)
                .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            if (desired is null)
                continue;
            string? detail;
            var readable = true;
            try
            {
                var endpoint = new RouterEndpoint(router.ManagementHost, router.ManagementPort, router.SshUser,
                    credentials.ResolveKeyPath(router.CredentialRef), router.HostKeySha256);
                var content = RuleSetCanonical.Parse(desired.Content);
                // The router hashes its own listing: equal to the desired version's (marker included),
                // nothing more is read. Otherwise the table is read back and compared by content, which
                // decides — a digest that differs only because of its marker or formatting is no drift.
                if (await driver.DigestAsync(endpoint, ct) == NftablesListing.Digest(content, desired.Id))
                    detail = null;
                else
                {
                    var differences = NftablesExpectations.For(content).Compare(await driver.ReadAsync(endpoint, ct));
                    detail = differences.Count == 0 ? null : $"differs from version {desired.Number}: {string.Join("; ", differences)}";
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                detail = $"read-back failed: {ex.Message}";
                readable = false;
            }

            var wasDrifted = router.DriftDetected;
            router.DriftDetected = detail is not null;
            router.DriftDetail = detail;
            router.DriftCheckedAt = clock.GetUtcNow();
            if (router.DriftDetected && readable)
                router.StateUnknown = true;
            if (router.DriftDetected)
                drifted++;
            if (router.DriftDetected != wasDrifted)
                audit.Record(AuditActor.System, new AuditRecord(router.DriftDetected ? "router.drift-detected" : "router.drift-cleared",
                    "router", router.Name, null, new { router.Name, desired.Hash, detail }));
        }
        await audit.SaveAsync(ct);
        if (drifted > 0)
            await reconciler.RunAsync("drift check", ct);
        return drifted;
    }
}
