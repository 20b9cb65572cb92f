using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Api.Tests.Lab;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Persistence;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Hosting;

/// <summary>
/// Two real host processes, each with its own ports, folders and Hangfire server, on one PostgreSQL:
/// the deployment the product scales out to. Whatever decides correctness lives in the database, so
/// it must not matter which host a request or a job lands on.
/// </summary>
public sealed class TwoHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ApiOnlyPostgresFactory _api = new(); // makes keys and reads the database; runs no jobs
    private readonly string _workdir = Directory.CreateTempSubdirectory("op25b-two-hosts-").FullName;
    private ExternalHost? _a, _b;

    private ExternalHost A => _a!;
    private ExternalHost B => _b!;

    public async Task InitializeAsync()
    {
        await _api.IssueKeyAsync("migrate", Roles.Auditor); // the database exists and is migrated before either host starts
        _a = ExternalHost.Start(_api.Database.ConnectionString, Path.Combine(_workdir, "a"), output, HostProcess.FreeTcpPort(), "host A");
        _b = ExternalHost.Start(_api.Database.ConnectionString, Path.Combine(_workdir, "b"), output, HostProcess.FreeTcpPort(), "host B");
        await Task.WhenAll(A.ReadyAsync(TimeSpan.FromSeconds(90)), B.ReadyAsync(TimeSpan.FromSeconds(90)));
    }

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_workdir, recursive: true);
    }

    private Task<T> Db<T>(Func<AdminDbContext, Task<T>> query) => _api.WithScopeAsync(sp => query(sp.GetRequiredService<AdminDbContext>()));

    private async Task<HttpClient> ClientAsync(ExternalHost host, string name, string role) => host.Client(await _api.IssueKeyAsync(name, role));

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"not within {timeout}: {what()}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Two_hosts_on_one_database_act_as_one_system()
    {
        await One_approval_makes_one_deployment_per_router_whichever_host_runs_the_jobs();
        await A_console_session_and_its_antiforgery_token_from_one_host_work_on_the_other();
    }

    private async Task One_approval_makes_one_deployment_per_router_whichever_host_runs_the_jobs()
    {
        const string group = "two-hosts";
        string[] routers = ["two-hosts-mx1", "two-hosts-mx2"];
        var net = await ClientAsync(A, "neteng", Roles.NetworkAdmin);
        var crm = await ClientAsync(A, "crm", Roles.Provisioning);
        var deskA = await ClientAsync(A, "desk-a", Roles.AbuseDesk);
        var deskB = await ClientAsync(A, "desk-b", Roles.AbuseDesk);
        var confirmer = await ClientAsync(B, "neteng-b", Roles.NetworkAdmin);

        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        foreach (var router in routers)
            await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
            {
                platform = "junos", routerGroup = group, managementHost = "2001:db8:ff00::11", managementPort = 22, sshUser = "op25b",
                credentialRef = "file:/nonexistent/op25b-test-key", hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            })).ExpectAsync(HttpStatusCode.Created);

        // Export-mode routers: each deployment waits for the operator; confirm the first so the router runs the newest version.
        string state = "";
        async Task<bool> EachRouterAwaitsTheNewest(int count) => await Db(async db =>
        {
            var newest = await db.RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == group).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
            var deployments = await db.Deployments.AsNoTracking().Where(d => d.Router!.RouterGroup == group)
                .Select(d => new { Router = d.Router!.Name, d.Hash, d.State }).ToListAsync();
            var pending = await db.PolicyChangeRequests.CountAsync();
            state = $"newest {newest?.Hash[..8]}, pending {pending}, deployments [{string.Join(", ", deployments.Select(d => $"{d.Router} {d.Hash[..8]} {d.State}"))}]";
            return newest is not null && pending == 0 && routers.All(r =>
                deployments.Count(d => d.Router == r) == count
                && deployments.Any(d => d.Router == r && d.Hash == newest.Hash && d.State == DeploymentState.AwaitingExternalApply));
        });
        await Eventually(() => EachRouterAwaitsTheNewest(1), TimeSpan.FromSeconds(30), () => state);
        foreach (var id in await Db(db => db.Deployments.Where(d => d.Router!.RouterGroup == group).Select(d => d.Id).ToListAsync()))
            await (await confirmer.PostAsJsonAsync($"/api/v1/deployments/{id}/external-apply", new { applied = true, output = "commit complete" }))
                .ExpectAsync(HttpStatusCode.OK);

        var s = await Provisioning.SubscriberAsync(crm, "static-business", "100.64.20.8/29");
        var exemption = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = s, prefixes = new[] { "100.64.20.8/29" }, justification = "own MTA",
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/approve", new { })).ExpectAsync(HttpStatusCode.OK);

        await Eventually(() => EachRouterAwaitsTheNewest(2), TimeSpan.FromSeconds(30), () => state);
        // Both hosts' reconcilers look again every second: a few rounds on each must plan nothing more.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(await EachRouterAwaitsTheNewest(2), state);
        output.WriteLine(state);
    }

    private async Task A_console_session_and_its_antiforgery_token_from_one_host_work_on_the_other()
    {
        var user = $"desk-{Guid.NewGuid().ToString("N")[..6]}";
        await _api.WithScopeAsync(sp => sp.GetRequiredService<ConsoleUserRegistry>()
            .CreateAsync(user, [Roles.AbuseDesk], ConsoleCookies.Password, AuditActor.System, CancellationToken.None));
        using var a = A.Client();
        using var b = B.Client();
        var cookies = await ConsoleCookies.SignInAsync(a, user);

        Assert.True(await ConsoleCookies.OpensAsync(b, "/ops/exemptions", cookies));
        // A form token issued by A, posted to B: signing out there ends the session for both hosts.
        var (_, token) = await ConsoleCookies.FormTokenAsync(a, "/ops", cookies);
        var signOut = await ConsoleCookies.PostFormAsync(b, "/ops/logout", cookies, token, []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/ops/login", signOut.Headers.Location!.OriginalString);
        // A trusts a positive check for ConsoleSessionPolicy.CheckCachedFor (5 s) before asking the database again.
        await Task.Delay(ConsoleSessionPolicy.Default.CheckCachedFor + TimeSpan.FromSeconds(1));
        Assert.False(await ConsoleCookies.OpensAsync(a, "/ops", cookies));
    }
}
