using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Op25b.Api.Tests.Features.Exports;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Lab;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// The whole system against a real nftables router in network namespaces, driven only through
/// the API: exemption decisions reach the router by themselves (compile job → deploy job →
/// SSH push with a pinned host key), and port 25 is blocked or allowed for real traffic.
/// </summary>
[Collection(LabApiCollection.Name)]
public sealed class EndToEndLabTests(LabNetwork lab, LabApiFactory api, ITestOutputHelper output)
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    private async Task<HttpClient> NetAsync() => await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);

    private async Task RegisterLabRouterAsync(HttpClient net, string name, string group, string hostKey)
    {
        await (await net.PutAsJsonAsync($"/api/v1/routers/{name}", new
        {
            platform = "nftables", routerGroup = group, managementHost = lab.Router.Host, managementPort = lab.Router.Port,
            sshUser = lab.Router.User, credentialRef = $"file:{lab.Router.PrivateKeyPath}", hostKeySha256 = hostKey,
        })).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Waits until the router runs the newest version of its group and returns the elapsed time.</summary>
    private async Task<JsonNode> WaitForLiveAsync(HttpClient client, string router, string? notHash, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await (await client.GetAsync($"/api/v1/routers/{router}")).ExpectAsync(HttpStatusCode.OK);
            var live = state["live"]?["hash"]?.GetValue<string>();
            if (live is not null && live != notHash)
                return state;
            var failed = (await (await client.GetAsync($"/api/v1/deployments?router={router}&state=failed")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.True(failed.Count == 0, failed.Count == 0 ? "" : $"deployment failed: {failed[0]!["output"]}");
            if (clock.Elapsed > timeout)
            {
                var recent = await (await client.GetAsync($"/api/v1/deployments?router={router}&pageSize=5")).Content.ReadAsStringAsync();
                var versions = await (await client.GetAsync("/api/v1/rulesets?pageSize=5")).Content.ReadAsStringAsync();
                Assert.Fail($"router {router} did not get a new version within {timeout}; deployments: {recent}; versions: {versions}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"condition not met within {timeout}. {diagnostics?.Invoke()}");
            await Task.Delay(100);
        }
        return true;
    }

    private static async Task<JsonNode> WaitForDeploymentAsync(HttpClient client, string router, string state, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var items = (await (await client.GetAsync($"/api/v1/deployments?router={router}&state={state}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            if (items.FirstOrDefault() is { } found)
                return found;
            Assert.True(clock.Elapsed < timeout, $"no {state} deployment for {router} within {timeout}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Exemptions_reach_the_router_by_themselves_and_port_25_is_blocked_or_allowed_for_real()
    {
        if (!lab.IsAvailable(output))
            return;
        var net = await NetAsync();
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var deskA = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var deskB = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);

        var policy = await net.GetAsync("/api/v1/policy");
        await (await net.PutAsJsonAsync("/api/v1/policy", new { action = "reject-tcp-reset", logging = true, nflogGroup = 1, logPrefix = "OP25B-DROP ", logRatePerSecond = 50, maxRemovedShare = 0.5 }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = "lab", prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = "lab", prefix = "2001:db8:100::/48" })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/relays", new { prefix = "203.0.113.25" })).ExpectAsync(HttpStatusCode.Created);
        await RegisterLabRouterAsync(net, "lab-bng", "lab", lab.Router.HostKeySha256);
        var first = await WaitForLiveAsync(net, "lab-bng", null, TimeSpan.FromSeconds(60));
        output.WriteLine($"first version live: {first["live"]}");

        // s1 is a dynamic line: who holds 100.64.1.10 is known only from accounting.
        var s1 = await Provisioning.SubscriberAsync(crm, "dynamic-residential");
        await (await crm.PostAsJsonAsync("/api/v1/accounting-events", new
        {
            events = new[] { new { type = "start", nasId = "lab-bng", sessionId = "s1-session", subscriberExternalId = s1, framedIp = "100.64.1.10", delegatedPrefix = "2001:db8:100:1::/64" } },
        })).ExpectAsync(HttpStatusCode.OK);
        var s2 = await Provisioning.SubscriberAsync(crm, "static-business", "100.64.2.10/32", "2001:db8:100:2::/64");
        Assert.NotEqual(s1, s2);

        // Nobody is exempt yet: both hosts are blocked on 25, and submission ports work.
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV6, 25, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 587, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 465, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 587, Probe));

        // The router logs each blocked attempt to NFLOG; ulogd2 in the router namespace ships it as
        // JSON to the host, which stores it attributed to s1 through the accounting session.
        await WaitUntilAsync(() => Task.FromResult(File.Exists(api.UlogdSocket)), TimeSpan.FromSeconds(10));
        await lab.StartUlogdAsync(api.UlogdSocket, "lab-bng");
        var blockedAt = Stopwatch.StartNew();
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 25, Probe));
        var seen = await WaitUntilAsync(async () =>
        {
            var items = (await (await deskA.GetAsync($"/api/v1/attempts?subscriber={s1}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            return items.Any(a => a!["sourceIp"]!.GetValue<string>() == "100.64.1.10") && items.Any(a => a!["sourceIp"]!.GetValue<string>().StartsWith("2001:db8:100:1:"));
        }, TimeSpan.FromSeconds(15), () => $"ulogd log: {lab.ReadLog()}");
        output.WriteLine($"blocked attempt → stored and attributed: {blockedAt.Elapsed.TotalMilliseconds:F0} ms");
        var attempt = (await (await deskA.GetAsync($"/api/v1/attempts?subscriber={s1}&pageSize=1")).ExpectAsync(HttpStatusCode.OK))["items"]![0]!;
        Assert.Equal("lab-bng", attempt["router"]!.GetValue<string>());
        Assert.Equal("ulogd", attempt["channel"]!.GetValue<string>());
        Assert.Equal(25, attempt["destinationPort"]!.GetValue<int>());
        _ = seen;

        var requested = await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = s2, prefixes = new[] { "100.64.2.10/32", "2001:db8:100:2::/64" }, justification = "own MTA, PTR set",
        })).ExpectAsync(HttpStatusCode.Created);
        var exemptionId = requested["id"]!.GetValue<long>();
        var before = first["live"]!["hash"]!.GetValue<string>();
        var approvedAt = Stopwatch.StartNew();
        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{exemptionId}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        var exempted = await WaitForLiveAsync(net, "lab-bng", before, TimeSpan.FromSeconds(30));
        output.WriteLine($"approve → enforced on the router: {approvedAt.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV6, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 25, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 465, Probe));

        var whatIf = await (await net.GetAsync($"/api/v1/routers/lab-bng/what-if?source=100.64.2.10")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("exemption", whatIf["decidedBy"]!.GetValue<string>());
        Assert.True(whatIf["live"]!.GetValue<bool>());

        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{exemptionId}/revoke", new { reason = "spam reported" })).ExpectAsync(HttpStatusCode.OK);
        // Revoking the only live exemption removes 100% of them: the mass-removal guard holds the
        // version until a network admin confirms it; then the push runs by itself.
        var held = await WaitForDeploymentAsync(net, "lab-bng", "held", TimeSpan.FromSeconds(30));
        await (await net.PostAsJsonAsync($"/api/v1/deployments/{held["id"]}/confirm", new { reason = "abuse revocation, intended" }))
            .ExpectAsync(HttpStatusCode.OK);
        await WaitForLiveAsync(net, "lab-bng", exempted["live"]!["hash"]!.GetValue<string>(), TimeSpan.FromSeconds(30));
        Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, Probe));
        Assert.False(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV6, 25, Probe));
        Assert.True(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 587, Probe));

        var deployments = (await (await net.GetAsync("/api/v1/deployments?router=lab-bng")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.All(deployments.Where(d => d!["state"]!.GetValue<string>() == "succeeded"), d => Assert.Contains("done", d!["output"]!.GetValue<string>()));

        // The auditor's deployment evidence tells the same story the router lived through: the
        // three intervals in the order they went live (the last one's content, and so its hash, is
        // the first one's again), and the exempt entries of the second one
        // traced to the exemption and to the desk member who approved it.
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var evidence = await ExportTesting.JsonLinesAsync(auditor, new
        {
            type = "deployment-evidence", format = "jsonl", from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddMinutes(1), router = "lab-bng",
        });
        var live = (await (await net.GetAsync("/api/v1/routers/lab-bng")).ExpectAsync(HttpStatusCode.OK))["live"]!["hash"]!.GetValue<string>();
        Assert.Equal([before, exempted["live"]!["hash"]!.GetValue<string>(), live],
            evidence.Select(r => (Hash: r["rule_set_hash"]!.GetValue<string>(), From: r["live_from"]!.GetValue<string>())).Distinct().Select(i => i.Hash));
        var exemptRows = evidence.Where(r => r["exemption_id"]?.GetValue<long>() == exemptionId).ToList();
        Assert.NotEmpty(exemptRows);
        var approver = (await (await deskB.GetAsync($"/api/v1/exemptions/{exemptionId}")).ExpectAsync(HttpStatusCode.OK))["decidedBy"]!.GetValue<string>();
        Assert.All(exemptRows, r => Assert.Equal(approver, r["exemption_approved_by"]!.GetValue<string>()));
        _ = policy;
    }

    [Fact]
    public async Task A_router_registered_with_a_wrong_host_key_fails_and_its_rules_are_untouched()
    {
        if (!lab.IsAvailable(output))
            return;
        var net = await NetAsync();
        var before = await lab.ExecAsync(lab.RouterNs, "nft", "list", "ruleset");
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = "lab-impostor", prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await RegisterLabRouterAsync(net, "lab-impostor", "lab-impostor", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var failed = await WaitForDeploymentAsync(net, "lab-impostor", "failed", TimeSpan.FromSeconds(60));
        Assert.Contains("host key mismatch", failed["output"]!.GetValue<string>());
        var after = await lab.ExecAsync(lab.RouterNs, "nft", "list", "ruleset");
        Assert.Equal(before.Stdout, after.Stdout);
        var router = await (await net.GetAsync("/api/v1/routers/lab-impostor")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(router["live"]);
    }
}
