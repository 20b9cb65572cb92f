using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Lab;
using Op25b.Routers.Nftables;

namespace Op25b.Benchmarks;

/// <summary>
/// One exemption approved through the API → port 25 open for that host on the lab router,
/// measured by the host itself: from the approve call until its connection to the internet
/// host's port 25 is accepted. Between runs the exemption is revoked and the block confirmed.
/// </summary>
public static class ApproveToEnforcedBenchmark
{
    public static async Task RunAsync(LabNetwork lab, int runs)
    {
        await using var host = new BenchmarkHost();
        var net = await host.ClientAsync("bench-neteng", "network-admin");
        var crm = await host.ClientAsync("bench-crm", "provisioning");
        var deskA = await host.ClientAsync("bench-desk-a", "abuse-desk");
        var deskB = await host.ClientAsync("bench-desk-b", "abuse-desk");

        // Reject with reset makes a blocked probe fail at once; a 100% removal share lets each
        // revocation through without the mass-removal hold (this loop revokes the only exemption).
        await Ok(net.PutAsJsonAsync("/api/v1/policy", new { action = "reject-tcp-reset", logging = true, nflogGroup = 1, logPrefix = "OP25B-DROP ", logRatePerSecond = 50, maxRemovedShare = 1.0 }));
        await Ok(net.PostAsJsonAsync("/api/v1/address-space", new { prefix = "100.64.0.0/10", description = "lab CGN range" }));
        await Ok(net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = "bench", prefix = "100.64.0.0/10" }));
        await Ok(net.PutAsJsonAsync("/api/v1/routers/bench-bng", new
        {
            platform = "nftables", routerGroup = "bench", managementHost = lab.Router.Host, managementPort = lab.Router.Port,
            sshUser = lab.Router.User, credentialRef = $"file:{lab.Router.PrivateKeyPath}", hostKeySha256 = lab.Router.HostKeySha256,
        }));
        await Ok(crm.PutAsJsonAsync("/api/v1/subscribers/BENCH-S2", new { displayName = "bench", productCode = "static-business" }));
        await Ok(crm.PostAsJsonAsync("/api/v1/subscribers/BENCH-S2/assignments", new { prefix = "100.64.2.10/32" }));
        await WaitUntilAsync(async () => !await Open(lab), TimeSpan.FromSeconds(60));

        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var requested = await Ok(deskA.PostAsJsonAsync("/api/v1/exemptions", new
            {
                subscriberExternalId = "BENCH-S2", prefixes = new[] { "100.64.2.10/32" }, justification = $"benchmark run {i}",
            }));
            var id = requested["id"]!.GetValue<long>();
            var clock = Stopwatch.StartNew();
            await Ok(deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { }));
            await WaitUntilAsync(() => Open(lab), TimeSpan.FromSeconds(30));
            samples.Add(clock.Elapsed.TotalMilliseconds);

            await Ok(deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "benchmark reset" }));
            await WaitUntilAsync(async () => !await Open(lab), TimeSpan.FromSeconds(30));
        }
        Console.WriteLine($"approve → enforced through the API (a handful of exemptions deployed), {runs} runs; {Figures.LoadAverage()}");
        Figures.PrintSpread("  approve → port 25 open on the lab router", samples);
    }

    /// <summary>
    /// The same change with <paramref name="deployed"/> exemptions already on the router (the
    /// workload's IPv4 hosts and IPv6 /64s, under two wide pools): from the moment the approval is
    /// known, compile the new version, diff, send the increment, and probe from the host until its
    /// connection to port 25 is accepted — what the host does after the approve call, without the
    /// database. Between runs the exemption is removed again by the reverse increment.
    /// </summary>
    public static async Task RunAtScaleAsync(LabNetwork lab, int deployed, int runs)
    {
        var s2 = IPNetwork.Parse("100.64.2.10/32");
        var workload = RuleSetWorkload.Build(poolAddresses: 2 * deployed, exemptions: deployed);
        var snapshot = workload with
        {
            Policy = BlockingPolicy.Default with { Action = BlockAction.RejectTcpReset },
            Pools = [IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("2001:db8:100::/40")],
            Exempt = [.. workload.Exempt.Where(e => !e.Prefix.Contains(s2.BaseAddress))],
        };
        var approved = snapshot with { Exempt = [.. snapshot.Exempt, new ExemptPrefix(10_000_000, s2)] };
        var before = RuleSetCompiler.Compile(snapshot).Content;
        var driver = new NftablesSshDriver();
        var version = 1L;
        var full = await driver.ApplyAsync(lab.Router, new NftablesRenderer().Render(before) + NftablesIncrement.Marker(version),
            new NftablesExpectation(new Dictionary<string, IReadOnlyList<IPNetwork>>()) { Marker = version }, CancellationToken.None);
        if (!full.Succeeded)
            throw new InvalidOperationException($"deploying {deployed} exemptions failed: {full.Output}");
        Console.WriteLine($"approve → enforced with {before.Exempt.Count:N0} exempt entries deployed ({full.Profile} for the full replace); {Figures.LoadAverage()}");

        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var after = RuleSetCompiler.Compile(approved).Content;
            var compiled = clock.Elapsed;
            var add = await IncrementAsync(driver, lab, before, after, version++);
            await WaitUntilAsync(() => Open(lab), TimeSpan.FromSeconds(30));
            samples.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  run {i + 1}: {samples[^1]:F0} ms (compile {compiled.TotalMilliseconds:F0} ms, increment of {add.Bytes} bytes: {add.Result.Profile}); {Figures.LoadAverage()}");

            await IncrementAsync(driver, lab, after, before, version++);
            await WaitUntilAsync(async () => !await Open(lab), TimeSpan.FromSeconds(30));
        }
        Figures.PrintSpread($"  approve → port 25 open, {before.Exempt.Count:N0} exempt entries deployed", samples);
    }

    private static async Task<(int Bytes, PushResult Result)> IncrementAsync(NftablesSshDriver driver, LabNetwork lab, RuleSetContent from, RuleSetContent to, long fromVersion)
    {
        var increment = NftablesIncrement.Render(RuleSetDiff.Between(from, to), fromVersion, fromVersion + 1)
            ?? throw new InvalidOperationException("no increment: the policy changed");
        var result = await driver.ApplyIncrementAsync(lab.Router, increment,
            new NftablesExpectation(new Dictionary<string, IReadOnlyList<IPNetwork>>()) { Marker = fromVersion + 1 }, CancellationToken.None);
        if (!result.Succeeded)
            throw new InvalidOperationException($"increment failed at {result.Stage}: {result.Output}");
        return (increment.Length, result);
    }

    private static Task<bool> Open(LabNetwork lab) => lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, TimeSpan.FromSeconds(1));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(25);
        }
    }

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }
}
