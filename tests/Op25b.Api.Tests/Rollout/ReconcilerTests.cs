using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;

namespace Op25b.Api.Tests.Rollout;

/// <summary>
/// The reconciler, the outbox and the deployment lease against the database, without a router:
/// export-mode routers (nothing to reach) and an unreachable nftables router. The real pushes are
/// in the lab tests. Run on both providers, on the fake clock, with the jobs driven by hand.
/// </summary>
public abstract class ReconcilerTests(AdminApiFactory api)
{
    private const string FakeHostKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

    private static string Group() => $"g{Guid.NewGuid().ToString("N")[..8]}";

    private static Task<HttpResponseMessage> PutRouterAsync(HttpClient net, string name, string platform, string group, bool enabled = true) =>
        net.PutAsJsonAsync($"/api/v1/routers/{name}", new
        {
            platform, routerGroup = group, managementHost = "2001:db8:ff00::11", managementPort = 22, sshUser = "op25b",
            credentialRef = "file:/nonexistent/op25b-test-key", hostKeySha256 = FakeHostKey, enabled,
        });

    private Task<bool> DrainAsync() => api.WithScopeAsync(sp => sp.GetRequiredService<PolicyChangeDrain>().RunAsync(CancellationToken.None));

    private Task<IReadOnlyList<ReconcileOutcome>> ReconcileAsync() =>
        api.WithScopeAsync(sp => sp.GetRequiredService<RouterReconciler>().RunAsync("test", CancellationToken.None));

    private Task<int> PendingRequestsAsync() => api.WithScopeAsync(sp => sp.GetRequiredService<Op25b.Persistence.AdminDbContext>().PolicyChangeRequests.CountAsync());

    private static async Task<JsonArray> DeploymentsAsync(HttpClient client, string router) =>
        (await (await client.GetAsync($"/api/v1/deployments?router={router}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>An nftables router nobody can reach (its key file does not exist), with its first deployment queued.</summary>
    private async Task<(HttpClient Net, string Router, long DeploymentId)> UnreachableRouterWithQueuedDeploymentAsync()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = Group();
        var router = $"{group}-bng";
        await (await PutRouterAsync(net, router, "nftables", group)).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await DrainAsync();
        return (net, router, (await DeploymentsAsync(net, router)).Single()!["id"]!.GetValue<long>());
    }

    /// <summary>What a host's claim writes: running, owned, leased for <paramref name="lease"/>.</summary>
    private Task ClaimAsync(long deploymentId, string owner, TimeSpan lease)
    {
        var until = api.Clock.GetUtcNow() + lease;
        return api.WithDbAsync(db => db.Deployments.Where(d => d.Id == deploymentId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeploymentState.Running).SetProperty(d => d.Owner, owner).SetProperty(d => d.LeaseUntil, until)));
    }

    [Fact]
    public async Task A_policy_change_commits_its_compile_request_with_it_and_the_drain_compiles_without_any_signal()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = Group();
        await DrainAsync();
        Assert.Equal(0, await PendingRequestsAsync());

        await (await PutRouterAsync(net, $"{group}-mx", "junos", group)).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.126.0.0/16" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, await PendingRequestsAsync());
        // A writer that knows nothing about compiles — no signal, only SaveChanges — is covered too.
        await api.WithDbAsync(async db =>
        {
            (await db.PolicySettings.SingleAsync()).LogRatePerSecond++;
            await db.SaveChangesAsync();
        });
        Assert.Equal(3, await PendingRequestsAsync());

        Assert.True(await DrainAsync());
        Assert.Equal(0, await PendingRequestsAsync());
        var deployment = (await DeploymentsAsync(net, $"{group}-mx")).Single()!;
        Assert.Equal("awaiting-external-apply", deployment["state"]!.GetValue<string>());
        Assert.False(await DrainAsync());
    }

