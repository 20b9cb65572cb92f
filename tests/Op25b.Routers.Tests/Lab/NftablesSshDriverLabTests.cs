using Op25b.Routers.Nftables;
using Xunit.Abstractions;

using Op25b.Lab;

namespace Op25b.Routers.Tests.Lab;

[Collection(LabCollection.Name)]
public sealed class NftablesSshDriverLabTests(LabNetwork lab, ITestOutputHelper output)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private readonly NftablesSshDriver _driver = new();

    [Fact]
    public async Task Applying_a_rule_set_blocks_port_25_from_pools_but_not_from_exempt_hosts_or_to_relays()
    {
        if (!lab.IsAvailable(output)) return;
        var rules = LabRuleSet.Standard;

        var result = await _driver.ApplyAsync(lab.Router, rules.Render(), rules.Expectation, CancellationToken.None);

        output.WriteLine($"{result.Stage} in {result.Elapsed.TotalMilliseconds:0} ms: {result.Output}");
        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(PushStage.Done, result.Stage);
        foreach (var internet in new[] { LabNetwork.InternetV4, LabNetwork.InternetV6 })
        {
            Assert.False(await lab.CanConnectAsync(lab.S1Ns, internet, 25, ConnectTimeout), $"s1 reached {internet} port 25");
            Assert.True(await lab.CanConnectAsync(lab.S1Ns, internet, 587, ConnectTimeout), $"s1 could not reach {internet} port 587");
            Assert.True(await lab.CanConnectAsync(lab.S1Ns, internet, 465, ConnectTimeout), $"s1 could not reach {internet} port 465");
            Assert.True(await lab.CanConnectAsync(lab.S2Ns, internet, 25, ConnectTimeout), $"exempt s2 could not reach {internet} port 25");
        }
    }

    [Fact]
    public async Task A_wrong_host_key_fingerprint_fails_at_connect_and_leaves_the_rules_untouched()
    {
        if (!lab.IsAvailable(output)) return;
        var rules = LabRuleSet.Standard;
        Assert.True((await _driver.ApplyAsync(lab.Router, rules.Render(), rules.Expectation, CancellationToken.None)).Succeeded);
        // What an impostor would be handed: a rule set that lifts the block.
        var permissive = rules with { Pools = [] };
        var wrongPin = Convert.ToBase64String(new byte[32]).TrimEnd('=');

        var result = await _driver.ApplyAsync(lab.Router with { HostKeySha256 = wrongPin }, permissive.Render(),
            permissive.Expectation, CancellationToken.None);

        output.WriteLine(result.Output);
        Assert.False(result.Succeeded);
        Assert.Equal(PushStage.Connect, result.Stage);
        Assert.False(result.Retryable);
        Assert.Contains($"host key mismatch: expected {wrongPin}, got {lab.Router.HostKeySha256}", result.Output);
        Assert.Empty(rules.Expectation.Compare(await _driver.ReadAsync(lab.Router, CancellationToken.None)));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, ConnectTimeout));
    }

    [Fact]
    public async Task A_rule_set_the_router_rejects_leaves_the_previous_one_enforced()
    {
        if (!lab.IsAvailable(output)) return;
        var rules = LabRuleSet.Standard;
        Assert.True((await _driver.ApplyAsync(lab.Router, rules.Render(), rules.Expectation, CancellationToken.None)).Succeeded);
        // Broken at the end, after the delete: one nft -f is one transaction, so the delete never commits.
        var permissive = rules with { Pools = [] };
        var broken = permissive.Render().Replace("reject with tcp reset\n  }", "reject with tcp rest\n  }");
        Assert.NotEqual(permissive.Render(), broken);

        var result = await _driver.ApplyAsync(lab.Router, broken, permissive.Expectation, CancellationToken.None);

        output.WriteLine(result.Output);
        Assert.False(result.Succeeded);
        Assert.Equal(PushStage.Apply, result.Stage);
        Assert.False(result.OutcomeUnknown);
        Assert.Contains("Error: syntax error", result.Output);
        Assert.Contains("/dev/stdin:", result.Output);
        Assert.Empty(rules.Expectation.Compare(await _driver.ReadAsync(lab.Router, CancellationToken.None)));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, ConnectTimeout));
        Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV6, 25, ConnectTimeout));
    }

    [Fact]
    public async Task Read_back_detects_drift()
    {
        if (!lab.IsAvailable(output)) return;
        var rules = LabRuleSet.Standard;
        Assert.True((await _driver.ApplyAsync(lab.Router, rules.Render(), rules.Expectation, CancellationToken.None)).Succeeded);

        // Someone on the router exempts s1 by hand and drops the IPv6 relay.
        Assert.Equal(0, (await lab.ExecAsync(lab.RouterNs, "nft", "add element inet op25b exempt_v4 { 100.64.1.10 }")).ExitCode);
        Assert.Equal(0, (await lab.ExecAsync(lab.RouterNs, "nft", "delete element inet op25b relays_v6 { 2001:db8:ffff::25 }")).ExitCode);
        var state = await _driver.ReadAsync(lab.Router, CancellationToken.None);
        var differences = rules.Expectation.Compare(state);

        output.WriteLine(string.Join("\n", differences));
        Assert.Equal(["exempt_v4: unexpected 100.64.1.10/32", "relays_v6: missing 2001:db8:ffff::25/128"], differences);
        Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, ConnectTimeout));
    }

    [Fact]
    public async Task Reading_a_router_without_the_table_reports_it_absent()
    {
        if (!lab.IsAvailable(output)) return;
        await lab.ExecAsync(lab.RouterNs, "nft", "delete table inet op25b");

        var state = await _driver.ReadAsync(lab.Router, CancellationToken.None);

        Assert.True(state.IsAbsent);
        Assert.Equal(["table inet op25b is absent"], LabRuleSet.Standard.Expectation.Compare(state));
    }
}
