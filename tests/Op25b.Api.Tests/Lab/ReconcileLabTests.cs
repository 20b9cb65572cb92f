using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Lab;
using Op25b.Persistence;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// Level-triggered rollout against the real lab router: whatever happens while a push runs, and
/// whatever order changes come in, the router ends up running what the database says — and port
/// 25 behaves accordingly. Each test uses a group of its own and disables its router at the end,
/// since all of them share one lab router.
/// </summary>
[Collection(ReconcileLabCollection.Name)]
public sealed class ReconcileLabTests(LabNetwork lab, ReconcileLabApiFactory api, ITestOutputHelper output)
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    private sealed record Team(HttpClient Net, HttpClient Crm, HttpClient DeskA, HttpClient DeskB);

    private async Task<Team> TeamAsync() => new(
        await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin),
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk));

    private Task<bool> QueryAsync(Func<AdminDbContext, Task<bool>> query) =>
        api.WithScopeAsync(sp => query(sp.GetRequiredService<AdminDbContext>()));

    private Task<RuleSetContent> CompileNowAsync(string group) => api.WithScopeAsync(async sp =>
        RuleSetCompiler.Compile(await sp.GetRequiredService<PolicySnapshotLoader>().LoadAsync(group, DateTimeOffset.UtcNow, CancellationToken.None)).Content);

    private Task ConvergedAsync(string router, string group, int seconds = 60) =>
        LabRollout.ConvergedAsync(QueryAsync, lab, router, group, () => CompileNowAsync(group), TimeSpan.FromSeconds(seconds));

    /// <summary>
    /// Registers the lab router as <paramref name="router"/> in a group of its own, waits until it
    /// runs its first version, runs <paramref name="test"/>, and always disables the router again
    /// (and lets held commands go): the next test registers the same lab router under another name.
    /// </summary>
    private async Task OnLabRouterAsync(string router, string group, Func<Team, string, string, Task> test)
    {
        if (!lab.IsAvailable(output))
            return;
        var t = await TeamAsync();
        await LabRollout.RegisterAsync(t.Net, lab, router, group);
        try
        {
            await ConvergedAsync(router, group);
            await test(t, router, group);
        }
        finally
        {
            lab.HoldRouterCommands("read", TimeSpan.Zero);
            await LabRollout.PutRouterAsync(t.Net, lab, router, group, enabled: false);
        }
    }

    private static async Task<long> RequestAsync(Team t, string subscriber, params string[] prefixes) =>
        (await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes, justification = "own MTA, PTR set" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

    private async Task<long> RunningDeploymentAsync(string router, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var id = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments
                .Where(d => d.Router!.Name == router && d.State == DeploymentState.Running).Select(d => (long?)d.Id).FirstOrDefaultAsync());
            if (id is { } running)
                return running;
            await Task.Delay(20);
        }
        Assert.Fail($"no deployment started on {router} within {timeout}");
        return 0;
    }

    private Task<string?> NewestHashAsync(string group) => api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().RuleSetVersions
        .Where(v => v.RouterGroup == group).OrderByDescending(v => v.Number).Select(v => v.Hash).FirstOrDefaultAsync());

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"{what} did not happen within {timeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the router's own table (read in its namespace) holds <paramref name="prefix"/> as exempt: the apply has committed.</summary>
    private Task AppliedAsync(string prefix, TimeSpan timeout) => WaitForAsync(async () =>
        (await lab.ReadTableAsync()).Sets.TryGetValue("exempt_v4", out var exempt) && exempt.Contains(System.Net.IPNetwork.Parse(prefix)),
        timeout, $"the apply of {prefix}");

    private Task<List<string?>> OutputsAsync(string router) => api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments
        .Where(d => d.Router!.Name == router && d.State == DeploymentState.Succeeded).OrderBy(d => d.Id).Select(d => d.Output).ToListAsync());

    [Fact]
    public async Task A_change_goes_as_an_increment_and_a_router_not_at_the_recorded_version_gets_a_full_replace()
    {
        await OnLabRouterAsync("inc-bng", "lab-increment", async (t, router, group) =>
        {
            var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", "100.66.0.10/32");
            var first = await RequestAsync(t, subscriber, "100.66.0.10/32");
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{first}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
            await ConvergedAsync(router, group);
            Assert.Contains("increment of", (await OutputsAsync(router))[^1]);

            // Someone replaced the marker on the router by hand: the next increment cannot apply.
            var live = (await lab.ReadTableAsync()).Markers.Single();
            Assert.Equal(0, (await lab.ExecAsync(lab.RouterNs, "nft", "delete", "set", "inet", "op25b", $"op25b_v{live}")).ExitCode);
            Assert.Equal(0, (await lab.ExecAsync(lab.RouterNs, "nft", "add", "set", "inet", "op25b", "op25b_v999999", "{ type mark; }")).ExitCode);
            output.WriteLine($"marker op25b_v{live} replaced by op25b_v999999");
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{first}/revoke", new { reason = "test over" })).ExpectAsync(HttpStatusCode.OK);
            await ConvergedAsync(router, group);
            var last = (await OutputsAsync(router))[^1]!;
            output.WriteLine(last);
            Assert.Contains("increment refused", last);
            Assert.Contains("full replace", last);
        });
    }

    [Fact]
    public async Task A_change_made_while_the_routers_sshd_is_stopped_reaches_the_router_once_it_answers_again()
    {
        await OnLabRouterAsync("stop-bng", "lab-sshd-stopped", async (t, router, group) =>
        {
            var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", "100.67.0.10/32");
            var exemption = await RequestAsync(t, subscriber, "100.67.0.10/32");
            await lab.PauseSshdAsync(paused: true);
            try
            {
                await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
                await WaitForAsync(() => QueryAsync(db => db.Deployments.AnyAsync(d => d.Router!.Name == router && d.State == DeploymentState.Failed)),
                    TimeSpan.FromSeconds(40), "a failed attempt while sshd is stopped");
            }
            finally
            {
                await lab.PauseSshdAsync(paused: false);
            }
            await ConvergedAsync(router, group);
            var failures = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments
                .Where(d => d.Router!.Name == router && d.State == DeploymentState.Failed).Select(d => d.Output).ToListAsync());
            // What the failures say agrees with the router: nothing reached it, so nothing is unknown.
            Assert.All(failures, f => Assert.StartsWith("connect", f));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/revoke", new { reason = "test over" })).ExpectAsync(HttpStatusCode.OK);
            await ConvergedAsync(router, group);
        });
    }

    [Fact]
    public async Task Losing_the_connection_between_apply_and_read_back_is_settled_by_reading_the_router()
    {
        await OnLabRouterAsync("cut-bng", "lab-cut", async (t, router, group) =>
        {
            var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", "100.65.0.10/32", "2001:db8:100:65::/64");
            var exemption = await RequestAsync(t, subscriber, "100.65.0.10/32", "2001:db8:100:65::/64");
            lab.HoldRouterCommands("read", TimeSpan.FromSeconds(20));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
            var push = await RunningDeploymentAsync(router, TimeSpan.FromSeconds(20));
            await AppliedAsync("100.65.0.10/32", TimeSpan.FromSeconds(20));
            // Cut first, release after: the router's shell looks for the hold just after the apply
            // returns, and a release that came first (the test saw the apply that soon) let the push
            // read its marker and succeed without ever losing the connection. The driver's read-back
            // reconnects afterwards and finds the hold gone.
            await lab.CutSshSessionsAsync();
            lab.HoldRouterCommands("read", TimeSpan.Zero);

            await WaitForAsync(() => QueryAsync(async db =>
                {
                    var current = await db.Deployments.Where(d => d.Id == push).Select(d => d.State).SingleAsync();
                    return !Core.Deployments.Deployment.Open.Contains(current);
                }),
                TimeSpan.FromSeconds(30), $"the end of deployment {push}");
            var (state, text, hash) = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.Where(d => d.Id == push)
                .Select(d => new ValueTuple<DeploymentState, string?, string>(d.State, d.Output, d.Hash)).SingleAsync());
            output.WriteLine($"deployment {push}: {state}: {text}");
            Assert.Equal(DeploymentState.Succeeded, state);
            Assert.Contains("settled by read-back", text);
            Assert.True(await QueryAsync(async db => await db.Routers.Where(r => r.Name == router).Select(r => r.LiveHash).SingleAsync() == hash));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/revoke", new { reason = "test over" })).ExpectAsync(HttpStatusCode.OK);
            await ConvergedAsync(router, group);
        });
    }

    [Fact]
    public async Task An_exemption_revoked_while_its_approval_is_being_pushed_ends_up_off_the_router_and_the_drift_check_agrees()
    {
        await OnLabRouterAsync("rv-bng", "lab-revoke", async (t, router, group) =>
        {
            var s2 = await Provisioning.SubscriberAsync(t.Crm, "static-business", "100.64.2.10/32", "2001:db8:100:2::/64");
            var exemption = await RequestAsync(t, s2, "100.64.2.10/32", "2001:db8:100:2::/64");

            // The router holds the read-back: the approval's push is applied and not yet verified
            // while the revocation compiles a version whose hash is the one recorded as live before.
            var before = await NewestHashAsync(group);
            lab.HoldRouterCommands("read", TimeSpan.FromSeconds(20));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
            var push = await RunningDeploymentAsync(router, TimeSpan.FromSeconds(20));
            await AppliedAsync("100.64.2.10/32", TimeSpan.FromSeconds(20));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/revoke", new { reason = "spam reported" })).ExpectAsync(HttpStatusCode.OK);
            await WaitForAsync(async () => await NewestHashAsync(group) == before, TimeSpan.FromSeconds(20), "the revocation's compile");
            output.WriteLine($"revoked while deployment {push} was between apply and read-back");
            lab.HoldRouterCommands("read", TimeSpan.Zero);

            await ConvergedAsync(router, group);
            Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, Probe));
            Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV6, 25, Probe));
            Assert.Equal(0, await api.WithScopeAsync(sp => sp.GetRequiredService<DriftCheckJob>().RunAsync(CancellationToken.None)));
            Assert.False(await QueryAsync(db => db.Routers.Where(r => r.Name == router).Select(r => r.DriftDetected).SingleAsync()));
        });
    }

    [Fact]
    public async Task A_router_disabled_during_a_policy_change_converges_when_enabled_again_without_any_further_change()
    {
        await OnLabRouterAsync("de-bng", "lab-disable", async (t, router, group) =>
        {
            await LabRollout.PutRouterAsync(t.Net, lab, router, group, enabled: false);
            var s1 = await Provisioning.SubscriberAsync(t.Crm, "static-business", "100.64.1.10/32", "2001:db8:100:1::/64");
            var exemption = await RequestAsync(t, s1, "100.64.1.10/32", "2001:db8:100:1::/64");
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
            await Task.Delay(TimeSpan.FromSeconds(3)); // compiles and reconciles run; the disabled router is left alone
            Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, Probe));

            await LabRollout.PutRouterAsync(t.Net, lab, router, group, enabled: true);

            await ConvergedAsync(router, group, seconds: 30);
            Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, Probe));
            Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 25, Probe));
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/revoke", new { reason = "test over" })).ExpectAsync(HttpStatusCode.OK);
            await ConvergedAsync(router, group, seconds: 30);
        });
    }

    [Fact]
    public async Task A_seeded_random_sequence_of_approvals_revocations_and_expiries_ends_with_the_router_running_the_database_policy()
    {
        const int seed = 2026_12_04, steps = 60;
        var random = new Random(seed);
        await OnLabRouterAsync("rnd-bng", "lab-random", async (t, router, group) =>
        {
            var changes = new PolicyChanges(api, random, t.Crm, t.DeskA, t.DeskB);
            var clock = Stopwatch.StartNew();
            for (var step = 0; step < steps; step++)
            {
                await changes.StepAsync(step);
                await Task.Delay(changes.Pause());
            }
            output.WriteLine($"{steps} steps (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s; {changes.InForce.Count} exemptions in force");
            await ConvergedAsync(router, group);
            var deployments = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
                .Where(d => d.Router!.Name == router).Select(d => d.State).ToListAsync());
            output.WriteLine($"deployments: {string.Join(", ", deployments.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
            Assert.DoesNotContain(DeploymentState.Running, deployments);
            Assert.DoesNotContain(DeploymentState.Failed, deployments);
            foreach (var id in changes.InForce.ToList())
                await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "test over" })).ExpectAsync(HttpStatusCode.OK);
        });
    }
}
