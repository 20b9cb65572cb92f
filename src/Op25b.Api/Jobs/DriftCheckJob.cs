using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Rollout;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Routers.Nftables;
using Op25b.Routers.Ssh;

namespace Op25b.Api.Jobs;

/// <summary>
/// Reads back every enabled nftables router and compares its element sets with its live
/// version, so a hand edit on the router (or a reboot without persistence) shows up as drift.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
[AutomaticRetry(Attempts = 0)]
public sealed class DriftCheckJob(AdminDbContext db, AuditTrail audit, TimeProvider clock, RouterCredentials credentials, NftablesSshDriver driver)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var routers = await db.Routers
            .Where(r => r.Enabled && r.Platform == Platform.Nftables && r.LiveRuleSetVersionId != null).ToListAsync(ct);
        var drifted = 0;
        foreach (var router in routers)
        {
            var live = await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == router.LiveRuleSetVersionId, ct);
            string? detail;
            try
            {
                var endpoint = new RouterEndpoint(router.ManagementHost, router.ManagementPort, router.SshUser,
                    credentials.ResolveKeyPath(router.CredentialRef), router.HostKeySha256);
                var state = await driver.ReadAsync(endpoint, ct);
                var differences = NftablesExpectations.For(RuleSetCanonical.Parse(live.Content)).Compare(state);
                detail = differences.Count == 0 ? null : string.Join("; ", differences);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                detail = $"read-back failed: {ex.Message}";
            }

            var wasDrifted = router.DriftDetected;
            router.DriftDetected = detail is not null;
            router.DriftDetail = detail;
            router.DriftCheckedAt = clock.GetUtcNow();
            if (router.DriftDetected)
                drifted++;
            if (router.DriftDetected != wasDrifted)
                audit.Record(AuditActor.System, new AuditRecord(router.DriftDetected ? "router.drift-detected" : "router.drift-cleared",
                    "router", router.Name, null, new { router.Name, live.Hash, detail }));
        }
        await audit.SaveAsync(ct);
        return drifted;
    }
}
