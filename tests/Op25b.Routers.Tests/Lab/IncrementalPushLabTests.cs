using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Routers.Nftables;
using Xunit.Abstractions;

using Op25b.Lab;

namespace Op25b.Routers.Tests.Lab;

/// <summary>
/// Increments against the real router: a one-exemption change on a large rule set travels as a
/// few lines, and an increment meant for another version than the router's fails as a whole.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class IncrementalPushLabTests(LabNetwork lab, ITestOutputHelper output)
{
    private readonly NftablesSshDriver _driver = new();

    /// <summary>The lab's pools and relay, plus <paramref name="extraPools"/> non-adjacent /32s elsewhere in 100.64.0.0/10, and the given exemptions.</summary>
    private static RuleSetContent Content(int extraPools, params (string Prefix, long Id)[] exempt) => new(
        "lab", BlockingPolicy.Default with { Action = BlockAction.RejectTcpReset, Logging = false },
        [IPNetwork.Parse("203.0.113.25/32"), IPNetwork.Parse("2001:db8:ffff::25/128")],
        exempt.Select(e => new ExemptEntry(IPNetwork.Parse(e.Prefix), [e.Id])).ToList(),
        [IPNetwork.Parse("100.64.1.0/24"), IPNetwork.Parse("100.64.2.0/24"),
         .. Enumerable.Range(0, extraPools).Select(i => new IPNetwork(new IPAddress([100, (byte)(80 + i / 32768), (byte)(i / 128 % 256), (byte)(i % 128 * 2)]), 32)),
         IPNetwork.Parse("2001:db8:100::/48")]);

    private static NftablesExpectation Expect(RuleSetContent content, long marker) =>
        new NftablesExpectation(new Dictionary<string, IReadOnlyList<IPNetwork>>
        {
            ["exempt_v4"] = RuleSetContent.OfFamily(content.Exempt.Select(e => e.Prefix), false).ToList(),
            ["pools_v4"] = RuleSetContent.OfFamily(content.Pools, false).ToList(),
        }) { Marker = marker };

    [Fact]
    public async Task A_one_exemption_increment_on_a_large_set_is_small_and_applies_only_on_the_version_it_was_made_for()
    {
        if (!lab.IsAvailable(output)) return;
        var before = Content(50_000);
        var after = Content(50_000, ("100.64.2.10/32", 7));
        var full = new NftablesRenderer().Render(before) + NftablesIncrement.Marker(1);
        Assert.True((await _driver.ApplyAsync(lab.Router, full, Expect(before, 1), CancellationToken.None)).Succeeded);

        var increment = NftablesIncrement.Render(RuleSetDiff.Between(before, after), 1, 2)!;
        var result = await _driver.ApplyIncrementAsync(lab.Router, increment,
            Expect(after, 2) with { Sets = new Dictionary<string, IReadOnlyList<IPNetwork>> { ["exempt_v4"] = [IPNetwork.Parse("100.64.2.10/32")] } },
            CancellationToken.None);

        output.WriteLine($"full replace: {full.Length:N0} bytes; increment: {increment.Length} bytes, {result.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(result.Succeeded, result.Output);
        Assert.True(increment.Length < 300);
        Assert.True(await lab.CanConnectAsync(lab.S2Ns, LabNetwork.InternetV4, 25, TimeSpan.FromSeconds(2)));
        Assert.Empty(Expect(after, 2).Compare(await _driver.ReadAsync(lab.Router, CancellationToken.None)));
        // The new marker set takes the old one's place in the listing: a drift check by digest still matches.
        Assert.Equal(NftablesListing.Digest(after, 2), await _driver.DigestAsync(lab.Router, CancellationToken.None));

        // The router is at 2 now: the same increment (made for 1) is refused whole, nothing changes.
        var stale = await _driver.ApplyIncrementAsync(lab.Router, NftablesIncrement.Render(RuleSetDiff.Between(after, before), 1, 3)!,
            Expect(before, 3), CancellationToken.None);
        Assert.False(stale.Succeeded);
        Assert.Equal(PushStage.Apply, stale.Stage);
        Assert.Contains("/dev/stdin:1:", stale.Output); // line 1: the delete of the marker this router does not hold
        Assert.Empty(Expect(after, 2).Compare(await _driver.ReadAsync(lab.Router, CancellationToken.None)));
    }
}
