using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Lab;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// Two host processes on one database, and the one pushing to the router killed with SIGKILL in the
/// middle of the push: the other host, never restarted, must settle the deployment once the lease
/// runs out and bring the router to the policy by itself.
/// </summary>
[Collection(HostKillLabCollection.Name)]
public sealed class TwoHostKillLabTests(LabNetwork lab, ITestOutputHelper output)
{
    [Fact]
    public async Task The_surviving_host_settles_a_push_whose_host_was_killed_and_the_router_converges()
    {
        if (!lab.IsAvailable(output))
            return;
        await using var api = new ApiOnlyPostgresFactory();
        await api.IssueKeyAsync("migrate", Roles.Auditor); // the database is migrated before any host process starts on it
        var push = new PushInFlight(api, lab, "two-host-bng", "lab-two-hosts");
        var workdir = Directory.CreateTempSubdirectory("op25b-two-hosts-").FullName;
        var a = ExternalHost.Start(api.Database.ConnectionString, Path.Combine(workdir, "a"), output, HostProcess.FreeTcpPort(), "host A");
        var b = ExternalHost.Start(api.Database.ConnectionString, Path.Combine(workdir, "b"), output, HostProcess.FreeTcpPort(), "host B");
        try
        {
            await Task.WhenAll(a.ReadyAsync(TimeSpan.FromSeconds(90)), b.ReadyAsync(TimeSpan.FromSeconds(90)));
            await push.RegisterAsync(TimeSpan.FromSeconds(90));
            var running = await push.ApproveAndCatchAsync();
            // Kill whichever host claimed the push (its owner names its process); the other one lives on.
            var pusher = running.Owner!.Split('/')[1] == a.ProcessId.ToString() ? a : b;
            pusher.Kill();
            output.WriteLine($"killed {(pusher == a ? "host A" : "host B")} (SIGKILL) while it ran deployment {running.Id}; the other host runs on");
            lab.HoldRouterCommands("read", TimeSpan.Zero);

            await push.ConvergedAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(DeploymentState.Abandoned, (await push.SettledAsync(output.WriteLine))[running.Id]);
        }
        finally
        {
            lab.HoldRouterCommands("read", TimeSpan.Zero);
            a.Dispose();
            b.Dispose();
            Directory.Delete(workdir, recursive: true);
        }
    }
}
