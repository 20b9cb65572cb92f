using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// The host-kill lab tests' common part: the lab router registered and converged, then an exemption
/// approved while the router holds its read-back, so a push is caught applied but unverified.
/// </summary>
public sealed class PushInFlight(ApiOnlyPostgresFactory api, LabNetwork lab, string router, string group)
{
    public Task<bool> Query(Func<AdminDbContext, Task<bool>> q) => api.WithScopeAsync(sp => q(sp.GetRequiredService<AdminDbContext>()));

    public Task<RuleSetContent> CompileNow() => api.WithScopeAsync(async sp =>
        RuleSetCompiler.Compile(await sp.GetRequiredService<PolicySnapshotLoader>().LoadAsync(group, DateTimeOffset.UtcNow, CancellationToken.None)).Content);

    public Task ConvergedAsync(TimeSpan timeout) => LabRollout.ConvergedAsync(Query, lab, router, group, CompileNow, timeout);

    public async Task RegisterAsync(TimeSpan timeout)
    {
        await LabRollout.RegisterAsync(await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin), lab, router, group);
        await ConvergedAsync(timeout);
    }

    /// <summary>Approves an exemption and returns the deployment that is running it once the router has applied it.</summary>
    public async Task<Core.Deployments.Deployment> ApproveAndCatchAsync()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var deskA = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var deskB = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        var s2 = await Provisioning.SubscriberAsync(crm, "static-business", "100.64.2.10/32", "2001:db8:100:2::/64");
        var exemption = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = s2, prefixes = new[] { "100.64.2.10/32", "2001:db8:100:2::/64" }, justification = "own MTA",
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        // The router holds the read-back, so the push is certainly in flight (applied, unverified) when the caller acts.
        lab.HoldRouterCommands("read", TimeSpan.FromSeconds(30));
        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);

        Core.Deployments.Deployment? running = null;
        var clock = Stopwatch.StartNew();
        while (running is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            running = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
                .Where(d => d.Router!.Name == router && d.State == DeploymentState.Running).FirstOrDefaultAsync());
            await Task.Delay(20);
        }
        Assert.NotNull(running);
        while (!((await lab.ReadTableAsync()).Sets.TryGetValue("exempt_v4", out var exempt) && exempt.Count > 0))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the apply did not happen");
            await Task.Delay(20);
        }
        return running;
    }

    /// <summary>Every deployment of the router, printed; none may be left open.</summary>
    public async Task<Dictionary<long, DeploymentState>> SettledAsync(Action<string> print)
    {
        var states = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
            .Where(d => d.Router!.Name == router).OrderBy(d => d.Id).Select(d => new { d.Id, d.State, d.Owner, d.Output }).ToListAsync());
        foreach (var d in states)
            print($"deployment {d.Id}: {d.State} by {d.Owner} {d.Output}");
        Assert.DoesNotContain(states, d => Core.Deployments.Deployment.Open.Contains(d.State));
        return states.ToDictionary(d => d.Id, d => d.State);
    }
}
