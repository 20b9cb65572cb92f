using System.Net;
using System.Security.Cryptography;
using System.Text;
using Op25b.Core.RuleSets;
using static Op25b.Core.Tests.RuleSets.PrefixAggregatorTests;
using static Op25b.Core.Tests.RuleSets.RuleSetExamples;

namespace Op25b.Core.Tests.RuleSets;

public sealed class RuleSetCompilerTests
{
    [Fact]
    public void Pools_relays_and_exempt_prefixes_are_aggregated_and_sorted()
    {
        var compiled = RuleSetCompiler.Compile(Snapshot(
            pools: "2001:db8:1000::/36 100.64.128.0/17 100.64.0.0/17 100.64.5.0/24",
            relays: "2001:db8:25::25/128 203.0.113.25/32 203.0.113.24/32",
            exempt: [(3, "100.64.7.0/25"), (4, "100.64.7.128/25"), (9, "2001:db8:1200::/56")]));

        Assert.Equal(["100.64.0.0/16", "2001:db8:1000::/36"], Texts(compiled.Content.Pools));
        Assert.Equal(["203.0.113.24/31", "2001:db8:25::25/128"], Texts(compiled.Content.Relays));
        Assert.Equal(["100.64.7.0/24", "2001:db8:1200::/56"], Texts(compiled.Content.Exempt.Select(e => e.Prefix)));
        Assert.Equal(Group, compiled.Content.RouterGroup);
        Assert.Same(BlockingPolicy.Default, compiled.Content.Policy);
    }

    [Fact]
    public void An_exempt_entry_names_every_exemption_whose_prefix_lies_inside_it_once_and_in_order()
    {
        var compiled = RuleSetCompiler.Compile(Snapshot(exempt:
        [
            (17, "100.64.7.128/25"), (5, "100.64.7.0/25"), (17, "100.64.7.128/25"), (11, "100.64.7.9/32"),
            (5, "100.64.9.0/24"), (8, "2001:db8:1200::/56"),
        ]));

        Assert.Equal(
            [("100.64.7.0/24", new long[] { 5, 11, 17 }), ("100.64.9.0/24", [5]), ("2001:db8:1200::/56", [8])],
            compiled.Content.Exempt.Select(e => (e.Prefix.ToString(), e.ExemptionIds.ToArray())));
    }

    [Fact]
    public void Equal_policies_hash_equally_whatever_the_order_and_duplicates_of_their_input()
    {
        var random = new Random(25);
        var exempt = new (long, string)[] { (1, "100.64.7.0/25"), (2, "100.64.7.128/25"), (3, "2001:db8:1200::/56"), (4, "100.80.0.9/32") };
        var reference = RuleSetCompiler.Compile(Snapshot(exempt: exempt));

        for (var iteration = 0; iteration < 20; iteration++)
        {
            var shuffled = exempt.Concat(exempt.Where(_ => random.Next(2) == 0)).ToArray();
            random.Shuffle(shuffled);
            var pools = Shuffled(random, "100.64.0.0/11 100.96.0.0/11 100.64.0.0/10 2001:db8:1000::/36");
            var relays = Shuffled(random, "203.0.113.25/32 2001:db8:25::25/128 203.0.113.25/32");

            var compiled = RuleSetCompiler.Compile(Snapshot(pools, relays, shuffled));

            Assert.Equal(reference.CanonicalText, compiled.CanonicalText);
            Assert.Equal(reference.Hash, compiled.Hash);
        }
    }

    [Fact]
    public void A_different_action_exemption_or_pool_changes_the_hash()
    {
        var reference = RuleSetCompiler.Compile(Snapshot(exempt: [(1, "100.64.7.0/24")])).Hash;

        Assert.NotEqual(reference, RuleSetCompiler.Compile(Snapshot(exempt: [(1, "100.64.7.0/24")],
            policy: new BlockingPolicy(BlockAction.RejectTcpReset))).Hash);
        Assert.NotEqual(reference, RuleSetCompiler.Compile(Snapshot(exempt: [(2, "100.64.7.0/24")])).Hash);
        Assert.NotEqual(reference, RuleSetCompiler.Compile(Snapshot(pools: "100.64.0.0/11 2001:db8:1000::/36",
            exempt: [(1, "100.64.7.0/24")])).Hash);
    }

