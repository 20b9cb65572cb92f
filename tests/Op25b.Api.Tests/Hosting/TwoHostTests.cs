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

    private DateTimeOffset _bothReady;

    private ExternalHost A => _a!;
    private ExternalHost B => _b!;

    public async Task InitializeAsync()
    {
        // Both hosts start together on an empty database, as compose replicas do: they take turns
        // migrating it (before that fix one of them died with 42P07).
        _a = ExternalHost.Start(_api.Database.ConnectionString, Path.Combine(_workdir, "a"), output, HostProcess.FreeTcpPort(), "host A");
        _b = ExternalHost.Start(_api.Database.ConnectionString, Path.Combine(_workdir, "b"), output, HostProcess.FreeTcpPort(), "host B");
        await Task.WhenAll(A.ReadyAsync(TimeSpan.FromSeconds(90)), B.ReadyAsync(TimeSpan.FromSeconds(90)));
        await _api.IssueKeyAsync("seed", Roles.Auditor); // the in-process factory registers the test address space
        _bothReady = DateTimeOffset.UtcNow;
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
        await Both_hosts_ingest_the_same_day_at_once_and_the_rollups_equal_the_raw_rows();
        await A_recurring_job_runs_once_per_occurrence_not_once_per_host();
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

    private async Task Both_hosts_ingest_the_same_day_at_once_and_the_rollups_equal_the_raw_rows()
    {
        var netA = await ClientAsync(A, "collector-a", Roles.NetworkAdmin);
        var netB = await ClientAsync(B, "collector-b", Roles.NetworkAdmin);
        var router = await Provisioning.RouterAsync(netA);
        // One stream of the same hour, split across both hosts in batches sent at once, so both hosts add to the same rollup rows.
        var hour = DateTimeOffset.UtcNow.AddHours(-1);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        const int perBatch = 1_500, batches = 8;
        var sends = Enumerable.Range(0, batches).Select(b => Task.Run(async () =>
        {
            var lines = Enumerable.Range(b * perBatch, perBatch).Select(i =>
                $$"""{"occurredAt":"{{hour.AddTicks(i * 10_000L):O}}","router":"{{router}}","sourceIp":"100.64.40.{{i % 8}}","sourcePort":{{1024 + i % 60_000}},"destinationIp":"203.0.113.{{i % 200}}","destinationPort":25}""");
            var response = await (b % 2 == 0 ? netA : netB).PostAsync("/api/v1/attempts/batch",
                new StringContent(string.Join('\n', lines), System.Text.Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(perBatch, (await response.ExpectAsync(HttpStatusCode.OK))["accepted"]!.GetValue<int>());
        }));
        await Task.WhenAll(sends);

        var totals = "";
        await Eventually(() => Db(async db =>
        {
            var raw = await db.BlockedAttempts.LongCountAsync(a => a.RouterName == router);
            long[] rollups =
            [
                await db.RouterHourRollups.Where(r => r.RouterName == router).SumAsync(r => r.Attempts),
                await db.AttemptRollups.Where(r => r.RouterName == router).SumAsync(r => r.Attempts),
                await db.DestinationDayRollups.SumAsync(r => r.Attempts),
                // Attempts of nobody's address count under the unattributed subscriber.
                await db.SubscriberHourRollups.SumAsync(r => r.Attempts),
                await db.SubscriberDayRollups.SumAsync(r => r.Attempts),
            ];
            totals = $"raw {raw}, router hour / attempt / destination day / subscriber hour / subscriber day rollups [{string.Join(", ", rollups)}]";
            return raw == perBatch * batches && rollups.All(r => r == raw);
        }), TimeSpan.FromSeconds(30), () => totals);
        output.WriteLine(totals);
    }

    /// <summary>
    /// Both Hangfire servers poll the same recurring-job set: each minutely job must be triggered once per
    /// minute, not once per host. Waits for a minute boundary passed while both hosts ran.
    /// </summary>
    private async Task A_recurring_job_runs_once_per_occurrence_not_once_per_host()
    {
        string[] minutely = ["exemption-windows", "late-attribution"];
        var firstWholeMinute = new DateTimeOffset(_bothReady.Ticks - _bothReady.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        var runs = new List<(string Job, DateTime Minute, long Count, long Succeeded)>();
        await Eventually(async () =>
        {
            runs = await HangfireRunsAsync();
            return minutely.All(job => runs.Any(r => r.Job == job && r.Minute >= firstWholeMinute.UtcDateTime && r.Succeeded > 0));
        }, TimeSpan.FromSeconds(90), () => string.Join("; ", runs));
        foreach (var run in runs)
            output.WriteLine($"{run.Job} at {run.Minute:HH:mm}: {run.Count} job(s), {run.Succeeded} succeeded");
        Assert.All(runs.Where(r => minutely.Contains(r.Job)), r => Assert.Equal(1, r.Count));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM hangfire.server")); // both job servers were there to race
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The jobs Hangfire triggered from recurring jobs, counted per recurring job and minute of creation.</summary>
    private async Task<List<(string Job, DateTime Minute, long Count, long Succeeded)>> HangfireRunsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT trim(both '"' from p.value), date_trunc('minute', j.createdat), count(*), count(*) FILTER (WHERE j.statename = 'Succeeded')
            FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
            GROUP BY 1, 2 ORDER BY 2, 1
            """, connection);
        var runs = new List<(string, DateTime, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetInt64(2), reader.GetInt64(3)));
        return runs;
    }
}
