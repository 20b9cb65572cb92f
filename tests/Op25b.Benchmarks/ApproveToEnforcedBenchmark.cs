using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Op25b.Lab;

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
        Console.WriteLine($"approve → enforced, {runs} runs: {string.Join(", ", samples.Select(s => $"{s:F0}"))} ms");
        Figures.Print("approve → port 25 open on the lab router (median)", Figures.Median(samples), "ms", "< 3000 ms");
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
