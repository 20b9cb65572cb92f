using System.Net;
using Op25b.Routers.Nftables;

namespace Op25b.Routers.Tests.Nftables;

public sealed class NftablesExpectationTests
{
    private static IReadOnlyList<IPNetwork> Prefixes(params string[] prefixes) => prefixes.Select(IPNetwork.Parse).ToList();

    private static NftablesState Router(params (string Set, IReadOnlyList<IPNetwork> Prefixes)[] sets) =>
        new(true, new HashSet<string> { "op25b_forward" }, sets.ToDictionary(s => s.Set, s => PrefixSet.Normalize(s.Prefixes)));

    private static NftablesExpectation Expect(params (string Set, IReadOnlyList<IPNetwork> Prefixes)[] sets) =>
        new(sets.ToDictionary(s => s.Set, s => s.Prefixes));

    [Fact]
    public void The_same_addresses_written_differently_match()
    {
        var expected = Expect(("relays_v4", Prefixes("203.0.113.0/25", "203.0.113.128/25", "203.0.113.5/32")));

        Assert.Empty(expected.Compare(Router(("relays_v4", Prefixes("203.0.113.0/24")))));
    }

    [Fact]
    public void Missing_and_unexpected_addresses_are_named_per_set()
    {
        var expected = Expect(("pools_v4", Prefixes("100.64.0.0/10")), ("exempt_v6", Prefixes("2001:db8:100:2::/64")));
        var router = Router(("pools_v4", Prefixes("100.64.0.0/11")), ("exempt_v6", Prefixes("2001:db8:100:2::/64", "2001:db8:100:9::1/128")));

        Assert.Equal(
            ["exempt_v6: unexpected 2001:db8:100:9::1/128", "pools_v4: missing 100.96.0.0/11"],
            expected.Compare(router));
    }

    [Fact]
    public void A_missing_set_chain_or_table_is_reported()
    {
        var expected = Expect(("pools_v6", Prefixes("2001:db8:100::/48")));

        Assert.Equal(["chain op25b_forward is absent", "set pools_v6 is absent"],
            expected.Compare(new NftablesState(true, new HashSet<string>(), new Dictionary<string, IReadOnlyList<IPNetwork>>())));
        Assert.Equal(["table inet op25b is absent"], expected.Compare(NftablesState.Absent));
    }

    [Fact]
    public void A_large_difference_is_summarised()
    {
        var many = Enumerable.Range(0, 100).Select(i => $"100.64.{i}.1/32").ToArray();
        var difference = Assert.Single(Expect(("pools_v4", Prefixes(many))).Compare(Router(("pools_v4", []))));

        Assert.StartsWith("pools_v4: missing 100.64.0.1/32, 100.64.1.1/32", difference);
        Assert.EndsWith("and 80 more", difference);
    }
}
