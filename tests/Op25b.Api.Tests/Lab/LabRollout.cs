using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Lab;

/// <summary>Setting up a router group on the lab router and waiting for it to converge, shared by the reconcile lab tests.</summary>
public static class LabRollout
{
    public static readonly Dictionary<string, string> FastTimings = new()
    {
        ["Rollout:ReconcileIntervalSeconds"] = "1",
        ["Rollout:LeaseSeconds"] = "3",
        ["Rollout:RetryAfterFailureSeconds"] = "1",
        ["RuleSets:CompileDebounceMilliseconds"] = "100",
        // The reconciler retries; one connect attempt per deployment keeps an unreachable router's failures short.
        ["Deploy:ConnectAttempts"] = "1",
    };

    /// <summary>Policy that never holds (so revocations push at once), the lab's pools in <paramref name="group"/>, and the lab router registered in it.</summary>
    public static async Task RegisterAsync(HttpClient net, LabNetwork lab, string router, string group)
    {
        await (await net.PutAsJsonAsync("/api/v1/policy", new { action = "reject-tcp-reset", logging = false, nflogGroup = 1, logPrefix = "OP25B-DROP ", logRatePerSecond = 50, maxRemovedShare = 1.0 }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "2001:db8:100::/48" })).ExpectAsync(HttpStatusCode.Created);
        await PutRouterAsync(net, lab, router, group, enabled: true, HttpStatusCode.Created);
    }

    public static async Task PutRouterAsync(HttpClient net, LabNetwork lab, string router, string group, bool enabled, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
        {
            platform = "nftables", routerGroup = group, managementHost = lab.Router.Host, managementPort = lab.Router.Port,
            sshUser = lab.Router.User, credentialRef = $"file:{lab.Router.PrivateKeyPath}", hostKeySha256 = lab.Router.HostKeySha256, enabled,
        })).ExpectAsync(expected);

    /// <summary>
    /// Waits for quiescence — no compile request pending, nothing in flight, the router verified to
    /// run its group's newest version — then checks the router itself against the policy compiled
    /// from the database now, for IPv4 and IPv6.
    /// </summary>
    public static async Task ConvergedAsync(Func<Func<AdminDbContext, Task<bool>>, Task<bool>> query, LabNetwork lab, string router, string group,
        Func<Task<RuleSetContent>> compileNow, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string state = "";
        while (!await query(async db =>
        {
            var r = await db.Routers.AsNoTracking().SingleAsync(x => x.Name == router);
            var newest = await db.RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == group).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
            if (newest is null)
                return false; // not compiled yet
            var open = await db.Deployments.AsNoTracking().Where(d => d.RouterId == r.Id && Core.Deployments.Deployment.Open.Contains(d.State)).ToListAsync();
            var pending = await db.PolicyChangeRequests.CountAsync();
            state = $"live {r.LiveHash?[..8]} unknown {r.StateUnknown}, newest v{newest.Number} {newest.Hash[..8]}, open [{string.Join(", ", open.Select(d => $"{d.Id} {d.State}"))}], pending {pending}";
            return pending == 0 && open.Count == 0 && !r.StateUnknown && r.LiveHash == newest.Hash;
        }))
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"router {router} did not converge within {timeout}: {state}");
            await Task.Delay(100);
        }
        var differences = NftablesExpectations.For(await compileNow()).Compare(await lab.ReadTableAsync());
        Assert.True(differences.Count == 0, $"the router differs from the policy in the database: {string.Join("; ", differences)}");
    }
}
