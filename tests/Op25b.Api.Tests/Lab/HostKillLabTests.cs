using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Lab;
using Op25b.Persistence;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>Writes through the API into a PostgreSQL database that a separate host process deploys from; runs no jobs itself.</summary>
public sealed class ApiOnlyPostgresFactory() : AdminApiFactory(DatabaseProvider.Postgres)
{
    protected override bool RunsBackgroundJobs => true; // the real clock

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:RunServer", "false");
    }
}

[CollectionDefinition(Name)]
public sealed class HostKillLabCollection : ICollectionFixture<LabNetwork>
{
    public const string Name = "lab-host-kill";
}

/// <summary>
/// The real host binary in a process of its own, killed with SIGKILL in the middle of a push and
/// started again: nothing may stay running, and the router must converge without anyone acting.
/// </summary>
[Collection(HostKillLabCollection.Name)]
public sealed class HostKillLabTests(LabNetwork lab, ITestOutputHelper output)
{
    [Fact]
    public async Task A_host_killed_during_a_push_leaves_no_deployment_running_and_the_router_converges_after_restart()
    {
        if (!lab.IsAvailable(output))
            return;
        await using var api = new ApiOnlyPostgresFactory();
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var deskA = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var deskB = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        const string router = "kill-bng", group = "lab-kill";
        Task<bool> Query(Func<AdminDbContext, Task<bool>> q) => api.WithScopeAsync(sp => q(sp.GetRequiredService<AdminDbContext>()));
        Task<RuleSetContent> CompileNow() => api.WithScopeAsync(async sp =>
            RuleSetCompiler.Compile(await sp.GetRequiredService<PolicySnapshotLoader>().LoadAsync(group, DateTimeOffset.UtcNow, CancellationToken.None)).Content);

        var workdir = Directory.CreateTempSubdirectory("op25b-host-").FullName;
        var host = ExternalHost.Start(api.Database.ConnectionString, workdir, output);
        try
        {
            await LabRollout.RegisterAsync(net, lab, router, group);
            await LabRollout.ConvergedAsync(Query, lab, router, group, CompileNow, TimeSpan.FromSeconds(90));

            var s2 = await Provisioning.SubscriberAsync(crm, "static-business", "100.64.2.10/32", "2001:db8:100:2::/64");
            var exemption = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new
            {
                subscriberExternalId = s2, prefixes = new[] { "100.64.2.10/32", "2001:db8:100:2::/64" }, justification = "own MTA",
            })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
            // The router holds the read-back, so the push is certainly in flight (applied, unverified) at the kill.
            lab.HoldRouterCommands("read", TimeSpan.FromSeconds(30));
            await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);

            long? running = null;
            var clock = Stopwatch.StartNew();
            while (running is null && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                running = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments
                    .Where(d => d.Router!.Name == router && d.State == DeploymentState.Running).Select(d => (long?)d.Id).FirstOrDefaultAsync());
                await Task.Delay(20);
            }
            Assert.NotNull(running);
            while (!((await lab.ReadTableAsync()).Sets.TryGetValue("exempt_v4", out var exempt) && exempt.Count > 0))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the apply did not happen");
                await Task.Delay(20);
            }
            host.Kill();
            output.WriteLine($"killed the host (SIGKILL) while deployment {running} was running");
            lab.HoldRouterCommands("read", TimeSpan.Zero);

            host = ExternalHost.Start(api.Database.ConnectionString, workdir, output);
            await LabRollout.ConvergedAsync(Query, lab, router, group, CompileNow, TimeSpan.FromSeconds(60));
            var states = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
                .Where(d => d.Router!.Name == router).OrderBy(d => d.Id).Select(d => new { d.Id, d.State, d.Output }).ToListAsync());
            foreach (var d in states)
                output.WriteLine($"deployment {d.Id}: {d.State} {d.Output}");
            Assert.DoesNotContain(states, d => Core.Deployments.Deployment.Open.Contains(d.State));
            Assert.Equal(DeploymentState.Abandoned, states.Single(d => d.Id == running).State);
            Assert.True(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, TimeSpan.FromSeconds(2)));
        }
        finally
        {
            host.Kill();
            lab.HoldRouterCommands("read", TimeSpan.Zero);
            Directory.Delete(workdir, recursive: true);
        }
    }
}