    [Fact]
    public void Hash_is_the_lowercase_hex_sha256_of_the_utf8_canonical_text()
    {
        var compiled = RuleSetCompiler.Compile(Snapshot(exempt: [(1, "100.64.7.0/24")]));

        Assert.Equal(RuleSetCanonical.Serialize(compiled.Content), compiled.CanonicalText);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compiled.CanonicalText))), compiled.Hash);
        Assert.Matches("^[0-9a-f]{64}$", compiled.Hash);
    }

    [Fact]
    public void A_complete_policy_compiles_without_warnings() =>
        Assert.Empty(RuleSetCompiler.Compile(Snapshot(exempt: [(1, "100.64.7.0/24"), (2, "2001:db8:1200::/56")])).Warnings);

    [Fact]
    public void Exempt_prefixes_outside_every_pool_are_reported_in_one_warning_as_changing_nothing()
    {
        var compiled = RuleSetCompiler.Compile(Snapshot(exempt:
            [(12, "198.51.100.0/24"), (12, "198.51.100.0/24"), (7, "2001:db8:2000::/48"), (3, "100.64.7.0/24")]));

        Assert.Equal(
            ["2 exempt prefixes lie outside every subscriber pool of group lab-east and change nothing: exemption 7 prefix 2001:db8:2000::/48, exemption 12 prefix 198.51.100.0/24."],
            compiled.Warnings);
    }

    [Fact]
    public void Thousands_of_exempt_prefixes_outside_every_pool_make_one_warning_with_a_count_and_three_examples()
    {
        var outside = Enumerable.Range(0, 5_000).Select(i => ((long)i + 1, $"198.51.{i / 256 % 256}.{i % 256}/32")).ToArray();
        var warning = Assert.Single(RuleSetCompiler.Compile(Snapshot(exempt: outside)).Warnings);
        Assert.StartsWith("5000 exempt prefixes lie outside every subscriber pool of group lab-east and change nothing: exemption 1 prefix 198.51.0.0/32, exemption 2 prefix 198.51.0.1/32, exemption 3 prefix 198.51.0.2/32 and 4997 more.", warning);
    }

    [Fact]
    public void An_exempt_prefix_that_overlaps_a_pool_in_part_is_not_reported() =>
        Assert.Empty(RuleSetCompiler.Compile(Snapshot(exempt: [(1, "100.0.0.0/8")])).Warnings);

    [Fact]
    public void Pools_in_ipv4_only_warn_that_ipv6_port_25_is_not_blocked() =>
        Assert.Equal(
            ["IPv6 has no deny term: IPv6 port 25 is not blocked in group lab-east."],
            RuleSetCompiler.Compile(Snapshot(pools: "100.64.0.0/10")).Warnings);

    [Fact]
    public void Pools_in_ipv6_only_warn_that_ipv4_port_25_is_not_blocked() =>
        Assert.Equal(
            ["IPv4 has no deny term: IPv4 port 25 is not blocked in group lab-east."],
            RuleSetCompiler.Compile(Snapshot(pools: "2001:db8:1000::/36")).Warnings);

    [Fact]
    public void No_pools_at_all_warn_for_both_families_and_for_every_exemption()
    {
        var warnings = RuleSetCompiler.Compile(Snapshot(pools: "", exempt: [(4, "2001:db8:1200::/56")])).Warnings;

        Assert.Equal(
            [
                "IPv4 has no deny term: IPv4 port 25 is not blocked in group lab-east.",
                "IPv6 has no deny term: IPv6 port 25 is not blocked in group lab-east.",
                "Exemption 4 prefix 2001:db8:1200::/56 lies outside every subscriber pool of group lab-east: it changes nothing.",
            ],
            warnings);
    }

    [Fact]
    public void An_empty_router_group_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => RuleSetCompiler.Compile(Snapshot() with { RouterGroup = " " }));

    private static string Shuffled(Random random, string prefixes)
    {
        var items = prefixes.Split(' ');
        random.Shuffle(items);
        return string.Join(' ', items);
    }
}
