using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Lab;
using Op25b.Routers.Nftables;
using Xunit.Abstractions;

namespace Op25b.Routers.Tests.Lab;

/// <summary>
/// Cheap verification against the real nft 1.0.6: the router lists a pushed rule set byte for byte
/// as <see cref="NftablesListing"/> predicts (IPv4 and IPv6, hosts, prefixes, adjacent prefixes,
/// comments, the marker), so its 64-hex-digit digest can stand for the table — and a table changed
/// behind our back no longer matches.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ListingDigestLabTests(LabNetwork lab, ITestOutputHelper output)
{
    private readonly NftablesSshDriver _driver = new();

    private static ExemptEntry Exempt(string prefix, params long[] ids) => new(IPNetwork.Parse(prefix), ids);

    /// <summary>Out of address order on purpose: the kernel sorts, so the listing must too.</summary>
    private static RuleSetContent Content(BlockingPolicy policy) => new(
        "lab", policy,
        [IPNetwork.Parse("203.0.113.25/32"), IPNetwork.Parse("2001:db8:ffff::25/128")],
        [
            Exempt("100.64.3.0/24", 7), Exempt("100.64.2.10/32", 3, 1), Exempt("100.64.4.0/24", 8), Exempt("100.64.5.0/30", 9),
            Exempt("100.64.9.9/32", [.. Enumerable.Range(100, 60).Select(i => (long)i)]),
            Exempt("2001:db8:100:3::10/128", 5), Exempt("2001:db8:100:2::/64", 1), Exempt("2001:0:0:1::/64", 11),
        ],
        [IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("2001:db8:100::/48")]);

    public static TheoryData<string> Policies => ["drop, logged", "reject with reset, not logged"];

    private static BlockingPolicy Policy(string name) => name == "drop, logged"
        ? BlockingPolicy.Default
        : BlockingPolicy.Default with { Action = BlockAction.RejectTcpReset, Logging = false };

    private async Task<RuleSetContent> PushAsync(string policy, long version)
    {
        var content = Content(Policy(policy));
        var script = new NftablesRenderer().Render(content) + NftablesIncrement.Marker(version);
        var expected = NftablesExpectationFor(content) with { Marker = version, Digest = NftablesListing.Digest(content, version) };
        var result = await _driver.ApplyAsync(lab.Router, script, expected, CancellationToken.None);
        output.WriteLine($"{result.Stage}: {result.Profile} {result.Output}");
        Assert.True(result.Succeeded, result.Output);
        return content;
    }

    private static NftablesExpectation NftablesExpectationFor(RuleSetContent content) =>
        new(new Dictionary<string, IReadOnlyList<IPNetwork>> { ["exempt_v4"] = [.. RuleSetContent.OfFamily(content.Exempt.Select(e => e.Prefix), false)] });

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task The_router_lists_a_pushed_rule_set_exactly_as_predicted_and_its_digest_verifies_the_push(string policy)
    {
        if (!lab.IsAvailable(output)) return;
        var content = await PushAsync(policy, 4_711);

        var listing = await lab.ExecAsync(lab.RouterNs, "nft", "list", "table", "inet", "op25b");
        Assert.Equal(NftablesListing.Text(content, 4_711), listing.Stdout);
        Assert.Equal(NftablesListing.Digest(content, 4_711), await _driver.DigestAsync(lab.Router, CancellationToken.None));
    }

    [Fact]
    public async Task A_table_changed_behind_our_back_no_longer_matches_the_digest_and_a_push_expecting_another_listing_fails_verification()
    {
        if (!lab.IsAvailable(output)) return;
        var content = await PushAsync("drop, logged", 12);
        var expected = NftablesListing.Digest(content, 12);

        await lab.ExecAsync(lab.RouterNs, "nft", "add", "element", "inet", "op25b", "exempt_v4", "{ 100.64.1.10 }");
        Assert.NotEqual(expected, await _driver.DigestAsync(lab.Router, CancellationToken.None));
        await lab.ExecAsync(lab.RouterNs, "nft", "delete", "element", "inet", "op25b", "exempt_v4", "{ 100.64.1.10 }");
        Assert.Equal(expected, await _driver.DigestAsync(lab.Router, CancellationToken.None));

        // A push whose result the router lists differently from what we expect (here: another marker) is not `done`.
        var script = new NftablesRenderer().Render(content) + NftablesIncrement.Marker(13);
        var result = await _driver.ApplyAsync(lab.Router, script,
            NftablesExpectationFor(content) with { Marker = 13, Digest = expected }, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(PushStage.Verify, result.Stage);
        Assert.Contains("listing digest", result.Output);
    }
}