    [Fact]
    public async Task A_change_rolled_back_leaves_no_compile_request()
    {
        await DrainAsync();
        await api.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            (await db.PolicySettings.SingleAsync()).LogRatePerSecond++;
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        });
        Assert.Equal(0, await PendingRequestsAsync());
    }

    [Fact]
    public async Task A_router_disabled_while_the_policy_changed_converges_when_enabled_again_without_any_other_change()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = Group();
        var router = $"{group}-mx";
        await (await PutRouterAsync(net, router, "junos", group)).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.126.0.0/16" })).ExpectAsync(HttpStatusCode.Created);
        await DrainAsync();
        var first = (await DeploymentsAsync(net, router)).Single()!;
        await (await net.PostAsJsonAsync($"/api/v1/deployments/{first["id"]}/external-apply", new { applied = true, output = "commit complete" }))
            .ExpectAsync(HttpStatusCode.OK);

        await (await PutRouterAsync(net, router, "junos", group, enabled: false)).ExpectAsync(HttpStatusCode.OK);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.127.0.0/16" })).ExpectAsync(HttpStatusCode.Created);
        await DrainAsync();
        Assert.Single(await DeploymentsAsync(net, router));

        await (await PutRouterAsync(net, router, "junos", group, enabled: true)).ExpectAsync(HttpStatusCode.OK);
        await DrainAsync();
        var next = (await DeploymentsAsync(net, router)).First()!;
        var newest = (await (await net.GetAsync($"/api/v1/rulesets?routerGroup={group}")).ExpectAsync(HttpStatusCode.OK))["items"]![0]!;
        Assert.Equal("awaiting-external-apply", next["state"]!.GetValue<string>());
        Assert.Equal(newest["hash"]!.GetValue<string>(), next["hash"]!.GetValue<string>());
        // Looking again plans nothing more: the one in flight is the answer.
        await ReconcileAsync();
        Assert.Equal(2, (await DeploymentsAsync(net, router)).Count);
    }

    [Fact]
    public async Task The_database_admits_one_deployment_in_flight_per_router()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = Group();
        await (await PutRouterAsync(net, $"{group}-mx", "junos", group)).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.126.0.0/16" })).ExpectAsync(HttpStatusCode.Created);
        await DrainAsync();
        await api.WithDbAsync(async db =>
        {
            var open = await db.Deployments.AsNoTracking().SingleAsync(d => d.Router!.Name == $"{group}-mx");
            db.Deployments.Add(new Core.Deployments.Deployment
            {
                RouterId = open.RouterId, RuleSetVersionId = open.RuleSetVersionId, Hash = open.Hash, State = DeploymentState.Queued,
                Trigger = "a second planner", RequestedBy = "test", QueuedAt = AdminApiFactory.Start,
            });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task A_push_whose_host_stopped_renewing_its_lease_is_abandoned_and_the_router_is_deployed_again()
    {
        var (net, router, queued) = await UnreachableRouterWithQueuedDeploymentAsync();
        // A host claims it and dies: nothing renews the lease any more.
        await ClaimAsync(queued, "dead-host", TimeSpan.FromSeconds(30));

        Assert.Equal(ReconcileAction.Wait, (await ReconcileAsync()).Single(o => o.Router == router).Action);
        api.Clock.Advance(TimeSpan.FromSeconds(31));
        var outcome = (await ReconcileAsync()).Single(o => o.Router == router);

        Assert.Equal(ReconcileAction.Plan, outcome.Action);
        var deployments = await DeploymentsAsync(net, router);
        var abandoned = deployments.Single(d => d!["id"]!.GetValue<long>() == queued)!;
        Assert.Equal("abandoned", abandoned["state"]!.GetValue<string>());
        Assert.Contains("dead-host", abandoned["output"]!.GetValue<string>());
        Assert.Equal("queued", deployments.Single(d => d!["id"]!.GetValue<long>() == outcome.DeploymentId)!["state"]!.GetValue<string>());
        Assert.True(await api.WithScopeAsync(sp => sp.GetRequiredService<Op25b.Persistence.AdminDbContext>().Routers.Where(r => r.Name == router).Select(r => r.StateUnknown).SingleAsync()));
    }

    [Fact]
    public async Task A_running_deployment_can_be_cancelled_and_is_not_planned_again_by_itself()
    {
        var (net, router, id) = await UnreachableRouterWithQueuedDeploymentAsync();
        await ClaimAsync(id, "busy-host", TimeSpan.FromMinutes(5));

        var cancelled = await (await net.PostAsJsonAsync($"/api/v1/deployments/{id}/cancel", new { reason = "maintenance window" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled["state"]!.GetValue<string>());
        await (await net.PostAsJsonAsync($"/api/v1/deployments/{id}/cancel", new { reason = "again" })).ExpectProblemAsync(HttpStatusCode.Conflict, "state");
        Assert.Equal(ReconcileAction.NeedsOperator, (await ReconcileAsync()).Single(o => o.Router == router).Action);
        Assert.Single(await DeploymentsAsync(net, router));
    }

    [Fact]
    public async Task A_deployment_that_fails_unexpectedly_ends_failed_with_the_reason_and_is_not_retried_blindly()
    {
        var (net, router, id) = await UnreachableRouterWithQueuedDeploymentAsync();

        Assert.True(await api.WithScopeAsync(sp => sp.GetRequiredService<DeploymentRunner>().RunAsync(id, CancellationToken.None)));

        var failed = await (await net.GetAsync($"/api/v1/deployments/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Contains("credential", failed["output"]!.GetValue<string>());
        Assert.Equal(ReconcileAction.NeedsOperator, (await ReconcileAsync()).Single(o => o.Router == router).Action);
        // Running it again does nothing: it is no longer queued.
        Assert.False(await api.WithScopeAsync(sp => sp.GetRequiredService<DeploymentRunner>().RunAsync(id, CancellationToken.None)));
    }
}

public sealed class ReconcilerTests_on_Sqlite(SqliteApiFactory api) : ReconcilerTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ReconcilerTests_on_Postgres(PostgresApiFactory api) : ReconcilerTests(api), IClassFixture<PostgresApiFactory>;
