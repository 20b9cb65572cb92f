using Microsoft.AspNetCore.Hosting;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
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
        await api.IssueKeyAsync("migrate", Roles.Auditor); // the database is migrated before any host process starts on it
        var push = new PushInFlight(api, lab, "kill-bng", "lab-kill");
        var workdir = Directory.CreateTempSubdirectory("op25b-host-").FullName;
        var host = ExternalHost.Start(api.Database.ConnectionString, workdir, output);
        try
        {
            await push.RegisterAsync(TimeSpan.FromSeconds(90));
            var running = await push.ApproveAndCatchAsync();
            host.Kill();
            output.WriteLine($"killed the host (SIGKILL) while deployment {running.Id} was running");
            lab.HoldRouterCommands("read", TimeSpan.Zero);

            host = ExternalHost.Start(api.Database.ConnectionString, workdir, output);
            await push.ConvergedAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(DeploymentState.Abandoned, (await push.SettledAsync(output.WriteLine))[running.Id]);
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
